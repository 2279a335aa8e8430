/**
 * The building blocks of the fast page decoders (`internal/decoders/*`), and the wire rows
 * they keep.
 *
 * A fast decoder is a hand-written twin of one page schema: for the same parsed JSON it
 * returns the value the Schema decode returns, or `undefined` where that decode would
 * fail (property tests prove both: `test/decoders.test.ts`). The exchange tries it
 * first and runs the Schema decode only when it says `undefined`, so the error, its
 * message included, is always the Schema's. Each leaf below decodes as the core schema
 * named beside it, with the same core parser.
 *
 * Every record a fast decoder returns remembers the parsed row it came from, and
 * `toLedgerEntry` keeps that row as `original` instead of re-encoding the record.
 */
import { Amount, Json, Time } from "@ledgerkit/core"
import { type BigDecimal, DateTime, Either } from "effect"

/** A field-by-field view of a JSON object. */
export type Row = Readonly<Record<string, unknown>>

/**
 * A JSON object (what a `Schema.Struct` accepts), with the prototype of one that
 * `JSON.parse` made: anything else is left to the Schema decode, which reads own fields only.
 */
export const object = (u: unknown): Row | undefined => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return undefined
  const prototype: unknown = Object.getPrototypeOf(u)
  return prototype === Object.prototype || prototype === null ? u as Row : undefined
}

/** `Schema.Array(item)`: a new array of the decoded items, or `undefined` at the first that fails. */
export const array = <A>(u: unknown, item: (u: unknown) => A | undefined): Array<A> | undefined => {
  if (!Array.isArray(u)) return undefined
  const out = new Array<A>(u.length)
  for (let i = 0; i < u.length; i++) {
    const a = item(u[i])
    if (a === undefined) return undefined
    out[i] = a
  }
  return out
}

/** `Schema.Int` (a safe integer). */
export const isInt = (u: unknown): u is number => typeof u === "number" && Number.isSafeInteger(u)

/** `Schema.NonNegativeInt`. */
export const isNonNegativeInt = (u: unknown): u is number => isInt(u) && u >= 0

/** `Schema.Literal(...literals)`. */
export const isOneOf = <L extends string | number>(literals: ReadonlyArray<L>) => {
  const set = new Set<unknown>(literals)
  return (u: unknown): u is L => set.has(u)
}

/** `Schema.NullOr(String)`. */
export const isStringOrNull = (u: unknown): u is string | null => u === null || typeof u === "string"

const right = <A>(e: Either.Either<A, string>): A | undefined => Either.isRight(e) ? e.right : undefined

/** `Amount.DecimalString`. */
export const decimalString = (u: unknown): BigDecimal.BigDecimal | undefined =>
  typeof u === "string" ? right(Amount.parse(u)) : undefined

/** `Amount.DecimalFromJsonNumber`: a number, or a `NumberLiteral` of core's `Json.parsePlain`. */
export const decimalFromJsonNumber = (u: unknown): BigDecimal.BigDecimal | undefined =>
  typeof u === "number"
    ? right(Amount.fromNumber(u))
    : Json.isNumberLiteral(u)
    ? right(Amount.fromJsonNumberText(u.text))
    : undefined

// The widest instant `DateTime` holds, in milliseconds either side of the epoch.
const maxMillis = 8.64e15

// As the core time schemas end (`DateTime.make`): the instant, if `DateTime` can hold it.
const utc = (millis: number): DateTime.Utc | undefined =>
  millis >= -maxMillis && millis <= maxMillis ? DateTime.unsafeMake(millis) : undefined

/** `Time.EpochMillis`. */
export const epochMillis = (u: unknown): DateTime.Utc | undefined => isInt(u) ? utc(u) : undefined

/** `Time.EpochMillisString`. */
export const epochMillisString = (u: unknown): DateTime.Utc | undefined => {
  if (typeof u !== "string") return undefined
  const millis = right(Time.parseEpochMillis(u))
  return millis === undefined ? undefined : utc(millis)
}

/** `Time.IsoUtc`. */
export const isoUtc = (u: unknown): DateTime.Utc | undefined => {
  if (typeof u !== "string") return undefined
  const millis = right(Time.parseIso(u))
  return millis === undefined ? undefined : utc(millis)
}

/**
 * An instance of a `Schema.Class` without constructor defaults, from fields already
 * checked: what `new Class(fields, true)` makes, without its copy and merge of defaults
 * (the decoder tests hold them equal).
 */
export const instance = <A, F extends object>(
  klass: { readonly prototype: A } & (new(fields: F, options?: boolean) => A),
  fields: F
): A => Object.assign(Object.create(klass.prototype as object) as A & object, fields)

// The row a fast-decoded record came from, in a field that nothing else sees: not
// enumerable, so keys, spreads, JSON, equality and hashing ignore it (and a copy of the
// record has none). Cheaper than a WeakMap, which the GC must also sweep.
const wireRow = Symbol.for("@ledgerkit/providers/wireRow")

/** Remembers `row` as the wire form of `record`; returns the record. */
export const keep = <A extends object>(record: A, row: unknown): A =>
  Object.defineProperty(record, wireRow, { value: row })

/** The row a record was fast-decoded from, if it was. */
export const rowOf = (record: object): unknown => (record as { readonly [wireRow]?: unknown })[wireRow]
