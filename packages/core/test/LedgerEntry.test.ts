import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Array as Arr, DateTime, Equal, FastCheck as fc, Hash, Schema } from "effect"
import * as Amount from "../src/Amount.js"
import { byTime, LedgerEntry, make } from "../src/LedgerEntry.js"
import { runs } from "./support.js"

const encode = Schema.encodeSync(LedgerEntry)
const decode = Schema.decodeUnknownSync(LedgerEntry)

const example = new LedgerEntry({
  source: "binance.um-income",
  id: "TRANSFER:9689322392",
  time: DateTime.unsafeMake("2020-03-13T08:06:14Z"),
  kind: "transfer",
  providerType: "TRANSFER",
  asset: "USDT",
  amount: Amount.unsafe("-0.37500000"),
  status: "succeeded",
  references: { tranId: "9689322392" },
  original: { symbol: "", incomeType: "TRANSFER", income: "-0.37500000", asset: "USDT", time: 1584086774000 }
})

describe("LedgerEntry", () => {
  it("encodes to JSON with a decimal-string amount and an ISO time", () => {
    expect(encode(example)).toStrictEqual({
      source: "binance.um-income",
      id: "TRANSFER:9689322392",
      time: "2020-03-13T08:06:14Z",
      kind: "transfer",
      providerType: "TRANSFER",
      asset: "USDT",
      amount: "-0.37500000",
      status: "succeeded",
      references: { tranId: "9689322392" },
      original: { symbol: "", incomeType: "TRANSFER", income: "-0.37500000", asset: "USDT", time: 1584086774000 }
    })
  })

  it("rejects an amount that is not a strict decimal string, and an unknown kind", () => {
    const encoded = encode(example)
    expect(() => decode({ ...encoded, amount: -0.375 })).toThrow()
    expect(() => decode({ ...encoded, amount: "-3.75e-1" })).toThrow()
    expect(() => decode({ ...encoded, kind: "gift" })).toThrow()
    expect(() => decode({ ...encoded, time: 1584086774000 })).toThrow()
  })

  // `original` is whatever the provider sent; here, any JSON value.
  const entries = fc.tuple(Arbitrary.make(LedgerEntry), fc.jsonValue()).map(([entry, original]) =>
    new LedgerEntry({ ...entry, original })
  )

  it.prop("make builds the same entry as the validating constructor", [entries], ([entry]) => {
    const fields = { ...entry }
    // The same class, the same own fields (undefined ones included), equal by `Equal`.
    expect(make(fields)).toBeInstanceOf(LedgerEntry)
    expect(make(fields)).toStrictEqual(new LedgerEntry(fields))
    expect(Equal.equals(make(fields), new LedgerEntry(fields, true))).toBe(true)
    expect(Hash.hash(make(fields))).toBe(Hash.hash(new LedgerEntry(fields, true)))
    expect(encode(make(fields))).toEqual(encode(entry))
  }, runs())

  it.prop("round-trips through JSON to an equal entry with the same amount scale", [entries], ([entry]) => {
    const back = decode(JSON.parse(JSON.stringify(encode(entry))))
    expect(back).toBeInstanceOf(LedgerEntry)
    expect(back).toEqual(entry)
    expect(back.amount.scale).toBe(entry.amount.scale)
    expect(DateTime.toEpochMillis(back.time)).toBe(DateTime.toEpochMillis(entry.time))
  }, runs())

  describe("byTime", () => {
    // Few distinct times, sources and ids, so that ties are common.
    const clustered = fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom("binance.um-income", "cryptomus.transactions"),
        fc.stringMatching(/^[ab]{1,2}$/)
      ).map(([ms, source, id]) => new LedgerEntry({ ...example, time: DateTime.unsafeMake(ms), source, id })),
      { maxLength: 30 }
    )

    it.prop("orders by time, then source, then id, whatever the input order", [
      clustered.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })))
    ], ([[list, shuffled]]) => {
      const sorted = Arr.sort(list, byTime)
      const key = (e: LedgerEntry) => [DateTime.toEpochMillis(e.time), e.source, e.id] as const
      for (let i = 1; i < sorted.length; i++) {
        const [t0, s0, i0] = key(sorted[i - 1])
        const [t1, s1, i1] = key(sorted[i])
        expect(t0 < t1 || (t0 === t1 && (s0 < s1 || (s0 === s1 && i0 <= i1)))).toBe(true)
      }
      expect(Arr.sort(shuffled, byTime).map(key)).toStrictEqual(sorted.map(key))
    }, runs())

    it("puts the earlier entry first", () => {
      const later = new LedgerEntry({ ...example, time: DateTime.unsafeMake("2020-03-13T08:06:14.001Z") })
      expect(Arr.sort([later, example], byTime)).toStrictEqual([example, later])
      expect(byTime(example, later)).toBe(-1)
    })
  })
})
