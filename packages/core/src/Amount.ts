/**
 * Exact money. Amounts are `BigDecimal` from the wire to the output, never `number`.
 *
 * Effect's stock `Schema.BigDecimal` is too lax for money (it decodes `""` as 0, accepts
 * exponents and encodes small scales in exponent form), so ledgerkit has its own.
 *
 * @since 0.1.0
 */
import type { FastCheck } from "effect"
import { BigDecimal, Either, ParseResult, Schema } from "effect"
import * as Json from "./Json.js"

const decimalPattern = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/

/**
 * For `Arbitrary.make`: amounts a wire format carries, with up to `digits` significant
 * digits and a scale of 0 to 18 (the stock arbitrary makes unbounded values and negative
 * scales, which no provider sends).
 */
const wireAmounts = (digits: number) => () => (fc: typeof FastCheck) => {
  const bound = 10n ** BigInt(digits) - 1n
  return fc.tuple(fc.bigInt({ min: -bound, max: bound }), fc.integer({ min: 0, max: 18 }))
    .map(([value, scale]) => BigDecimal.make(value, scale))
}

/**
 * Writes a `BigDecimal` positionally (`"0.000000000000000001"`, never `"1e-18"`),
 * keeping its scale: `"-0.37500000"` stays `"-0.37500000"`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (amount: BigDecimal.BigDecimal): string => {
  const negative = amount.value < 0n
  const digits = (negative ? -amount.value : amount.value).toString()
  const sign = negative ? "-" : ""
  if (amount.scale <= 0) {
    return digits === "0" ? "0" : sign + digits + "0".repeat(-amount.scale)
  }
  const padded = digits.padStart(amount.scale + 1, "0")
  const point = padded.length - amount.scale
  return sign + padded.slice(0, point) + "." + padded.slice(point)
}

/**
 * Parses a strict decimal string: an optional `-`, digits without leading zeros, and an
 * optional fraction. No exponent, no `+`, no whitespace, no thousands separator.
 *
 * @example
 * ```ts
 * import { Amount } from "@ledgerkit/core"
 * import { Either } from "effect"
 *
 * // The scale is kept: "-0.37500000" formats back as "-0.37500000", not "-0.375".
 * const amount = Either.getOrThrow(Amount.parse("-0.37500000"))
 * assert.strictEqual(Amount.format(amount), "-0.37500000")
 *
 * // No exponents in money.
 * assert.ok(Either.isLeft(Amount.parse("1e3")))
 * ```
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (input: string): Either.Either<BigDecimal.BigDecimal, string> => {
  if (!decimalPattern.test(input)) {
    return Either.left(`Expected a decimal string such as "-12.345", received ${JSON.stringify(input)}`)
  }
  // The digits without the point (the sign stays: `BigInt("-00")` is 0), scaled by the fraction's length.
  const point = input.indexOf(".")
  return Either.right(
    point === -1
      ? BigDecimal.make(BigInt(input), 0)
      : BigDecimal.make(BigInt(input.slice(0, point) + input.slice(point + 1)), input.length - point - 1)
  )
}

/**
 * A money amount on the wire as a decimal string (`"-0.37500000"`), decoded exactly to a
 * `BigDecimal` with its scale kept, and encoded positionally.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DecimalString: Schema.Schema<BigDecimal.BigDecimal, string> = Schema.transformOrFail(
  Schema.String,
  Schema.BigDecimalFromSelf,
  {
    strict: true,
    decode: (input, _, ast) =>
      Either.mapLeft(parse(input), (message) => new ParseResult.Type(ast, input, message)),
    encode: (amount) => ParseResult.succeed(format(amount))
  }
).annotations({
  identifier: "DecimalString",
  description: "an exact decimal amount, as a string",
  arbitrary: wireAmounts(30)
})

/**
 * Converts a finite JSON number to the decimal it was written as: `39.05` becomes exactly
 * 39.05. JavaScript prints the shortest string that reads back as the same double, which
 * is the literal the provider wrote whenever it had at most 15 significant digits.
 *
 * @since 0.1.0
 * @category parsing
 */
export const fromNumber = (input: number): Either.Either<BigDecimal.BigDecimal, string> => {
  if (!Number.isFinite(input)) {
    return Either.left(`Expected a finite number, received ${input}`)
  }
  // The shortest round-trip form: `-`?, digits, an optional fraction, an optional `e±N`; so
  // no pattern check, and the digits go to `BigInt` as they are (this runs per amount).
  const text = input.toString()
  const e = text.indexOf("e")
  const mantissa = e === -1 ? text : text.slice(0, e)
  const exponent = e === -1 ? 0 : Number(text.slice(e + 1))
  const point = mantissa.indexOf(".")
  return point === -1
    ? Either.right(BigDecimal.make(BigInt(mantissa), 0 - exponent))
    : Either.right(
      BigDecimal.make(BigInt(mantissa.slice(0, point) + mantissa.slice(point + 1)), mantissa.length - point - 1 - exponent)
    )
}

