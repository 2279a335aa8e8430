/**
 * Pagination over HTTP, driven by the minimal independent client of ./support/client.ts:
 * for arbitrary generated records and page sizes (and the switchable behaviours), walking
 * each endpoint returns every record of the range exactly once, and the counts agree with
 * `total` / `totalCount` where the provider reports one.
 */
import { describe, expect, layer } from "@effect/vitest"
import { DateTime, Effect, FastCheck as fc } from "effect"
import { Arbitraries, Records, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const anchor = Date.UTC(2024, 5, 1, 0, 0, 0)
const DAY = 86_400_000
const rows = { min: 0, max: 50 }
const options = { fastCheck: { numRuns: Client.propRuns() } }

const keysOf = <A>(items: ReadonlyArray<A>, key: (a: A) => string) => items.map(key)

/**
 * A window whose bounds are often the time of a record (where inclusive and exclusive
 * bounds differ), otherwise arbitrary; never reversed.
 */
const windowArb = fc.record({
  start: fc.oneof(fc.nat(), fc.integer({ min: -95 * DAY, max: 0 })),
  end: fc.oneof(fc.nat(), fc.integer({ min: -95 * DAY, max: 0 }), fc.constant(1))
})
const windowOf = (times: ReadonlyArray<number>, w: { start: number; end: number }) => {
  const pick = (n: number) => (n >= 0 && times.length > 0 ? times[n % times.length] : anchor + n)
  const a = pick(w.start)
  const b = pick(w.end)
  return { start: Math.min(a, b), end: Math.max(a, b) }
}

/** Fails a walk that does not end (a server that never stops paging). */
const guard = (steps: number, limit: number) => {
  if (steps > limit) throw new Error(`the walk did not end after ${limit} pages`)
}

/** Every key once, and the same keys as expected. */
const expectExactlyOnce = (walked: ReadonlyArray<string>, expected: ReadonlyArray<string>) => {
  expect(new Set(walked).size).toBe(walked.length)
  expect([...walked].sort()).toEqual([...expected].sort())
}

describe("cloud-mining: current/size with total", () => {
  layer(Testkit.layer({ now: anchor }))((it) => {
    it.effect.prop(
      "every S row of [startTime, endTime) exactly once; total agrees",
      {
        records: Arbitraries.cloudMiningRecords({ rows, anchor }),
        size: fc.integer({ min: 1, max: 100 }),
        window: windowArb,
        order: fc.constantFrom<Array<"asc" | "desc">>("asc", "desc")
      },
      ({ order, records, size, window }) =>
        Effect.gen(function*() {
          const mock = yield* Testkit.MockServer
          yield* mock.state.setRecords("binance.cloud-mining", records)
          yield* mock.state.patchSettings({ order: { "binance.cloud-mining": order } })
          const { end: endTime, start: startTime } = windowOf(records.map((r) => r.createTime), window)
          const expected = records.filter((r) => r.status === "S" && r.createTime >= startTime && r.createTime < endTime)
          const walked: Array<Records.CloudMiningRecord> = []
          for (let current = 1; ; current++) {
            guard(current, records.length + 2)
            const reply = yield* Client.binanceGet(mock.baseUrl, "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage", {
              startTime,
              endTime,
              current,
              size
            }, Client.keys.binance, anchor)
            expect(reply.status).toBe(200)
            const page = reply.body as { total: number; rows: Array<Records.CloudMiningRecord> }
            expect(page.total).toBe(expected.length)
            walked.push(...page.rows)
            if (page.rows.length < size || walked.length >= page.total) break
          }
          expectExactlyOnce(keysOf(walked, (r) => String(r.tranId)), keysOf(expected, (r) => String(r.tranId)))
          // The rows are served as stored, in the configured order.
          expect(walked).toEqual(
            [...expected].sort((a, b) => (order === "asc" ? 1 : -1) * (a.createTime - b.createTime || a.tranId - b.tranId))
              .map(({ clientTranId: _, ...r }) => r)
          )
        }),
      options
    )
  })
})

describe("UM income: page/limit, no total", () => {
  layer(Testkit.layer({ now: anchor }))((it) => {
    it.effect.prop(
      "every retained row of [startTime, endTime] exactly once, by (incomeType, tranId)",
      {
        records: Arbitraries.umIncomeRecords({ rows, anchor }),
        limit: fc.integer({ min: 1, max: 60 }),
        window: windowArb,
        order: fc.constantFrom<Array<"asc" | "desc">>("asc", "desc")
      },
      ({ limit, order, records, window }) =>
        Effect.gen(function*() {
          const mock = yield* Testkit.MockServer
          yield* mock.state.setRecords("binance.um-income", records)
          yield* mock.state.patchSettings({ order: { "binance.um-income": order } })
          // Retention computed independently: 3 calendar months before the clock.
          const retained = DateTime.toEpochMillis(DateTime.subtract(DateTime.unsafeMake(anchor), { months: 3 }))
          const { end, start } = windowOf(records.map((r) => r.time), window)
          const expected = records.filter((r) => r.time >= Math.max(start, retained) && r.time <= end)
          const walked: Array<Records.UmIncomeRecord> = []
          for (let page = 1; ; page++) {
            guard(page, records.length + 2)
            const reply = yield* Client.binanceGet(mock.baseUrl, "/papi/v1/um/income", {
              startTime: start,
              endTime: end,
              page,
              limit
            }, Client.keys.binance, anchor)
            expect(reply.status).toBe(200)
            const items = reply.body as Array<Records.UmIncomeRecord>
            walked.push(...items)
            if (items.length < limit) break
          }
          const key = (r: Records.UmIncomeRecord) => `${r.incomeType}:${r.tranId}`
          expectExactlyOnce(keysOf(walked, key), keysOf(expected, key))
        }),
      options
    )
  })
})

describe("Zenlayer: pageNum/pageSize with totalCount", () => {
  layer(Testkit.layer({ now: anchor }))((it) => {
    it.effect.prop(
      "every row of the state filter exactly once; totalCount agrees",
      {
        records: Arbitraries.zenlayerRecords({ rows, anchor }),
        pageSize: fc.integer({ min: 1, max: 60 }),
        states: fc.option(fc.subarray([...Records.rechargeStates], { minLength: 1 }), { nil: undefined }),
        window: fc.option(windowArb, { nil: undefined }),
        bound: fc.constantFrom<Array<"inclusive" | "exclusive">>("inclusive", "exclusive"),
        order: fc.constantFrom<Array<"asc" | "desc">>("asc", "desc")
      },
      ({ bound, order, pageSize, records, states, window }) =>
        Effect.gen(function*() {
          const mock = yield* Testkit.MockServer
          yield* mock.state.setRecords("zenlayer.recharge-refund", records)
          yield* mock.state.patchSettings({
            order: { "zenlayer.recharge-refund": order },
            endBound: { "zenlayer.recharge-refund": bound }
          })
          const timeOf = (r: Records.ZenlayerRecord) => Date.parse(r.transactionTime)
          const w = window === undefined ? undefined : windowOf(records.map(timeOf), window)
          // Zenlayer times are whole seconds: the request's bounds are too.
          const iso = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString().replace(".000Z", "Z")
          const filter = w === undefined ? {} : { startTime: iso(w.start), endTime: iso(w.end) }
          const inWindow = (t: number) =>
            w === undefined || (t >= Date.parse(filter.startTime!) && (bound === "inclusive" ? t <= Date.parse(filter.endTime!) : t < Date.parse(filter.endTime!)))
          const expected = records.filter((r) => (states === undefined || states.includes(r.state)) && inWindow(timeOf(r)))
          const walked: Array<Records.ZenlayerRecord> = []
          for (let pageNum = 1; ; pageNum++) {
            guard(pageNum, records.length + 2)
            const reply = yield* Client.zenlayerPost(mock.baseUrl, {
              pageNum,
              pageSize,
              ...filter,
              ...(states === undefined ? {} : { state: states })
            }, Client.keys.zenlayer, anchor / 1000)
            expect(reply.status).toBe(200)
            const { response } = reply.body as { response: { totalCount: number; dataSet: Array<Records.ZenlayerRecord & { amount: number }> } }
            expect(response.totalCount).toBe(expected.length)
            // Each amount is a JSON number: read as its literal's text, not through a double.
            const literals = Array.from(reply.text.matchAll(/"amount":(-?[\d.eE+-]+)/g), (m) => m[1]!)
            expect(literals).toHaveLength(response.dataSet.length)
            walked.push(...response.dataSet.map((r, i) => ({ ...r, amount: literals[i]! })))
            if (walked.length >= response.totalCount || response.dataSet.length === 0) break
          }
          expectExactlyOnce(keysOf(walked, (r) => r.transactionId), keysOf(expected, (r) => r.transactionId))
          // Amounts are served as the dataset's literals, digit for digit (30 digits, trailing
          // zeros: Datasets.test.ts).
          const amountOf = new Map(expected.map((r) => [r.transactionId, r.amount]))
          for (const r of walked) expect(r.amount).toBe(amountOf.get(r.transactionId))
        }),
      options
    )
  })
})

describe("WOO X Pro: time-window walking (no page, no cursor)", () => {
  layer(Testkit.layer({ now: anchor }))((it) => {
    it.effect.prop(
      "narrowing the window returns every row once, or detects a burst larger than page_size",
      {
        records: Arbitraries.wooxproRecords({ rows, anchor }),
        pageSize: fc.integer({ min: 1, max: 60 }),
        flowType: fc.integer({ min: 0, max: 5 }),
        window: windowArb,
        order: fc.constantFrom<Array<"asc" | "desc">>("asc", "desc"),
        bound: fc.constantFrom<Array<"inclusive" | "exclusive">>("inclusive", "exclusive")
      },
      ({ bound, flowType, order, pageSize, records, window }) =>
        Effect.gen(function*() {
          const mock = yield* Testkit.MockServer
          yield* mock.state.setRecords("wooxpro.contract-transactions", records)
          yield* mock.state.patchSettings({
            order: { "wooxpro.contract-transactions": order },
            endBound: { "wooxpro.contract-transactions": bound }
          })
          const { end: to, start: from } = windowOf(records.map((r) => Number(r.time)), window)
          const type = flowType === 0 ? undefined : Records.wooxproFlowTypes[flowType as 1 | 2 | 3 | 4 | 5]
          const expected = records.filter((r) =>
            (type === undefined || r.type === type) && Number(r.time) >= from &&
            (bound === "inclusive" ? Number(r.time) <= to : Number(r.time) < to)
          )
          const perTime = new Map<string, number>()
          for (const r of expected) perTime.set(r.time, (perTime.get(r.time) ?? 0) + 1)
          const burst = Math.max(0, ...perTime.values())
          const seen = new Map<string, Records.WooxproRecord>()
          let start = from
          let end = to
          let stuck = false
          for (let step = 1; ; step++) {
            guard(step, records.length + 2)
            const reply = yield* Client.wooxproGet(mock.baseUrl, { start_time: start, end_time: end, page_size: pageSize, flow_type: flowType }, Client.keys.wooxpro)
            expect(reply.status).toBe(200)
            const data = (reply.body as { data: Array<Records.WooxproRecord> }).data
            for (const r of data) seen.set(`${r.type}:${r.tran_id}`, r)
            if (data.length < pageSize) break
            const times = data.map((r) => Number(r.time))
            if (order === "asc") {
              const next = Math.max(...times)
              if (next === start) { stuck = true; break }
              start = next
            } else {
              const next = Math.min(...times) + (bound === "inclusive" ? 0 : 1)
              if (next === end) { stuck = true; break }
              end = next
            }
          }
          expect(stuck).toBe(burst >= pageSize)
          if (!stuck) {
            expectExactlyOnce([...seen.keys()], keysOf(expected, (r) => `${r.type}:${r.tran_id}`))
          }
        }),
      options
    )
  })
})

describe("Cryptomus: opaque cursors", () => {
  layer(Testkit.layer({ now: anchor }))((it) => {
    it.effect.prop(
      "following nextCursor returns every row once; previousCursor walks back over the same pages",
      {
        records: Arbitraries.cryptomusRecords({ rows, anchor }),
        perPage: fc.integer({ min: 1, max: 20 }),
        type: fc.option(fc.constantFrom(...Records.cryptomusTypes), { nil: undefined }),
        window: fc.option(windowArb, { nil: undefined }),
        bound: fc.constantFrom<Array<"inclusive" | "exclusive">>("inclusive", "exclusive"),
        order: fc.constantFrom<Array<"asc" | "desc">>("asc", "desc")
      },
      ({ bound, order, perPage, records, type, window }) =>
        Effect.gen(function*() {
          const mock = yield* Testkit.MockServer
          yield* mock.state.setRecords("cryptomus.transactions", records)
          yield* mock.state.patchSettings({
            order: { "cryptomus.transactions": order },
            endBound: { "cryptomus.transactions": bound },
            cryptomus: { perPage }
          })
          const timeOf = (r: Records.CryptomusRecord) => Date.parse(r.created_at)
          const w = window === undefined ? undefined : windowOf(records.map(timeOf), window)
          // "YYYY-MM-DD HH:mm:ss" in UTC: whole seconds.
          const wall = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString().slice(0, 19).replace("T", " ")
          const body = JSON.stringify({
            ...(type === undefined ? {} : { type }),
            ...(w === undefined ? {} : { date_from: wall(w.start), date_to: wall(w.end) })
          })
          const from = w === undefined ? -Infinity : Math.floor(w.start / 1000) * 1000
          const to = w === undefined ? Infinity : Math.floor(w.end / 1000) * 1000
          const expected = records.filter((r) =>
            (type === undefined || r.type === type) && timeOf(r) >= from && (bound === "inclusive" ? timeOf(r) <= to : timeOf(r) < to)
          )
          interface Page {
            readonly items: Array<Records.CryptomusRecord>
            readonly paginate: { count: number; hasPages: boolean; nextCursor: string | null; previousCursor: string | null; perPage: number }
          }
          const pages: Array<Page> = []
          let cursor: string | undefined
          for (let step = 1; ; step++) {
            guard(step, records.length + 2)
            const reply = yield* Client.cryptomusPost(mock.baseUrl, body, Client.keys.cryptomus, cursor)
            expect(reply.status).toBe(200)
            const page = (reply.body as { result: Page }).result
            expect(page.paginate.count).toBe(page.items.length)
            expect(page.paginate.perPage).toBe(perPage)
            expect(page.paginate.hasPages).toBe(expected.length > perPage)
            pages.push(page)
            if (page.paginate.nextCursor === null) break
            cursor = page.paginate.nextCursor
          }
          const walked = pages.flatMap((p) => p.items.map((i) => i.uuid))
          expectExactlyOnce(walked, keysOf(expected, (r) => r.uuid))
          expect(pages).toHaveLength(Math.max(1, Math.ceil(expected.length / perPage)))
          // Back from the last page to the first, page by page.
          let back = pages[pages.length - 1].paginate.previousCursor
          for (let i = pages.length - 2; i >= 0; i--) {
            expect(back).not.toBeNull()
            const reply = yield* Client.cryptomusPost(mock.baseUrl, body, Client.keys.cryptomus, back ?? undefined)
            const page = (reply.body as { result: Page }).result
            expect(page.items.map((x) => x.uuid)).toEqual(pages[i].items.map((x) => x.uuid))
            back = page.paginate.previousCursor
          }
          expect(back).toBeNull()
        }),
      options
    )
  })
})
