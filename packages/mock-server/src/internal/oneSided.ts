/**
 * How an endpoint reads a window with an end and no start where its docs only say what no
 * window means ("the last 7 days"): `week`, the 7 days before the end (the reading real
 * clients such as CCXT's backward paging rely on), or `unbounded`, everything up to the
 * end (within retention).
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect, Schema } from "effect"

export const EndOnly = Schema.Literal("week", "unbounded")

export type EndOnly = typeof EndOnly.Type

export const flag = (name: string, description: string) =>
  Options.text(name).pipe(
    Options.withDescription(`${description}: week (the 7 days before the end, the default) or unbounded.`),
    Options.optional,
    Options.mapEffect((o) =>
      o._tag === "None"
        ? Effect.succeed(undefined)
        : Schema.is(EndOnly)(o.value)
        ? Effect.succeed(o.value)
        : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${name}: expected week or unbounded, received ${o.value}`)))
    )
  )
