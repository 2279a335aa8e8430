/**
 * Cryptomus' settings where its docs are silent: the zone `date_from`/`date_to` are read
 * in and the items per page.
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect, Schema } from "effect"
import type * as MockProvider from "../../MockProvider.js"

export interface Settings {
  /** The offset from UTC, in minutes east, in which `date_from`/`date_to` are read. */
  readonly utcOffsetMinutes: number
  /** Items per page (15 like the documented example). */
  readonly perPage: number
}

/** UTC, 15 items per page. */
export const settings: MockProvider.Settings<Settings> = {
  defaults: { utcOffsetMinutes: 0, perPage: 15 },
  patch: Schema.partialWith(Schema.Struct({
    utcOffsetMinutes: Schema.Int.pipe(Schema.between(-14 * 60, 14 * 60)),
    perPage: Schema.Int.pipe(Schema.between(1, 1000))
  }), { exact: true })
}

/**
 * Parses a UTC offset such as `+03:00`, `-05:30` or `Z`, in minutes east of UTC.
 */
export const parseUtcOffset = (input: string): number | undefined => {
  if (input === "Z" || input === "UTC") return 0
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(input)
  if (m === null || Number(m[2]) > 14 || Number(m[3]) > 59) return undefined
  const minutes = Number(m[2]) * 60 + Number(m[3])
  return m[1] === "-" ? -minutes : minutes
}

const invalid = (message: string) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(message)))

export const utcOffsetFlag = Options.text("cryptomus-utc-offset").pipe(
  Options.withDescription("Offset from UTC in which Cryptomus date_from/date_to are read, e.g. +03:00."),
  Options.withDefault("+00:00"),
  Options.mapEffect((s) => {
    const minutes = parseUtcOffset(s)
    return minutes === undefined ? invalid(`--cryptomus-utc-offset: expected ±HH:MM, received ${s}`) : Effect.succeed(minutes)
  })
)

export const perPageFlag = Options.integer("cryptomus-per-page").pipe(
  Options.withDescription("Cryptomus items per page."),
  Options.withDefault(settings.defaults.perPage),
  Options.mapEffect((n) => (n >= 1 && n <= 1000 ? Effect.succeed(n) : invalid("--cryptomus-per-page must be between 1 and 1000")))
)
