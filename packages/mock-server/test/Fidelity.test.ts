/**
 * The fidelity points of issue 13, each pinned: one-sided windows read as the 7 days
 * before the end (switchable to the old reading), switchable start bounds where the docs
 * are silent, Zenlayer's API version, a wrong method answered in the provider's shape,
 * and every documented page-size default. Authentication is off: these are about the
 * answers, not the signatures (tested per provider).
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import { Arbitraries, Datasets, type Records, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const DAY = 86_400_000
const now = Date.UTC(2024, 5, 1)
const iso = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, "Z")

const get = (path: string, params: Record<string, string | number> = {}) =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) =>
    Client.request(`${baseUrl}${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`))

const post = (path: string, body: unknown, headers: Record<string, string> = {}, query = "") =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) =>
    Client.request(`${baseUrl}${path}${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body)
    }))

const zenlayer = (body: unknown, version = "2024-08-09") =>
  post("/api/v2/zbc", body, { "x-zc-action": "DescribeRechargeRefundHistory", "x-zc-version": version })

const patch = (body: unknown) =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) =>
    Client.request(`${baseUrl}/__admin/settings`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    }))

const income = (time: number, tranId: string): Records.UmIncomeRecord => ({
  symbol: "BTCUSDT",
  incomeType: "COMMISSION",
  income: "-0.01",
  asset: "USDT",
  info: "COMMISSION",
  time,
  tranId,
  tradeId: "1"
})

const woo = (time: number, tran_id: string): Records.WooxproRecord => ({
  symbol: "BTCUSDT",
  type: "Commission Fee",
  amount: "-0.01",
  asset: "USDT",
  account: "futures",
  time: String(time),
  tran_id
})

const cryptomus = (time: number, uuid: string): Records.CryptomusRecord => ({
  ...Datasets.docs.tables["cryptomus.transactions"].records[0],
  uuid,
  created_at: new Date(time).toISOString().replace(/\.\d{3}Z$/, ".000000Z")
})

const recharge = (time: number, transactionId: string): Records.ZenlayerRecord => ({
  transactionType: "RECHARGE",
  amount: "1",
  paymentMethod: "PAYPAL",
  state: "PAY_SUCCESS",
  transactionTime: iso(time),
  accountUid: "a",
  transactionId
})

// Records 10 days and 3 days before `end`, and at `start` (5 days before it).
const end = now - 20 * DAY
const start = end - 5 * DAY
const datasets: Datasets.Datasets = {
  name: "fidelity",
  tables: {
    ...Datasets.docs.tables,
    "binance.um-income": Datasets.unsafeTable("binance.um-income", [income(end - 10 * DAY, "10"), income(end - 3 * DAY, "3")]),
    "wooxpro.contract-transactions": Datasets.unsafeTable("wooxpro.contract-transactions", [
      woo(end - 10 * DAY, "10"),
      woo(start, "s"),
      woo(end - 3 * DAY, "3")
    ]),
    "cryptomus.transactions": Datasets.unsafeTable("cryptomus.transactions", [cryptomus(start, "s"), cryptomus(end - 3 * DAY, "3")]),
    "zenlayer.recharge-refund": Datasets.unsafeTable("zenlayer.recharge-refund", [recharge(start, "1"), recharge(end - 3 * DAY, "3")])
  }
}

/** The `field` of each record in the list at `path` of a JSON body. */
const ids = (body: unknown, field: string, ...path: ReadonlyArray<string>): ReadonlyArray<unknown> => {
  const list = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body)
  return (list as ReadonlyArray<Record<string, unknown>>).map((r) => r[field])
}

