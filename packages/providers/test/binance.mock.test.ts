/**
 * Proofs against the mock server's testkit over real HTTP: the documented examples,
 * exactly-once delivery over generated datasets, credentials, time sync, and local
 * validation that sends nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import { Amount, Errors, Time } from "@ledgerkit/core"
import { Arbitraries, Records } from "@ledgerkit/mock-server"
import { Chunk, Duration, Effect, FastCheck as fc, Redacted, Stream } from "effect"
import * as Binance from "../src/Binance.js"
import { propRuns } from "./binanceKit.js"
import { DAY, T, withMock } from "./binanceMock.js"

const at = Time.fromMillis
const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

describe("Binance against the mock: the documented examples", () => {
  it.effect("cloud-mining: the documented request returns the documented page, decoded exactly", () =>
    withMock(({ binance }) =>
      Effect.gen(function*() {
        const page = yield* binance.cloudMiningPage({
          startTime: at(Date.UTC(2022, 9, 1)),
          endTime: at(Date.UTC(2022, 11, 1)),
          current: 1,
          size: 10
        })
        expect(page.total).toBe(5)
        expect(page.rows.map((r) => [r.createTime, r.tranId, r.type, r.asset, Amount.format(r.amount), r.status]))
          .toStrictEqual([
            [at(1667880112000), 121230610120, 248, "USDT", "25.0068", "S"],
            [at(1666776366000), 119991507468, 249, "USDT", "0.027", "S"],
            [at(1666764505000), 119977966327, 248, "USDT", "0.027", "S"],
            [at(1666758189000), 119973601721, 248, "USDT", "0.018", "S"],
            [at(1666757278000), 119973028551, 248, "USDT", "0.018", "S"]
          ])
      })
    ))

  it.effect("UM income: both documented rows, -0.37500000 kept, the shared tranId 9689322392 under two keys", () =>
    withMock(({ binance }) =>
      Effect.gen(function*() {
        const rows = yield* collect(binance.umIncome({ from: at(Date.UTC(2019, 9, 1)), to: at(Date.UTC(2019, 9, 31)) }))
        expect(rows.map((r) => [r.symbol, r.incomeType, Amount.format(r.income), r.asset, r.info, r.time, r.tranId, r.tradeId]))
          .toStrictEqual([
            ["", "TRANSFER", "-0.37500000", "USDT", "TRANSFER", at(1570608000000), "9689322392", ""],
            ["BTCUSDT", "COMMISSION", "-0.01000000", "USDT", "COMMISSION", at(1570636800000), "9689322392", "2059192"]
          ])
        expect(rows.map(Binance.UmIncome.toLedgerEntry).map((e) => [e.id, e.kind, Amount.format(e.amount)])).toStrictEqual([
          ["TRANSFER:9689322392", "transfer", "-0.37500000"],
          ["COMMISSION:9689322392", "commission", "-0.01000000"]
        ])
      }), { client: { retention: "off" } }))

  it.effect("both sources give the documented records as ledger entries", () =>
    withMock(({ binance }) =>
      Effect.gen(function*() {
        const range = { from: at(Date.UTC(2019, 0, 1)), to: at(Date.UTC(2023, 0, 1)) }
        const cloud = yield* collect(binance.sources.cloudMining.entries(range))
        const income = yield* collect(binance.sources.umIncome.entries(range))
        expect(cloud.map((e) => `${e.id} ${e.kind} ${Amount.format(e.amount)} ${e.asset}`)).toStrictEqual([
          // In time order (each window is delivered sorted by time).
          "119973028551 payment -0.018 USDT",
          "119973601721 payment -0.018 USDT",
          "119977966327 payment -0.027 USDT",
          "119991507468 refund 0.027 USDT",
          "121230610120 payment -25.0068 USDT"
        ])
        expect(income.map((e) => e.id)).toStrictEqual(["TRANSFER:9689322392", "COMMISSION:9689322392"])
      }), { client: { retention: "off", maxWindow: { cloudMining: Duration.days(365), umIncome: Duration.days(365) } } }))
})

/** A range to walk and the longest window, for one generated table. */
interface Walk {
  readonly from: number
  /** Exclusive for cloud-mining, inclusive for UM income. */
  readonly to: number
  readonly span: number
}

/**
 * Walks over a table's record times: either anywhere from `lower` on, or with `from`, a
 * window boundary and `to` on record times (off by at most 1 ms), where an end rule
 * that is wrong by one millisecond loses or repeats a record.
 */
