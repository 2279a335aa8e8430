/**
 * WOO X Pro transaction-history: KEYED auth with 3000x codes, parameter rules in the
 * `{code, message, data, trace}` envelope, the 7-day default and the filters.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import { Datasets, Records, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)
const DAY = 86_400_000

const record = (time: number, tran_id: string, type: Records.WooxproType, symbol = "BTCUSDT", account: "futures" | "copy_trading" = "futures"): Records.WooxproRecord => ({
  symbol: type === "Transfer" ? "" : symbol,
  type,
  amount: "-0.000000012345",
  asset: "USDT",
  account,
  time: String(time),
  tran_id
})

const datasets: Datasets.Datasets = {
  name: "wooxpro test",
  tables: {
    ...Datasets.docs.tables,
    "wooxpro.contract-transactions": Datasets.unsafeTable("wooxpro.contract-transactions", [
      record(now - 10 * DAY, "1", "Transfer"),
      record(now - 7 * DAY, "2", "Realized PNL"),
      record(now - 7 * DAY, "2", "Commission Fee"),
      record(now - 2 * DAY, "3", "Funding Fee", "ETHUSDT", "copy_trading"),
      record(now - 1 * DAY, "4", "Liquidation Clearance"),
      record(now, "5", "Commission Fee")
    ])
  }
}

const get = (params: Record<string, string | number>, apiKey: string = Client.keys.wooxpro) =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) => Client.wooxproGet(baseUrl, params, apiKey))

const ids = (reply: Client.Reply) =>
  (reply.body as { data: Array<{ type: string; tran_id: string }> }).data.map((r) => `${r.type}:${r.tran_id}`)

const expectError = (reply: Client.Reply, status: number, code: number) => {
  expect(reply.status).toBe(status)
  expect(reply.body).toEqual({ code, message: expect.any(String), data: code < 40000 ? {} : null, trace: expect.stringMatching(/^[0-9a-f-]{36}$/) })
}

describe("WOO X Pro", () => {
  layer(Testkit.layer({ now, datasets }))((it) => {
    it.effect("KEYED: X-API-KEY or X-BM-KEY; missing key 30001/401, unknown key 30002/401", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const url = `${baseUrl}/contract/private/transaction-history`
        expect((yield* Client.request(url, { headers: { "X-API-KEY": Client.keys.wooxpro } })).status).toBe(200)
        expect((yield* Client.request(url, { headers: { "X-BM-KEY": Client.keys.wooxpro } })).status).toBe(200)
        const missing = yield* Client.request(url)
        expectError(missing, 401, 30001)
        expect(missing.body).toMatchObject({ message: "Header X-BM-KEY is empty" })
        const wrong = yield* get({}, "not-a-key")
        expectError(wrong, 401, 30002)
        expect(wrong.body).toMatchObject({ message: "Header X-BM-KEY not found" })
      }))

    it.effect("parameters: page_size 1..1000, flow_type 0..5, account enum, integers, start not after end", () =>
      Effect.gen(function*() {
        expectError(yield* get({ page_size: 1001 }), 400, 40011)
        expect((yield* get({ page_size: 1000 })).status).toBe(200)
        expectError(yield* get({ page_size: 0 }), 400, 40011)
        expectError(yield* get({ page_size: "x" }), 400, 40007)
        expectError(yield* get({ flow_type: 6 }), 400, 40011)
        expectError(yield* get({ flow_type: "1.5" }), 400, 40007)
        expectError(yield* get({ account: "spot" }), 400, 40011)
        expectError(yield* get({ start_time: "yesterday" }), 400, 40007)
        expectError(yield* get({ start_time: 2, end_time: 1 }), 400, 40011)
        const { baseUrl } = yield* Testkit.MockServer
        const twice = yield* Client.request(`${baseUrl}/contract/private/transaction-history?page_size=1&page_size=2`, { headers: { "X-API-KEY": Client.keys.wooxpro } })
        expectError(twice, 400, 40007)
      }))

    it.effect("no times: the last 7 days of the mock clock (both ends inclusive by default)", () =>
      Effect.gen(function*() {
        expect(ids(yield* get({}))).toEqual(["Commission Fee:2", "Realized PNL:2", "Funding Fee:3", "Liquidation Clearance:4", "Commission Fee:5"])
      }))

    it.effect("filters: flow_type, symbol, account; page_size keeps the oldest (asc default)", () =>
      Effect.gen(function*() {
        const wide = { start_time: now - 30 * DAY, end_time: now }
        expect(ids(yield* get({ ...wide, flow_type: 1 }))).toEqual(["Transfer:1"])
        expect(ids(yield* get({ ...wide, flow_type: 4 }))).toEqual(["Commission Fee:2", "Commission Fee:5"])
        expect(ids(yield* get({ ...wide, flow_type: 0 }))).toHaveLength(6)
        expect(ids(yield* get({ ...wide, symbol: "ETHUSDT" }))).toEqual(["Funding Fee:3"])
        expect(ids(yield* get({ ...wide, account: "copy_trading" }))).toEqual(["Funding Fee:3"])
        expect(ids(yield* get({ ...wide, page_size: 2 }))).toEqual(["Transfer:1", "Commission Fee:2"])
        expect(ids(yield* get({ start_time: now - 2 * DAY }))).toEqual(["Funding Fee:3", "Liquidation Clearance:4", "Commission Fee:5"])
        expect(ids(yield* get({ end_time: now - 7 * DAY }))).toEqual(["Transfer:1", "Commission Fee:2", "Realized PNL:2"])
      }))
  })

  layer(Testkit.layer({
    now,
    datasets,
    settings: { order: { "wooxpro.contract-transactions": "desc" }, endBound: { "wooxpro.contract-transactions": "exclusive" } }
  }))("switched: newest first, exclusive end", (it) => {
    it.effect("page_size keeps the newest, newest first; the end bound excludes its instant", () =>
      Effect.gen(function*() {
        expect(ids(yield* get({ start_time: now - 30 * DAY, end_time: now + 1, page_size: 2 }))).toEqual(["Commission Fee:5", "Liquidation Clearance:4"])
        expect(ids(yield* get({ start_time: now - 30 * DAY, end_time: now, page_size: 2 }))).toEqual(["Liquidation Clearance:4", "Funding Fee:3"])
        expect(ids(yield* get({}))).toEqual(["Liquidation Clearance:4", "Funding Fee:3", "Realized PNL:2", "Commission Fee:2"])
      }))
  })
})
