import { describe, expect, layer } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { Testkit } from "@ledgerkit/mock-server"

const getJson = (url: string) => Effect.promise(() => fetch(url).then(async (r) => ({ status: r.status, body: await r.json() as unknown })))

describe("Testkit", () => {
  layer(Testkit.layer())("with the layer's clock", (it) => {
    it.effect("serves on a free port and shares the test's clock", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        expect(mock.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        expect(mock.port).toBeGreaterThan(0)
        yield* TestClock.setTime(1_700_000_000_123)
        const time = yield* getJson(`${mock.baseUrl}/api/v3/time`)
        expect(time).toEqual({ status: 200, body: { serverTime: 1_700_000_000_123 } })
      }))
  })

  layer(Testkit.layer({ now: 1_499_827_319_559 }))("with a pinned clock", (it) => {
    it.effect("reports the pinned time, and can be re-pinned", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        expect(yield* getJson(`${mock.baseUrl}/api/v3/time`)).toEqual({ status: 200, body: { serverTime: 1_499_827_319_559 } })
        yield* mock.clock.pin(42)
        expect(yield* getJson(`${mock.baseUrl}/api/v3/time`)).toEqual({ status: 200, body: { serverTime: 42 } })
      }))

    it.effect("answers unknown paths with 404 and wrong methods with 405", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        expect((yield* getJson(`${mock.baseUrl}/nope`)).status).toBe(404)
        const post = yield* Effect.promise(() => fetch(`${mock.baseUrl}/api/v3/time`, { method: "POST" }))
        expect(post.status).toBe(405)
      }))
  })
})
