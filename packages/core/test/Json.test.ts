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

describe("Json.plainNumbers", () => {
  it("makes plain each literal a double writes back as the same text, inside objects and arrays", () => {
    const parsed = Json.parse(`{"a":39.05,"b":39.050,"c":[1.5e-7,12345678.123456789,1e5],"d":{"e":1234567890123456}}`)
    expect(Json.plainNumbers(parsed)).toStrictEqual({
      a: 39.05,
      b: new Json.NumberLiteral("39.050"),
      c: [1.5e-7, new Json.NumberLiteral("12345678.123456789"), new Json.NumberLiteral("1e5")],
      d: { e: 1234567890123456 }
    })
  })

  it("returns the value itself when nothing changes, and keeps a key named __proto__ an own field", () => {
    const value = { a: [1, "x", { b: null }] }
    expect(Json.plainNumbers(value)).toBe(value)
    const plain = Json.plainNumbers(Json.parse(`{"__proto__":1.5}`)) as Record<string, unknown>
    expect(Object.hasOwn(plain, "__proto__")).toBe(true)
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype)
  })
})

describe("Json.parsePlain", () => {
  /** The reference: `plainNumbers(parse(text))`, or what it throws. */
  const reference = (text: string) => Either.try(() => Json.plainNumbers(Json.parse(text)))
  const plain = (text: string) => Either.try(() => Json.parsePlain(text))
  const same = (text: string) => {
    const [got, expected] = [plain(text), reference(text)]
    expect(Either.isRight(got)).toBe(Either.isRight(expected))
    if (Either.isRight(got) && Either.isRight(expected)) expect(got.right).toStrictEqual(expected.right)
    if (Either.isLeft(got) && Either.isLeft(expected)) expect(String(got.left)).toBe(String(expected.left))
  }

  // Number literals of every kind: plain, with trailing zeros, long, with exponents, -0.
  const literal = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 20 })).map(([v, s]) =>
      Amount.format(BigDecimal.make(v, s))
    ),
    fc.tuple(fc.integer({ min: -999, max: 999 }), fc.constantFrom("e", "E", "e+", "e-", "E-"), fc.nat(30)).map(([m, e, x]) => `${m}${e}${x}`),
    fc.constantFrom("-0", "0", "-0.0", "1.50", "9007199254740993", "-", "-.5", "0.000001", "0.0000001", "-0.0000012"),
    fc.constantFrom("1.0000000000000001", "12345678.123456789", "0.12345678901234567", "123456789012345.6"),
    // Around the 15 significant digits a double holds.
    fc.tuple(fc.stringMatching(/^-?[1-9][0-9]{0,17}$/), fc.stringMatching(/^(\.0{0,7}[0-9]{0,9})?$/)).map(([w, f]) => w + f)
  )
  // Few keys, so that objects often repeat one; quotes and backslashes to escape.
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("a", "b") },
    fc.string({ maxLength: 4 }),
    fc.constantFrom("__proto__", "a\"b", "c\\\\", "\\u0041")
  )
  // JSON text with exact literals spliced in (strings with quotes and backslashes, nested values).
  const texts = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      literal,
      fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
      fc.array(tie("value"), { maxLength: 4 }).map((vs) => `[${vs.join(",")}]`),
      fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((kvs) =>
        `{${kvs.map(([k, v]) => `${JSON.stringify(k)} : ${v}`).join(",")}}`
      )
    )
  })).value as fc.Arbitrary<string>

  it.prop("gives what plainNumbers(parse(text)) gives, and throws what it throws", [texts], ([text]) => {
    same(text)
    // Cut short, or with a stray character: invalid JSON.
    same(text.slice(0, Math.floor(text.length / 2)))
    same(`${text}]`)
  }, runs())

  it.prop("reads any JSON value as JSON.parse does, numbers plain", [fc.jsonValue()], ([value]) => {
    same(JSON.stringify(value))
  }, runs())

  it("duplicate keys: refused when the values differ (as parse does), not only by JSON.parse", () => {
    expect(() => Json.parsePlain(`{"a":1,"a":2}`)).toThrow(/Duplicate key/)
    expect(Json.parsePlain(`{"a":1,"a":1}`)).toStrictEqual({ a: 1 })
    expect(Json.parsePlain(`{"a":"x:y","b":[1,{"c":2}]}`)).toStrictEqual({ a: "x:y", b: [1, { c: 2 }] })
  })

  it("keeps the literals a double would change, whatever else the body holds", () => {
    expect(Json.parsePlain(`{"a":"\\"39.050\\"","b":39.050,"c":39.05}`)).toStrictEqual({
      a: "\"39.050\"",
      b: new Json.NumberLiteral("39.050"),
      c: 39.05
    })
    // Escaped quotes, and an escaped backslash before a closing quote, do not end a string
    // (a scan that took them for the end would miss the literals between).
    expect(Json.parsePlain(`["\\"","\\\\",39.050,"\\""]`)).toStrictEqual(["\"", "\\", new Json.NumberLiteral("39.050"), "\""])
  })
})
