import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, BigDecimal, Either, FastCheck as fc, Schema } from "effect"
import * as Amount from "../src/Amount.js"
import { runs } from "./support.js"

const decode = Schema.decodeUnknownEither(Amount.DecimalString)
const encode = Schema.encodeEither(Amount.DecimalString)
const decodeNumber = Schema.decodeUnknownEither(Amount.DecimalFromNumber)
const encodeNumber = Schema.encodeEither(Amount.DecimalFromNumber)

const exactly = (amount: BigDecimal.BigDecimal) => ({ value: amount.value, scale: amount.scale })

/** Up to 30 significant digits, scale 0 to 18, either sign. */
const decimal = fc
  .tuple(fc.stringMatching(/^[1-9][0-9]{0,29}$|^0$/), fc.integer({ min: 0, max: 18 }), fc.boolean())
  .map(([digits, scale, negative]) => BigDecimal.make(BigInt(digits) * (negative ? -1n : 1n), scale))

/**
 * Strings of the strict grammar: optional `-`, no leading zeros, optional fraction of up to
 * 18 digits. Negative zero ("-0.00") is excluded: it decodes to zero and encodes as "0.00".
 */
const canonical = fc
  .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9][0-9]{0,29})$/), fc.option(fc.stringMatching(/^[0-9]{1,18}$/)))
  .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction === null ? "" : `.${fraction}`}`)
  .filter((s) => !/^-0(\.0+)?$/.test(s))

describe("DecimalString", () => {
  it.each([
    ["-0.37500000", -37500000n, 8],
    ["25.0068", 250068n, 4],
    ["0.027", 27n, 3],
    ["0", 0n, 0],
    ["0.00", 0n, 2],
    ["-0.00", 0n, 2],
    ["123456789012345678901234567890", 123456789012345678901234567890n, 0],
    ["0.000000000000000001", 1n, 18]
  ] as const)("decodes %s exactly (value and scale)", (input, value, scale) => {
    const decoded = Either.getOrThrow(decode(input))
    expect(exactly(decoded)).toStrictEqual({ value, scale })
  })

  it.each(["", "1e3", "1E3", " 1", "1 ", "1,5", "NaN", "Infinity", "+-1", "--1", "-", "1.", ".5", "01", "-01", "00.5",
    "+1", "1.5.0", "1_000", "0x10", "1\n", "\t1", "１", "1.2e-3"])(
    "rejects %j",
    (input) => {
      expect(Either.isLeft(decode(input))).toBe(true)
    }
  )

  it("rejects what is not a string", () => {
    for (const input of [1, 1n, null, undefined, {}]) {
      expect(Either.isLeft(decode(input))).toBe(true)
    }
  })

  it("encodes positionally, keeping the scale, never in exponent form", () => {
    const cases: ReadonlyArray<readonly [BigDecimal.BigDecimal, string]> = [
      [BigDecimal.make(1n, 18), "0.000000000000000001"],
      [BigDecimal.make(-1n, 18), "-0.000000000000000001"],
      [BigDecimal.make(-37500000n, 8), "-0.37500000"],
      [BigDecimal.make(0n, 3), "0.000"],
      [BigDecimal.make(5n, -20), "500000000000000000000"],
      [BigDecimal.make(-5n, -2), "-500"],
      [BigDecimal.make(0n, -2), "0"],
      [BigDecimal.make(123456789n, 30), "0.000000000000000000000123456789"]
    ]
    for (const [amount, text] of cases) {
      expect(Either.getOrThrow(encode(amount))).toBe(text)
    }
  })

  it.prop("decode(encode(x)) is x with the same value and scale", [decimal], ([x]) => {
    const text = Either.getOrThrow(encode(x))
    expect(text).not.toMatch(/e/i)
    expect(exactly(Either.getOrThrow(decode(text)))).toStrictEqual(exactly(x))
  }, runs())

  it.prop("a negative scale encodes as an integer with the same value", [decimal], ([x]) => {
    const scaled = BigDecimal.make(x.value, -x.scale)
    const back = Either.getOrThrow(decode(Either.getOrThrow(encode(scaled))))
    expect(back.scale).toBe(0)
    expect(BigDecimal.equals(back, scaled)).toBe(true)
  }, runs())

  it.prop("encode(decode(s)) === s for canonical strings", [canonical], ([s]) => {
    expect(Either.getOrThrow(encode(Either.getOrThrow(decode(s))))).toBe(s)
  }, runs())

  it.prop(
    "accepts a string only when it is canonical (or a negative zero)",
    [fc.stringMatching(/^[-+]?[0-9 .,eE+-]{0,8}$/)],
    ([s]) => {
      const decoded = decode(s)
      if (Either.isRight(decoded)) {
        const text = Either.getOrThrow(encode(decoded.right))
        expect(text === s || `-${text}` === s).toBe(true)
      }
    },
    runs()
  )

  it.prop("agrees with the value JavaScript reads (to a double's precision)", [canonical], ([s]) => {
    const decoded = Either.getOrThrow(decode(s))
    expect(BigDecimal.unsafeToNumber(decoded)).toBe(Number(s))
  }, runs())
})

describe("DecimalFromNumber", () => {
  it.each([
    [39.05, 3905n, 2],
    [0.1, 1n, 1],
    [-0.375, -375n, 3],
    [100, 100n, 0],
    [1e21, 1n, -21],
    [1.5e-7, 15n, 8],
    [0, 0n, 0]
  ] as const)("decodes %d exactly", (input, value, scale) => {
    expect(exactly(Either.getOrThrow(decodeNumber(input)))).toStrictEqual({ value, scale })
  })

  it("39.05 is exactly 39.05, not the double's binary expansion", () => {
    const decoded = Either.getOrThrow(decodeNumber(39.05))
    expect(Amount.format(decoded)).toBe("39.05")
    expect(BigDecimal.equals(decoded, Amount.unsafe("39.05"))).toBe(true)
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("rejects %d", (input) => {
    expect(Either.isLeft(decodeNumber(input))).toBe(true)
  })

  it("rejects what is not a number", () => {
    for (const input of ["39.05", null, 1n]) {
      expect(Either.isLeft(decodeNumber(input))).toBe(true)
    }
  })

  it.prop(
    "a decimal of at most 15 significant digits, sent as a JSON number, decodes to that decimal",
    [fc.stringMatching(/^[1-9][0-9]{0,14}$/), fc.integer({ min: -20, max: 30 }), fc.boolean()],
    ([digits, scale, negative]) => {
      const written = BigDecimal.make(BigInt(digits) * (negative ? -1n : 1n), scale)
      const sent: number = JSON.parse(Amount.format(written))
      expect(BigDecimal.equals(Either.getOrThrow(decodeNumber(sent)), written)).toBe(true)
    },
    runs()
  )

  it.prop("every finite double decodes to a decimal that reads back as the same double", [fc.double({
    noNaN: true,
    noDefaultInfinity: true
  })], ([x]) => {
    const decoded = Either.getOrThrow(decodeNumber(x))
    expect(Number(Amount.format(decoded))).toBe(x === 0 ? 0 : x)
    expect(Either.getOrThrow(encodeNumber(decoded))).toBe(x === 0 ? 0 : x)
  }, runs())
})

describe("DecimalFromNumber encoding", () => {
  it("refuses an amount that no JSON number holds exactly, rather than round it", () => {
    expect(Either.isLeft(encodeNumber(Amount.unsafe("0.12345678901234567890")))).toBe(true)
    expect(Either.isLeft(encodeNumber(Amount.unsafe("9007199254740993")))).toBe(true)
    expect(Either.getOrThrow(encodeNumber(Amount.unsafe("39.050")))).toBe(39.05)
    expect(Either.getOrThrow(encodeNumber(Amount.unsafe("9007199254740992")))).toBe(9007199254740992)
  })

  it.prop("encodes exactly or fails: what it sends always decodes to the same value", [decimal], ([x]) => {
    const sent = encodeNumber(x)
    if (Either.isRight(sent)) expect(BigDecimal.equals(Either.getOrThrow(decodeNumber(sent.right)), x)).toBe(true)
    // Fifteen significant digits always fit.
    if (BigDecimal.normalize(x).value.toString().replace("-", "").length <= 15) expect(Either.isRight(sent)).toBe(true)
  }, runs())
})

describe("Arbitrary.make gives amounts the wire can carry", () => {
  it.prop("DecimalString: scale 0 to 18, round-trips exactly", [Arbitrary.make(Amount.DecimalString)], ([x]) => {
    expect(x.scale >= 0 && x.scale <= 18).toBe(true)
    expect(exactly(Either.getOrThrow(decode(Either.getOrThrow(encode(x)))))).toStrictEqual(exactly(x))
  }, runs())

  it.prop("DecimalFromNumber: round-trips through a JSON number to an equal value", [
    Arbitrary.make(Amount.DecimalFromNumber)
  ], ([x]) => {
    const sent: unknown = JSON.parse(JSON.stringify(Either.getOrThrow(encodeNumber(x))))
    expect(BigDecimal.equals(Either.getOrThrow(decodeNumber(sent)), x)).toBe(true)
  }, runs())
})

describe("helpers", () => {
  it("unsafe parses or throws", () => {
    expect(Amount.format(Amount.unsafe("-1.50"))).toBe("-1.50")
    expect(() => Amount.unsafe("1e3")).toThrow(/decimal string/)
  })

  it("parse explains what it expected", () => {
    expect(Amount.parse("1,5")).toStrictEqual(Either.left(`Expected a decimal string such as "-12.345", received "1,5"`))
  })
})

describe("fromNumber", () => {
  // What JavaScript prints for the double, read by the strict decimal parser: the definition
  // that the fast path in `fromNumber` must agree with, scale and sign of zero included.
  const printed = (n: number) => {
    const [mantissa, exponent = "0"] = n.toString().split("e")
    return Either.map(Amount.parse(mantissa!), (m) => BigDecimal.make(m.value, m.scale - Number(exponent)))
  }
  const scaleOf = (d: BigDecimal.BigDecimal) => (Object.is(d.scale, -0) ? "-0" : String(d.scale))

  it.prop("is the decimal JavaScript prints, for every finite double", [
    fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, 123.456e30))
  ], ([n]) => {
    const fast = Either.getOrThrow(Amount.fromNumber(n))
    const reference = Either.getOrThrow(printed(n))
    expect(exactly(fast)).toStrictEqual(exactly(reference))
    expect(scaleOf(fast)).toBe(scaleOf(reference))
  }, runs())

  it("refuses what is not finite", () => {
    expect(Either.isLeft(Amount.fromNumber(Number.NaN))).toBe(true)
    expect(Either.isLeft(Amount.fromNumber(Number.POSITIVE_INFINITY))).toBe(true)
  })
})
