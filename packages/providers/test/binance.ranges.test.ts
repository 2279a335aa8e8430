/**
 * Range rules over a scripted client: local validation sends nothing, windows split with
 * each endpoint's end rule, the end freezes at the start, and UM income's retention.
 */
import { describe, expect, it } from "@effect/vitest"
import { Errors, Time } from "@ledgerkit/core"
import { Chunk, DateTime, Duration, Effect, Stream, TestClock } from "effect"
import * as Binance from "../src/Binance.js"
import type { Seen } from "./binanceKit.js"
import { documentedUmIncome, json, service } from "./binanceKit.js"

const DAY = 86_400_000
const T = 1_700_000_000_000
const at = (millis: number) => Time.fromMillis(millis)
const param = (seen: Seen, name: string) => new URLSearchParams(seen.rawQuery).get(name)
const windowOf = (seen: Seen) => [Number(param(seen, "startTime")), Number(param(seen, "endTime"))]

const emptyCloud = () => json(200, { total: 0, rows: [] })
const emptyIncome = () => json(200, [])

describe("Binance local validation sends nothing", () => {
  type Case = readonly [string, (b: Binance.Service) => Effect.Effect<unknown, Errors.LedgerError>]
  const drain = <A>(s: Stream.Stream<A, Errors.LedgerError>) => Stream.runDrain(s)
  const cases: ReadonlyArray<Case> = [
    ["cloud-mining stream: from after to", (b) => drain(b.cloudMining({ from: at(T), to: at(T - 1) }))],
    ["cloud-mining stream: size 101", (b) => drain(b.cloudMining({ from: at(T - DAY), to: at(T), pageSize: 101 }))],
    ["cloud-mining stream: size 0", (b) => drain(b.cloudMining({ from: at(T - DAY), to: at(T), pageSize: 0 }))],
    ["cloud-mining stream: a negative tranId", (b) => drain(b.cloudMining({ from: at(T - DAY), to: at(T), tranId: -1 }))],
    ["cloud-mining page: size 101", (b) => b.cloudMiningPage({ startTime: at(T - DAY), endTime: at(T), size: 101 })],
    ["cloud-mining page: current 0", (b) => b.cloudMiningPage({ startTime: at(T - DAY), endTime: at(T), current: 0 })],
    ["cloud-mining page: startTime after endTime", (b) => b.cloudMiningPage({ startTime: at(T), endTime: at(T - 1) })],
    ["UM income stream: from after to", (b) => drain(b.umIncome({ from: at(T), to: at(T - 1) }))],
    ["UM income stream: limit 1001", (b) => drain(b.umIncome({ from: at(T - DAY), to: at(T), pageSize: 1001 }))],
    ["UM income stream: limit 2.5", (b) => drain(b.umIncome({ from: at(T - DAY), to: at(T), pageSize: 2.5 }))],
    ["UM income stream: an unknown incomeType", (b) =>
      // A caller without types (JavaScript, a CLI flag) can send any string.
      drain(b.umIncome({ from: at(T - DAY), to: at(T), incomeType: "DELIVERED_SETTLEMENT" as Binance.UmIncome.IncomeType }))],
    ["UM income page: limit 1001", (b) => b.umIncomePage({ limit: 1001 })],
    ["UM income page: page 0", (b) => b.umIncomePage({ page: 0 })],
    ["UM income page: startTime after endTime", (b) => b.umIncomePage({ startTime: at(T), endTime: at(T - 1) })],
    ["UM income page: an unknown incomeType", (b) => b.umIncomePage({ incomeType: "FUNDING" as Binance.UmIncome.IncomeType })],
    ["source: from after to", (b) => drain(b.sources.umIncome.entries({ from: at(T), to: at(T - 1) }))],
    ["source: from after to (cloud-mining)", (b) => drain(b.sources.cloudMining.entries({ from: at(T), to: at(T - 1) }))]
  ]

  for (const [name, run] of cases) {
    it.effect(name, () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(T)
        const { binance, journal } = service(emptyIncome)
        const error = yield* Effect.flip(Effect.flatMap(binance, run))
        expect(error).toBeInstanceOf(Errors.InvalidRequest)
        expect(error).toMatchObject({ local: true })
        expect(journal).toHaveLength(0)
      }))
  }

  it.effect("an invalid recvWindow fails every call locally", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(emptyIncome, { recvWindow: 60_001 })
      const error = yield* Effect.flip(Effect.flatMap(binance, (b) => b.umIncomePage({})))
      expect(error).toMatchObject({ _tag: "InvalidRequest", local: true })
      expect(error.message).toContain("recvWindow")
      expect(journal).toHaveLength(0)
    }))
})

