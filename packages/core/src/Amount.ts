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
  const negative = input.startsWith("-")
  const unsigned = negative ? input.slice(1) : input
  const [whole, fraction = ""] = unsigned.split(".")
  const value = BigInt(whole + fraction)
  return Either.right(BigDecimal.make(negative ? -value : value, fraction.length))
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
  const [mantissa, exponent = "0"] = input.toString().split("e")
  return Either.map(parse(mantissa), (m) => BigDecimal.make(m.value, m.scale - Number(exponent)))
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

/**
 * Parses a decimal string or throws: for literals in code and tests.
 *
 * @since 0.1.0
 * @category parsing
 */
export const unsafe = (input: string): BigDecimal.BigDecimal =>
  Either.getOrThrowWith(parse(input), (message) => new Error(message))
