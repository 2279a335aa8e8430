/**
 * The building blocks of the record schemas (records uploaded through the admin API):
 * plain decimal literals, exact number literals, ISO times; and the decoder each data
 * endpoint exposes.
 */
import { Either, ParseResult, Schema } from "effect"
import { Time } from "@ledgerkit/core"

const plainDecimal = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/

/**
 * A decimal amount as a string (`"-0.37500000"`): no exponent, no spaces, scale kept.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DecimalString = Schema.String.pipe(
  Schema.filter((s) => plainDecimal.test(s) || "a plain decimal literal such as \"-0.375\"")
)

/**
 * An amount written as a JSON number on the wire: uploaded as its literal text, or as a
 * JSON number (written back as JavaScript prints it).
 *
 * @since 0.1.0
 * @category schemas
 */
export const NumberLiteral = Schema.transformOrFail(Schema.Union(Schema.String, Schema.Number), DecimalString, {
  strict: true,
  decode: (value, _, ast) => {
    const text = typeof value === "number" ? String(value) : value
    return plainDecimal.test(text)
      ? ParseResult.succeed(text)
      : ParseResult.fail(new ParseResult.Type(ast, value, "a plain JSON number literal (no exponent)"))
  },
  encode: ParseResult.succeed
})

/**
 * ISO-8601 UTC text (`2023-08-15T09:47:01Z`), kept as sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IsoText = Schema.String.pipe(
  Schema.filter((s) => Either.isRight(Time.parseIso(s)) || "an ISO-8601 UTC time such as 2023-08-15T09:47:01Z")
)

export const Millis = Schema.Int.pipe(Schema.nonNegative())

export const NullableText = Schema.NullOr(Schema.String)

/** An uploaded array of records, unknown fields refused; `Left` is the parse error, formatted. */
export const decoder = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(Schema.Array(schema), { onExcessProperty: "error" })
  return (input: unknown): Either.Either<ReadonlyArray<A>, string> =>
    Either.mapLeft(decode(input), (e) => ParseResult.TreeFormatter.formatErrorSync(e))
}
