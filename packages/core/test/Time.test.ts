import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, DateTime, Either, FastCheck as fc, Schema } from "effect"
import * as Time from "../src/Time.js"
import { runs } from "./support.js"

const millisOf = <I>(schema: Schema.Schema<DateTime.Utc, I>, input: unknown): number =>
  DateTime.toEpochMillis(Either.getOrThrow(Schema.decodeUnknownEither(schema)(input)))
const rejects = <I>(schema: Schema.Schema<DateTime.Utc, I>, input: unknown): boolean =>
  Either.isLeft(Schema.decodeUnknownEither(schema)(input))
const encoded = <I>(schema: Schema.Schema<DateTime.Utc, I>, millis: number): I =>
  Either.getOrThrow(Schema.encodeEither(schema)(Time.fromMillis(millis)))

/** The widest range `DateTime` supports: ±100,000,000 days around the epoch. */
const maxMillis = 8.64e15
/** 0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z: what four-digit years can write. */
const fourDigitYears = { min: -62167219200000, max: 253402300799999 }
const day = 86_400_000

const pad = (n: number, width = 2) => n.toString().padStart(width, "0")

/** An independent calendar: the Gregorian leap rule and month lengths. */
const daysIn = (year: number, month: number): number => {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

/** Date and time fields, some out of range on purpose. */
const fields = fc.record({
  year: fc.integer({ min: 0, max: 9999 }),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 25 }),
  minute: fc.integer({ min: 0, max: 61 }),
  second: fc.integer({ min: 0, max: 61 })
})
type Fields = typeof fields extends fc.Arbitrary<infer F> ? F : never

const isReal = (f: Fields): boolean =>
  f.month >= 1 && f.month <= 12 && f.day >= 1 && f.day <= daysIn(f.year, f.month) && f.hour <= 23 && f.minute <= 59 &&
  f.second <= 59
const dateOf = (f: Fields) => `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`
const clockOf = (f: Fields) => `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`
/** The ECMAScript date-time format is read exactly by `Date.parse`: the oracle for values. */
const referenceMillis = (f: Fields, fraction = "000") => Date.parse(`${dateOf(f)}T${clockOf(f)}.${fraction}Z`)

const offsetMinutes = fc.integer({ min: -14 * 60, max: 14 * 60 })

describe("EpochMillis", () => {
  it("decodes a JSON number of milliseconds", () => {
    expect(millisOf(Time.EpochMillis, 1695835259000)).toBe(1695835259000)
    expect(millisOf(Time.EpochMillis, 0)).toBe(0)
    expect(millisOf(Time.EpochMillis, -1)).toBe(-1)
  })

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, maxMillis + 1, -maxMillis - 1, "1695835259000", null])(
    "rejects %j",
    (input) => {
      expect(rejects(Time.EpochMillis, input)).toBe(true)
    }
  )

  it.prop("round-trips every supported millisecond", [fc.integer({ min: -maxMillis, max: maxMillis })], ([millis]) => {
    expect(millisOf(Time.EpochMillis, millis)).toBe(millis)
    expect(encoded(Time.EpochMillis, millis)).toBe(millis)
  }, runs())
})

describe("EpochMillisString", () => {
  it("decodes digits", () => {
    expect(millisOf(Time.EpochMillisString, "1695835259000")).toBe(1695835259000)
    expect(millisOf(Time.EpochMillisString, "-1000")).toBe(-1000)
  })

  it.each(["", " 1", "1 ", "01", "1.0", "1e3", "+1", "--1", "0x10", "8640000000000001", "99999999999999999", 1])(
    "rejects %j",
    (input) => {
      expect(rejects(Time.EpochMillisString, input)).toBe(true)
    }
  )

  it.prop(
    "round-trips every supported millisecond, and its digits",
    [fc.integer({ min: -maxMillis, max: maxMillis }).filter((n) => !Object.is(n, -0))],
    ([millis]) => {
      expect(millisOf(Time.EpochMillisString, String(millis))).toBe(millis)
      expect(encoded(Time.EpochMillisString, millis)).toBe(String(millis))
    },
    runs()
  )
})

