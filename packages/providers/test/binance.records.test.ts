import { describe, expect, it } from "@effect/vitest"
import { Amount, Time } from "@ledgerkit/core"
import { BigDecimal, Either, FastCheck as fc, Schema } from "effect"
import * as CloudMining from "../src/binance/CloudMining.js"
import * as UmIncome from "../src/binance/UmIncome.js"
import { documentedCloudMining, documentedUmIncome, propRuns } from "./binanceKit.js"

const exactly = (amount: BigDecimal.BigDecimal) => ({ value: amount.value, scale: amount.scale })

describe("cloud-mining records", () => {
  const page = Schema.decodeUnknownSync(CloudMining.CloudMiningPage)(documentedCloudMining)

  it("decode the documented page exactly", () => {
    expect(page.total).toBe(5)
    expect(page.rows.map((r) => [Time.formatIso(r.createTime), r.tranId, r.type, r.asset, Amount.format(r.amount), r.status]))
      .toStrictEqual([
        ["2022-11-08T04:01:52Z", 121230610120, 248, "USDT", "25.0068", "S"],
        ["2022-10-26T09:26:06Z", 119991507468, 249, "USDT", "0.027", "S"],
        ["2022-10-26T06:08:25Z", 119977966327, 248, "USDT", "0.027", "S"],
        ["2022-10-26T04:23:09Z", 119973601721, 248, "USDT", "0.018", "S"],
        ["2022-10-26T04:07:58Z", 119973028551, 248, "USDT", "0.018", "S"]
      ])
    expect(exactly(page.rows[0].amount)).toStrictEqual({ value: 250068n, scale: 4 })
  })

  it("map 248 to a payment out of the account and 249 to a refund into it", () => {
    const entries = page.rows.map(CloudMining.toLedgerEntry)
    expect(entries.map((e) => [e.source, e.id, e.kind, e.providerType, Amount.format(e.amount), e.status])).toStrictEqual([
      ["binance.cloud-mining", "121230610120", "payment", "248", "-25.0068", "succeeded"],
      ["binance.cloud-mining", "119991507468", "refund", "249", "0.027", "succeeded"],
      ["binance.cloud-mining", "119977966327", "payment", "248", "-0.027", "succeeded"],
      ["binance.cloud-mining", "119973601721", "payment", "248", "-0.018", "succeeded"],
      ["binance.cloud-mining", "119973028551", "payment", "248", "-0.018", "succeeded"]
    ])
    expect(entries[0].original).toStrictEqual(documentedCloudMining.rows[0])
    expect(Time.formatIso(entries[0].time)).toBe("2022-11-08T04:01:52Z")
  })

  it("reads a page without rows as empty", () => {
    expect(Schema.decodeUnknownSync(CloudMining.CloudMiningPage)({ total: 0 })).toStrictEqual({ total: 0, rows: [] })
  })

  it.each([
    ["an unknown type", { type: 250 }],
    ["another status", { status: "F" }],
    ["an amount in exponent form", { amount: "1e-3" }],
    ["an amount as a number", { amount: 0.027 }],
    ["a fractional tranId", { tranId: 1.5 }],
    ["a time as a string", { createTime: "1667880112000" }]
  ])("refuse %s", (_, change) => {
    const row = { ...documentedCloudMining.rows[0], ...change }
    expect(Either.isLeft(Schema.decodeUnknownEither(CloudMining.CloudMiningRecord)(row))).toBe(true)
  })
})

describe("UM income records", () => {
  const rows = Schema.decodeUnknownSync(UmIncome.UmIncomePage)(documentedUmIncome)

  it("decode the documented rows exactly, including -0.37500000", () => {
    expect(rows.map((r) => [r.symbol, r.incomeType, Amount.format(r.income), r.asset, r.info, Time.formatIso(r.time), r.tranId, r.tradeId]))
      .toStrictEqual([
        ["", "TRANSFER", "-0.37500000", "USDT", "TRANSFER", "2019-10-09T08:00:00Z", "9689322392", ""],
        ["BTCUSDT", "COMMISSION", "-0.01000000", "USDT", "COMMISSION", "2019-10-09T16:00:00Z", "9689322392", "2059192"]
      ])
    expect(exactly(rows[0].income)).toStrictEqual({ value: -37500000n, scale: 8 })
  })

  it("keep both rows that share tranId 9689322392, under distinct ids", () => {
    const entries = rows.map(UmIncome.toLedgerEntry)
    expect(entries.map((e) => e.id)).toStrictEqual(["TRANSFER:9689322392", "COMMISSION:9689322392"])
    expect(entries.map((e) => [e.kind, e.providerType, Amount.format(e.amount), e.symbol, e.references])).toStrictEqual([
      ["transfer", "TRANSFER", "-0.37500000", undefined, { tranId: "9689322392" }],
      ["commission", "COMMISSION", "-0.01000000", "BTCUSDT", { tranId: "9689322392", tradeId: "2059192" }]
    ])
    expect(entries.map((e) => e.original)).toStrictEqual(documentedUmIncome)
  })

  it("map every documented income type, keeping the sign", () => {
    expect(UmIncome.IncomeType.literals).toHaveLength(19)
    expect(UmIncome.IncomeType.literals).toContain("DELIVERED_SETTELMENT")
    for (const incomeType of UmIncome.IncomeType.literals) {
      for (const income of ["12.5", "-0.00000001"]) {
        const entry = UmIncome.toLedgerEntry({ ...rows[0], incomeType, income: Amount.unsafe(income) })
        expect(entry.kind).toBe(UmIncome.kindOf[incomeType])
        expect(Amount.format(entry.amount)).toBe(income)
      }
    }
  })

  it("map an income type Binance adds later to other", () => {
    expect(UmIncome.toLedgerEntry({ ...rows[0], incomeType: "STRATEGY_UMFUTURES_TRANSFER" }).kind).toBe("other")
  })

  it("read a numeric tranId (the USD-M form) as its digits", () => {
    const row = Schema.decodeUnknownSync(UmIncome.UmIncomeRecord)({ ...documentedUmIncome[0], tranId: 9689322392 })
    expect(row.tranId).toBe("9689322392")
  })

  it.prop(
    "round-trip any record through the wire form",
    [fc.record({
      symbol: fc.constantFrom("", "BTCUSDT", "ETHUSDT"),
      incomeType: fc.constantFrom(...UmIncome.IncomeType.literals),
      income: fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 18 }))
        .map(([v, s]) => Amount.format(BigDecimal.make(v, s))),
      asset: fc.constantFrom("USDT", "BNB", "BTC"),
      info: fc.string(),
      time: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      tranId: fc.bigInt({ min: 1n, max: 2n ** 53n - 1n }).map(String),
      tradeId: fc.oneof(fc.constant(""), fc.nat().map(String))
    })],
    ([wire]) => {
      const decoded = Schema.decodeUnknownSync(UmIncome.UmIncomeRecord)(wire)
      expect(Schema.encodeSync(UmIncome.UmIncomeRecord)(decoded)).toStrictEqual(wire)
      expect(UmIncome.toLedgerEntry(decoded).id).toBe(`${wire.incomeType}:${wire.tranId}`)
    },
    { fastCheck: { numRuns: propRuns(200) } }
  )
})
