/**
 * The signed client's behaviour over time, on the TestClock: Retry-After, bans, retries,
 * time sync and the weight budget. Requests go to a scripted client that journals the
 * TestClock time of each.
 */
import { describe, expect, it } from "@effect/vitest"
import { Errors, Time } from "@ledgerkit/core"
import { Clock, DateTime, Duration, Effect, Fiber, TestClock } from "effect"
import { usageHeader } from "../src/binance/SignedClient.js"
import type { Seen } from "./binanceKit.js"
import { json, service, text, untilSleeping } from "./binanceKit.js"

const tooMany = (seconds: number) => json(429, { code: -1003, msg: "Too many requests." }, { "Retry-After": String(seconds) })
const ok = () => json(200, [])
const window = { startTime: Time.fromMillis(0), endTime: Time.fromMillis(86_400_000) }

describe("Binance client: Retry-After and bans", () => {
  it.effect("a 429 is retried no sooner than its Retry-After", () =>
    Effect.gen(function*() {
      const { binance, journal } = service((_, i) => (i === 0 ? tooMany(30) : ok()), { retry: { base: "10 millis" } })
      const b = yield* binance
      const fiber = yield* Effect.fork(b.umIncomePage({}))
      yield* untilSleeping
      yield* TestClock.adjust(Duration.millis(29_999))
      expect(journal).toHaveLength(1)
      yield* TestClock.adjust(Duration.millis(1))
      expect(yield* Fiber.join(fiber)).toStrictEqual([])
      expect(journal.map((s) => s.at)).toStrictEqual([0, 30_000])
    }))

  it.effect("Retry-After wins over a shorter backoff on every retry", () =>
    Effect.gen(function*() {
      const { binance, journal } = service((_, i) => (i < 3 ? tooMany(5) : ok()), { retry: { base: "1 millis" } })
      const b = yield* binance
      const fiber = yield* Effect.fork(b.umIncomePage({}))
      for (let i = 0; i < 3; i++) {
        yield* untilSleeping
        yield* TestClock.adjust("5 seconds")
      }
      yield* Fiber.join(fiber)
      const at = journal.map((s) => s.at)
      expect(at).toStrictEqual([0, 5_000, 10_000, 15_000])
    }))

  it.effect("a 418 ends with Banned until now + Retry-After, after one request", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_000_000)
      const { binance, journal } = service(() =>
        json(418, { code: -1003, msg: "Way too many requests; IP banned until 1001120000." }, { "Retry-After": "120" })
      )
      const error = yield* Effect.flip(Effect.flatMap(binance, (b) => b.umIncomePage({})))
      expect(error).toBeInstanceOf(Errors.Banned)
      expect(error).toMatchObject({ retryAfter: Duration.seconds(120), until: DateTime.unsafeMake(1_120_000) })
      expect(journal).toHaveLength(1)
    }))

  it.effect("a short ban is waited out when asked (waitOutBansUpTo)", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(
        (_, i) => (i === 0 ? json(418, { code: -1003, msg: "banned" }, { "Retry-After": "60" }) : ok()),
        { retry: { waitOutBansUpTo: "2 minutes", base: "1 millis" } }
      )
      const b = yield* binance
      const fiber = yield* Effect.fork(b.umIncomePage({}))
      yield* untilSleeping
      yield* TestClock.adjust("60 seconds")
      yield* Fiber.join(fiber)
      expect(journal.map((s) => s.at)).toStrictEqual([0, 60_000])
    }))

  it.effect("5xx answers are retried until one succeeds, and the result is that one's", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(
        (_, i) => (i < 2 ? text(i === 0 ? 502 : 503, "upstream down") : json(200, { total: 0, rows: [] })),
        { retry: { base: "100 millis", maxBackoff: "100 millis" } }
      )
      const b = yield* binance
      const fiber = yield* Effect.fork(b.cloudMiningPage(window))
      for (let i = 0; i < 2; i++) {
        yield* untilSleeping
        yield* TestClock.adjust("1 second")
      }
      expect(yield* Fiber.join(fiber)).toStrictEqual({ total: 0, rows: [] })
      expect(journal).toHaveLength(3)
    }))
})

/**
 * A server whose clock is `skew` ms off Effect's clock and that applies Binance's
 * timestamp rule: refused when `timestamp >= serverTime + 1000` or
 * `serverTime - timestamp > recvWindow`. `lies` makes `/api/v3/time` report the client's
 * time instead of its own.
 */
const skewedServer = (skew: number, lies = false) => (seen: Seen) =>
  Effect.map(Clock.currentTimeMillis, (local) => {
    const serverTime = local + skew
    if (seen.url.pathname === "/api/v3/time") return json(200, { serverTime: lies ? local : serverTime })
    const params = new URLSearchParams(seen.rawQuery)
    const timestamp = Number(params.get("timestamp"))
    const recvWindow = Number(params.get("recvWindow"))
    return timestamp >= serverTime + 1000 || serverTime - timestamp > recvWindow
      ? json(400, { code: -1021, msg: "Timestamp for this request is outside of the recvWindow." })
      : ok()
  })