describe("IsoUtc", () => {
  it.each([
    ["2023-08-15T09:47:01Z", Date.UTC(2023, 7, 15, 9, 47, 1)],
    ["2023-08-15T09:47:01.5Z", Date.UTC(2023, 7, 15, 9, 47, 1, 500)],
    ["2023-08-15T09:47:01.007Z", Date.UTC(2023, 7, 15, 9, 47, 1, 7)],
    // Cryptomus sends microseconds; time is kept to the millisecond (truncated, not rounded).
    ["2023-08-15T09:47:01.123999Z", Date.UTC(2023, 7, 15, 9, 47, 1, 123)],
    ["2023-08-15T09:47:01.000000000Z", Date.UTC(2023, 7, 15, 9, 47, 1)],
    ["2024-02-29T23:59:59Z", Date.UTC(2024, 1, 29, 23, 59, 59)],
    ["2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)],
    ["1970-01-01T00:00:00Z", 0],
    ["0099-12-31T23:59:59Z", -59011459201000]
  ] as const)("decodes %s", (input, millis) => {
    expect(millisOf(Time.IsoUtc, input)).toBe(millis)
  })

  it.each([
    "2023-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2023-04-31T00:00:00Z",
    "2023-13-01T00:00:00Z",
    "2023-00-10T00:00:00Z",
    "2023-01-00T00:00:00Z",
    "2023-01-01T24:00:00Z",
    "2023-01-01T00:60:00Z",
    "2023-01-01T00:00:60Z",
    "2023-01-01T00:00:00",
    "2023-01-01T00:00:00+00:00",
    "2023-01-01 00:00:00Z",
    "2023-01-01T00:00:00z",
    "2023-1-01T00:00:00Z",
    "2023-01-01T00:00:00.1234567890Z",
    "2023-01-01T00:00:00.Z",
    " 2023-01-01T00:00:00Z",
    "2023-01-01",
    ""
  ])("rejects %j", (input) => {
    expect(rejects(Time.IsoUtc, input)).toBe(true)
  })

  it.prop(
    "accepts exactly the real dates and times, at the value ECMAScript reads",
    [fields, fc.option(fc.stringMatching(/^[0-9]{1,9}$/))],
    ([f, fraction]) => {
      const input = `${dateOf(f)}T${clockOf(f)}${fraction === null ? "" : `.${fraction}`}Z`
      if (isReal(f)) {
        expect(millisOf(Time.IsoUtc, input)).toBe(referenceMillis(f, (fraction ?? "").padEnd(3, "0").slice(0, 3)))
      } else {
        expect(rejects(Time.IsoUtc, input)).toBe(true)
      }
    },
    runs()
  )

  it.prop("round-trips every millisecond of four-digit years", [fc.integer(fourDigitYears)], ([millis]) => {
    const text = encoded(Time.IsoUtc, millis)
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/)
    expect(millisOf(Time.IsoUtc, text)).toBe(millis)
    expect(Date.parse(text)).toBe(millis)
  }, runs())
})

