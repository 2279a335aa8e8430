// The fast page decoders (src/internal/decoders) against the Schema decode they stand in
// for: the same value for every valid page, a failure (the same `MalformedResponse`
// through the exchange's decode) for every invalid one, and records that keep their wire
// row as `original`.
import { Headers } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Amount, Json, type LedgerEntry, Time } from "@ledgerkit/core"
import { Arbitraries, ExactJson } from "@ledgerkit/mock-server"
import { Arbitrary, DateTime, Effect, Either, FastCheck as fc, Schema } from "effect"
import * as CloudMining from "../src/binance/CloudMining.js"
import * as UmIncome from "../src/binance/UmIncome.js"
import * as CryptomusMapping from "../src/cryptomus/Mapping.js"
import * as CryptomusRecords from "../src/cryptomus/Records.js"
import * as BinanceDecoders from "../src/internal/decoders/binance.js"
import * as CryptomusDecoders from "../src/internal/decoders/cryptomus.js"
import * as WooXProDecoders from "../src/internal/decoders/wooxpro.js"
import * as ZenlayerDecoders from "../src/internal/decoders/zenlayer.js"
import * as Http from "../src/internal/http.js"
import * as Wire from "../src/internal/wire.js"
import * as WooXProMapping from "../src/wooxpro/Mapping.js"
import * as WooXProRecords from "../src/wooxpro/Records.js"
import * as ZenlayerMapping from "../src/zenlayer/Mapping.js"
import * as ZenlayerRecords from "../src/zenlayer/Records.js"
import { propRuns } from "./httpStub.js"

type Json = Record<string, unknown>

/** A field deleted, in the tables of refused values. */
const MISSING = Symbol("missing")

// --- wire leaves, from the core schemas' own arbitraries ---------------------------------

const decimalText = Arbitrary.make(Amount.DecimalString).map(Amount.format)
const millis = Arbitrary.make(Time.EpochMillis).map(Time.toMillis)
const isoText = fc.oneof(
  Arbitrary.make(Time.IsoUtc).map(Time.formatIso),
  // Up to nine fraction digits (Cryptomus writes microseconds).
  fc.tuple(Arbitrary.make(Time.IsoUtc), fc.stringMatching(/^[0-9]{1,9}$/)).map(([t, digits]) =>
    `${Time.formatIso(DateTime.unsafeMake(Math.floor(Time.toMillis(t) / 1000) * 1000)).slice(0, -1)}.${digits}Z`
  )
)
const text = fc.string({ maxLength: 12 })
const maybe = <A>(arb: fc.Arbitrary<A>) => fc.option(arb, { nil: null })
// Fields a provider may add: never one a schema reads.
const extras = (known: ReadonlyArray<string>) =>
  fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !known.includes(k) && k !== "__proto__"), fc.jsonValue(), {
    maxKeys: 2
  })
const withExtras = (row: fc.Arbitrary<Json>) =>
  row.chain((r) => extras(Object.keys(r)).map((extra) => ({ ...extra, ...r })))

/** Drops some of the given keys (fields that may be absent). */
const dropping = (row: fc.Arbitrary<Json>, optional: ReadonlyArray<string>) =>
  fc.tuple(row, fc.subarray([...optional])).map(([r, drop]) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))))

// --- JSON text, as the exchange parses it ---------------------------------------------