/**
 * A money amount on the wire as a JSON number (Zenlayer), decoded to an exact `BigDecimal`.
 * Encoding fails for an amount no double holds exactly (more than 15-17 significant digits).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DecimalFromNumber: Schema.Schema<BigDecimal.BigDecimal, number> = Schema.transformOrFail(
  Schema.Number,
  Schema.BigDecimalFromSelf,
  {
    strict: true,
    decode: (input, _, ast) =>
      Either.mapLeft(fromNumber(input), (message) => new ParseResult.Type(ast, input, message)),
    // A double cannot carry every decimal: rather than round money silently, encoding
    // fails when the number would not decode back to the same value.
    encode: (amount, _, ast) => {
      const sent = Number(format(amount))
      return Either.getOrElse(Either.map(fromNumber(sent), (back) => BigDecimal.equals(back, amount)), () => false)
        ? ParseResult.succeed(sent)
        : ParseResult.fail(new ParseResult.Type(ast, amount, `${format(amount)} has no exact JSON number`))
    }
  }
).annotations({
  identifier: "DecimalFromNumber",
  description: "an exact decimal amount, as a JSON number",
  // A double carries any decimal of up to 15 significant digits exactly.
  arbitrary: wireAmounts(15)
})

const jsonNumberPattern = /^(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)(?:[eE]([+-]?[0-9]+))?$/

/**
 * Parses the text of a JSON number literal exactly, exponent included: `39.050` keeps
 * scale 3, `1.5e-7` is 0.00000015, `9007199254740993` stays odd.
 *
 * @since 0.2.0
 * @category parsing
 */
export const fromJsonNumberText = (input: string): Either.Either<BigDecimal.BigDecimal, string> => {
  const match = jsonNumberPattern.exec(input)
  if (match === null) return Either.left(`Expected a JSON number literal, received ${JSON.stringify(input)}`)
  const exponent = match[2] === undefined ? 0 : Number(match[2])
  return Either.map(parse(match[1]), (m) => BigDecimal.make(m.value, m.scale - exponent))
}

/** The JSON number that writes exactly this decimal, scale included, if a double can. */
const exactNumber = (amount: BigDecimal.BigDecimal): number | undefined => {
  const text = format(amount)
  const n = Number(text)
  return Number.isFinite(n) && String(n) === text ? n : undefined
}

/**
 * A money amount on the wire as a JSON number (Zenlayer), decoded from the literal's own
 * text so that no digit and no trailing zero is lost. Parse the body with `Json.parse`:
 * its `NumberLiteral`s decode exactly; a plain number (from `JSON.parse`) decodes as
 * `DecimalFromNumber` does. A JSON string is refused: the provider writes numbers.
 *
 * Encoding gives a number where the double writes exactly the same digits and scale
 * (`39.05`), and otherwise a `NumberLiteral` (`39.050`, `9007199254740993`), which
 * `JSON.stringify` writes as its exact text in a string.
 *
 * @since 0.2.0
 * @category schemas
 */
export const DecimalFromJsonNumber: Schema.Schema<BigDecimal.BigDecimal, number | Json.NumberLiteral> = Schema
  .transformOrFail(
    Schema.Union(Schema.Number, Schema.declare(Json.isNumberLiteral, { identifier: "NumberLiteral" })),
    Schema.BigDecimalFromSelf,
    {
      strict: true,
      decode: (input, _, ast) =>
        Either.mapLeft(
          typeof input === "number" ? fromNumber(input) : fromJsonNumberText(input.text),
          (message) => new ParseResult.Type(ast, input, message)
        ),
      encode: (amount) => ParseResult.succeed(exactNumber(amount) ?? new Json.NumberLiteral(format(amount)))
    }
  ).annotations({
    identifier: "DecimalFromJsonNumber",
    description: "an exact decimal amount, as a JSON number literal",
    arbitrary: wireAmounts(30)
  })

/**
 * Parses a decimal string or throws: for literals in code and tests.
 *
 * @since 0.1.0
 * @category parsing
 */
export const unsafe = (input: string): BigDecimal.BigDecimal =>
  Either.getOrThrowWith(parse(input), (message) => new Error(message))
