/**
 * Cryptomus under the mock's injected faults: 429 with Retry-After, 5xx, resets,
 * truncated bodies and delays are survived with nothing lost or repeated (the same
 * signed body and cursor are sent again); a ban and a malformed body end the walk with
 * their typed error after one request.
 */
import { describe, expect, it } from "@effect/vitest"
import { Credentials, Testkit } from "@ledgerkit/mock-server"
import { Effect, TestClock } from "effect"
import * as Cryptomus from "../src/Cryptomus.js"
import { answeredWith, checkFault, driveClock, faultCases, undrivenTimeout, walkSource } from "./mockSupport.js"

const anchor = Date.UTC(2024, 5, 1)

const walkWith = (options: Partial<Cryptomus.Options>) =>
  Effect.flatMap(Testkit.MockServer, (mock) =>
    walkSource(
      Cryptomus.make({
        userId: Credentials.defaults.cryptomus.userId,
        apiKey: Credentials.defaults.cryptomus.apiKey,
        apiUrl: mock.baseUrl,
        timeout: undrivenTimeout,
        ...options
      }),
      anchor
    ))

const walk = walkWith({})

describe("Cryptomus under injected faults", () => {
  it.effect.each(faultCases)("$name", (fault) =>
    TestClock.setTime(anchor).pipe(
      Effect.zipRight(checkFault("cryptomus.transactions", walk, fault)),
      Effect.provide(Testkit.layer({ dataset: { _tag: "Generated", seed: 11, rows: 70, anchor } }))
    ))
})

describe("Cryptomus under the mock's rate limit (60 / min, the mock's assumption)", () => {
  // One item per page: 70 requests for 70 transactions.
  const options = { dataset: { _tag: "Generated", seed: 11, rows: 70, anchor }, settings: { cryptomus: { perPage: 1 } } } as const

  it.effect("unthrottled (the default), each 429 is retried after its Retry-After, nothing lost or repeated", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const unlimited = yield* driveClock(walk)
      yield* mock.admin.clearJournal
      yield* mock.admin.setLimits({ enabled: true })
      expect(yield* driveClock(walk)).toEqual(unlimited)
      expect(yield* answeredWith("cryptomus.transactions", 429)).toBeGreaterThan(0)
    }).pipe(Effect.provide(Testkit.layer(options))))

  it.effect("with rateLimit set to 60 / min (re-synced from X-RateLimit-Remaining), no 429 at all", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      yield* mock.admin.setLimits({ enabled: true })
      const entries = yield* driveClock(walkWith({ rateLimit: { limit: 60, window: "1 minute" } }))
      expect(entries.length).toBeGreaterThan(60)
      expect(yield* answeredWith("cryptomus.transactions", 429)).toBe(0)
    }).pipe(Effect.provide(Testkit.layer(options))))
})