/** Writes JSON with each `NumberLiteral` (the mock's `RawNumber`) as its raw text. */
const write = (value: unknown): string => {
  if (Json.isNumberLiteral(value)) return value.text
  if (value instanceof ExactJson.RawNumber) return value.literal
  if (Array.isArray(value)) return `[${value.map(write).join(",")}]`
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(",")}}`
  }
  return JSON.stringify(value)
}

interface Case {
  readonly name: string
  readonly page: Schema.Schema<any, any>
  readonly fast: (json: unknown) => unknown
  /** Whether the body is parsed keeping number literals (`Json.parsePlain`). */
  readonly exact: boolean
  /** A valid wire page. */
  readonly valid: fc.Arbitrary<unknown>
  /** Pages from the mock's own record arbitraries (records it never serves included). */
  readonly mock: fc.Arbitrary<unknown>
  /** The rows of a parsed wire page, and the records of a decoded one. */
  readonly rowsOf: (page: any) => Array<Json>
  readonly recordsOf: (page: any) => ReadonlyArray<object>
  /** For each field of a row, values its schema refuses. */
  readonly refusedInRow: Readonly<Record<string, ReadonlyArray<unknown>>>
  /** Paths in the page (around the rows), with values the schema refuses there. */
  readonly refusedInPage: ReadonlyArray<readonly [ReadonlyArray<string>, ReadonlyArray<unknown>]>
  readonly record: Schema.Schema<any, any>
  readonly toLedgerEntry: (record: any) => LedgerEntry.LedgerEntry
}

const T = 1_700_000_000_000
const mockRows = <R>(records: (o: { rows: { min: number; max: number }; anchor: number }) => fc.Arbitrary<ReadonlyArray<R>>, render: (r: R) => ExactJson.Json) =>
  records({ rows: { min: 0, max: 6 }, anchor: T }).map((rs) => rs.map(render))

const cloudMiningRow = withExtras(fc.record({
  createTime: millis,
  tranId: fc.maxSafeNat(),
  type: fc.constantFrom(248, 249),
  asset: text,
  amount: decimalText,
  status: fc.constant("S")
}))

const umIncomeRow = withExtras(dropping(
  fc.record({
    symbol: text,
    incomeType: fc.oneof(fc.constantFrom(...UmIncome.IncomeType.literals), text),
    income: decimalText,
    asset: text,
    info: text,
    time: millis,
    tranId: fc.oneof(fc.stringMatching(/^[0-9]{1,20}$/), fc.maxSafeNat()),
    tradeId: text
  }),
  ["symbol", "info", "tradeId"]
))

// Zenlayer's amounts are number literals: any decimal, or one with an exponent.
const zenlayerAmount = fc.oneof(
  decimalText,
  fc.tuple(decimalText, fc.integer({ min: -20, max: 20 })).map(([m, e]) => `${m}e${e}`)
).map((literal) => new Json.NumberLiteral(literal))

const zenlayerRow = withExtras(dropping(
  fc.record({
    transactionId: text,
    transactionType: fc.oneof(fc.constantFrom("RECHARGE", "REFUND", "ORDER_REFUND"), text),
    amount: zenlayerAmount,
    paymentMethod: text,
    state: fc.constantFrom(...ZenlayerRecords.RechargeState.literals),
    transactionTime: isoText,
    accountUid: text
  }),
  ["paymentMethod", "accountUid"]
))

const wooxproRow = withExtras(fc.record({
  symbol: text,
  type: fc.oneof(fc.constantFrom(...WooXProRecords.transactionTypes), text),
  amount: decimalText,
  asset: text,
  account: text,
  time: fc.oneof(millis.map(String), millis),
  tran_id: text
}))

const cryptomusRow = withExtras(fc.record({
  uuid: text,
  type: fc.constantFrom(...CryptomusRecords.TransactionType.literals),
  status: fc.constantFrom(...CryptomusRecords.TransactionStatus.literals),
  created_at: isoText,
  amount: decimalText,
  amount_equivalent: maybe(decimalText),
  currency_equivalent: maybe(text),
  currency: text,
  network: maybe(text),
  txid: maybe(text),
  address: maybe(text),
  comment: maybe(text)
}))

const rows = (row: fc.Arbitrary<Json>) => fc.array(row, { maxLength: 6 })

const envelopes = {
  cloudMining: (rs: fc.Arbitrary<ReadonlyArray<unknown>>) =>
    fc.record({ total: fc.nat(), rows: rs }, { requiredKeys: ["total"] }),
  zenlayer: (rs: fc.Arbitrary<ReadonlyArray<unknown>>) =>
    fc.record({
      requestId: text,
      response: fc.record({ requestId: text, totalCount: fc.nat(), dataSet: fc.oneof(rs, fc.constant(null)) }, {
        requiredKeys: ["requestId", "totalCount"]
      })
    }),
  wooxpro: (rs: fc.Arbitrary<ReadonlyArray<unknown>>) =>
    fc.record({ code: fc.constant(1000), message: text, data: rs, trace: text }, { requiredKeys: ["code", "message", "data"] }),
  cryptomus: (rs: fc.Arbitrary<ReadonlyArray<unknown>>) =>
    fc.record({
      state: fc.constant(0),
      result: fc.record({
        items: rs,
        paginate: fc.record({
          count: fc.integer(),
          hasPages: fc.boolean(),
          nextCursor: maybe(text),
          previousCursor: maybe(text),
          perPage: fc.integer()
        })
      })
    })
}

const cases: ReadonlyArray<Case> = [
  {
    name: "binance.cloud-mining",
    page: CloudMining.CloudMiningPage,
    fast: BinanceDecoders.cloudMiningPage,
    exact: false,
    valid: envelopes.cloudMining(rows(cloudMiningRow)),
    mock: envelopes.cloudMining(mockRows(Arbitraries.cloudMiningRecords, Arbitraries.renderCloudMining)),
    rowsOf: (page) => page.rows ?? [],
    recordsOf: (page) => page.rows,
    refusedInRow: {
      createTime: [MISSING, "1667880112000", 1.5, null, 8.7e15],
      tranId: [MISSING, -1, 1.5, "1", 2 ** 53, null],
      type: [MISSING, 250, "248", null],
      asset: [MISSING, 1, null],
      amount: [MISSING, "1e-3", 0.027, "", "-", "01", " 1", null],
      status: [MISSING, "F", null]
    },
    refusedInPage: [[[], [null, [], "x"]], [["total"], [MISSING, -1, "5", 1.5]], [["rows"], [null, {}, "x"]]],
    record: CloudMining.CloudMiningRecord,
    toLedgerEntry: CloudMining.toLedgerEntry
  },
  {
    name: "binance.um-income",
    page: UmIncome.UmIncomePage,
    fast: BinanceDecoders.umIncomePage,
    exact: false,
    valid: rows(umIncomeRow),
    mock: mockRows(Arbitraries.umIncomeRecords, Arbitraries.renderUmIncome),
    rowsOf: (page) => page,
    recordsOf: (page) => page,
    refusedInRow: {
      symbol: [1, null, false],
      incomeType: [MISSING, 1, null],
      income: [MISSING, "1e3", 1, "", null],
      asset: [MISSING, 1],
      info: [2, null],
      time: [MISSING, "1", 0.5, null, 1e16],
      tranId: [MISSING, "-1", "1.5", "", "1e3", -1, 0.5, 2 ** 53, null],
      tradeId: [3, null]
    },
    refusedInPage: [[[], [null, {}, "x"]]],
    record: UmIncome.UmIncomeRecord,
    toLedgerEntry: UmIncome.toLedgerEntry
  },
  {
    name: "zenlayer.recharge-refund",
    page: ZenlayerRecords.SuccessEnvelope,
    fast: ZenlayerDecoders.successEnvelope,
    exact: true,
    valid: envelopes.zenlayer(rows(zenlayerRow)),
    mock: envelopes.zenlayer(mockRows(Arbitraries.zenlayerRecords, Arbitraries.renderZenlayer)),
    rowsOf: (page) => page.response.dataSet ?? [],
    recordsOf: (page) => page.response.dataSet,
    refusedInRow: {
      transactionId: [MISSING, 1, null],
      transactionType: [MISSING, 1],
      amount: [MISSING, "39.05", null, new Json.NumberLiteral("1.2.3"), Infinity],
      paymentMethod: [1, null],
      state: [MISSING, "PAID", null],
      transactionTime: [MISSING, "2023-02-30T00:00:00Z", "2023-08-15 09:47:01", 1692092821000, null],
      accountUid: [1, null]
    },
    refusedInPage: [
      [[], [null, [], "x"]],
      [["requestId"], [MISSING, 1]],
      [["response"], [MISSING, null, []]],
      [["response", "requestId"], [MISSING, null]],
      [["response", "totalCount"], [MISSING, -1, 1.5, "3"]],
      [["response", "dataSet"], [{}, "x", 1]]
    ],
    record: ZenlayerRecords.RechargeRefund,
    toLedgerEntry: ZenlayerMapping.toLedgerEntry
  },
  {
    name: "wooxpro.contract-transactions",
    page: WooXProRecords.SuccessEnvelope,
    fast: WooXProDecoders.successEnvelope,
    exact: false,
    valid: envelopes.wooxpro(rows(wooxproRow)),
    mock: envelopes.wooxpro(mockRows(Arbitraries.wooxproRecords, Arbitraries.renderWooxpro)),
    rowsOf: (page) => page.data,
    recordsOf: (page) => page.data,
    refusedInRow: {
      symbol: [MISSING, 1, null],
      type: [MISSING, 1],
      amount: [MISSING, "1e3", 1.5],
      asset: [MISSING, null],
      account: [MISSING, 2],
      time: [MISSING, "01", "1.5", 1.5, "x", null, 1e16, "99999999999999999"],
      tran_id: [MISSING, 3]
    },
    refusedInPage: [
      [[], [null, [], "x"]],
      [["code"], [MISSING, 1001, "1000"]],
      [["message"], [MISSING, 1]],
      [["data"], [MISSING, null, {}]],
      [["trace"], [1, null]]
    ],
    record: WooXProRecords.Transaction,
    toLedgerEntry: WooXProMapping.toLedgerEntry
  },
  {
    name: "cryptomus.transactions",
    page: CryptomusRecords.SuccessEnvelope,
    fast: CryptomusDecoders.successEnvelope,
    exact: false,
    valid: envelopes.cryptomus(rows(cryptomusRow)),
    mock: envelopes.cryptomus(mockRows(Arbitraries.cryptomusRecords, Arbitraries.renderCryptomus)),
    rowsOf: (page) => page.result.items,
    recordsOf: (page) => page.result.items,
    refusedInRow: {
      uuid: [MISSING, 1],
      type: [MISSING, "refund", null],
      status: [MISSING, "done"],
      created_at: [MISSING, "2022-09-01 14:46:44", "2022-13-01T00:00:00Z"],
      amount: [MISSING, "10,00", 10],
      amount_equivalent: [MISSING, "1e2", 1],
      currency_equivalent: [MISSING, 1],
      currency: [MISSING, null],
      network: [MISSING, 1],
      txid: [MISSING, false],
      address: [MISSING, 1],
      comment: [MISSING, {}]
    },
    refusedInPage: [
      [[], [null, [], "x"]],
      [["state"], [MISSING, 1, "0"]],
      [["result"], [MISSING, null]],
      [["result", "items"], [MISSING, null, {}]],
      [["result", "paginate"], [MISSING, null]],
      [["result", "paginate", "count"], [MISSING, 1.5, "1"]],
      [["result", "paginate", "hasPages"], [MISSING, "true", 1]],
      [["result", "paginate", "nextCursor"], [MISSING, 1]],
      [["result", "paginate", "previousCursor"], [MISSING, 1]],
      [["result", "paginate", "perPage"], [MISSING, 1.5]]
    ],
    record: CryptomusRecords.Transaction,
    toLedgerEntry: CryptomusMapping.toLedgerEntry
  }
]

/** Sets (or, with `MISSING`, deletes) the value at `path` in a parsed page; the root is replaced. */
const setAt = (page: unknown, path: ReadonlyArray<string>, value: unknown): unknown => {
  if (path.length === 0) return value
  let parent = page as Json
  for (const key of path.slice(0, -1)) parent = parent[key] as Json
  const last = path[path.length - 1]
  if (value === MISSING) delete parent[last]
  else parent[last] = value
  return page
}

const reply = (body: string): Http.Reply => ({ status: 200, headers: Headers.empty, body })

describe.each(cases)("the fast decoder of $name", (c) => {
  const parse = (body: string): unknown => c.exact ? Json.parsePlain(body) : JSON.parse(body)
  const schemaDecode = Schema.decodeUnknownEither(c.page, { errors: "first", onExcessProperty: "ignore" })
  const encode = Schema.encodeSync(c.page)
  const options = { fastCheck: { numRuns: propRuns(100) } }

  /** Both decodes of a parsed body, and the exchange's two answers for it. */
  const both = (body: string, json: unknown) => {
    const viaFast = Effect.runSyncExit(Http.decode(c.page, c.name, reply(body), c.fast)(json))
    const viaSchema = Effect.runSyncExit(Http.decode(c.page, c.name, reply(body))(json))
    return { fast: c.fast(json), schema: schemaDecode(json), viaFast, viaSchema }
  }

  it.prop("every valid page: the Schema's value, each record keeping its row as original", [c.valid], ([page]) => {
    const body = write(page)
    const json = parse(body)
    const { fast, schema, viaFast, viaSchema } = both(body, json)
    expect(Either.isRight(schema)).toBe(true)
    expect(fast).toStrictEqual(Either.getOrThrow(schema))
    // Encoded, amounts show their scale and times their milliseconds (equality of decimals ignores scale).
    expect(encode(fast)).toStrictEqual(encode(Either.getOrThrow(schema)))
    expect(viaFast).toStrictEqual(viaSchema)
    const wire = c.rowsOf(json)
    c.recordsOf(fast).forEach((record, i) => {
      expect(Wire.rowOf(record)).toBe(wire[i])
      const entry = c.toLedgerEntry(record)
      const { original, ...fields } = entry
      const { original: encoded, ...expected } = c.toLedgerEntry(c.recordsOf(Either.getOrThrow(schema))[i])
      expect(fields).toStrictEqual(expected)
      expect(original).toBe(wire[i])
      // `original` decodes back to the record, as the re-encoded record did.
      expect(Schema.decodeUnknownSync(c.record)(original)).toStrictEqual(Schema.decodeUnknownSync(c.record)(encoded))
    })
  }, options)

  const refused = c.valid.chain((page) => {
    const fieldCases = Object.entries(c.refusedInRow).flatMap(([field, values]) => values.map((v) => [field, v] as const))
    const wireRows = c.rowsOf(page)
    const inRow = wireRows.length === 0
      ? []
      : [fc.tuple(fc.nat(wireRows.length - 1), fc.constantFrom(...fieldCases)).map(([i, [field, value]]) => ({ row: i, path: [field], value }))]
    const inPage = c.refusedInPage.flatMap(([path, values]) => values.map((value) => ({ row: -1, path, value })))
    return fc.tuple(fc.constant(page), fc.oneof(...inRow, fc.constantFrom(...inPage)))
  })

  it.prop("every page with a refused field: a failure, the exchange's MalformedResponse unchanged", [refused], ([[page, change]]) => {
    const body = write(page)
    const json = parse(body)
    const target = change.row === -1 ? setAt(json, change.path, change.value) : (setAt(c.rowsOf(json)[change.row], change.path, change.value), json)
    const { fast, schema, viaFast, viaSchema } = both(body, target)
    expect(Either.isLeft(schema)).toBe(true)
    expect(fast).toBeUndefined()
    expect(viaFast._tag).toBe("Failure")
    expect(viaFast).toStrictEqual(viaSchema)
  }, options)

  // Anything else a field may hold, or a row in place of another: whatever the Schema says.
  const changed = fc.tuple(
    fc.oneof(c.valid, c.mock),
    fc.oneof(fc.jsonValue(), fc.constant(MISSING)),
    fc.nat(),
    fc.nat()
  )

  it.prop("any other change, and the mock's own rows: the same outcome as the Schema", [changed], ([[page, value, r, f]]) => {
    const body = write(page)
    const json = parse(body)
    const wire = c.rowsOf(json)
    if (wire.length > 0) {
      const row = wire[r % wire.length]
      const fields = Object.keys(row)
      if (fields.length > 0) setAt(row, [fields[f % fields.length]], value)
    }
    const { fast, schema, viaFast, viaSchema } = both(body, json)
    if (Either.isRight(schema)) {
      expect(fast).toStrictEqual(schema.right)
      expect(encode(fast)).toStrictEqual(encode(schema.right))
    } else {
      expect(fast).toBeUndefined()
    }
    expect(viaFast).toStrictEqual(viaSchema)
  }, options)

  it("leaves a row that JSON does not make (another prototype) to the Schema", () => {
    const page = fc.sample(c.valid.filter((p) => c.rowsOf(p).length > 0), { seed: 1, numRuns: 1 })[0]
    const body = write(page)
    const json = parse(body)
    Object.setPrototypeOf(c.rowsOf(json)[0], { inherited: true })
    const { fast, schema, viaFast } = both(body, json)
    expect(fast).toBeUndefined()
    expect(viaFast).toStrictEqual(Effect.runSyncExit(Effect.succeed(Either.getOrThrow(schema))))
  })
})
