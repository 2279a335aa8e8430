/**
 * Zenlayer under the mock's injected faults: 429 with Retry-After, 5xx, resets,
 * truncated bodies and delays are survived with nothing lost or repeated; a ban and a
 * malformed body end the walk with their typed error after one request.
 */
import { describe, expect, it } from "@effect/vitest"
import { Credentials, Testkit } from "@ledgerkit/mock-server"
import { Effect, TestClock } from "effect"
import * as Zenlayer from "../src/Zenlayer.js"
import { answeredWith, checkFault, driveClock, faultCases, undrivenTimeout, walkSource } from "./mockSupport.js"

const anchor = Date.UTC(2024, 5, 1)

const walkWith = (options: Partial<Zenlayer.Options>) =>
  Effect.flatMap(Testkit.MockServer, (mock) =>
    walkSource(
      Zenlayer.make({
        accessKeyId: Credentials.defaults.zenlayer.accessKeyId,
        accessKeyPassword: Credentials.defaults.zenlayer.accessKeyPassword,
        apiUrl: mock.baseUrl,
        pageSize: 20,
        timeout: undrivenTimeout,
        ...options
      }),
      anchor
    ))

const walk = walkWith({})

describe("Zenlayer under injected faults", () => {
  it.effect.each(faultCases)("$name", (fault) =>
    TestClock.setTime(anchor).pipe(
      Effect.zipRight(checkFault("zenlayer.recharge-refund", walk, fault)),
      Effect.provide(Testkit.layer({ dataset: { _tag: "Generated", seed: 11, rows: 70, anchor } }))
    ))
})

describe("Zenlayer under the mock's rate limit (10 / s, the mock's assumption)", () => {
  const dataset = { _tag: "Generated", seed: 11, rows: 70, anchor } as const

  it.effect("unthrottled (the default), 429s are retried with backoff and nothing is lost or repeated", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const unlimited = yield* driveClock(walkWith({ pageSize: 3 }))
      yield* mock.admin.clearJournal
      yield* mock.admin.setLimits({ enabled: true })
      expect(yield* driveClock(walkWith({ pageSize: 3 }))).toEqual(unlimited)
      expect(yield* answeredWith("zenlayer.recharge-refund", 429)).toBeGreaterThan(0)
    }).pipe(Effect.provide(Testkit.layer({ dataset }))))

  it.effect("with rateLimit set to the mock's 10 / s, no 429 at all", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      yield* mock.admin.setLimits({ enabled: true })
      const entries = yield* driveClock(walkWith({ pageSize: 3, rateLimit: { limit: 10, window: "1 second" } }))
      expect(entries.length).toBeGreaterThan(30)
      expect(yield* answeredWith("zenlayer.recharge-refund", 429)).toBe(0)
    }).pipe(Effect.provide(Testkit.layer({ dataset }))))
})
