/**
 * The admin API's semantics through the typed handle: datasets (whole or per endpoint),
 * uploaded records served exactly, refusals, settings, the clock, and reset.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import { Arbitraries, Datasets, Records, Testkit } from "@ledgerkit/mock-server"
import * as Plain from "./support/plain.js"
import * as Wire from "./support/wire.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)
const DAY = 86_400_000
const raw = (baseUrl: string, path: string, init: RequestInit = {}) =>
  Effect.promise(async () => {
    const response = await fetch(`${baseUrl}${path}`, init)
    return { status: response.status, body: await response.json() as unknown }
  })

describe("admin API", () => {
  it.effect("loads the docs or a generated dataset, whole or per endpoint, and counts records", () =>
    Effect.gen(function*() {
      const { admin } = yield* Testkit.MockServer
      expect(yield* admin.dataset).toEqual({ name: "docs", counts: Datasets.counts(Datasets.docs) })
      const generated = yield* admin.loadDataset({ dataset: "generated", seed: 3, rows: 40, anchor: now })
      expect(generated.name).toBe("generated seed=3 rows=40")
      expect(Object.values(generated.counts)).toEqual([40, 40, 40, 40, 40])
      const mixed = yield* admin.loadDataset({ dataset: "docs", endpoints: ["binance.um-income", "cryptomus.transactions"] })
      expect(mixed.name).toBe("custom")
      expect(mixed.counts).toEqual({ ...generated.counts, "binance.um-income": 2, "cryptomus.transactions": 3 })
      expect(yield* admin.counts).toEqual(mixed.counts)
      // The same seed and anchor: the same records as Arbitraries.generate.
      const { state } = yield* Testkit.MockServer
      const served = (yield* state.get).datasets.tables["zenlayer.recharge-refund"].records
      expect(served).toEqual(Arbitraries.generate({ seed: 3, rows: 40, anchor: now }).tables["zenlayer.recharge-refund"].records)
    }).pipe(Effect.provide(Testkit.layer({ now }))))

  it.effect("serves uploaded records exactly (generated records of every endpoint; Zenlayer's number literals kept)", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      const options = { rows: 30, anchor: now, spanMillis: 5 * DAY }
      const upload = <K extends Records.EndpointId>(id: K) => {
        const arbitrary: fc.Arbitrary<ReadonlyArray<Records.RecordOf[K]>> = Arbitraries.recordsOf[id](options)
        return admin.putRecords(id, fc.sample(arbitrary, { seed: 99, numRuns: 1 })[0])
      }
      for (const id of Records.endpointIds) {
        const info = yield* upload(id)
        expect(info.counts[id]).toBe(30)
        expect(info.name).toBe("custom")
      }
      const [zenlayer] = fc.sample(Arbitraries.zenlayerRecords(options), { seed: 99, numRuns: 1 })
      const reply = yield* Wire.send(`${baseUrl}/api/v2/zbc`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-zc-action": "DescribeRechargeRefundHistory", "x-zc-version": "2024-08-09" },
        body: JSON.stringify({ pageSize: 1000 })
      })
      const text = reply.bytes.toString()
      for (const r of zenlayer) expect(text).toContain(`"amount":${r.amount},`)
      expect((Wire.json(reply) as { response: { totalCount: number } }).response.totalCount).toBe(30)
      const [woo] = fc.sample(Arbitraries.wooxproRecords(options), { seed: 99, numRuns: 1 })
      const wooReply = yield* Wire.send(`${baseUrl}/contract/private/transaction-history?start_time=0&page_size=1000`)
      const data = (Wire.json(wooReply) as { data: ReadonlyArray<unknown> }).data
      expect([...data].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))))
        .toEqual([...woo].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))))
    }).pipe(Effect.provide(Testkit.layer({ now, settings: { auth: false } }))))

  it.effect("refuses bad records (400, with the field), repeated keys (422), unknown endpoints (404)", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      const row: Records.WooxproRecord = {
        symbol: "BTCUSDT", type: "Funding Fee", amount: "1.5", asset: "USDT", account: "futures", time: "1717200000000", tran_id: "7"
      }
      const bad = yield* Effect.flip(admin.putRecords("wooxpro.contract-transactions", [{ ...row, amount: "1e5" }]))
      expect(bad).toMatchObject({ status: 400, error: "InvalidBody", message: expect.stringContaining("amount") })
      const twice = yield* Effect.flip(admin.putRecords("wooxpro.contract-transactions", [row, row]))
      expect(twice).toMatchObject({ status: 422, error: "InvalidDataset" })
      const zenlayer = yield* raw(baseUrl, "/__admin/dataset/zenlayer.recharge-refund/records", {
        method: "PUT",
        body: JSON.stringify([{ ...Datasets.docs.tables["zenlayer.recharge-refund"].records[0], amount: 1e21 }])
      })
      expect(zenlayer).toMatchObject({ status: 400, body: { error: "InvalidBody" } })
      expect(yield* raw(baseUrl, "/__admin/dataset/nowhere/records", { method: "PUT", body: "[]" })).toMatchObject({ status: 404 })
      expect(yield* raw(baseUrl, "/__admin/dataset", { method: "PUT", body: "{not json" })).toMatchObject({ status: 400 })
      expect(yield* raw(baseUrl, "/__admin/nothing")).toMatchObject({ status: 404, body: { error: "NotFound" } })
      // Nothing was replaced by the refused calls.
      expect((yield* admin.dataset).name).toBe("docs")
    }).pipe(Effect.provide(Testkit.layer({ now }))))

  it.effect("settings and the clock, changed at run time; admin calls are not journaled", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      expect((yield* Plain.requests["wooxpro.contract-transactions"](baseUrl)).status).toBe(401)
      yield* admin.patchSettings({ auth: false, order: { "wooxpro.contract-transactions": "desc" } })
      expect((yield* Plain.requests["wooxpro.contract-transactions"](baseUrl)).status).toBe(200)
      expect(yield* admin.settings).toMatchObject({ auth: false, order: { "wooxpro.contract-transactions": "desc" } })
      expect(yield* Effect.flip(admin.patchSettings({ cryptomus: { perPage: 0 } }))).toMatchObject({ status: 400 })

      expect((yield* admin.clock).mode).toEqual({ _tag: "Pinned", millis: now })
      expect(yield* admin.setClock({ pin: "2023-01-01T00:00:00Z" })).toMatchObject({ now: Date.UTC(2023, 0, 1), iso: "2023-01-01T00:00:00.000Z" })
      expect((yield* admin.advanceClock(1_500)).now).toBe(Date.UTC(2023, 0, 1) + 1_500)
      expect(Wire.json(yield* Plain.requests["binance.time"](baseUrl))).toEqual({ serverTime: Date.UTC(2023, 0, 1) + 1_500 })
      const scaled = yield* admin.setClock({ scale: 60, origin: 1_000_000 })
      expect(scaled.mode).toMatchObject({ _tag: "Scaled", origin: 1_000_000, rate: 60 })
      expect((yield* admin.advanceClock(5_000)).mode).toMatchObject({ _tag: "Scaled", origin: 1_005_000 })
      expect((yield* admin.setClock({ system: true })).mode).toEqual({ _tag: "System" })
      expect(yield* Effect.flip(admin.setClock({ pin: "yesterday" }))).toMatchObject({ status: 400 })

      const journal = yield* admin.journal()
      expect(journal.map((e) => e.path)).toEqual([
        "/contract/private/transaction-history",
        "/contract/private/transaction-history",
        "/api/v3/time"
      ])
    }).pipe(Effect.provide(Testkit.layer({ now }))))

  it.effect("reset: dataset, settings, clock and faults back to the start; journal and counters emptied", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      const initial = { faults: yield* admin.faults, settings: yield* admin.settings, clock: (yield* admin.clock).mode }
      yield* admin.loadDataset({ dataset: "generated", seed: 1, rows: 5, anchor: now })
      yield* admin.patchSettings({ auth: false, limits: { enabled: true } })
      yield* admin.setFault({ endpoint: "*", kind: { _tag: "Reset" }, times: 1 })
      yield* admin.advanceClock(DAY)
      yield* Plain.requests["binance.time"](baseUrl)
      yield* Plain.requests["binance.time"](baseUrl)
      expect((yield* admin.limits).usage).toHaveLength(1)

      yield* admin.reset
      expect((yield* admin.dataset).name).toBe("docs")
      expect(yield* admin.settings).toEqual(initial.settings)
      expect((yield* admin.clock).mode).toEqual(initial.clock)
      expect(yield* admin.journal()).toEqual([])
      expect((yield* admin.limits).usage).toEqual([])
      const faults = yield* admin.faults
      expect(faults.map((f) => [f.endpoint, f.kind, f.fired])).toEqual(initial.faults.map((f) => [f.endpoint, f.kind, 0]))
      expect(faults).toHaveLength(1)
    }).pipe(Effect.provide(Testkit.layer({
      now,
      faults: [{ endpoint: "cryptomus.transactions", kind: { _tag: "ServerError" }, probability: 0.5, seed: 1 }]
    }))))

  it.effect("errors are one short readable sentence naming the field, never a schema dump", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Testkit.MockServer
      const cases: ReadonlyArray<readonly [string, string, string, string]> = [
        ["PATCH", "/__admin/limits", `{"rules":{"nowhere":{"limit":3}}}`, "Unknown field rules.nowhere; known here: binance.cloud-mining"],
        ["PATCH", "/__admin/limits", `{"rules":{"binance.time":{"limit":"x"}}}`, `Invalid rules.binance.time.limit: expected number, received "x".`],
        ["PUT", "/__admin/dataset", `{"dataset":"nope"}`, `Invalid dataset: expected "docs" or "generated" or "bulk", received "nope".`],
        ["POST", "/__admin/faults", `{"endpoint":"binance.time"}`, "Missing field kind."],
        ["PATCH", "/__admin/settings", "not json", "The body is not JSON."],
        ["PUT", "/__admin/dataset/binance.um-income/records", `[{"a":1}]`, "Unknown field 0.a; known here: symbol | incomeType"]
      ]
      for (const [method, path, body, sentence] of cases) {
        const reply = yield* raw(baseUrl, path, { method, body })
        const message = (reply.body as { readonly message: string }).message
        expect(reply.status, path).toBe(400)
        expect(message).toContain(sentence)
        expect(message.length, message).toBeLessThan(260)
        expect(message).not.toMatch(/\n|readonly|└─/)
      }
    }).pipe(Effect.provide(Testkit.layer({ now }))))
})
