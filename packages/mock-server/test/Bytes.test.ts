/**
 * The bytes the mock serves, pinned: the documented-example replay of every endpoint, a
 * few error answers in each provider's shape, and the OpenAPI document. The files under
 * `fixtures/bytes/` were written by the mock before it was reorganised by provider (the
 * OpenAPI document since changed on purpose: lint fixes, 413 answers, the served address);
 * a change of even one byte fails here (update them with `vitest -u` only on purpose).
 */
import { describe, it, layer } from "@effect/vitest"
import type { ExpectStatic } from "vitest"
import { Effect } from "effect"
import { Arbitraries, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"
import { documented } from "./fixtures/seeds.js"

const now = Date.UTC(2031, 0, 15, 12, 0, 0)

// The test's own `expect`: tests run concurrently, and file snapshots need their test.
// Error answers carry a fresh request id (Zenlayer's requestId, WOO X Pro's trace).
const fresh = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const pinner = (expect: ExpectStatic, masked = false) => (name: string, reply: Client.Reply) =>
  Effect.promise(() =>
    expect(`${reply.status}\n${masked ? reply.text.replace(fresh, "<fresh id>") : reply.text}`)
      .toMatchFileSnapshot(`./fixtures/bytes/${name}`)
  )

describe("served bytes", () => {
  layer(Testkit.layer({ now }))((it) => {
    it.effect("documented-example replay", (ctx) =>
      Effect.gen(function*() {
        const pin = pinner(ctx.expect)
        const { baseUrl } = yield* Testkit.MockServer
        yield* pin("cloud-mining.txt", yield* Client.binanceGet(baseUrl, "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage", {
          startTime: 1666757278000,
          endTime: 1667880112001
        }, Client.keys.binance, now))
        yield* pin("um-income.txt", yield* Client.binanceGet(baseUrl, "/papi/v1/um/income", {
          startTime: 1570608000000,
          endTime: 1570636800000
        }, Client.keys.binance, now))
        yield* pin("um-income-no-window.txt", yield* Client.binanceGet(baseUrl, "/papi/v1/um/income", {}, Client.keys.binance, now))
        yield* pin("zenlayer.txt", yield* Client.zenlayerPost(baseUrl, documented.zenlayerRequest, Client.keys.zenlayer, now / 1000))
        yield* pin("wooxpro.txt", yield* Client.wooxproGet(baseUrl, Object.fromEntries(documented.wooxproQuery), Client.keys.wooxpro))
        const body = JSON.stringify(documented.cryptomusRequest)
        yield* pin("cryptomus.txt", yield* Client.cryptomusPost(baseUrl, body, Client.keys.cryptomus))
        const cursor = (documented.cryptomusResponse as { result: { paginate: { nextCursor: string } } }).result.paginate.nextCursor
        yield* pin("cryptomus-next.txt", yield* Client.cryptomusPost(baseUrl, body, Client.keys.cryptomus, cursor))
        yield* pin("cryptomus-type.txt", yield* Client.cryptomusPost(baseUrl, `{"type":"payout"}`, Client.keys.cryptomus))
      }))

    it.effect("error answers in each provider's shape", (ctx) =>
      Effect.gen(function*() {
        const pin = pinner(ctx.expect, true)
        const { baseUrl } = yield* Testkit.MockServer
        const wrongSecret = { ...Client.keys.binance, secret: "wrong" }
        yield* pin("binance-signature.txt", yield* Client.binanceGet(baseUrl, "/papi/v1/um/income", {}, wrongSecret, now))
        yield* pin("binance-window.txt", yield* Client.binanceGet(baseUrl, "/papi/v1/um/income", {
          startTime: 2,
          endTime: 1
        }, Client.keys.binance, now))
        yield* pin("zenlayer-key.txt", yield* Client.zenlayerPost(baseUrl, documented.zenlayerRequest, {
          ...Client.keys.zenlayer,
          keyId: "nobody"
        }, now / 1000))
        yield* pin("wooxpro-key.txt", yield* Client.wooxproGet(baseUrl, {}, "wrong"))
        yield* pin("wooxpro-page-size.txt", yield* Client.wooxproGet(baseUrl, { page_size: 0 }, Client.keys.wooxpro))
        yield* pin("cryptomus-sign.txt", yield* Client.cryptomusPost(baseUrl, "{}", { ...Client.keys.cryptomus, apiKey: "wrong" }))
        yield* pin("cryptomus-date.txt", yield* Client.cryptomusPost(baseUrl, `{"date_from":"x"}`, Client.keys.cryptomus))
        yield* pin("unknown-path.txt", yield* Client.request(`${baseUrl}/nowhere`))
      }))

    it.effect("the OpenAPI document", (ctx) =>
      Effect.gen(function*() {
        const pin = pinner(ctx.expect)
        const { baseUrl } = yield* Testkit.MockServer
        // `servers` names the address served on: the port is fresh.
        const reply = yield* Client.request(`${baseUrl}/__admin/openapi.json`)
        yield* pin("openapi.json.txt", { ...reply, text: reply.text.replaceAll(baseUrl, "http://127.0.0.1:<port>") })
      }))
  })

  it.effect("the generated dataset of a seed", (ctx) =>
    Effect.promise(() =>
      ctx.expect(JSON.stringify(Arbitraries.generate({ seed: 7, rows: 12, anchor: now }), null, 1))
        .toMatchFileSnapshot("./fixtures/bytes/generated-seed-7.json.txt")
    ))
})
