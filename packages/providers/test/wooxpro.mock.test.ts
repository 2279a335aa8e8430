/**
 * WOO X Pro against the mock server's testkit: the documented example, the time-window
 * walk over generated datasets (exactly once below the page size per millisecond,
 * `IncompletePagination` naming the millisecond at or above it), wrong credentials,
 * secrets, and local validation.
 */
import { describe, expect, it } from "@effect/vitest"
import { Amount, Time } from "@ledgerkit/core"
import { Arbitraries, Credentials, type Records, Testkit } from "@ledgerkit/mock-server"
import { Chunk, DateTime, Effect, Exit, FastCheck as fc, Redacted, Stream, TestClock } from "effect"
import * as WooXPro from "../src/WooXPro.js"
import { leftOf, propOptions } from "./httpStub.js"
import { capturingLogs, driveClock, expectNoSecrets, recordingFetch, undrivenTimeout } from "./mockSupport.js"

const apiKey = Credentials.defaults.wooxpro.apiKey
const clientFor = (baseUrl: string, overrides: Partial<WooXPro.Options> = {}) =>
  WooXPro.make({ apiKey, apiUrl: baseUrl, timeout: undrivenTimeout, ...overrides })

const anchor = Date.UTC(2024, 5, 1)
const span = 3_600_000

/** The earliest millisecond of `[from, to)` holding at least `pageSize` records. */
/**
 * The first millisecond of `[from, to)` whose ask holds a page: the client asks each
 * window one millisecond wider on both sides (the bounds are undocumented), so a
 * millisecond's ask is `[t - 1, t + 1]`.
 */
const overfull = (records: ReadonlyArray<Records.WooxproRecord>, from: number, to: number, pageSize: number) => {
  const counts = new Map<number, number>()
  for (const r of records) counts.set(Number(r.time), (counts.get(Number(r.time)) ?? 0) + 1)
  // The client is told the end bound, so it widens only the start: one millisecond is asked as [t - 1, t].
  const around = (t: number) => (counts.get(t - 1) ?? 0) + (counts.get(t) ?? 0)
  const candidates = [...counts.keys()].flatMap((t) => [t, t + 1]).filter((t) => t >= from && t < to)
  const full = candidates.filter((t) => around(t) >= pageSize)
  return full.length === 0 ? undefined : Math.min(...full)
}