const walkOver = (times: ReadonlyArray<number>, lower: number): fc.Arbitrary<Walk> => {
  const anywhere = fc.record({
    from: fc.integer({ min: lower, max: T }),
    length: fc.integer({ min: 0, max: 100 * DAY }),
    windows: fc.integer({ min: 1, max: 12 })
  }).map(({ from, length, windows }) => ({ from, to: from + length, span: Math.max(1, Math.ceil((length + 1) / windows)) }))
  const candidates = Array.from(new Set(times.filter((t) => t >= lower))).sort((a, b) => a - b)
  if (candidates.length < 2) return anywhere
  const onRecords = fc.record({
    i: fc.nat({ max: candidates.length - 2 }),
    step: fc.nat(),
    last: fc.nat({ max: candidates.length - 1 }),
    nudge: fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }))
  }).map(({ i, last, nudge, step }) => {
    const from = candidates[i]
    const boundary = candidates[i + 1 + (step % (candidates.length - 1 - i))]
    const span = boundary - from + nudge[0]
    // At most 40 windows per walk.
    const to = Math.min(Math.max(from, candidates[last] + nudge[1]), from + 40 * span)
    return { from, to, span }
  })
  return fc.oneof(anywhere, onRecords)
}

describe("Binance against the mock: exactly once over generated datasets", () => {
  it.effect.prop(
    "cloud-mining delivers every served record of [from, to) exactly once, any page size, windows and order",
    {
      // A drawn row count: fast-check's default sizes would keep tables of a few rows.
      table: fc.integer({ min: 0, max: 150 }).chain((rows) => Arbitraries.cloudMiningRecords({ rows, anchor: T })).chain((records) =>
        fc.record({ records: fc.constant(records), walk: walkOver(records.map((r) => r.createTime), T - 95 * DAY) })
      ),
      pageSize: fc.integer({ min: 1, max: 100 }),
      order: fc.constantFrom("asc" as const, "desc" as const)
    },
    ({ order, pageSize, table: { records, walk } }) =>
      withMock(({ binance, mock }) =>
        Effect.gen(function*() {
          yield* mock.state.setRecords("binance.cloud-mining", records)
          yield* mock.state.patchSettings({ order: { "binance.cloud-mining": order } })
          const got = yield* collect(binance.cloudMining({ from: at(walk.from), to: at(walk.to), pageSize }))
          const expected = records.filter((r) =>
            r.status === "S" && r.createTime >= walk.from && r.createTime < Math.min(walk.to, T)
          )
          const ids = got.map((r) => r.tranId)
          expect(new Set(ids).size).toBe(ids.length)
          expect([...ids].sort((a, b) => a - b)).toStrictEqual(expected.map((r) => r.tranId).sort((a, b) => a - b))
          const byId = new Map(expected.map((r) => [r.tranId, r]))
          for (const r of got) {
            const source = byId.get(r.tranId)!
            expect([Time.toMillis(r.createTime), r.type, r.asset, Amount.format(r.amount)])
              .toStrictEqual([source.createTime, source.type, source.asset, source.amount])
          }
        }), { client: { maxWindow: { cloudMining: Duration.millis(walk.span) } } }),
    // Walks of one-row pages read many windows over HTTP.
    { timeout: 180_000, fastCheck: { numRuns: propRuns() } }
  )

  it.effect.prop(
    "UM income delivers every record of [from, to] exactly once by (incomeType, tranId), any page size, windows and filters",
    {
      table: fc.integer({ min: 0, max: 200 }).chain((rows) => Arbitraries.umIncomeRecords({ rows, anchor: T })).chain((records) =>
        // From the earliest time the client accepts (3 months before T are 89 days).
        fc.record({ records: fc.constant(records), walk: walkOver(records.map((r) => r.time), T - 89 * DAY) })
      ),
      pageSize: fc.integer({ min: 1, max: 1000 }),
      incomeType: fc.option(fc.constantFrom(...Records.incomeTypes), { nil: undefined }),
      symbol: fc.option(fc.constantFrom("BTCUSDT", "ETHUSDT"), { nil: undefined })
    },
    ({ incomeType, pageSize, symbol, table: { records, walk } }) =>
      withMock(({ binance, mock }) =>
        Effect.gen(function*() {
          yield* mock.state.setRecords("binance.um-income", records)
          const got = yield* collect(
            binance.umIncome({ from: at(walk.from), to: at(walk.to), pageSize, incomeType, symbol })
          )
          const expected = records.filter((r) =>
            r.time >= walk.from && r.time <= Math.min(walk.to, T) &&
            (incomeType === undefined || r.incomeType === incomeType) && (symbol === undefined || r.symbol === symbol)
          )
          const keys = got.map(Binance.UmIncome.keyOf)
          expect(new Set(keys).size).toBe(keys.length)
          expect([...keys].sort()).toStrictEqual(expected.map((r) => `${r.incomeType}:${r.tranId}`).sort())
          const byKey = new Map(expected.map((r) => [`${r.incomeType}:${r.tranId}`, r]))
          for (const r of got) {
            const source = byKey.get(Binance.UmIncome.keyOf(r))!
            expect([Time.toMillis(r.time), r.symbol, r.asset, Amount.format(r.income), r.tradeId])
              .toStrictEqual([source.time, source.symbol, source.asset, source.income, source.tradeId])
          }
        }), { client: { maxWindow: { umIncome: Duration.millis(walk.span) } } }),
    // Walks of one-row pages read many windows over HTTP.
    { timeout: 180_000, fastCheck: { numRuns: propRuns() } }
  )
})