describe("Binance client: time sync", () => {
  for (const skew of [10_000, -10_000]) {
    it.effect(`a server clock ${skew / 1000} s off: -1021, GET /api/v3/time, one retry that passes, then no more syncs`, () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(1_700_000_000_000)
        const { binance, journal } = service(skewedServer(skew))
        const b = yield* binance
        yield* b.umIncomePage({})
        yield* b.umIncomePage({})
        expect(journal.map((s) => s.url.pathname)).toStrictEqual(
          ["/papi/v1/um/income", "/api/v3/time", "/papi/v1/um/income", "/papi/v1/um/income"]
        )
        expect(journal[1].url.host).toBe("papi.test")
        const timestamps = journal.map((s) => new URLSearchParams(s.rawQuery).get("timestamp"))
        expect(timestamps[0]).toBe("1700000000000")
        expect(timestamps[2]).toBe(String(1_700_000_000_000 + skew))
      }))
  }

  it.effect("a second -1021 after the sync is ClockSkew, with no further attempt", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(skewedServer(10_000, true))
      const error = yield* Effect.flip(Effect.flatMap(binance, (b) => b.umIncomePage({})))
      expect(error).toMatchObject({ _tag: "ClockSkew", providerCode: -1021, source: "binance.um-income" })
      expect(journal.map((s) => s.url.pathname)).toStrictEqual(["/papi/v1/um/income", "/api/v3/time", "/papi/v1/um/income"])
    }))

  it.effect("reads the server time where timeUrl says", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(
        (seen) => seen.url.host === "time.test" ? json(200, { serverTime: 10_000 }) : skewedServer(10_000)(seen),
        { timeUrl: "http://time.test/api/v3/time" }
      )
      yield* Effect.flatMap(binance, (b) => b.umIncomePage({}))
      expect(journal.map((s) => `${s.url.host}${s.url.pathname}`)).toStrictEqual(
        ["papi.test/papi/v1/um/income", "time.test/api/v3/time", "papi.test/papi/v1/um/income"]
      )
    }))

  it.effect("each host learns its own offset (SAPI and PAPI)", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(
        (seen) =>
          seen.url.host === "sapi.test"
            ? Effect.map(skewedServer(10_000)(seen), (r) => r.status === 200 && seen.url.pathname !== "/api/v3/time" ? json(200, { total: 0 }) : r)
            : ok()
      )
      const b = yield* binance
      yield* b.cloudMiningPage(window)
      yield* b.umIncomePage({})
      expect(journal.map((s) => `${s.url.host}${s.url.pathname}`)).toStrictEqual([
        "sapi.test/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage",
        "sapi.test/api/v3/time",
        "sapi.test/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage",
        "papi.test/papi/v1/um/income"
      ])
      expect(new URLSearchParams(journal[3].rawQuery).get("timestamp")).toBe("0")
    }))
})

describe("Binance client: weight budget", () => {
  it.effect("spends the weight before each call and waits for the next window when it is spent", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(ok, { budget: { papiLimit: 60 } })
      const b = yield* binance
      const fiber = yield* Effect.fork(Effect.all([b.umIncomePage({}), b.umIncomePage({}), b.umIncomePage({})]))
      yield* untilSleeping
      expect(journal).toHaveLength(2)
      yield* TestClock.adjust("60 seconds")
      yield* Fiber.join(fiber)
      expect(journal.map((s) => s.at)).toStrictEqual([0, 0, 60_000])
    }))

  it.effect("re-syncs from X-MBX-USED-WEIGHT-1M (another user of the key spent most of it)", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(() => json(200, [], { "X-MBX-USED-WEIGHT-1M": "5990" }), { budget: {} })
      const b = yield* binance
      const fiber = yield* Effect.fork(Effect.zip(b.umIncomePage({}), b.umIncomePage({})))
      yield* untilSleeping
      expect(journal).toHaveLength(1)
      yield* TestClock.adjust("60 seconds")
      yield* Fiber.join(fiber)
      expect(journal.map((s) => s.at)).toStrictEqual([0, 60_000])
    }))

  it.effect("re-syncs from X-SAPI-USED-UID-WEIGHT-1M for cloud-mining (weight 600 of 180,000)", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(() => json(200, { total: 0 }, { "X-SAPI-USED-UID-WEIGHT-1M": "179401" }), { budget: {} })
      const b = yield* binance
      const fiber = yield* Effect.fork(Effect.zip(b.cloudMiningPage(window), b.cloudMiningPage(window)))
      yield* untilSleeping
      expect(journal).toHaveLength(1)
      yield* TestClock.adjust("60 seconds")
      yield* Fiber.join(fiber)
      expect(journal.map((s) => s.at)).toStrictEqual([0, 60_000])
    }))

  it.each([
    ["1 minute", "x-mbx-used-weight-1m"],
    ["10 seconds", "x-mbx-used-weight-10s"],
    ["1 hour", "x-mbx-used-weight-1h"],
    ["1 day", "x-mbx-used-weight-1d"]
  ] as const)("a %s window reads %s", (window, header) => {
    expect(usageHeader("papi", window)).toBe(header)
  })

  it.effect("re-syncs from the header of the configured window (X-MBX-USED-WEIGHT-10S)", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(
        () => json(200, [], { "X-MBX-USED-WEIGHT-1M": "0", "X-MBX-USED-WEIGHT-10S": "300" }),
        { budget: { papiLimit: 300, window: "10 seconds" } }
      )
      const b = yield* binance
      const fiber = yield* Effect.fork(Effect.zip(b.umIncomePage({}), b.umIncomePage({})))
      yield* untilSleeping
      expect(journal).toHaveLength(1)
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      expect(journal.map((s) => s.at)).toStrictEqual([0, 10_000])
    }))

  it.effect("with the default budget, 200 UM income calls fit one minute and the 201st waits", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(ok, { budget: {} })
      const b = yield* binance
      const fiber = yield* Effect.fork(Effect.replicateEffect(b.umIncomePage({}), 201, { discard: true }))
      yield* untilSleeping
      expect(journal).toHaveLength(200)
      yield* TestClock.adjust("60 seconds")
      yield* Fiber.join(fiber)
      expect(journal[200].at).toBe(60_000)
    }))
})
