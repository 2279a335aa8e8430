/**
 * Faults and rate limits injected through the mock server, with the mock and the client
 * on one TestClock (`drive` jumps it to each sleep), so every timing is read from the
 * mock's journal, never from the wall clock.
 */
import { describe, expect, it } from "@effect/vitest"
import { Amount, Time } from "@ledgerkit/core"
import type { Faults } from "@ledgerkit/mock-server"
import { Arbitraries, Records } from "@ledgerkit/mock-server"
import { Chunk, DateTime, Duration, Effect, Exit, FastCheck as fc, Stream } from "effect"
import type * as Binance from "../src/Binance.js"
import { drive, propRuns } from "./binanceKit.js"
import { DAY, T, withMock } from "./binanceMock.js"

const at = Time.fromMillis
const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** The mock reads the test's TestClock; requests never time out while the clock jumps. */
const together = (client: Partial<Binance.Options> = {}) => ({
  mock: { now: undefined },
  client: { timeout: Duration.days(1), ...client }
})

/** Runs an effect to its end with `drive`, and returns its exit. */
const driven = <A, E>(effect: Effect.Effect<A, E>) => Effect.flatMap(Effect.fork(effect), (fiber) => drive(fiber))

describe("Binance against mock faults", () => {
  it.effect("a 429 with Retry-After is retried no sooner than Retry-After", () =>
    withMock(({ binance, journal, mock }) =>
      Effect.gen(function*() {
        yield* mock.admin.setFault({
          endpoint: "binance.um-income",
          kind: { _tag: "TooManyRequests", retryAfterSeconds: 30 },
          times: 1
        })
        const exit = yield* driven(binance.umIncomePage({ startTime: at(T - DAY), endTime: at(T) }))
        expect(Exit.isSuccess(exit)).toBe(true)
        const entries = yield* journal
        expect(entries.map((e) => [e.status, e.fault?.kind ?? null])).toStrictEqual([[429, "TooManyRequests"], [200, null]])
        expect(entries[1].time - entries[0].time).toBeGreaterThanOrEqual(30_000)
      }), together({ retry: { base: "10 millis" } })))

  it.effect("a 418 ends the stream with Banned until the ban's end, after one request", () =>
    withMock(({ binance, journal, mock }) =>
      Effect.gen(function*() {
        yield* mock.admin.setFault({ endpoint: "binance.um-income", kind: { _tag: "Banned", retryAfterSeconds: 120 } })
        const exit = yield* driven(collect(binance.umIncome({ from: at(T - 3 * DAY), to: at(T) })))
        const entries = yield* journal
        expect(entries.map((e) => e.status)).toStrictEqual([418])
        expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({
          _tag: "Banned",
          status: 418,
          retryAfter: Duration.seconds(120),
          until: DateTime.unsafeMake(entries[0].time + 120_000)
        })))
      }), together()))

  it.effect("a malformed JSON body is MalformedResponse, not retried", () =>
    withMock(({ binance, journal, mock }) =>
      Effect.gen(function*() {
        yield* mock.admin.setFault({ endpoint: "binance.cloud-mining", kind: { _tag: "MalformedJson" }, times: 1 })
        const exit = yield* driven(binance.cloudMiningPage({ startTime: at(T - DAY), endTime: at(T) }))
        expect(exit).toStrictEqual(Exit.fail(expect.objectContaining({
          _tag: "MalformedResponse",
          status: 200,
          excerpt: "{\"total\":0,\"rows\":[]"
        })))
        expect(yield* journal).toHaveLength(1)
      }), together()))

  it.effect("an answer slower than the timeout is Unavailable, and the retry gets the page", () =>
    withMock(({ binance, journal, mock, sent }) =>
      Effect.gen(function*() {
        yield* mock.admin.setFault({ endpoint: "binance.um-income", kind: { _tag: "Delay", millis: 60_000 }, times: 1 })
        const exit = yield* driven(binance.umIncomePage({ startTime: at(T - DAY), endTime: at(T) }))
        expect(Exit.isSuccess(exit)).toBe(true)
        expect(sent).toHaveLength(2)
        // The slow request was abandoned at its timeout, so the mock journals only the
        // retry: sent at T, it left after the 30 s timeout, before the 60 s answer.
        const entries = yield* journal
        expect(entries.map((e) => e.status)).toStrictEqual([200])
        expect(entries[0].time - T).toBeGreaterThanOrEqual(30_000)
        expect(entries[0].time - T).toBeLessThan(60_000)
      }), together({ timeout: Duration.seconds(30), retry: { base: "1 second", maxBackoff: "1 second" } })))

  it.effect.prop(
    "5xx, resets and truncated bodies are retried with nothing lost or repeated",
    {
      cloud: fc.integer({ min: 0, max: 120 }).chain((rows) => Arbitraries.cloudMiningRecords({ rows, anchor: T })),
      income: fc.integer({ min: 0, max: 120 }).chain((rows) => Arbitraries.umIncomeRecords({ rows, anchor: T })),
      cloudPage: fc.integer({ min: 1, max: 100 }),
      incomePage: fc.integer({ min: 1, max: 1000 }),
      seed: fc.integer(),
      status: fc.constantFrom(500, 502, 503, 504)
    },
    ({ cloud, cloudPage, income, incomePage, seed, status }) =>
      withMock(({ binance, journal, mock }) =>
        Effect.gen(function*() {
          yield* mock.state.setRecords("binance.cloud-mining", cloud)
          yield* mock.state.setRecords("binance.um-income", income)
          const faults: ReadonlyArray<Faults.Spec> = [
            { endpoint: "*", kind: { _tag: "ServerError", status }, probability: 0.2, seed },
            { endpoint: "*", kind: { _tag: "Reset" }, probability: 0.15, seed: seed ^ 1 },
            { endpoint: "*", kind: { _tag: "Truncated" }, probability: 0.1, seed: seed ^ 2 }
          ]
          yield* mock.admin.setFaults(faults)
          const from = T - 85 * DAY
          const exit = yield* driven(Effect.all([
            collect(binance.cloudMining({ from: at(from), to: at(T), pageSize: cloudPage })),
            collect(binance.umIncome({ from: at(from), to: at(T), pageSize: incomePage }))
          ]))
          if (Exit.isFailure(exit)) throw new Error(`the walk failed: ${exit.cause.toString()}`)
          const [gotCloud, gotIncome] = exit.value

          const cloudIds = gotCloud.map((r) => r.tranId)
          const expectedCloud = cloud.filter((r) => r.status === "S" && r.createTime >= from && r.createTime < T)
          expect(cloudIds).toHaveLength(new Set(cloudIds).size)
          expect([...cloudIds].sort((a, b) => a - b)).toStrictEqual(expectedCloud.map((r) => r.tranId).sort((a, b) => a - b))

          const incomeKeys = gotIncome.map((r) => `${r.incomeType}:${r.tranId}`)
          const expectedIncome = income.filter((r) => r.time >= from && r.time <= T)
          expect(incomeKeys).toHaveLength(new Set(incomeKeys).size)
          expect([...incomeKeys].sort()).toStrictEqual(expectedIncome.map((r) => `${r.incomeType}:${r.tranId}`).sort())
          const amounts = new Map(expectedIncome.map((r) => [`${r.incomeType}:${r.tranId}`, r.income]))
          for (const r of gotIncome) expect(Amount.format(r.income)).toBe(amounts.get(`${r.incomeType}:${r.tranId}`))

          // Every fault was answered by a retry of the same request.
          const entries = yield* journal
          const faulted = entries.filter((e) => e.fault !== null)
          expect(entries.length - faulted.length).toBeGreaterThan(0)
        }), together({ retry: { maxRetries: 15, base: "100 millis", maxBackoff: "2 seconds" } })),
    // Walks of one-row pages read many windows over HTTP.
    { timeout: 180_000, fastCheck: { numRuns: propRuns() } }
  )
})