describe("text formats write four-digit years only", () => {
  const outside = [fourDigitYears.min - 1, fourDigitYears.max + 1, maxMillis, -maxMillis]

  it.each(outside)("IsoUtc refuses to encode %d instead of writing what would not decode", (millis) => {
    expect(Either.isLeft(Schema.encodeEither(Time.IsoUtc)(Time.fromMillis(millis)))).toBe(true)
  })

  it("wallClock(offset) counts the offset: the local year must have four digits", () => {
    const lastUtcSecond = fourDigitYears.max - 999
    expect(encoded(Time.WallClockUtc, lastUtcSecond)).toBe("9999-12-31 23:59:59")
    expect(Either.isLeft(Schema.encodeEither(Time.wallClock(60))(Time.fromMillis(lastUtcSecond)))).toBe(true)
    expect(encoded(Time.wallClock(-60), lastUtcSecond)).toBe("9999-12-31 22:59:59")
  })

  it.prop("Arbitrary.make(IsoUtc) gives only encodable times, which round-trip", [Arbitrary.make(Time.IsoUtc)], ([utc]) => {
    const text = Schema.encodeSync(Time.IsoUtc)(utc)
    expect(DateTime.toEpochMillis(Schema.decodeSync(Time.IsoUtc)(text))).toBe(DateTime.toEpochMillis(utc))
  }, runs())

  it.prop(
    "Arbitrary.make(wallClock(offset)) gives only encodable whole seconds, which round-trip",
    [offsetMinutes.chain((offset) => Arbitrary.make(Time.wallClock(offset)).map((utc) => [offset, utc] as const))],
    ([[offset, utc]]) => {
      const schema = Time.wallClock(offset)
      const text = Schema.encodeSync(schema)(utc)
      expect(DateTime.toEpochMillis(Schema.decodeSync(schema)(text))).toBe(DateTime.toEpochMillis(utc))
    },
    runs()
  )
})

describe("WallClockUtc and wallClock(offset)", () => {
  it("decodes YYYY-MM-DD HH:mm:ss as UTC", () => {
    expect(millisOf(Time.WallClockUtc, "2023-05-16 23:59:59")).toBe(Date.UTC(2023, 4, 16, 23, 59, 59))
    expect(millisOf(Time.WallClockUtc, "2023-05-16 00:00:00")).toBe(Date.UTC(2023, 4, 16))
  })

  it("reads the wall clock of a fixed offset east of UTC", () => {
    expect(millisOf(Time.wallClock(180), "2023-05-16 03:00:00")).toBe(Date.UTC(2023, 4, 16))
    expect(millisOf(Time.wallClock(-300), "2023-05-15 19:00:00")).toBe(Date.UTC(2023, 4, 16))
    expect(encoded(Time.wallClock(180), Date.UTC(2023, 4, 16, 22, 30))).toBe("2023-05-17 01:30:00")
  })

  it.each([
    "2023-02-30 00:00:00",
    "2023-02-29 00:00:00",
    "2023-13-01 00:00:00",
    "2023-01-01 24:00:00",
    "2023-01-01 23:60:00",
    "2023-01-01 23:59:60",
    "2023-05-16T23:59:59",
    "2023-05-16 23:59:59Z",
    "2023-05-16 23:59:59.000",
    "2023-05-16 23:59",
    "2023-5-16 23:59:59",
    "2023-05-16 3:59:59",
    " 2023-05-16 23:59:59",
    "2023-05-16  23:59:59",
    ""
  ])("rejects %j", (input) => {
    expect(rejects(Time.WallClockUtc, input)).toBe(true)
    expect(rejects(Time.wallClock(180), input)).toBe(true)
  })

  it.prop("accepts exactly the real dates and times", [fields, offsetMinutes], ([f, offset]) => {
    const input = `${dateOf(f)} ${clockOf(f)}`
    if (isReal(f)) {
      expect(millisOf(Time.wallClock(offset), input)).toBe(referenceMillis(f) - offset * 60_000)
      expect(encoded(Time.wallClock(offset), millisOf(Time.wallClock(offset), input))).toBe(input)
    } else {
      expect(rejects(Time.wallClock(offset), input)).toBe(true)
    }
  }, runs())

  it.prop(
    "round-trips to the whole second (encoding drops milliseconds)",
    [fc.integer({ min: fourDigitYears.min + day, max: fourDigitYears.max - day }), offsetMinutes],
    ([millis, offset]) => {
      const text = encoded(Time.wallClock(offset), millis)
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      expect(millisOf(Time.wallClock(offset), text)).toBe(millis - (((millis % 1000) + 1000) % 1000))
    },
    runs()
  )
})

describe("conversions", () => {
  it("toMillis and fromMillis are inverse", () => {
    expect(Time.toMillis(Time.fromMillis(1695835259123))).toBe(1695835259123)
    expect(() => Time.fromMillis(Number.NaN)).toThrow()
  })
})