describe("Binance windows and the frozen end", () => {
  it.effect("cloud-mining splits [from, to) into exclusive windows of the maximum span", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const { binance, journal } = service(emptyCloud, { maxWindow: { cloudMining: Duration.days(7) } })
      const from = T - 20 * DAY
      yield* Stream.runDrain((yield* binance).cloudMining({ from: at(from), to: at(T) }))
      expect(journal.map(windowOf)).toStrictEqual([
        [from, from + 7 * DAY],
        [from + 7 * DAY, from + 14 * DAY],
        [from + 14 * DAY, T]
      ])
    }))

  it.effect("UM income splits [from, to] into inclusive windows of the maximum span", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const { binance, journal } = service(emptyIncome, { maxWindow: { umIncome: Duration.days(7) } })
      const from = T - 20 * DAY
      yield* Stream.runDrain((yield* binance).umIncome({ from: at(from), to: at(T) }))
      expect(journal.map(windowOf)).toStrictEqual([
        [from, from + 7 * DAY - 1],
        [from + 7 * DAY, from + 14 * DAY - 1],
        [from + 14 * DAY, T]
      ])
    }))

  it.effect("the end is frozen when the stream starts, however long the walk takes", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      // Each answer takes an hour of the TestClock; every window still ends at the start's now.
      const { binance, journal } = service(
        () => Effect.as(TestClock.adjust("1 hour"), emptyIncome()),
        // The request timeout runs on the same clock: keep it longer than an answer.
        { maxWindow: { umIncome: Duration.hours(1) }, timeout: Duration.days(1) }
      )
      yield* Stream.runDrain((yield* binance).umIncome({ from: at(T - 3 * 3_600_000), to: at(T + 10 * DAY) }))
      expect(journal.map(windowOf).at(-1)).toStrictEqual([T, T])
      expect(Math.max(...journal.map((s) => windowOf(s)[1]))).toBe(T)
      expect(journal.at(-1)?.at).toBe(T + 3 * 3_600_000)
    }))

  it.effect("a range entirely in the future sends nothing", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const { binance, journal } = service(emptyCloud)
      const b = yield* binance
      yield* Stream.runDrain(b.cloudMining({ from: at(T + 1), to: at(T + DAY) }))
      yield* Stream.runDrain(b.umIncome({ from: at(T + 1), to: at(T + DAY) }))
      expect(journal).toHaveLength(0)
    }))

  it.effect("the UM income source asks [from, to - 1 ms] for [from, to), and nothing for an empty range", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const { binance, journal } = service(emptyIncome)
      const b = yield* binance
      yield* Stream.runDrain(b.sources.umIncome.entries({ from: at(T - DAY), to: at(T - 1000) }))
      yield* Stream.runDrain(b.sources.umIncome.entries({ from: at(T - DAY), to: at(T - DAY) }))
      expect(journal.map(windowOf)).toStrictEqual([[T - DAY, T - 1001]])
    }))
})