describe("Binance against the mock's rate limits", () => {
  const cloudRows = Array.from({ length: 25 }, (_, i): Records.CloudMiningRecord => ({
    createTime: T - DAY + i * 1000,
    tranId: 120_000_000_000 + i,
    type: i % 5 === 0 ? 249 : 248,
    asset: "USDT",
    amount: "1.25",
    status: "S"
  }))
  const incomeRows = Array.from({ length: 25 }, (_, i): Records.UmIncomeRecord => ({
    symbol: "BTCUSDT",
    incomeType: Records.incomeTypes[i % Records.incomeTypes.length],
    income: "-0.01000000",
    asset: "USDT",
    info: "",
    time: T - DAY + i * 1000,
    tranId: String(9_700_000_000 + Math.floor(i / 2)),
    tradeId: ""
  }))

  it.effect("the budget keeps a long walk under the limits: no 429 across several windows", () =>
    withMock(({ binance, journal, mock }) =>
      Effect.gen(function*() {
        // 3 calls a minute on each host, at the documented weights: SAPI 600 of 1,800,
        // PAPI 30 of 90. (The default limits are proven in binance.client.test.ts.)
        yield* mock.admin.setLimits({
          enabled: true,
          rules: { "binance.cloud-mining": { limit: 1_800 }, "binance.um-income": { limit: 90 } }
        })
        yield* mock.state.setRecords("binance.cloud-mining", cloudRows)
        yield* mock.state.setRecords("binance.um-income", incomeRows)
        const exit = yield* driven(Effect.all([
          collect(binance.cloudMining({ from: at(T - 2 * DAY), to: at(T), pageSize: 5 })),
          collect(binance.umIncome({ from: at(T - 2 * DAY), to: at(T), pageSize: 5 }))
        ]))
        if (Exit.isFailure(exit)) throw new Error(`the walk failed: ${exit.cause.toString()}`)
        const [cloud, income] = exit.value
        expect(cloud).toHaveLength(25)
        expect(income).toHaveLength(25)
        const entries = yield* journal
        expect(entries.filter((e) => e.status !== 200)).toStrictEqual([])
        const cloudCalls = entries.filter((e) => e.endpoint === "binance.cloud-mining")
        const incomeCalls = entries.filter((e) => e.endpoint === "binance.um-income")
        // Five rows a page at most: each walk needed at least five calls, so three windows.
        expect(cloudCalls.length).toBeGreaterThanOrEqual(5)
        expect(incomeCalls.length).toBeGreaterThanOrEqual(5)
        // No window was overspent.
        for (const calls of [cloudCalls, incomeCalls]) {
          expect(new Set(calls.map((e) => Math.floor(e.time / 60_000))).size).toBeGreaterThanOrEqual(3)
        }
        expect(Math.max(...cloudCalls.map((e) => e.limit?.used ?? 0))).toBe(1_800)
        expect(Math.max(...incomeCalls.map((e) => e.limit?.used ?? 0))).toBe(90)
      }), together({ budget: { sapiLimit: 1_800, papiLimit: 90 } })), 180_000)

  it.effect("without the budget, the same walk draws 429s (the limits are real)", () =>
    withMock(({ binance, journal, mock }) =>
      Effect.gen(function*() {
        yield* mock.admin.setLimits({ enabled: true, rules: { "binance.cloud-mining": { limit: 6_000 } } })
        yield* mock.state.setRecords("binance.cloud-mining", cloudRows)
        const exit = yield* driven(collect(binance.cloudMining({ from: at(T - 2 * DAY), to: at(T), pageSize: 1 })))
        expect(Exit.isSuccess(exit)).toBe(true)
        const entries = yield* journal
        expect(entries.filter((e) => e.status === 429).length).toBeGreaterThan(0)
      }), together({ budget: { enabled: false } })))
})