describe("WOO X Pro against the mock", () => {
  it.effect("the documented request returns the documented rows, decoded exactly", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const woo = yield* Effect.provide(clientFor(mock.baseUrl), http.layer)
      const rows = yield* woo.transactionPage({
        symbol: "BTCUSDT",
        startTime: DateTime.unsafeMake(1662368173000),
        endTime: DateTime.unsafeMake(1662368179000)
      })
      expect(rows.map((r) => [r.symbol, r.type, Amount.format(r.amount), r.asset, r.account, Time.toMillis(r.time), r.tran_id]))
        .toEqual([
          ["", "Transfer", "-0.37500000", "USDT", "futures", 1570608000000, "9689322392"],
          ["BTCUSDT", "Commission Fee", "-0.01000000", "USDT", "futures", 1570636800000, "9689322392"]
        ])
      expect(http.sent).toHaveLength(1)
      expect(http.sent[0].headers["x-api-key"]).toBe(Redacted.value(apiKey))
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("the source keeps both rows that share tran_id 9689322392", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const woo = yield* Effect.provide(clientFor(mock.baseUrl), recordingFetch().layer)
      const entries = yield* driveClock(Stream.runCollect(woo.source.entries({
        from: DateTime.unsafeMake("2019-10-09T00:00:00Z"),
        to: DateTime.unsafeMake("2019-10-10T00:00:00Z")
      })))
      expect(Chunk.toReadonlyArray(entries).map((e) => [e.id, e.kind, Amount.format(e.amount), e.symbol])).toEqual([
        ["Transfer:9689322392", "transfer", "-0.37500000", undefined],
        ["Commission Fee:9689322392", "commission", "-0.01000000", "BTCUSDT"]
      ])
    }).pipe(Effect.provide(Testkit.layer())))

  const walk = (
    records: ReadonlyArray<Records.WooxproRecord>,
    settings: { readonly pageSize: number; readonly endBound: "inclusive" | "exclusive"; readonly order: "asc" | "desc" },
    range: { readonly from: number; readonly to: number }
  ) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      yield* mock.state.setRecords("wooxpro.contract-transactions", records)
      yield* mock.state.patchSettings({
        endBound: { "wooxpro.contract-transactions": settings.endBound },
        order: { "wooxpro.contract-transactions": settings.order }
      })
      const woo = yield* Effect.provide(
        clientFor(mock.baseUrl, { pageSize: settings.pageSize, endBound: settings.endBound }),
        recordingFetch().layer
      )
      return yield* driveClock(Stream.runCollect(woo.source.entries({
        from: DateTime.unsafeMake(range.from),
        to: DateTime.unsafeMake(range.to)
      }))).pipe(Effect.exit)
    }).pipe(Effect.provide(Testkit.layer()))

  const walkSettings = fc.record({
    pageSize: fc.integer({ min: 4, max: 60 }),
    endBound: fc.constantFrom("inclusive" as const, "exclusive" as const),
    order: fc.constantFrom("asc" as const, "desc" as const)
  })
  const walkRange = fc.tuple(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span })).map(([a, b]) => ({
    from: anchor - span + Math.min(a, b),
    to: anchor - span + Math.max(a, b)
  }))
  // Generated records (bursts, shared tran_ids), thinned to fewer than `pageSize` per millisecond.
  // Rows kept so that no ask of one millisecond ([t - 1, t + 1]) holds a page.
  const thinned = (records: ReadonlyArray<Records.WooxproRecord>, pageSize: number) => {
    const kept = new Map<number, number>()
    const around = (t: number) => (kept.get(t - 1) ?? 0) + (kept.get(t) ?? 0) + (kept.get(t + 1) ?? 0)
    return records.filter((r) => {
      const t = Number(r.time)
      if ([t - 1, t, t + 1].some((m) => around(m) + 1 >= pageSize)) return false
      kept.set(t, (kept.get(t) ?? 0) + 1)
      return true
    })
  }
  const generated = fc.integer({ min: 0, max: 150 }).chain((rows) => Arbitraries.wooxproRecords({ rows, anchor, spanMillis: span }))

  it.effect.prop(
    "with fewer than page_size rows in any three consecutive milliseconds, every row of [from, to) arrives once, in time order",
    [generated, walkSettings, walkRange],
    ([records, settings, range]) =>
      Effect.gen(function*() {
        const rows = thinned(records, settings.pageSize)
        expect(overfull(rows, range.from, range.to, settings.pageSize)).toBeUndefined()
        const entries = Chunk.toReadonlyArray(yield* yield* walk(rows, settings, range))
        const got = entries.map((e) => e.id)
        const expected = rows
          .filter((r) => Number(r.time) >= range.from && Number(r.time) < range.to)
          .map((r) => `${r.type}:${r.tran_id}`)
        expect(new Set(got).size).toBe(got.length)
        expect([...got].sort()).toEqual([...expected].sort())
        const times = entries.map((e) => Time.toMillis(e.time))
        expect(times).toEqual([...times].sort((x, y) => x - y))
      }),
    // Small pages over HTTP: each run reads many windows.
    propOptions(20, 9000)
  )

  it.effect.prop(
    "with page_size or more rows in one millisecond, the walk fails with IncompletePagination naming exactly it, never a short history",
    [generated, walkSettings, walkRange, fc.integer({ min: 0, max: 20 }), fc.nat()],
    ([records, settings, range, extra, offset]) =>
      Effect.gen(function*() {
        if (range.to === range.from) return
        const at = range.from + (offset % (range.to - range.from))
        const burst = Array.from({ length: settings.pageSize + extra }, (_, i): Records.WooxproRecord => ({
          symbol: "BTCUSDT",
          type: "Funding Fee",
          amount: "-0.00000001",
          asset: "USDT",
          account: "futures",
          time: String(at),
          tran_id: String(77_000_000_000 + i)
        }))
        const rows = [...thinned(records, settings.pageSize).filter((r) => Number(r.time) !== at), ...burst]
        const first = overfull(rows, range.from, range.to, settings.pageSize)
        expect(first).toBe(at)
        const exit = yield* walk(rows, settings, range)
        expect(Exit.isFailure(exit)).toBe(true)
        const error = leftOf(yield* Effect.either(exit))
        expect(error._tag).toBe("IncompletePagination")
        expect(error._tag === "IncompletePagination" && error.at !== undefined && Time.toMillis(error.at)).toBe(first)
      }),
    // Small pages over HTTP: each run reads many windows.
    propOptions(20, 9000)
  )

  it.effect("wrong credentials give Unauthorized, sent once, and no secret in the error or the logs", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const wrong = "not-the-wooxpro-key-4242"
      const woo = yield* Effect.provide(clientFor(mock.baseUrl, { apiKey: Redacted.make(wrong) }), http.layer)
      const { exit, lines } = yield* capturingLogs(Effect.either(woo.transactionPage({})))
      const error = leftOf(yield* exit)
      expect(error).toMatchObject({ _tag: "Unauthorized", providerCode: 30002, status: 401 })
      expect(http.sent).toHaveLength(1)
      expectNoSecrets([error.message, JSON.stringify(error), String(error), ...lines], [wrong, Redacted.value(apiKey)])
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("local validation sends nothing", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const woo = yield* Effect.provide(clientFor(mock.baseUrl), http.layer)
      const errors = yield* Effect.all([
        Effect.flip(woo.transactionPage({ pageSize: 1001 })),
        Effect.flip(woo.transactionPage({ flowType: 9 as WooXPro.PageQuery["flowType"] })),
        Effect.flip(Stream.runCollect(woo.transactions({
          from: DateTime.unsafeMake(0),
          to: DateTime.unsafeMake(1),
          account: "spot" as WooXPro.HistoryQuery["account"]
        }))),
        Effect.flip(Stream.runCollect(woo.source.entries({ from: DateTime.unsafeMake(2), to: DateTime.unsafeMake(1) })))
      ])
      for (const error of errors) expect(error).toMatchObject({ _tag: "InvalidRequest", local: true })
      expect(http.sent).toHaveLength(0)
    }).pipe(Effect.provide(Testkit.layer())))
})