describe("fidelity", () => {
  layer(Testkit.layer({ now, datasets, settings: { auth: false } }))("one-sided windows and bounds", (it) => {
    it.effect("UM income and WOO X Pro: an end without a start reads the 7 days before it; switchable", () =>
      Effect.gen(function*() {
        const um = () => get("/papi/v1/um/income", { endTime: end })
        const wooEnd = () => get("/contract/private/transaction-history", { end_time: end })
        expect(ids((yield* um()).body, "tranId")).toEqual(["3"])
        expect(ids((yield* wooEnd()).body, "tran_id", "data")).toEqual(["s", "3"])
        expect((yield* patch({ binance: { umIncomeEndTimeOnly: "unbounded" }, wooxpro: { endTimeOnly: "unbounded" } })).status)
          .toBe(200)
        expect(ids((yield* um()).body, "tranId")).toEqual(["10", "3"])
        expect(ids((yield* wooEnd()).body, "tran_id", "data")).toEqual(["10", "s", "3"])
        expect((yield* patch({ binance: { umIncomeEndTimeOnly: "sometimes" } })).status).toBe(400)
      }))
  })

  layer(Testkit.layer({ now, datasets, settings: { auth: false } }))("start bounds", (it) => {
    it.effect("WOO X Pro, Cryptomus, Zenlayer: inclusive by default, exclusive when switched", () =>
      Effect.gen(function*() {
        const cryptomusFrom = new Date(start).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "")
        const read = Effect.all([
          Effect.map(get("/contract/private/transaction-history", { start_time: start, end_time: end }), (r) =>
            ids(r.body, "tran_id", "data")),
          Effect.map(post("/v2/user-api/transaction/list", { date_from: cryptomusFrom }), (r) =>
            ids(r.body, "uuid", "result", "items")),
          Effect.map(zenlayer({ startTime: iso(start) }), (r) => ids(r.body, "transactionId", "response", "dataSet"))
        ])
        expect(yield* read).toEqual([["s", "3"], ["s", "3"], ["3", "1"]])
        const exclusive = { "wooxpro.contract-transactions": "exclusive", "cryptomus.transactions": "exclusive", "zenlayer.recharge-refund": "exclusive" }
        expect((yield* patch({ startBound: exclusive })).status).toBe(200)
        expect(yield* read).toEqual([["3"], ["3"], ["3"]])
        expect((yield* patch({ startBound: { "binance.um-income": "exclusive" } })).status).toBe(400)
      }))
  })

  layer(Testkit.layer({ now, settings: { auth: false } }))("versions and methods", (it) => {
    it.effect("Zenlayer: X-ZC-Version must be zbc's 2024-08-09, answered in Zenlayer's shape", () =>
      Effect.gen(function*() {
        expect((yield* zenlayer({})).status).toBe(200)
        const wrong = yield* zenlayer({}, "2022-11-20")
        expect(wrong.status).toBe(400)
        expect(wrong.body).toMatchObject({
          code: "INVALID_VERSION",
          message: "The version 2022-11-20 is not supported by zbc; use 2024-08-09."
        })
        expect((wrong.body as { requestId: string }).requestId).toMatch(/^T[0-9A-F-]{36}$/)
      }))

    it.effect("a wrong method on a known path: 405 in the provider's error shape, with Allow", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const wrong = (path: string, method: string) => Client.request(`${baseUrl}${path}`, { method })
        const binance = yield* wrong("/papi/v1/um/income", "POST")
        expect([binance.status, binance.headers.allow, binance.body]).toEqual([405, "GET", {
          code: -1000,
          msg: "Request method 'POST' not supported"
        }])
        const zen = yield* wrong("/api/v2/zbc", "GET")
        expect([zen.status, zen.headers.allow]).toEqual([405, "POST"])
        expect(zen.body).toMatchObject({ code: "UNSUPPORTED_HTTP_METHOD" })
        const wooxpro = yield* wrong("/contract/private/transaction-history", "DELETE")
        expect([wooxpro.status, wooxpro.body]).toEqual([405, expect.objectContaining({ code: 30000, message: "Not found", data: {} })])
        const crypto = yield* wrong("/v2/user-api/transaction/list", "GET")
        expect([crypto.status, crypto.body]).toEqual([405, {
          state: 1,
          message: "The GET method is not supported for route v2/user-api/transaction/list. Supported methods: POST."
        }])
        expect((yield* wrong("/nowhere", "GET")).status).toBe(404)
      }))
  })

  layer(Testkit.layer({ now, datasets: Arbitraries.generate({ seed: 4, rows: 600, anchor: now }), settings: { auth: false } }))(
    "documented defaults",
    (it) => {
      it.effect("cloud-mining size 10, UM income limit 100, WOO X Pro page_size 100, Zenlayer pageSize 20, Cryptomus 15", () =>
        Effect.gen(function*() {
          const cloud = yield* get("/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage", { startTime: now - 90 * DAY, endTime: now })
          const cloudBody = cloud.body as { total: number; rows: ReadonlyArray<unknown> }
          expect(cloudBody.total).toBeGreaterThan(10)
          expect(cloudBody.rows).toHaveLength(10)
          const um = (yield* get("/papi/v1/um/income", { startTime: now - 85 * DAY, endTime: now })).body as ReadonlyArray<unknown>
          expect(um).toHaveLength(100)
          const woo = yield* get("/contract/private/transaction-history", { start_time: now - 90 * DAY, end_time: now })
          expect((woo.body as { data: ReadonlyArray<unknown> }).data).toHaveLength(100)
          const zen = (yield* zenlayer({})).body as { response: { totalCount: number; dataSet: ReadonlyArray<unknown> } }
          expect(zen.response.totalCount).toBeGreaterThan(20)
          expect(zen.response.dataSet).toHaveLength(20)
          const crypto = (yield* post("/v2/user-api/transaction/list", {})).body as {
            result: { items: ReadonlyArray<unknown>; paginate: { perPage: number } }
          }
          expect([crypto.result.items.length, crypto.result.paginate.perPage]).toEqual([15, 15])
        }))
    }
  )
})