describe("Binance paging", () => {
  const cloudRow = (i: number) => ({ createTime: T - i, tranId: i, type: 248, asset: "USDT", amount: "1", status: "S" })
  /** Cloud-mining as Binance documents it: [startTime, endTime), `current`/`size`, `total`, over `rows()` per request. */
  const cloudListing = (rows: () => ReadonlyArray<ReturnType<typeof cloudRow>>) => (seen: Seen) => {
    const [start, end] = windowOf(seen)
    const inside = rows().filter((r) => r.createTime >= start && r.createTime < end)
    const current = Number(param(seen, "current"))
    const size = Number(param(seen, "size"))
    return json(200, { total: inside.length, rows: inside.slice((current - 1) * size, current * size) })
  }

  it.effect("cloud-mining reads each window as one page whose total it reaches, splitting full ones", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const rows = [1, 2, 3].map(cloudRow)
      const { binance, journal } = service(cloudListing(() => rows))
      const records = yield* Stream.runCollect((yield* binance).cloudMining({ from: at(T - DAY), to: at(T), pageSize: 2 }))
      expect(Chunk.toReadonlyArray(records).map((r) => r.tranId).sort()).toStrictEqual([1, 2, 3])
      expect(journal.every((s) => param(s, "current") === "1" && param(s, "size") === "2")).toBe(true)
    }))

  it.effect("cloud-mining fails with IncompletePagination when the provider does not filter by time", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const { binance } = service(() => json(200, { total: 5, rows: [] }))
      const error = yield* Effect.flip(Stream.runDrain((yield* binance).cloudMining({ from: at(T - DAY), to: at(T) })))
      expect(error._tag).toBe("IncompletePagination")
    }))

  it.effect("cloud-mining: a row leaving the listing behind the cursor costs no other row (issue 11)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const rows = [1, 2, 3, 4, 5].map(cloudRow)
      let asked = 0
      // After the first answer, the newest row is gone (corrected away).
      const { binance } = service(cloudListing(() => (asked++ === 0 ? rows : rows.slice(1))))
      const records = yield* Stream.runCollect((yield* binance).cloudMining({ from: at(T - DAY), to: at(T), pageSize: 2 }))
      const ids = Chunk.toReadonlyArray(records).map((r) => r.tranId)
      expect(ids.filter((id) => id !== 1).sort()).toStrictEqual([2, 3, 4, 5])
      expect(new Set(ids).size).toBe(ids.length)
    }))

  it.effect("UM income reads each window as one page that is not full, and keeps both rows sharing a tranId", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const rows = documentedUmIncome.map((r) => ({ ...r, time: T - DAY + 1000 }))
      const { binance, journal } = service((seen) => {
        const [start, end] = windowOf(seen)
        return json(200, rows.filter((r) => r.time >= start && r.time <= end))
      })
      const records = yield* Stream.runCollect(
        (yield* binance).umIncome({ from: at(T - DAY), to: at(T), pageSize: 3, symbol: "BTCUSDT", incomeType: "COMMISSION" })
      )
      expect(Chunk.size(records)).toBe(2)
      expect(journal.map((s) => [param(s, "page"), param(s, "limit"), param(s, "symbol"), param(s, "incomeType")]))
        .toStrictEqual([["1", "3", "BTCUSDT", "COMMISSION"]])
    }))

  it.effect("UM income near the retention edge: rows aging out during the walk cost no kept row (issue 11)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      // Oldest first, as Binance's examples are; one row a millisecond from T - DAY on.
      const rows = Array.from({ length: 9 }, (_, i) => ({ ...documentedUmIncome[0], tranId: String(100 + i), time: T - DAY + i }))
      let asked = 0
      // Each request ages the oldest remaining row out of the retention.
      const { binance } = service((seen) => {
        const [start, end] = windowOf(seen)
        const kept = rows.slice(Math.min(asked++, rows.length))
        const inside = kept.filter((r) => r.time >= start && r.time <= end)
        const page = Number(param(seen, "page"))
        const limit = Number(param(seen, "limit"))
        return json(200, inside.slice((page - 1) * limit, page * limit))
      })
      const records = yield* Stream.runCollect((yield* binance).umIncome({ from: at(T - DAY), to: at(T), pageSize: 2 }))
      const ids = Chunk.toReadonlyArray(records).map((r) => r.tranId)
      expect(new Set(ids).size).toBe(ids.length)
      // Whatever aged out before its window was read, every row still kept at the end arrived.
      const keptAtEnd = rows.slice(Math.min(asked, rows.length)).map((r) => r.tranId)
      for (const id of keptAtEnd) expect(ids).toContain(id)
    }))
})

describe("Binance UM income retention", () => {
  const now = T
  const earliest = T - 90 * DAY
  const from = at(T - 100 * DAY)

  it.effect("a range starting before the retention fails with HistoryUnavailable and sends nothing", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { binance, journal } = service(emptyIncome, { retention: "fail" })
      const error = yield* Effect.flip(Stream.runDrain((yield* binance).umIncome({ from, to: at(T) })))
      expect(error).toBeInstanceOf(Errors.HistoryUnavailable)
      expect(error).toMatchObject({ requestedFrom: from, earliest: DateTime.unsafeMake(earliest) })
      expect(journal).toHaveLength(0)
    }))

  it.effect("fail is the default", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { binance } = service(emptyIncome, { retention: undefined })
      const error = yield* Effect.flip(Stream.runDrain((yield* binance).umIncome({ from, to: at(T) })))
      expect(error._tag).toBe("HistoryUnavailable")
    }))

  it.effect("clamp starts at the earliest kept time", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { binance, journal } = service(emptyIncome, { retention: "clamp", maxWindow: { umIncome: Duration.days(100) } })
      yield* Stream.runDrain((yield* binance).umIncome({ from, to: at(T) }))
      expect(journal.map(windowOf)).toStrictEqual([[earliest, T]])
    }))

  it.effect("off asks for the range as given", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { binance, journal } = service(emptyIncome, { retention: "off", maxWindow: { umIncome: Duration.days(101) } })
      yield* Stream.runDrain((yield* binance).umIncome({ from, to: at(T) }))
      expect(journal.map(windowOf)).toStrictEqual([[T - 100 * DAY, T]])
    }))

  it.each([
    ["2025-05-01T00:00:00Z", "2025-02-01T00:00:00Z"], // three months are 89 days
    ["2025-05-31T10:00:00Z", "2025-03-02T10:00:00Z"], // 90 days are later than Feb 28
    ["2023-11-14T22:13:20Z", "2023-08-16T22:13:20Z"]
  ])("the default earliest kept time at %s is %s (the later of 3 months and 90 days)", (now, earliest) => {
    expect(Time.formatIso(Binance.History.defaultEarliest(DateTime.unsafeMake(now)))).toBe(earliest)
  })

  it.effect("the retention period is configurable", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now)
      const { binance, journal } = service(emptyIncome, { retention: "fail", retentionPeriod: Duration.days(120) })
      yield* Stream.runDrain((yield* binance).umIncome({ from, to: at(T) }))
      expect(journal.length).toBeGreaterThan(0)
    }))
})
