/**
 * Exact time. Every wire format a provider uses decodes to `DateTime.Utc`, and impossible
 * calendar dates (`2023-02-30`) are rejected instead of rolled over.
 *
 * @since 0.1.0
 */
import type { FastCheck } from "effect"
import { DateTime, Either, Option, ParseResult, Schema } from "effect"

interface Parts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly millisecond: number
}

const daysIn = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
    : month === 4 || month === 6 || month === 9 || month === 11
    ? 30
    : 31

// The instant of a calendar time, or none where a field is out of range (a date that
// would roll over, such as 2023-02-30 or 24:00:00).
const millisOf = (p: Parts): Option.Option<number> => {
  if (
    p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysIn(p.year, p.month) || p.hour > 23 || p.minute > 59 ||
    p.second > 59
  ) return Option.none()
  return Option.some(p.year >= 100 ? Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) : millisOfEarly(p))
}

// Date.UTC maps years 0-99 to 1900-1999, so for those the year is set separately.
const millisOfEarly = (p: Parts): number => {
  const date = new Date(0)
  date.setUTCFullYear(p.year, p.month - 1, p.day)
  return date.setUTCHours(p.hour, p.minute, p.second, p.millisecond)
}

const partsOf = (millis: number): Parts => {
  const date = new Date(millis)
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds()
  }
}

const pad = (n: number, width = 2) => n.toString().padStart(width, "0")

// The text formats write four-digit years, so they can only encode 0000-01-01T00:00:00.000Z
// to 9999-12-31T23:59:59.999Z: outside that, encoding fails rather than write a string that
// would not decode (`+010000-...`).
const fourDigitYears = { min: -62_167_219_200_000, max: 253_402_300_799_999 }

const encodeText = (
  utc: DateTime.Utc,
  shiftMillis: number,
  ast: import("effect/SchemaAST").AST,
  format: (utc: DateTime.Utc) => string
) => {
  const local = DateTime.toEpochMillis(utc) + shiftMillis
  return local >= fourDigitYears.min && local <= fourDigitYears.max
    ? ParseResult.succeed(format(utc))
    : ParseResult.fail(new ParseResult.Type(ast, utc, `${DateTime.formatIso(utc)} is outside the years 0000 to 9999`))
}

/** For `Arbitrary.make`: times the text formats can encode, in `step` milliseconds. */
const encodableTimes = (shiftMillis: number, step: number) => () => (fc: typeof FastCheck) =>
  fc.integer({
    min: Math.ceil((fourDigitYears.min - shiftMillis) / step),
    max: Math.floor((fourDigitYears.max - shiftMillis) / step)
  }).map((n) => DateTime.unsafeMake(n * step))

const utcOf = (millis: number, input: unknown, ast: import("effect/SchemaAST").AST) =>
  Option.match(DateTime.make(millis), {
    onNone: () => ParseResult.fail(new ParseResult.Type(ast, input, `${millis} is outside the supported time range`)),
    onSome: (dt) => ParseResult.succeed(DateTime.toUtc(dt))
  })

/**
 * Epoch milliseconds as a JSON number (`1695835259000`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const EpochMillis: Schema.Schema<DateTime.Utc, number> = Schema.transformOrFail(
  Schema.Number.pipe(Schema.int()),
  Schema.DateTimeUtcFromSelf,
  {
    strict: true,
    decode: (millis, _, ast) => utcOf(millis, millis, ast),
    encode: (utc) => ParseResult.succeed(DateTime.toEpochMillis(utc))
  }
).annotations({ identifier: "EpochMillis" })

const epochDigits = /^-?(?:0|[1-9][0-9]{0,15})$/

/**
 * Parses epoch milliseconds written as a string of digits (`"1695835259000"`), as
 * `EpochMillisString` reads them: an optional `-`, no leading zeros, at most 16 digits.
 *
 * @since 0.2.0
 * @category parsing
 */
export const parseEpochMillis = (input: string): Either.Either<number, string> =>
  epochDigits.test(input)
    ? Either.right(Number(input))
    : Either.left(`Expected epoch milliseconds as digits, received ${JSON.stringify(input)}`)

