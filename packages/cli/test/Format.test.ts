import { describe, expect, it } from "@effect/vitest"
import { Amount, Json, LedgerEntry } from "@ledgerkit/core"
import { Array as Arr, BigDecimal, DateTime, FastCheck as fc, Order } from "effect"
import * as Format from "../src/Format.js"
import { parseCsv, parseNdjson, propRuns } from "./support.js"

const text = fc.string({ unit: fc.oneof(fc.constantFrom(",", "\"", "\n", "\r", " ", "é", "=", "\t"), fc.char()), maxLength: 12 })
const decimal = fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 24 }))
  .map(([digits, scale]) => Amount.format(BigDecimal.make(digits, scale)))

const entries = fc.record({
  id: text,
  providerType: text,
  asset: text,
  amount: decimal,
  // Whole seconds often: they are where a variable width showed.
  millis: fc.oneof(fc.integer({ min: 0, max: 253_402_300_799_999 }), fc.integer({ min: 0, max: 253_402_300_799 }).map((s) => s * 1000)),
  symbol: fc.option(text, { nil: undefined }),
  references: fc.option(fc.dictionary(text, text, { maxKeys: 3 }), { nil: undefined })
}).map((r) =>
  new LedgerEntry.LedgerEntry({
    source: "cryptomus.transactions",
    id: r.id,
    time: DateTime.unsafeMake(r.millis),
    kind: "refund",
    providerType: r.providerType,
    asset: r.asset,
    amount: Amount.unsafe(r.amount),
    status: "pending",
    ...(r.symbol === undefined ? {} : { symbol: r.symbol }),
    ...(r.references === undefined ? {} : { references: r.references }),
    original: { amount: Amount.unsafe(r.amount), at: DateTime.unsafeMake(r.millis), nested: [{ n: 1n, literal: new Json.NumberLiteral("98160.00") }] }
  })
)

describe("Format", () => {
  it.prop("CSV rows read back as the same fields, whatever the text holds", [fc.array(entries, { maxLength: 5 })], ([batch]) => {
    const rows = parseCsv(Format.csvHeader + Format.lines("csv", batch))
    expect(rows[0]).toEqual([...Format.csvColumns])
    expect(rows.slice(1)).toEqual(batch.map((e) => [
      Format.time(e.time),
      e.source,
      e.id,
      e.kind,
      e.providerType,
      e.asset,
      Amount.format(e.amount),
      e.status,
      e.symbol ?? "",
      e.references === undefined || Object.keys(e.references).length === 0
        ? ""
        : JSON.stringify(Object.fromEntries(Object.entries(e.references).sort(([a], [b]) => (a < b ? -1 : 1))))
    ]))
  }, { fastCheck: { numRuns: propRuns(100) } })

  it.prop("NDJSON: one line per entry, the same keys in the same order, exact amounts", [fc.array(entries, { maxLength: 5 })], ([batch]) => {
    const records = parseNdjson(Format.lines("ndjson", batch))
    expect(records).toHaveLength(batch.length)
    records.forEach((r, i) => {
      expect(Object.keys(r)).toEqual(["time", "source", "id", "kind", "providerType", "asset", "amount", "status", "symbol", "references", "original"])
      expect(r.amount).toBe(Amount.format(batch[i].amount))
      expect(DateTime.toEpochMillis(DateTime.unsafeMake(String(r.time)))).toBe(DateTime.toEpochMillis(batch[i].time))
      expect(r.original).toEqual({ amount: Amount.format(batch[i].amount), at: r.time, nested: [{ n: "1", literal: "98160.00" }] })
    })
  }, { fastCheck: { numRuns: propRuns(100) } })

  // Issue 16, point 7: milliseconds only when non-zero misordered rows sorted as text.
  it.prop("times have one width, so rows sorted as text are in time order", [fc.array(entries, { minLength: 2, maxLength: 8 })], ([batch]) => {
    const times = parseCsv(Format.lines("csv", batch)).map((row) => row[0])
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    const byTime = Arr.sort(batch.map((e) => DateTime.toEpochMillis(e.time)), Order.number)
    expect(Arr.sort(times, Order.string).map((t) => DateTime.toEpochMillis(DateTime.unsafeMake(t)))).toEqual(byTime)
  }, { fastCheck: { numRuns: propRuns(100) } })

  it("writes amounts positionally with their scale, never in exponent form", () => {
    const line = (amount: string) =>
      Format.csvLine(new LedgerEntry.LedgerEntry({
        source: "binance.um-income",
        id: "1",
        time: DateTime.unsafeMake(Date.UTC(2024, 0, 1, 12, 30, 0, 5)),
        kind: "funding_fee",
        providerType: "FUNDING_FEE",
        asset: "USDT",
        amount: Amount.unsafe(amount),
        status: "succeeded",
        original: null
      }))
    expect(line("-0.000000000000000001")).toBe(
      "2024-01-01T12:30:00.005Z,binance.um-income,1,funding_fee,FUNDING_FEE,USDT,-0.000000000000000001,succeeded,,\r\n"
    )
    expect(line("123456789012345678901234567890.10")).toContain(",123456789012345678901234567890.10,")
  })

  it("quotes only what needs quoting", () => {
    expect(Format.csvField("plain")).toBe("plain")
    expect(Format.csvField("-12.5")).toBe("-12.5")
    expect(Format.csvField("a,b")).toBe("\"a,b\"")
    expect(Format.csvField("say \"hi\"")).toBe("\"say \"\"hi\"\"\"")
    expect(Format.csvField("two\nlines")).toBe("\"two\nlines\"")
    expect(Format.csvField(" padded")).toBe("\" padded\"")
  })
})
