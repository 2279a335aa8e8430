/**
 * Data that moves: seeded churn makes records arrive at the mock's now, settle, be
 * corrected or removed as the clock runs; the same (seed, clock) gives the same records
 * whatever was asked in between; every change is listed; the endpoints serve what moved.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { Effect, Either } from "effect"
import { Arbitraries, Churn, ExactJson, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1)
const datasets = Arbitraries.generate({ seed: 2, rows: 60, anchor: now })
const spec: Churn.Spec = {
  seed: 5,
  endpoints: {
    "zenlayer.recharge-refund": { arrive: 30, settle: 20, correct: 5, remove: 5 },
    "cryptomus.transactions": { arrive: 12, settle: 12 },
    "binance.um-income": { arrive: 6, correct: 6 }
  }
}

const truthAfter = (steps: ReadonlyArray<number>, seed = 5) =>
  Effect.gen(function*() {
    const mock = yield* Testkit.MockServer
    yield* mock.admin.churn({ ...spec, seed })
    for (const millis of steps) {
      yield* mock.admin.advanceClock(millis)
      // A request in between must not change the outcome.
      yield* mock.admin.records("zenlayer.recharge-refund")
    }
    return yield* Effect.all([mock.admin.records("zenlayer.recharge-refund"), mock.admin.records("cryptomus.transactions")])
  })

describe("churn", () => {
  layer(Testkit.layer({ now, datasets, settings: { auth: false } }))("one server", (it) => {
    it.effect("records arrive at now, pending ones settle, the changes are listed, the endpoints serve them", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        const before = yield* mock.admin.records("zenlayer.recharge-refund")
        yield* mock.admin.churn(spec)
        yield* mock.admin.advanceClock(600_000)
        const changes = yield* mock.admin.changes("zenlayer.recharge-refund")
        const kinds = new Set(changes.map((c) => c.kind))
        expect(kinds).toEqual(new Set(["arrived", "settled", "corrected", "removed"]))
        expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((a, b) => a - b))
        for (const c of changes) expect(c.time).toBeGreaterThan(now)
        const arrived = changes.filter((c) => c.kind === "arrived")
        expect(arrived.length).toBeGreaterThan(200)
        const after = (yield* mock.admin.records("zenlayer.recharge-refund")).map((l) => JSON.parse(l) as { transactionId: string; state: string })
        const removed = new Set(changes.filter((c) => c.kind === "removed").map((c) => c.identity))
        expect(after.length).toBe(before.length + arrived.length - removed.size)
        // Settled records left PAYING; arrivals still pending are PAYING.
        for (const c of changes.filter((c) => c.kind === "settled")) {
          expect(["PAY_SUCCESS", "PAY_FAILED"]).toContain((c.record as { state: string }).state)
        }
        // The endpoint serves what moved (no window: every record; newest first).
        const served = yield* Client.request(`${mock.baseUrl}/api/v2/zbc`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-zc-action": "DescribeRechargeRefundHistory", "x-zc-version": "2024-08-09" },
          body: JSON.stringify({ pageSize: 5000 })
        })
        const dataSet = (served.body as { response: { dataSet: ReadonlyArray<{ transactionId: string }> } }).response.dataSet
        expect(new Set(dataSet.map((r) => r.transactionId))).toEqual(new Set(after.map((r) => r.transactionId)))
        expect((yield* mock.admin.changes("zenlayer.recharge-refund", changes[changes.length - 1].seq))).toEqual([])
        yield* mock.admin.churn(undefined)
        const stopped = yield* mock.admin.records("zenlayer.recharge-refund")
        yield* mock.admin.advanceClock(600_000)
        expect(yield* mock.admin.records("zenlayer.recharge-refund")).toEqual(stopped)
      }))
  })

  // The same seed and clock, asked in 30 steps with reads between, or computed in one: the same records.
  layer(Testkit.layer({ now, datasets }))("determinism", (it) => {
    it.effect("the records are a function of (seed, clock); another seed gives others", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        const [zenlayer] = yield* truthAfter(Array.from({ length: 30 }, () => 10_000))
        const expected = (seed: number) => {
          const data = mock.state.registry.dataById.get("zenlayer.recharge-refund")
          const moved = Churn.advance(mock.state.registry, Churn.start(Churn.off, { ...spec, seed }, now), datasets, now + 300_000)
          return moved.datasets.tables["zenlayer.recharge-refund"].records.map((r) => ExactJson.stringify(data?.render(r) ?? null))
        }
        expect(zenlayer.length).toBeGreaterThan(datasets.tables["zenlayer.recharge-refund"].records.length)
        expect(zenlayer).toEqual(expected(5))
        expect(expected(6)).not.toEqual(expected(5))
      }))
  })

  it("a spec from the command line", () => {
    expect(Churn.parse(["seed=3", "zenlayer.recharge-refund=arrive:30,settle:10"])).toEqual(
      Either.right({ seed: 3, endpoints: { "zenlayer.recharge-refund": { arrive: 30, settle: 10 } } })
    )
    expect(Either.isLeft(Churn.parse(["zenlayer.recharge-refund=fast"]))).toBe(true)
    expect(Churn.parse([])).toEqual(Either.right(undefined))
  })

  layer(Testkit.layer({ now }))("the admin API", (it) => {
    it.effect("PUT, GET and DELETE /__admin/churn; an unknown endpoint is refused", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const put = (body: unknown) =>
          Client.request(`${baseUrl}/__admin/churn`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
        expect((yield* put({ endpoints: { "nowhere.x": { arrive: 1 } } })).status).toBe(400)
        expect((yield* put(spec)).body).toMatchObject({ churn: spec })
        expect((yield* Client.request(`${baseUrl}/__admin/churn`)).body).toMatchObject({ churn: spec })
        expect((yield* Client.request(`${baseUrl}/__admin/churn`, { method: "DELETE" })).body).toMatchObject({ churn: null })
      }))
  })
})
