/**
 * Faults through the admin API: each kind happens as configured, for the next N requests
 * or with a seeded probability, in the provider's own error shape.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock, TestServices } from "effect"
import { Faults, Testkit } from "@ledgerkit/mock-server"
import * as Plain from "./support/plain.js"
import * as Wire from "./support/wire.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)
const mock = Testkit.layer({ now, settings: { auth: false } })

const statuses = (endpoint: keyof typeof Plain.requests, n: number) =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) =>
    Effect.forEach(Array.from({ length: n }), () => Effect.map(Plain.requests[endpoint](baseUrl), (w) => w.status)))

describe("faults", () => {
  it.effect("TooManyRequests for the next 2 requests: 429 with Retry-After in Binance's shape, then normal again", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      const fault = yield* admin.setFault({
        endpoint: "binance.um-income",
        kind: { _tag: "TooManyRequests", retryAfterSeconds: 7 },
        times: 2
      })
      expect(fault).toMatchObject({ id: expect.any(String), remaining: 2, matched: 0, fired: 0 })
      const first = yield* Plain.requests["binance.um-income"](baseUrl)
      expect(first.status).toBe(429)
      expect(first.headers["retry-after"]).toBe("7")
      expect(Wire.json(first)).toEqual({ code: -1003, msg: expect.stringContaining("Too much request weight used") })
      expect(yield* statuses("binance.um-income", 2)).toEqual([429, 200])
      // Other endpoints were never affected.
      expect(yield* statuses("binance.cloud-mining", 1)).toEqual([200])
      expect(yield* admin.faults).toEqual([{ ...fault, remaining: 0, matched: 2, fired: 2 }])
    }).pipe(Effect.provide(mock)))

  const shapes = {
    "binance.cloud-mining": { 429: { code: -1003 }, 418: { code: -1003 }, 503: { code: -1008 } },
    "binance.time": { 429: { code: -1003 }, 418: { code: -1003 }, 503: { code: -1008 } },
    "binance.um-income": { 429: { code: -1003 }, 418: { code: -1003 }, 503: { code: -1008 } },
    "wooxpro.contract-transactions": { 429: { code: 30013 }, 418: { code: 30017 }, 503: { code: 30014 } },
    "zenlayer.recharge-refund": {
      429: { code: "REQUEST_LIMIT_EXCEEDED" },
      418: { code: "REQUEST_LIMIT_EXCEEDED" },
      503: { code: "SERVICE_UNAVAILABLE" }
    },
    "cryptomus.transactions": { 429: { state: 1 }, 418: { state: 1 }, 503: { state: 1 } }
  } as const

  const keysOf = {
    binance: ["code", "msg"],
    wooxpro: ["code", "message", "data", "trace"],
    zenlayer: ["requestId", "code", "message"],
    cryptomus: ["state", "message"]
  } as const

  it.effect("429, 418 and 5xx answer in each provider's own error shape", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      for (const endpoint of Plain.endpointIds) {
        yield* admin.setFaults([
          { endpoint, kind: { _tag: "TooManyRequests" }, times: 1 },
          { endpoint, kind: { _tag: "Banned", retryAfterSeconds: 300 }, times: 1 },
          { endpoint, kind: { _tag: "ServerError", status: 503 }, times: 1 }
        ])
        const provider = endpoint.split(".")[0] as keyof typeof keysOf
        for (const status of [429, 418, 503] as const) {
          const wire = yield* Plain.requests[endpoint](baseUrl)
          expect(wire.status, `${endpoint} ${status}`).toBe(status)
          const body = Wire.json(wire)
          expect(body).toMatchObject(shapes[endpoint][status])
          expect(Object.keys(body as object)).toEqual(keysOf[provider])
          if (status === 429) expect(wire.headers["retry-after"]).toBe("1")
          if (status === 418) expect(wire.headers["retry-after"]).toBe("300")
        }
        expect((yield* Plain.requests[endpoint](baseUrl)).status).toBe(200)
      }
    }).pipe(Effect.provide(mock)))

  it.effect("a Binance ban says until when, in the mock clock's epoch millis", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      yield* admin.setFault({ endpoint: "binance.um-income", kind: { _tag: "Banned", retryAfterSeconds: 60 }, times: 1 })
      const wire = yield* Plain.requests["binance.um-income"](baseUrl)
      expect(Wire.json(wire)).toEqual({
        code: -1003,
        msg: `Way too much request weight used; IP banned until ${now + 60_000}. Please use WebSocket Streams for live updates to avoid bans.`
      })
    }).pipe(Effect.provide(mock)))

  it.effect("every 5xx status; Retry-After left out when asked", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      for (const status of [500, 502, 503, 504]) {
        yield* admin.setFault({ endpoint: "*", kind: { _tag: "ServerError", status }, times: 1 })
        expect((yield* Plain.requests["cryptomus.transactions"](baseUrl)).status).toBe(status)
      }
      yield* admin.setFault({ endpoint: "*", kind: { _tag: "TooManyRequests", retryAfterSeconds: null }, times: 1 })
      const wire = yield* Plain.requests["wooxpro.contract-transactions"](baseUrl)
      expect(wire.status).toBe(429)
      expect(wire.headers["retry-after"]).toBeUndefined()
    }).pipe(Effect.provide(mock)))

  it.effect("Reset: the connection is reset before any response", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      yield* admin.setFault({ endpoint: "zenlayer.recharge-refund", kind: { _tag: "Reset" }, times: 1 })
      const wire = yield* Plain.requests["zenlayer.recharge-refund"](baseUrl)
      expect(wire.status).toBeUndefined()
      expect(wire.ending).toBe("ECONNRESET")
      expect((yield* Plain.requests["zenlayer.recharge-refund"](baseUrl)).status).toBe(200)
      const [entry] = yield* admin.journal({ endpoint: "zenlayer.recharge-refund", limit: 2 })
      expect(entry).toMatchObject({ status: null, transport: "Reset", fault: { kind: "Reset" } })
    }).pipe(Effect.provide(mock)))

  it.effect("Truncated: the whole body's Content-Length, fewer bytes, then the connection closes", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      const whole = yield* Plain.requests["binance.time"](baseUrl)
      yield* admin.setFault({ endpoint: "binance.time", kind: { _tag: "Truncated", bytes: 5 }, times: 1 })
      const cut = yield* Plain.requests["binance.time"](baseUrl)
      expect(cut.status).toBe(200)
      expect(cut.headers["content-length"]).toBe(String(whole.bytes.length))
      expect(cut.bytes.toString()).toBe(whole.bytes.subarray(0, 5).toString())
      expect(cut.ending).not.toBe("complete")
      // Default: half of the body.
      yield* admin.setFault({ endpoint: "binance.time", kind: { _tag: "Truncated" }, times: 1 })
      const half = yield* Plain.requests["binance.time"](baseUrl)
      expect(half.bytes.length).toBe(Math.floor(whole.bytes.length / 2))
      expect(half.ending).not.toBe("complete")
    }).pipe(Effect.provide(mock)))

  it.effect("MalformedJson: the normal status and headers, a body that does not parse", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      const whole = yield* Plain.requests["cryptomus.transactions"](baseUrl)
      yield* admin.setFault({ endpoint: "cryptomus.transactions", kind: { _tag: "MalformedJson" }, times: 1 })
      const bad = yield* Plain.requests["cryptomus.transactions"](baseUrl)
      expect(bad.status).toBe(whole.status)
      expect(bad.ending).toBe("complete")
      expect(bad.headers["content-type"]).toBe(whole.headers["content-type"])
      expect(() => JSON.parse(bad.bytes.toString())).toThrow()
      expect(bad.bytes.toString()).toBe(whole.bytes.toString().slice(0, -1))
    }).pipe(Effect.provide(mock)))

  it.effect("Delay: the answer waits on the server's clock (TestClock here)", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      yield* admin.setFault({ endpoint: "binance.time", kind: { _tag: "Delay", millis: 30_000 }, times: 1 })
      const fiber = yield* Effect.fork(Plain.requests["binance.time"](baseUrl))
      // Wait (in real time) until the server sleeps on the clock.
      while ((yield* TestClock.sleeps()).length === 0) yield* TestServices.provideLive(Effect.sleep("2 millis"))
      yield* TestClock.adjust("29 seconds")
      yield* TestServices.provideLive(Effect.sleep("20 millis"))
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 second")
      const wire = yield* Fiber.join(fiber)
      expect(wire.status).toBe(200)
      expect(Wire.json(wire)).toEqual({ serverTime: now })
    }).pipe(Effect.provide(mock)))

  it.effect("`*` matches every endpoint; the first matching fault with uses left applies", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      yield* admin.setFaults([
        { endpoint: "wooxpro.contract-transactions", kind: { _tag: "ServerError", status: 502 }, times: 1 },
        { endpoint: "*", kind: { _tag: "ServerError", status: 504 }, times: 2 }
      ])
      expect(yield* statuses("wooxpro.contract-transactions", 2)).toEqual([502, 504])
      expect(yield* statuses("binance.time", 2)).toEqual([504, 200])
      expect(yield* statuses("wooxpro.contract-transactions", 1)).toEqual([200])
      yield* admin.setFault({ endpoint: "*", kind: { _tag: "ServerError" } })
      expect(yield* statuses("binance.um-income", 3)).toEqual([500, 500, 500])
      yield* admin.clearFaults
      expect(yield* statuses("binance.um-income", 1)).toEqual([200])
      expect(yield* admin.faults).toEqual([])
    }).pipe(Effect.provide(mock)))

  it.effect("an admin call with a bad fault is refused with 400 and the reason", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      const bad = { endpoint: "binance.um-income", kind: { _tag: "ServerError", status: 404 } } as unknown as Faults.Spec
      const error = yield* Effect.flip(admin.setFault(bad))
      expect(error).toMatchObject({ _tag: "AdminError", status: 400, error: "InvalidBody" })
      const typo = { endpoint: "binance.um-income", kind: { _tag: "Reset" }, time: 3 } as unknown as Faults.Spec
      expect(yield* Effect.flip(admin.setFault(typo))).toMatchObject({ status: 400 })
      expect(yield* Effect.flip(admin.removeFault("f999"))).toMatchObject({ status: 404 })
    }).pipe(Effect.provide(mock)))
})

describe("probabilistic faults", () => {
  const run = (seed: number, probability: number) =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      yield* admin.setFault({ endpoint: "binance.time", kind: { _tag: "ServerError", status: 503 }, probability, seed })
      const seen = yield* statuses("binance.time", 60)
      const [fault] = yield* admin.faults
      return { seen, fault }
    }).pipe(Effect.provide(mock))

  it.effect("a seeded probability gives the same outcomes on every run, and fires about as often as asked", () =>
    Effect.gen(function*() {
      const a = yield* run(42, 0.3)
      const b = yield* run(42, 0.3)
      const c = yield* run(7, 0.3)
      expect(a.seen).toEqual(b.seen)
      expect(a.seen).not.toEqual(c.seen)
      const fired = a.seen.filter((s) => s === 503).length
      expect(a.fault).toMatchObject({ matched: 60, fired, remaining: null })
      expect(fired).toBeGreaterThan(5)
      expect(fired).toBeLessThan(35)
      expect(a.seen.every((s) => s === 503 || s === 200)).toBe(true)
    }))

  it.effect("probability 0 never fires, 1 always; `times` caps a probabilistic fault", () =>
    Effect.gen(function*() {
      expect((yield* run(1, 0)).seen.every((s) => s === 200)).toBe(true)
      expect((yield* run(1, 1)).seen.every((s) => s === 503)).toBe(true)
      const capped = yield* Effect.gen(function*() {
        const { admin } = yield* Testkit.MockServer
        yield* admin.setFault({ endpoint: "binance.time", kind: { _tag: "Reset" }, probability: 0.5, seed: 3, times: 4 })
        const seen = yield* statuses("binance.time", 40)
        return { seen, faults: yield* admin.faults }
      }).pipe(Effect.provide(mock))
      expect(capped.seen.filter((s) => s === undefined)).toHaveLength(4)
      expect(capped.faults[0]).toMatchObject({ fired: 4, remaining: 0 })
    }))

  it("the pure picker: draws only for matching requests", () => {
    const entry = (endpoint: Faults.Spec["endpoint"], probability: number) => ({
      fault: { endpoint, kind: { _tag: "Reset" } as const, probability, id: "x", remaining: null, matched: 0, fired: 0 },
      random: 11
    })
    const [none, after] = Faults.pick([entry("binance.time", 0.5)], "cryptomus.transactions")
    expect(none).toBeUndefined()
    expect(after[0]).toEqual(entry("binance.time", 0.5))
  })
})
