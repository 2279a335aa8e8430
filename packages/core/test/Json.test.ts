import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, BigDecimal, Either, FastCheck as fc, Schema } from "effect"
import * as Amount from "../src/Amount.js"
import * as Json from "../src/Json.js"
import { runs } from "./support.js"

const decode = Schema.decodeUnknownEither(Amount.DecimalFromJsonNumber)
const encode = Schema.encodeSync(Amount.DecimalFromJsonNumber)
/** The amount's digits and scale, which `BigDecimal.equals` alone would not compare. */
const exact = (d: BigDecimal.BigDecimal) => Amount.format(d)

describe("Json.parse", () => {
  it("keeps every number literal that a double would change, as its text", () => {
    const parsed = Json.parse(`{"a":12345678.123456789,"b":9007199254740993,"c":39.050,"d":42,"e":[1.5e-7,-0]}`)
    expect(parsed).toStrictEqual({
      a: new Json.NumberLiteral("12345678.123456789"),
      b: new Json.NumberLiteral("9007199254740993"),
      c: new Json.NumberLiteral("39.050"),
      d: 42,
      e: [new Json.NumberLiteral("1.5e-7"), -0]
    })
  })

  it("throws on invalid JSON, as JSON.parse does", () => {
    expect(() => Json.parse(`{"a":`)).toThrow(SyntaxError)
  })
})

describe("DecimalFromJsonNumber", () => {
  // The three literals of issue 11 that JSON.parse + DecimalFromNumber changed silently.
  it.each([
    ["12345678.123456789", "12345678.123456789"],
    ["9007199254740993", "9007199254740993"],
    ["39.050", "39.050"],
    ["1.5e-7", "0.00000015"],
    ["-2E+3", "-2000"]
  ])("the literal %s decodes to exactly %s", (literal, expected) => {
    const amount = Either.getOrThrow(decode((Json.parse(`{"x":${literal}}`) as { x: unknown }).x))
    expect(exact(amount)).toBe(expected)
  })

  it("rejects what is not a JSON number literal, and strings (the provider writes numbers)", () => {
    for (const bad of ["", "1e", "01", "+1", " 1", "1.", "NaN", "0x10"]) {
      expect(Either.isLeft(decode(new Json.NumberLiteral(bad)))).toBe(true)
    }
    expect(Either.isLeft(decode("39.05"))).toBe(true)
    expect(Either.isLeft(decode(Number.NaN))).toBe(true)
  })

  it.prop(
    "any amount of up to 30 significant digits, trailing zeros included, survives the wire exactly",
    [Arbitrary.make(Amount.DecimalFromJsonNumber)],
    ([amount]) => {
      // Written as the provider writes it (a bare number literal), parsed, decoded.
      const body = `{"amount":${Amount.format(amount)}}`
      const decoded = Either.getOrThrow(decode((Json.parse(body) as { amount: unknown }).amount))
      expect(exact(decoded)).toBe(Amount.format(amount))
      // Encoded (as `LedgerEntry.original` holds it), it decodes back to the same digits.
      expect(exact(Either.getOrThrow(decode(encode(amount))))).toBe(Amount.format(amount))
    },
    runs()
  )

  it("encodes a number where the double writes the same digits, the text otherwise", () => {
    expect(encode(Amount.unsafe("39.05"))).toBe(39.05)
    expect(encode(Amount.unsafe("39.050"))).toStrictEqual(new Json.NumberLiteral("39.050"))
    // JSON.stringify writes a literal as its exact text.
    expect(JSON.stringify({ a: encode(Amount.unsafe("9007199254740993")) })).toBe(`{"a":"9007199254740993"}`)
  })

  it.prop("a plain number from JSON.parse decodes as DecimalFromNumber does", [fc.double({ noNaN: true, noDefaultInfinity: true })], ([n]) => {
    expect(Either.map(decode(n), exact)).toStrictEqual(Either.map(Amount.fromNumber(n), exact))
  }, runs())
})
