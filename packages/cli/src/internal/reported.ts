/**
 * How a command ends on an error: one line on stderr (after the final progress status),
 * the whole error at `--log-level debug`, and the exit code in `Reported`.
 */
import { Effect } from "effect"
import { Reported } from "../Failure.js"
import * as Progress from "../Progress.js"

export const reported = <E>(render: (error: E) => { readonly code: number; readonly line: string }) => (error: E) =>
  Effect.gen(function*() {
    const progress = yield* Progress.Progress
    const { code, line } = render(error)
    // The whole error (a decode tree, a cause) for --log-level debug; the person gets the line.
    yield* Effect.logDebug(line, error)
    yield* progress.done
    yield* progress.note(line)
    return yield* Effect.fail(new Reported({ code }))
  })
