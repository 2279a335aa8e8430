/**
 * Rate limits: the providers' own usage headers count each request, a spent budget is
 * answered 429 (with Retry-After where the provider sends it), continued violation is
 * banned with 418 where the provider bans, and windows follow the mock clock's epoch.
 * The clock is pinned and moved only through the admin API.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Limits, RateLimits, Testkit } from "@ledgerkit/mock-server"
import * as Plain from "./support/plain.js"
import * as Wire from "./support/wire.js"

// 15 s into a minute: a minute window has 45 s left, a 2 s window 1 s.
const now = Date.UTC(2024, 5, 1, 12, 0, 15)
const limited = (settings: Testkit.Options["settings"] = {}) =>
  Testkit.layer({ now, settings: { auth: false, ...settings, limits: { enabled: true, ...settings?.limits } } })

const call = (endpoint: Limits.RuleId, headers: Record<string, string> = {}) =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) => Plain.requests[endpoint](baseUrl, headers))

const times = <A, E, R>(n: number, effect: Effect.Effect<A, E, R>) => Effect.forEach(Array.from({ length: n }), () => effect)

describe("rate limits", () => {
  it.effect("Binance SAPI: X-SAPI-USED-UID-WEIGHT-1M counts 600 per call to 180,000, then 429 -1003 with Retry-After, never 418", () =>
    Effect.gen(function*() {
      const key = { "x-mbx-apikey": "uid-a" }
      const ok = yield* times(300, call("binance.cloud-mining", key))
      expect(ok.map((w) => w.status)).toEqual(Array(300).fill(200))
      expect(ok.map((w) => w.headers["x-sapi-used-uid-weight-1m"])).toEqual(ok.map((_, i) => String(600 * (i + 1))))
      const over = yield* call("binance.cloud-mining", key)
      expect(over.status).toBe(429)
      expect(over.headers["retry-after"]).toBe("45")
      expect(over.headers["x-sapi-used-uid-weight-1m"]).toBe("180600")
      expect(Wire.json(over)).toEqual({
        code: -1003,
        msg:
          "Too much request weight used; current limit is 180000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API."
      })
      // SAPI never bans: continued violation stays 429.
      expect((yield* times(10, call("binance.cloud-mining", key))).map((w) => w.status)).toEqual(Array(10).fill(429))
      // Another UID has its own budget.
      const other = yield* call("binance.cloud-mining", { "x-mbx-apikey": "uid-b" })
      expect([other.status, other.headers["x-sapi-used-uid-weight-1m"]]).toEqual([200, "600"])
      // The next minute of the mock clock starts afresh.
      const { admin } = yield* Testkit.MockServer
      yield* admin.advanceClock(45_000)
      const fresh = yield* call("binance.cloud-mining", key)
      expect([fresh.status, fresh.headers["x-sapi-used-uid-weight-1m"]]).toEqual([200, "600"])
    }).pipe(Effect.provide(limited())))

  it.effect("Binance PAPI: X-MBX-USED-WEIGHT-1M counts 30 per call to 6,000; 429 five times; then a 418 ban that doubles", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      const round = Effect.gen(function*() {
        const ok = yield* times(200, call("binance.um-income"))
        expect(ok.every((w) => w.status === 200)).toBe(true)
        expect(ok.map((w) => w.headers["x-mbx-used-weight-1m"])).toEqual(ok.map((_, i) => String(30 * (i + 1))))
        const limitedReplies = yield* times(5, call("binance.um-income"))
        expect(limitedReplies.map((w) => w.status)).toEqual([429, 429, 429, 429, 429])
        expect(limitedReplies.map((w) => w.headers["retry-after"])).toEqual(Array(5).fill("45"))
        expect(Wire.json(limitedReplies[0])).toMatchObject({ code: -1003 })
        return yield* call("binance.um-income")
      })
      const banned = yield* round
      expect(banned.status).toBe(418)
      expect(banned.headers["retry-after"]).toBe("120")
      expect(Wire.json(banned)).toEqual({
        code: -1003,
        msg: `Way too much request weight used; IP banned until ${now + 120_000}. Please use WebSocket Streams for live updates to avoid bans.`
      })
      // During the ban: 418 with the time left, and requests are not counted.
      yield* admin.advanceClock(60_000)
      const still = yield* call("binance.um-income")
      expect([still.status, still.headers["retry-after"]]).toEqual([418, "60"])
      yield* admin.advanceClock(60_000)
      const banned2 = yield* round
      expect([banned2.status, banned2.headers["retry-after"]]).toEqual([418, "240"])
      const usage = (yield* admin.limits).usage.find((u) => u.endpoint === "binance.um-income")
      expect(usage).toMatchObject({ bans: 2, bannedUntil: now + 120_000 + 240_000 })
    }).pipe(Effect.provide(limited())))

  it.effect("Binance /api/v3/time: weight 1 in X-MBX-USED-WEIGHT-1M", () =>
    Effect.gen(function*() {
      const replies = yield* times(3, call("binance.time"))
      expect(replies.map((w) => w.headers["x-mbx-used-weight-1m"])).toEqual(["1", "2", "3"])
    }).pipe(Effect.provide(limited())))

  it.effect("WOO X Pro: 6 per 2 s; X-BM-RateLimit-Remaining holds the number used; 30013/429, then 30017/418", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      const key = { "x-api-key": "woo-key" }
      const ok = yield* times(6, call("wooxpro.contract-transactions", key))
      expect(ok.map((w) => w.status)).toEqual(Array(6).fill(200))
      expect(ok.map((w) => w.headers["x-bm-ratelimit-remaining"])).toEqual(["1", "2", "3", "4", "5", "6"])
      expect(ok.every((w) => w.headers["x-bm-ratelimit-limit"] === "6" && w.headers["x-bm-ratelimit-reset"] === "2")).toBe(true)
      const over = yield* times(5, call("wooxpro.contract-transactions", key))
      expect(over.map((w) => w.status)).toEqual(Array(5).fill(429))
      expect(over[0].headers["x-bm-ratelimit-remaining"]).toBe("7")
      expect(Wire.json(over[0])).toEqual({ code: 30013, message: expect.any(String), data: {}, trace: expect.any(String) })
      const banned = yield* call("wooxpro.contract-transactions", key)
      expect([banned.status, banned.headers["retry-after"]]).toEqual([418, "120"])
      expect(Wire.json(banned)).toMatchObject({ code: 30017, data: {} })
      // BitMart's X-BM-KEY counts as the same key.
      expect((yield* call("wooxpro.contract-transactions", { "x-bm-key": "woo-key" })).status).toBe(418)
      yield* admin.advanceClock(120_000)
      const fresh = yield* call("wooxpro.contract-transactions", key)
      expect([fresh.status, fresh.headers["x-bm-ratelimit-remaining"]]).toEqual([200, "1"])
    }).pipe(Effect.provide(limited())))

  it.effect("Zenlayer (assumed 10/s, no headers): REQUEST_LIMIT_EXCEEDED with 429 in {requestId, code, message}", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      const ok = yield* times(10, call("zenlayer.recharge-refund"))
      expect(ok.every((w) => w.status === 200 && !Object.keys(w.headers).some((h) => h.includes("ratelimit")))).toBe(true)
      const over = yield* call("zenlayer.recharge-refund")
      expect(over.status).toBe(429)
      expect(Wire.json(over)).toEqual({ requestId: expect.stringMatching(/^T/), code: "REQUEST_LIMIT_EXCEEDED", message: expect.any(String) })
      yield* admin.advanceClock(1_000)
      expect((yield* call("zenlayer.recharge-refund")).status).toBe(200)
    }).pipe(Effect.provide(limited())))

  it.effect("Cryptomus (assumed Laravel's 60/min): X-RateLimit-Remaining counts down; 429 Too Many Attempts with Retry-After", () =>
    Effect.gen(function*() {
      const ok = yield* times(60, call("cryptomus.transactions", { userId: "u" }))
      expect(ok.map((w) => w.headers["x-ratelimit-remaining"])).toEqual(ok.map((_, i) => String(59 - i)))
      expect(ok.every((w) => w.headers["x-ratelimit-limit"] === "60")).toBe(true)
      const over = yield* call("cryptomus.transactions", { userId: "u" })
      expect(over.status).toBe(429)
      expect(Wire.json(over)).toEqual({ state: 1, message: "Too Many Attempts." })
      expect(over.headers["retry-after"]).toBe("45")
      expect(over.headers["x-ratelimit-reset"]).toBe(String((now + 45_000) / 1000))
      // Never banned: still 429 much later in the same window.
      expect((yield* times(10, call("cryptomus.transactions", { userId: "u" }))).every((w) => w.status === 429)).toBe(true)
    }).pipe(Effect.provide(limited())))

  it.effect("windows are aligned to the mock clock (whole minutes), not to the first request", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      yield* admin.setClock({ pin: "2024-06-01T12:00:59.900Z" })
      expect((yield* call("binance.um-income")).status).toBe(200)
      const over = yield* call("binance.um-income")
      expect([over.status, over.headers["retry-after"]]).toEqual([429, "1"])
      yield* admin.advanceClock(100)
      const next = yield* call("binance.um-income")
      expect([next.status, next.headers["x-mbx-used-weight-1m"]]).toEqual([200, "30"])
    }).pipe(Effect.provide(limited({ limits: { rules: { "binance.um-income": { limit: 30 } } } }))))

  it.effect("off: all rules (the switch), or one endpoint; changing limits clears the counters", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      yield* admin.setLimits({ rules: { "zenlayer.recharge-refund": { enabled: false } } })
      expect((yield* times(20, call("zenlayer.recharge-refund"))).every((w) => w.status === 200)).toBe(true)
      expect((yield* call("binance.time")).headers["x-mbx-used-weight-1m"]).toBe("1")
      const info = yield* admin.setLimits({ enabled: false })
      expect(info.usage).toEqual([])
      expect(info.limits.enabled).toBe(false)
      const wire = yield* call("binance.time")
      expect(wire.headers["x-mbx-used-weight-1m"]).toBeUndefined()
      yield* admin.setLimits({ enabled: true })
      expect((yield* call("binance.time")).headers["x-mbx-used-weight-1m"]).toBe("1")
    }).pipe(Effect.provide(limited())))

  it.effect("the testkit starts with limits off; the journal records each limit outcome", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      expect((yield* admin.limits).limits.enabled).toBe(false)
      expect((yield* call("binance.time")).headers["x-mbx-used-weight-1m"]).toBeUndefined()
      yield* admin.setLimits({ enabled: true, rules: { "binance.time": { limit: 2 } } })
      yield* times(3, call("binance.time"))
      const entries = yield* admin.journal({ endpoint: "binance.time", limit: 3 })
      expect(entries.map((e) => [e.status, e.limit?.outcome, e.limit?.used])).toEqual([
        [200, "Counted", 1],
        [200, "Counted", 2],
        [429, "Limited", 3]
      ])
    }).pipe(Effect.provide(Testkit.layer({ now, settings: { auth: false } }))))
})

describe("the rule, as a pure function", () => {
  const rule: Limits.Rule = { enabled: true, limit: 3, weight: 1, windowMillis: 1000, banAfter: 2, banMillis: 5000 }
  it("counts, limits, bans, doubles the ban, and starts afresh after it", () => {
    let counter: RateLimits.Counter | undefined
    const outcomes: Array<string> = []
    const at = (t: number) => {
      const o = RateLimits.step(rule, counter, t)
      counter = o.counter
      outcomes.push(o._tag === "Counted" ? `C${o.counter.used}` : `${o._tag[0]}${o.retryAfterMillis}`)
    }
    for (const t of [0, 100, 200, 300, 400, 500, 600, 5499, 5500, 5501, 5502, 5503, 5504, 5505]) at(t)
    expect(outcomes).toEqual([
      "C1", "C2", "C3", "L700", "L600", "B5000", "B4900", "B1",
      "C1", "C2", "C3", "L497", "L496", "B10000"
    ])
    expect(RateLimits.retryAfterSeconds(1)).toBe(1)
    expect(RateLimits.retryAfterSeconds(45_000)).toBe(45)
    expect(RateLimits.retryAfterSeconds(45_001)).toBe(46)
  })

  it("Binance's interval in header names and messages follows the window", () => {
    expect([Limits.intervalText(60_000), Limits.intervalText(10_000), Limits.intervalText(3_600_000), Limits.intervalText(86_400_000)])
      .toEqual(["1M", "10S", "1H", "1D"])
    expect(Limits.intervalWords(60_000)).toBe("1 MINUTE")
  })
})
