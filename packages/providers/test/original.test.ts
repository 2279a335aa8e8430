// Every provider keeps the record it received, in its wire form, in `LedgerEntry.original`:
// plain JSON that survives JSON.stringify and decodes back to the same record.
import { describe, expect, it } from "@effect/vitest"
import { Json, LedgerEntry } from "@ledgerkit/core"
import { Schema } from "effect"
import { Binance, Cryptomus, WooXPro, Zenlayer } from "../src/index.js"
import * as BinanceDecoders from "../src/internal/decoders/binance.js"
import * as CryptomusDecoders from "../src/internal/decoders/cryptomus.js"
import * as WooXProDecoders from "../src/internal/decoders/wooxpro.js"
import * as ZenlayerDecoders from "../src/internal/decoders/zenlayer.js"

interface Case {
  readonly name: string
  readonly wire: unknown
  readonly schema: Schema.Schema<any, any>
  readonly toLedgerEntry: (record: any) => LedgerEntry.LedgerEntry
  /** Whether the re-encoded record is the wire form byte for byte (Cryptomus writes microseconds). */
  readonly verbatim: boolean
  /** The row in a page body, and that page's fast decoder (the service's) and records. */
  readonly page: (row: unknown) => unknown
  readonly decodePage: (json: unknown) => any
  readonly records: (page: any) => ReadonlyArray<unknown>
}

// The documented example records (seeds), one per endpoint.
const cases: ReadonlyArray<Case> = [
  {
    name: "binance.cloud-mining",
    wire: { createTime: 1667880112000, tranId: 121230610120, type: 248, asset: "USDT", amount: "25.0068", status: "S" },
    schema: Binance.CloudMining.CloudMiningRecord,
    toLedgerEntry: Binance.CloudMining.toLedgerEntry,
    verbatim: true,
    page: (row) => ({ total: 1, rows: [row] }),
    decodePage: BinanceDecoders.cloudMiningPage,
    records: (page) => page.rows
  },
  {
    name: "binance.um-income",
    wire: {
      symbol: "",
      incomeType: "TRANSFER",
      income: "-0.37500000",
      asset: "USDT",
      info: "TRANSFER",
      time: 1570608000000,
      tranId: "9689322392",
      tradeId: ""
    },
    schema: Binance.UmIncome.UmIncomeRecord,
    toLedgerEntry: Binance.UmIncome.toLedgerEntry,
    verbatim: true,
    page: (row) => [row],
    decodePage: BinanceDecoders.umIncomePage,
    records: (page) => page
  },
  {
    name: "zenlayer.recharge-refund",
    wire: {
      transactionType: "ORDER_REFUND",
      amount: 39.05,
      paymentMethod: "REFUND",
      state: "PAY_SUCCESS",
      transactionTime: "2023-08-15T09:47:01Z",
      accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
      transactionId: "10000000893685"
    },
    schema: Zenlayer.Records.RechargeRefund,
    toLedgerEntry: Zenlayer.Mapping.toLedgerEntry,
    verbatim: true,
    page: (row) => ({ requestId: "r", response: { requestId: "r", totalCount: 1, dataSet: [row] } }),
    decodePage: ZenlayerDecoders.successEnvelope,
    records: (page) => page.response.dataSet
  },
  {
    name: "wooxpro.contract-transactions",
    wire: {
      symbol: "BTCUSDT",
      type: "Commission Fee",
      amount: "-0.01000000",
      asset: "USDT",
      account: "futures",
      time: "1570636800000",
      tran_id: "9689322392"
    },
    schema: WooXPro.Records.Transaction,
    toLedgerEntry: WooXPro.Mapping.toLedgerEntry,
    verbatim: true,
    page: (row) => ({ code: 1000, message: "Ok", data: [row], trace: "t" }),
    decodePage: WooXProDecoders.successEnvelope,
    records: (page) => page.data
  },
  {
    name: "cryptomus.transactions",
    wire: {
      uuid: "d4953ea1-6f55-46f1-b1c9-f72c04badc45",
      type: "payout",
      status: "paid",
      created_at: "2022-09-01T14:46:44.000000Z",
      amount: "10.00",
      amount_equivalent: "10.1679",
      currency_equivalent: "USD",
      currency: "USDT",
      network: "tron",
      txid: null,
      address: "TSV1JBNzp71tucPrEsRPG5iLD1DkftzWzF",
      comment: null
    },
    schema: Cryptomus.Records.Transaction,
    toLedgerEntry: Cryptomus.Mapping.toLedgerEntry,
    verbatim: false,
    page: (row) => ({
      state: 0,
      result: { items: [row], paginate: { count: 1, hasPages: false, nextCursor: null, previousCursor: null, perPage: 15 } }
    }),
    decodePage: CryptomusDecoders.successEnvelope,
    records: (page) => page.result.items
  }
]

describe("LedgerEntry.original", () => {
  for (const c of cases) {
    it(`${c.name}: the wire record, JSON-safe, decoding back to the same record`, () => {
      const record = Schema.decodeUnknownSync(c.schema)(c.wire)
      const entry = c.toLedgerEntry(record)
      const json = JSON.parse(JSON.stringify(Schema.encodeSync(LedgerEntry.LedgerEntry)(entry)))
      expect(Schema.decodeUnknownSync(c.schema)(json.original)).toEqual(record)
      if (c.verbatim) expect(json.original).toEqual(c.wire)
    })
  }

  for (const c of cases) {
    it(`${c.name}: decoded by the service, the row exactly as it came, the very object parsed`, () => {
      const body = JSON.stringify(c.page(c.wire))
      const json = c.name === "zenlayer.recharge-refund" ? Json.parsePlain(body) : JSON.parse(body)
      const [record] = c.records(c.decodePage(json))
      const entry = c.toLedgerEntry(record)
      expect(entry.original).toBe(c.records(json)[0])
      const written = JSON.parse(JSON.stringify(Schema.encodeSync(LedgerEntry.LedgerEntry)(entry)))
      expect(written.original).toStrictEqual(c.wire)
      expect(Schema.decodeUnknownSync(c.schema)(written.original)).toEqual(Schema.decodeUnknownSync(c.schema)(c.wire))
    })
  }

  it("cryptomus.transactions: a record decoded elsewhere is re-encoded, its times to the millisecond", () => {
    const wire = cases[4].wire as { created_at: string }
    const entry = Cryptomus.Mapping.toLedgerEntry(Schema.decodeUnknownSync(Cryptomus.Records.Transaction)(wire))
    expect((entry.original as { created_at: string }).created_at).toBe("2022-09-01T14:46:44Z")
  })
})
