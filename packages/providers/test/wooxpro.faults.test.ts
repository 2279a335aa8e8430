/**
 * WOO X Pro under the mock's injected faults: 429 with Retry-After, 5xx, resets,
 * truncated bodies and delays are survived with nothing lost or repeated; a ban (418 /
 * 30017) and a malformed body end the walk with their typed error after one request.
 */
import { describe, expect, it } from "@effect/vitest"
import { Credentials, Testkit } from "@ledgerkit/mock-server"
import { Effect, TestClock } from "effect"
import * as WooXPro from "../src/WooXPro.js"
import { answeredWith, checkFault, driveClock, faultCases, undrivenTimeout, walkSource } from "./mockSupport.js"

const anchor = Date.UTC(2024, 5, 1)

const walkWith = (options: Partial<WooXPro.Options>) =>
  Effect.flatMap(Testkit.MockServer, (mock) =>
    walkSource(
      WooXPro.make({ apiKey: Credentials.defaults.wooxpro.apiKey, apiUrl: mock.baseUrl, pageSize: 50, timeout: undrivenTimeout, ...options }),
      anchor
    ))

const walk = walkWith({})

describe("WOO X Pro under injected faults", () => {
  it.effect.each(faultCases)("$name", (fault) =>
    TestClock.setTime(anchor).pipe(
      Effect.zipRight(checkFault("wooxpro.contract-transactions", walk, fault)),
      Effect.provide(Testkit.layer({ dataset: { _tag: "Generated", seed: 11, rows: 150, anchor } }))
    ))
})

describe("WOO X Pro under the mock's rate limit (6 / 2 s; 418 after five 429s in a window)", () => {
  // A seed whose rows leave no millisecond (asked with its neighbours) a page of 10: pages of
  // 10 make a long walk, and a fuller millisecond is an IncompletePagination by design.
  const dataset = { _tag: "Generated", seed: 24, rows: 150, anchor } as const
  const crowdedest = Effect.map(Testkit.MockServer.pipe(Effect.flatMap((mock) => mock.state.get)), ({ datasets }) => {
    const counts = new Map<number, number>()
    for (const r of datasets.tables["wooxpro.contract-transactions"].records) {
      counts.set(Number(r.time), (counts.get(Number(r.time)) ?? 0) + 1)
    }
    const around = (t: number) => (counts.get(t - 1) ?? 0) + (counts.get(t) ?? 0) + (counts.get(t + 1) ?? 0)
    return Math.max(0, ...[...counts.keys()].flatMap((t) => [around(t - 1), around(t), around(t + 1)]))
  })

  it.effect("the budget (6 / 2 s, re-synced from X-BM-RateLimit-*) keeps a long walk free of 429s", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      expect(yield* crowdedest).toBeLessThan(10)
      const unlimited = yield* driveClock(walkWith({ pageSize: 10 }))
      yield* mock.admin.clearJournal
      yield* mock.admin.setLimits({ enabled: true })
      const limited = yield* driveClock(walkWith({ pageSize: 10 }))
      expect(limited).toEqual(unlimited)
      expect((yield* mock.admin.journal({ endpoint: "wooxpro.contract-transactions" })).length).toBeGreaterThan(12)
      expect(yield* answeredWith("wooxpro.contract-transactions", 429)).toBe(0)
    }).pipe(Effect.provide(Testkit.layer({ dataset }))))

  it.effect("without the budget the walk meets 429s, waits out each Retry-After, and still delivers everything", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      expect(yield* crowdedest).toBeLessThan(10)
      const unlimited = yield* driveClock(walkWith({ pageSize: 10 }))
      yield* mock.admin.clearJournal
      yield* mock.admin.setLimits({ enabled: true })
      const limited = yield* driveClock(walkWith({ pageSize: 10, budget: { enabled: false } }))
      expect(limited).toEqual(unlimited)
      expect(yield* answeredWith("wooxpro.contract-transactions", 429)).toBeGreaterThan(0)
      expect(yield* answeredWith("wooxpro.contract-transactions", 418)).toBe(0)
    }).pipe(Effect.provide(Testkit.layer({ dataset }))))
})
