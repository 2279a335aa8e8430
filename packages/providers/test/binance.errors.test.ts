import { Headers, HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Errors } from "@ledgerkit/core"
import { Clock, DateTime, Duration, Effect, Layer, Option } from "effect"
import * as Binance from "../src/Binance.js"
import { errorOf } from "../src/binance/ErrorMapping.js"
import type { Reply } from "../src/internal/http.js"
import { json, options, service, text } from "./binanceKit.js"

const reply = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers: Headers.fromInput(headers)
})
const err = (code: number, msg: string) => JSON.stringify({ code, msg })
const now = 1_700_000_000_000
// Retries with 1 ms backoff run on the real clock (no timing is asserted).
const liveClock = Clock.make()

describe("Binance error mapping", () => {
  it.each([
    ["429 with Retry-After", reply(429, err(-1003, "Too many requests."), { "Retry-After": "7" }), {
      _tag: "RateLimited",
      status: 429,
      providerCode: -1003,
      retryAfter: Duration.seconds(7)
    }],
    ["-1003 on another status", reply(403, err(-1003, "Way too many requests")), { _tag: "RateLimited", providerCode: -1003 }],
    ["429 without a body", reply(429, ""), { _tag: "RateLimited", status: 429 }],
    ["418 with Retry-After", reply(418, err(-1003, "IP banned"), { "retry-after": "120" }), {
      _tag: "Banned",
      status: 418,
      retryAfter: Duration.seconds(120),
      until: DateTime.unsafeMake(now + 120_000)
    }],
    ["-1021", reply(400, err(-1021, "Timestamp for this request is outside of the recvWindow.")), {
      _tag: "ClockSkew",
      providerCode: -1021
    }],
    ["-1022", reply(400, err(-1022, "Signature for this request is not valid.")), { _tag: "Unauthorized", providerCode: -1022 }],
    ["-2014", reply(401, err(-2014, "API-key format invalid.")), { _tag: "Unauthorized", providerCode: -2014 }],
    ["-2015", reply(401, err(-2015, "Invalid API-key, IP, or permissions for action.")), {
      _tag: "Unauthorized",
      providerCode: -2015
    }],
    ["401 without a body", reply(401, ""), { _tag: "Unauthorized", status: 401 }],
    ["another 4xx code", reply(400, err(-1102, "Mandatory parameter 'startTime' was not sent.")), {
      _tag: "InvalidRequest",
      local: false,
      providerCode: -1102,
      providerMessage: "Mandatory parameter 'startTime' was not sent."
    }],
    ["-1127 interval too big", reply(400, err(-1127, "More than 200 days between startTime and endTime.")), {
      _tag: "InvalidRequest",
      providerCode: -1127
    }],
    ["an error code in a 200", reply(200, err(-1100, "Illegal characters found in parameter.")), {
      _tag: "InvalidRequest",
      providerCode: -1100
    }],
    ["a 403 WAF page", reply(403, "<html>Forbidden</html>"), { _tag: "MalformedResponse", status: 403 }],
    ["500 with a Binance body", reply(500, err(-1001, "Internal error")), { _tag: "Unavailable", providerCode: -1001 }],
    ["503 as text", reply(503, "Service Unavailable"), { _tag: "Unavailable", status: 503 }],
    ["502 empty", reply(502, ""), { _tag: "Unavailable", status: 502 }]
  ] as const)("maps %s", (_, input, expected) => {
    const error = Option.getOrThrow(errorOf("binance.um-income", input, now))
    expect(error).toMatchObject({ source: "binance.um-income", ...expected })
  })

  it.each([
    ["a page", reply(200, JSON.stringify({ total: 0 }))],
    ["an array", reply(200, "[]")],
    ["a positive code", reply(200, JSON.stringify({ code: 0, msg: "ok" }))]
  ])("lets %s through to decoding", (_, input) => {
    expect(Option.isNone(errorOf("binance.cloud-mining", input, now))).toBe(true)
  })

  // The service reads a 200's body once, after parsing it: the same errors as `errorOf`.
  it.effect.each([
    ["-1100 illegal characters", err(-1100, "Illegal characters found in parameter.")],
    ["-2015 invalid key", err(-2015, "Invalid API-key, IP, or permissions for action.")],
    ["-1127 interval too big", err(-1127, "More than 200 days between startTime and endTime.")]
  ])("an error code in a 200 through the service: %s, as errorOf maps it", ([, body]) =>
    Effect.gen(function*() {
      const { binance, journal } = service(() => text(200, body))
      const error = yield* Effect.flip(Effect.flatMap(binance, (b) => b.umIncomePage({})))
      expect(error).toStrictEqual(Option.getOrThrow(errorOf("binance.um-income", reply(200, body), now)))
      expect(journal).toHaveLength(1)
    }))

  it.effect("a 200 with a positive code and a page's fields decodes as the page", () =>
    Effect.gen(function*() {
      const { binance } = service(() => json(200, { code: 0, msg: "ok", total: 0 }))
      const page = yield* Effect.flatMap(
        binance,
        (b) => b.cloudMiningPage({ startTime: DateTime.unsafeMake(0), endTime: DateTime.unsafeMake(1) })
      )
      expect(page).toStrictEqual({ total: 0, rows: [] })
    }))

  it.effect("an undecodable 200 is MalformedResponse with an excerpt", () =>
    Effect.gen(function*() {
      const { binance } = service(() => text(200, "[{\"symbol\":\"BTC"))
      const error = yield* Effect.flip(Effect.flatMap(binance, (b) => b.umIncomePage({})))
      expect(error).toMatchObject({ _tag: "MalformedResponse", status: 200, excerpt: "[{\"symbol\":\"BTC" })
    }))

  it.effect("a 200 of the wrong shape is MalformedResponse", () =>
    Effect.gen(function*() {
      const { binance } = service(() => json(200, { total: "5", rows: [] }))
      const error = yield* Effect.flip(
        Effect.flatMap(binance, (b) => b.cloudMiningPage({ startTime: DateTime.unsafeMake(0), endTime: DateTime.unsafeMake(1) }))
      )
      expect(error._tag).toBe("MalformedResponse")
    }))

  it.effect("wrong credentials: Unauthorized after exactly one request (no retry, no time sync)", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(() => json(401, { code: -2015, msg: "Invalid API-key, IP, or permissions for action." }))
      const error = yield* Effect.flip(Effect.flatMap(binance, (b) => b.umIncomePage({})))
      expect(error).toBeInstanceOf(Errors.Unauthorized)
      expect(journal).toHaveLength(1)
    }))

  it.effect("a network failure is Unavailable, retried, and then succeeds", () =>
    Effect.gen(function*() {
      let calls = 0
      const flaky = HttpClient.make((request) => {
        calls++
        return calls <= 2
          ? Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("socket hang up") }))
          : Effect.succeed(HttpClientResponse.fromWeb(request, new Response("[]", { status: 200 })))
      })
      const b = yield* Binance.make(options({ retry: { base: "1 millis", maxBackoff: "1 millis" } })).pipe(
        Effect.provide(Layer.succeed(HttpClient.HttpClient, flaky))
      )
      const rows = yield* b.umIncomePage({}).pipe(Effect.withClock(liveClock))
      expect(rows).toStrictEqual([])
      expect(calls).toBe(3)
    }))

  it.effect("a network failure that lasts is Unavailable once the retries are spent", () =>
    Effect.gen(function*() {
      let calls = 0
      const down = HttpClient.make((request) => {
        calls++
        return Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("ECONNREFUSED") }))
      })
      const b = yield* Binance.make(options({ retry: { maxRetries: 2, base: "1 millis", maxBackoff: "1 millis" } })).pipe(
        Effect.provide(Layer.succeed(HttpClient.HttpClient, down))
      )
      const error = yield* Effect.flip(b.umIncomePage({}).pipe(Effect.withClock(liveClock)))
      expect(error).toMatchObject({ _tag: "Unavailable", source: "binance.um-income" })
      expect(error.message).toContain("ECONNREFUSED")
      expect(calls).toBe(3)
    }))
})

