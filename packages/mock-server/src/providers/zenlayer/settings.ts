/**
 * Zenlayer's settings where its docs are silent: the `pageSize` when none is sent and
 * how far `X-ZC-Timestamp` may be from the mock's clock.
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect, Schema } from "effect"
import type * as MockProvider from "../../MockProvider.js"

export interface Settings {
  /** pageSize when none is sent (undocumented). */
  readonly defaultPageSize: number
  /** How far `X-ZC-Timestamp` may be from the mock's clock, in seconds (undocumented). */
  readonly timestampToleranceSeconds: number
}

/** Pages hold 20 by default; timestamps within 300 seconds are accepted. */
export const settings: MockProvider.Settings<Settings> = {
  defaults: { defaultPageSize: 20, timestampToleranceSeconds: 300 },
  patch: Schema.partialWith(Schema.Struct({
    defaultPageSize: Schema.Int.pipe(Schema.between(1, 5000)),
    timestampToleranceSeconds: Schema.Int.pipe(Schema.nonNegative())
  }), { exact: true })
}

export const defaultPageSizeFlag = Options.integer("zenlayer-default-page-size").pipe(
  Options.withDescription("Zenlayer pageSize when a request sends none."),
  Options.withDefault(settings.defaults.defaultPageSize),
  Options.mapEffect((n) =>
    n >= 1 && n <= 5000
      ? Effect.succeed(n)
      : Effect.fail(ValidationError.invalidValue(HelpDoc.p("--zenlayer-default-page-size must be between 1 and 5000")))
  )
)
