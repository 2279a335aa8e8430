/**
 * A command handler loaded when the command runs: a subcommand's dependencies (the SQL
 * clients of `sync`) are not loaded by `--help` or by the other subcommands.
 */
import { Effect } from "effect"

export const handler = <A, E, R>(
  load: () => Promise<{ readonly handler: (input: A) => Effect.Effect<void, E, R> }>
) =>
(input: A): Effect.Effect<void, E, R> => Effect.flatMap(Effect.promise(load), (module) => module.handler(input))