describe("Binance against the mock: credentials, clock and validation", () => {
  it.effect("a wrong secret gives Unauthorized after exactly one request, and the journal holds no secret", () =>
    withMock(({ binance, journal, mock, sent }) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(binance.umIncomePage({}))
        expect(error).toMatchObject({ _tag: "Unauthorized", providerCode: -1022 })
        expect(sent).toHaveLength(1)
        const entries = yield* journal
        expect(entries.map((e) => [e.endpoint, e.status, e.auth._tag, e.auth.code])).toStrictEqual([
          ["binance.um-income", 400, "Failed", "-1022"]
        ])
        const text = JSON.stringify(entries)
        expect(text).not.toContain(mock.credentials.binance.apiKey)
        expect(text).not.toContain(Redacted.value(mock.credentials.binance.apiSecret))
      }), { client: { apiSecret: Redacted.make("not-the-secret") } }))

  it.effect("a wrong key gives Unauthorized after exactly one request", () =>
    withMock(({ binance, journal, sent }) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(binance.cloudMiningPage({ startTime: at(T - DAY), endTime: at(T) }))
        expect(error).toMatchObject({ _tag: "Unauthorized", providerCode: -2015, status: 401 })
        expect(sent).toHaveLength(1)
        expect((yield* journal).map((e) => [e.status, e.auth.code])).toStrictEqual([[401, "-2015"]])
      }), { client: { apiKey: Redacted.make("someone-elses-key") } }))

  for (const skew of [-10_000, 10_000]) {
    it.effect(`a client clock ${skew / 1000} s off the mock's recovers through GET /api/v3/time`, () =>
      withMock(({ binance, journal, sent }) =>
        Effect.gen(function*() {
          const rows = yield* collect(binance.umIncome({ from: at(Date.UTC(2019, 9, 1)), to: at(Date.UTC(2019, 9, 31)) }))
          expect(rows).toHaveLength(2)
          yield* binance.cloudMiningPage({ startTime: at(T - DAY), endTime: at(T) })
          expect((yield* journal).map((e) => [e.path, e.status])).toStrictEqual([
            ["/papi/v1/um/income", 400],
            ["/api/v3/time", 200],
            ["/papi/v1/um/income", 200],
            ["/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage", 400],
            ["/api/v3/time", 200],
            ["/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage", 200]
          ])
          expect(sent.map((u) => new URL(u).pathname)).toStrictEqual([
            "/papi/v1/um/income",
            "/api/v3/time",
            "/papi/v1/um/income",
            "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage",
            "/api/v3/time",
            "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage"
          ])
        }), { clientTime: T + skew, client: { retention: "off", maxWindow: { umIncome: Duration.days(60) } } }))
  }

  it.effect("local validation failures reach the journal as zero requests", () =>
    withMock(({ binance, journal, sent }) =>
      Effect.gen(function*() {
        const failures = yield* Effect.all([
          Effect.flip(Stream.runDrain(binance.cloudMining({ from: at(T), to: at(T - DAY) }))),
          Effect.flip(Stream.runDrain(binance.cloudMining({ from: at(T - DAY), to: at(T), pageSize: 101 }))),
          Effect.flip(Stream.runDrain(binance.umIncome({ from: at(T - DAY), to: at(T), pageSize: 1001 }))),
          Effect.flip(Stream.runDrain(binance.umIncome({
            from: at(T - DAY),
            to: at(T),
            incomeType: "DELIVERED_SETTLEMENT" as Binance.UmIncome.IncomeType
          }))),
          Effect.flip(binance.umIncomePage({ limit: 1001 })),
          Effect.flip(binance.cloudMiningPage({ startTime: at(T - DAY), endTime: at(T), size: 101 }))
        ])
        for (const failure of failures) expect(failure).toMatchObject({ _tag: "InvalidRequest", local: true })
        const history = yield* Effect.flip(Stream.runDrain(binance.umIncome({ from: at(T - 200 * DAY), to: at(T) })))
        expect(history).toBeInstanceOf(Errors.HistoryUnavailable)
        expect(sent).toHaveLength(0)
        expect(yield* journal).toStrictEqual([])
      })))
})
