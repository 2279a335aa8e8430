/**
 * The documented request of each endpoint gets the documented response, deep-equal
 * (ids included), with authentication on, whatever today's date.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import { Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"
import { documented } from "./fixtures/seeds.js"

// A date far from the documented records: the docs dataset is served regardless.
const now = Date.UTC(2031, 0, 15, 12, 0, 0)

describe("doc replay", () => {
  layer(Testkit.layer({ now }))((it) => {
    it.effect("cloud-mining: a window holding all five rows, default size", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const reply = yield* Client.binanceGet(baseUrl, "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage", {
          startTime: 1666757278000,
          endTime: 1667880112001
        }, Client.keys.binance, now)
        expect(reply.status).toBe(200)
        expect(reply.body).toEqual(documented.cloudMiningResponse)
      }))

    it.effect("UM income: a window holding both rows", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const reply = yield* Client.binanceGet(baseUrl, "/papi/v1/um/income", {
          startTime: 1570608000000,
          endTime: 1570636800000
        }, Client.keys.binance, now)
        expect(reply.status).toBe(200)
        expect(reply.body).toEqual(documented.umIncomeResponse)
      }))

    it.effect("UM income: no window on the docs dataset still shows both rows", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const reply = yield* Client.binanceGet(baseUrl, "/papi/v1/um/income", {}, Client.keys.binance, now)
        expect(reply.body).toEqual(documented.umIncomeResponse)
      }))

    it.effect("Zenlayer: the example request body", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const reply = yield* Client.zenlayerPost(baseUrl, documented.zenlayerRequest, Client.keys.zenlayer, now / 1000)
        expect(reply.status).toBe(200)
        expect(reply.body).toEqual(documented.zenlayerResponse)
        // The amount is written as the documented number literal.
        expect(reply.text).toContain(`"amount":39.05,`)
      }))

    it.effect("WOO X Pro: the example request, verbatim", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const reply = yield* Client.wooxproGet(baseUrl, Object.fromEntries(documented.wooxproQuery), Client.keys.wooxpro)
        expect(reply.status).toBe(200)
        expect(reply.body).toEqual(documented.wooxproResponse)
      }))

    it.effect("WOO X Pro: any other request is answered from the dataset by the rules", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const reply = yield* Client.wooxproGet(baseUrl, { symbol: "BTCUSDT" }, Client.keys.wooxpro)
        expect(reply.status).toBe(200)
        expect(reply.body).toMatchObject({ code: 1000, message: "Ok", data: [{ type: "Commission Fee", tran_id: "9689322392" }] })
        const example = yield* Client.wooxproGet(baseUrl, { ...Object.fromEntries(documented.wooxproQuery), page_size: 10 }, Client.keys.wooxpro)
        expect(example.body).toMatchObject({ code: 1000, data: [] })
      }))

    it.effect("Cryptomus: the example request, verbatim; its nextCursor leads to an empty last page", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const body = JSON.stringify(documented.cryptomusRequest)
        const reply = yield* Client.cryptomusPost(baseUrl, body, Client.keys.cryptomus)
        expect(reply.status).toBe(200)
        expect(reply.body).toEqual(documented.cryptomusResponse)
        const next = yield* Client.cryptomusPost(baseUrl, body, Client.keys.cryptomus, (documented.cryptomusResponse as {
          result: { paginate: { nextCursor: string } }
        }).result.paginate.nextCursor)
        expect(next.body).toEqual({
          state: 0,
          result: { items: [], paginate: { count: 0, hasPages: true, nextCursor: null, previousCursor: null, perPage: 15 } }
        })
      }))

    it.effect("Cryptomus: other requests are answered by the rules (type filter)", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const reply = yield* Client.cryptomusPost(baseUrl, `{"type":"payout"}`, Client.keys.cryptomus)
        expect(reply.body).toMatchObject({
          state: 0,
          result: { items: [{ uuid: "d4953ea1-6f55-46f1-b1c9-f72c04badc45" }], paginate: { count: 1, hasPages: false, nextCursor: null } }
        })
      }))
  })
})