/**
 * Epoch milliseconds as a string of digits (`"1695835259000"`, WOO X Pro's `time`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const EpochMillisString: Schema.Schema<DateTime.Utc, string> = Schema.transformOrFail(
  Schema.String,
  Schema.DateTimeUtcFromSelf,
  {
    strict: true,
    decode: (input, _, ast) =>
      Either.match(parseEpochMillis(input), {
        onLeft: (message) => ParseResult.fail(new ParseResult.Type(ast, input, message)),
        onRight: (millis) => utcOf(millis, input, ast)
      }),
    encode: (utc) => ParseResult.succeed(DateTime.toEpochMillis(utc).toString())
  }
).annotations({ identifier: "EpochMillisString" })

/** The number the ASCII digits of `text[at, at + count)` write, or -1 if one is not a digit. */
const digitsAt = (text: string, at: number, count: number): number => {
  let n = 0
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

/**
 * The fields of `YYYY-MM-DDTHH:mm:ss[.f]Z`, read character by character (a regular
 * expression and its captures cost more than the rest of a record). Up to 9 fraction digits:
 * Cryptomus sends microseconds (`.000000Z`). Time is kept to the millisecond, so digits past
 * the third are dropped (the original record keeps them).
 */
const isoParts = (input: string): Parts | undefined => {
  const n = input.length
  if (n < 20 || input.charCodeAt(n - 1) !== 90) return undefined // Z
  const fraction = n - 21
  if (n > 20 && (input.charCodeAt(19) !== 46 || fraction < 1 || fraction > 9 || digitsAt(input, 20, fraction) < 0)) {
    return undefined
  }
  if (
    input.charCodeAt(4) !== 45 || input.charCodeAt(7) !== 45 || input.charCodeAt(10) !== 84 || // - - T
    input.charCodeAt(13) !== 58 || input.charCodeAt(16) !== 58 // : :
  ) return undefined
  const year = digitsAt(input, 0, 4)
  const month = digitsAt(input, 5, 2)
  const day = digitsAt(input, 8, 2)
  const hour = digitsAt(input, 11, 2)
  const minute = digitsAt(input, 14, 2)
  const second = digitsAt(input, 17, 2)
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined
  // The first three fraction digits, missing ones as zeros.
  const millisecond = n === 20 ? 0 : digitsAt(input, 20, Math.min(3, fraction)) * 10 ** Math.max(0, 3 - fraction)
  return { year, month, day, hour, minute, second, millisecond }
}

/**
 * Parses ISO-8601 UTC (`2023-08-15T09:47:01Z`, optionally with up to 9 fraction digits,
 * kept to the millisecond).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseIso = (input: string): Either.Either<number, string> => {
  const parts = isoParts(input)
  const millis = parts === undefined ? Option.none() : millisOf(parts)
  return Either.fromOption(millis, () => `Expected an ISO-8601 UTC time such as "2023-08-15T09:47:01Z", received ${JSON.stringify(input)}`)
}

/**
 * Formats ISO-8601 UTC, with milliseconds only when there are any.
 *
 * @example
 * ```ts
 * import { Time } from "@ledgerkit/core"
 * import { DateTime } from "effect"
 *
 * assert.strictEqual(Time.formatIso(DateTime.unsafeMake("2023-08-15T09:47:01Z")), "2023-08-15T09:47:01Z")
 * assert.strictEqual(Time.formatIso(Time.fromMillis(1_692_092_821_250)), "2023-08-15T09:47:01.250Z")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatIso = (utc: DateTime.Utc): string => {
  const p = partsOf(DateTime.toEpochMillis(utc))
  const fraction = p.millisecond === 0 ? "" : `.${pad(p.millisecond, 3)}`
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}Z`
}

/**
 * An ISO-8601 UTC time (`2023-08-15T09:47:01Z`). Encodes the years 0000 to 9999 only.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IsoUtc: Schema.Schema<DateTime.Utc, string> = Schema.transformOrFail(
  Schema.String,
  Schema.DateTimeUtcFromSelf,
  {
    strict: true,
    decode: (input, _, ast) =>
      Either.match(parseIso(input), {
        onLeft: (message) => ParseResult.fail(new ParseResult.Type(ast, input, message)),
        onRight: (millis) => utcOf(millis, input, ast)
      }),
    encode: (utc, _, ast) => encodeText(utc, 0, ast, formatIso)
  }
).annotations({ identifier: "IsoUtc", arbitrary: encodableTimes(0, 1) })

const wallClockPattern = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/**
 * Parses `YYYY-MM-DD HH:mm:ss` read in a fixed offset from UTC (minutes east of UTC).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseWallClock = (input: string, offsetMinutes = 0): Either.Either<number, string> => {
  const m = wallClockPattern.exec(input)
  const millis = m === null ? Option.none() : millisOf({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    millisecond: 0
  })
  return Either.fromOption(
    Option.map(millis, (local) => local - offsetMinutes * 60_000),
    () => `Expected a time such as "2023-05-16 23:59:59", received ${JSON.stringify(input)}`
  )
}

/**
 * Formats `YYYY-MM-DD HH:mm:ss` in a fixed offset from UTC; milliseconds are dropped.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatWallClock = (utc: DateTime.Utc, offsetMinutes = 0): string => {
  const p = partsOf(DateTime.toEpochMillis(utc) + offsetMinutes * 60_000)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
}

/**
 * `YYYY-MM-DD HH:mm:ss` (Cryptomus) read in a fixed offset from UTC, in minutes east.
 * Whole seconds only: encoding drops milliseconds. Encodes the years 0000 to 9999 only.
 *
 * @since 0.1.0
 * @category schemas
 */
export const wallClock = (offsetMinutes = 0): Schema.Schema<DateTime.Utc, string> =>
  Schema.transformOrFail(Schema.String, Schema.DateTimeUtcFromSelf, {
    strict: true,
    decode: (input, _, ast) =>
      Either.match(parseWallClock(input, offsetMinutes), {
        onLeft: (message) => ParseResult.fail(new ParseResult.Type(ast, input, message)),
        onRight: (millis) => utcOf(millis, input, ast)
      }),
    encode: (utc, _, ast) =>
      encodeText(utc, offsetMinutes * 60_000, ast, (utc) => formatWallClock(utc, offsetMinutes))
  }).annotations({
    identifier: offsetMinutes === 0 ? "WallClockUtc" : `WallClock(${offsetMinutes})`,
    // Whole seconds only: the format has no milliseconds.
    arbitrary: encodableTimes(offsetMinutes * 60_000, 1000)
  })

/**
 * A time zone from an IANA name (`Europe/Moscow`, daylight saving included) or a fixed
 * offset (`+03:00`, `-05:30`, `UTC`).
 *
 * @since 0.2.0
 * @category parsing
 */
export const parseZone = (input: string): Either.Either<DateTime.TimeZone, string> =>
  Either.fromOption(
    input === "UTC" || input === "Z" ? Option.some(DateTime.zoneMakeOffset(0)) : DateTime.zoneFromString(input),
    () => `Expected an IANA time zone such as "Europe/Moscow" or an offset such as "+03:00", received ${JSON.stringify(input)}`
  )

/**
 * The offset from UTC in force in `zone` at `utc`, in milliseconds east.
 *
 * @since 0.2.0
 * @category conversions
 */
export const offsetAt = (utc: DateTime.Utc, zone: DateTime.TimeZone): number =>
  DateTime.zonedOffset(DateTime.unsafeMakeZoned(utc, { timeZone: zone }))

/**
 * Formats `YYYY-MM-DD HH:mm:ss` as the wall clock reads in `zone` at `utc` (daylight
 * saving applied for named zones); milliseconds are dropped.
 *
 * @since 0.2.0
 * @category formatting
 */
export const formatWallClockIn = (utc: DateTime.Utc, zone: DateTime.TimeZone): string =>
  formatWallClock(utc, offsetAt(utc, zone) / 60_000)

/**
 * `YYYY-MM-DD HH:mm:ss` in UTC.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WallClockUtc: Schema.Schema<DateTime.Utc, string> = wallClock(0)

/**
 * Epoch milliseconds of a UTC time.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toMillis = (utc: DateTime.Utc): number => DateTime.toEpochMillis(utc)

/**
 * The UTC time at some epoch milliseconds (throws outside the supported range).
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromMillis = (millis: number): DateTime.Utc => DateTime.unsafeMake(millis)
