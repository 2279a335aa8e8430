/**
 * Written as a downstream app would write its contract tests: its own tiny client, the
 * mock through `Testkit.layer` inside `@effect/vitest`'s `layer(...)`, a generated
 * dataset, faults set through the admin handle, assertions on what the app sent (the
 * journal), and a budget watched until it runs out. Only the package's public API is used.
 *
 * The mock's clock is the layer's `TestClock` (no `now` given), so the client signs with
 * the same time the mock checks, and waiting out a Retry-After is instant and exact.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Clock, Duration, Effect, Exit, Schedule, TestClock } from "effect"
import * as Crypto from "node:crypto"
import { Arbitraries, Testkit } from "@ledgerkit/mock-server"
import { driveClock } from "./support/clock.js"

// --- the app's own tiny client --------------------------------------------------------------

interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
}

class Retryable {
  readonly _tag = "Retryable"
  constructor(readonly reason: string, readonly wait: Duration.Duration) {}
}

const get = (url: string, headers: Record<string, string>) =>
  Effect.tryPromise({
    try: async () => {
      const response = await fetch(url, { headers })
      return { status: response.status, headers: response.headers, body: await response.json() } satisfies Reply
    },
    catch: (e) => new Retryable(`network: ${String(e)}`, Duration.seconds(1))
  }).pipe(
    Effect.flatMap((reply) => {
      if (reply.status === 429 || reply.status === 418 || reply.status >= 500) {
        const seconds = Number(reply.headers.get("retry-after") ?? "1")
        return Effect.fail(new Retryable(`HTTP ${reply.status}`, Duration.seconds(seconds)))
      }
      return Effect.succeed(reply)
    })
  )

/** Retries what is retryable, waiting at least the Retry-After the server asked for. */
const withRetry = <A>(effect: Effect.Effect<A, Retryable>) =>
  Effect.retry(
    effect,
    Schedule.identity<Retryable>().pipe(
      Schedule.addDelay((e) => e.wait),
      Schedule.intersect(Schedule.recurs(5))
    )
  )

interface Income {
  readonly incomeType: string
  readonly tranId: string
  readonly time: number
}

const binance = { apiKey: "mock-binance-api-key", secret: "mock-binance-api-secret" }

/** Every UM income row of [from, to], page by page (Binance's page/limit; no total). */
const allIncome = (baseUrl: string, from: number, to: number) =>
  Effect.gen(function*() {
    const rows: Array<Income> = []
    for (let page = 1;; page++) {
      const reply = yield* withRetry(Effect.gen(function*() {
        const timestamp = yield* Clock.currentTimeMillis
        const query = `startTime=${from}&endTime=${to}&page=${page}&limit=10&timestamp=${timestamp}`
        const signature = Crypto.createHmac("sha256", binance.secret).update(query).digest("hex")
        return yield* get(`${baseUrl}/papi/v1/um/income?${query}&signature=${signature}`, { "X-MBX-APIKEY": binance.apiKey })
      }))
      const batch = reply.body as ReadonlyArray<Income>
      rows.push(...batch)
      if (batch.length < 10) return rows
    }
  })

// --- the tests --------------------------------------------------------------------------------

const anchor = Date.UTC(2024, 5, 1)
const DAY = 86_400_000
const dataset = { _tag: "Generated", seed: 11, rows: 150, anchor } as const

describe.sequential("a downstream app's contract tests", () => {
  layer(Testkit.layer({ dataset }))((it) => {
    it.effect("reads every UM income row of a week through a 429 and a 503, waiting out Retry-After", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        yield* TestClock.setTime(anchor)
        yield* mock.admin.setFaults([
          { endpoint: "binance.um-income", kind: { _tag: "TooManyRequests", retryAfterSeconds: 3 }, times: 1 },
          { endpoint: "binance.um-income", kind: { _tag: "ServerError", status: 503 }, times: 1 }
        ])
        const from = anchor - 7 * DAY
        const rows = yield* driveClock(allIncome(mock.baseUrl, from, anchor))

        // The same seed gives the app the same records the mock serves.
        const expected = Arbitraries.generate({ seed: 11, rows: 150, anchor }).tables["binance.um-income"].records
          .filter((r) => r.time >= from && r.time <= anchor)
        const key = (r: Income) => `${r.incomeType}:${r.tranId}`
        expect(rows.map(key).sort()).toEqual(expected.map(key).sort())
        expect(new Set(rows.map(key)).size).toBe(rows.length)
        expect(rows.length).toBeGreaterThan(10)

        // What the app sent, as the mock saw it.
        const sent = yield* mock.admin.journal({ endpoint: "binance.um-income" })
        expect(sent.map((e) => e.status).slice(0, 3)).toEqual([429, 503, 200])
        expect(sent[1].time - sent[0].time).toBe(3_000)
        expect(sent.every((e) => e.query.some(([k, v]) => k === "signature" && v === "<redacted>"))).toBe(true)
        expect(sent.filter((e) => e.status === 200).every((e) => e.auth._tag === "Passed")).toBe(true)
        expect((yield* mock.admin.faults).map((f) => f.fired)).toEqual([1, 1])
      }))

    it.effect("survives a reset connection and a malformed body on WOO X Pro", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        yield* mock.admin.setFaults([
          { endpoint: "wooxpro.contract-transactions", kind: { _tag: "Reset" }, times: 1 }
        ])
        const reply = yield* driveClock(withRetry(get(
          `${mock.baseUrl}/contract/private/transaction-history?start_time=${anchor - DAY}&end_time=${anchor}`,
          { "X-API-KEY": "mock-wooxpro-api-key" }
        )))
        expect(reply.body).toMatchObject({ code: 1000, message: "Ok" })
        const sent = yield* mock.admin.journal({ endpoint: "wooxpro.contract-transactions" })
        expect(sent.map((e) => [e.status, e.transport])).toEqual([[null, "Reset"], [200, "Normal"]])
        expect(sent[0].headers["x-api-key"]).toBe("<redacted>")

        yield* mock.admin.setFault({ endpoint: "wooxpro.contract-transactions", kind: { _tag: "MalformedJson" }, times: 1 })
        const malformed = yield* Effect.exit(get(`${mock.baseUrl}/contract/private/transaction-history`, {
          "X-API-KEY": "mock-wooxpro-api-key"
        }))
        expect(Exit.isFailure(malformed)).toBe(true)
      }))

    it.effect("watches WOO X Pro's budget run out in its own headers and codes, then recover", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        yield* mock.admin.setLimits({ enabled: true })
        const call = Effect.promise(() =>
          fetch(`${mock.baseUrl}/contract/private/transaction-history`, { headers: { "X-API-KEY": "mock-wooxpro-api-key" } })
        )
        const used: Array<string | null> = []
        for (let i = 0; i < 6; i++) used.push((yield* call).headers.get("x-bm-ratelimit-remaining"))
        expect(used).toEqual(["1", "2", "3", "4", "5", "6"])
        const over = yield* call
        expect(over.status).toBe(429)
        expect(yield* Effect.promise(() => over.json())).toMatchObject({ code: 30013 })
        yield* TestClock.adjust("2 seconds")
        expect((yield* call).status).toBe(200)
        yield* mock.admin.setLimits({ enabled: false })
      }))
  })
})
