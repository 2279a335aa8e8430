/**
 * The bulk generator as a dataset: `serve --dataset bulk`, `Testkit.layer({ dataset: { _tag: "Bulk" } })`
 * and `PUT /__admin/dataset {"dataset":"bulk"}` serve `BulkDataset`'s records (the same
 * options, the same records), whole or for some endpoints.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { NodeContext } from "@effect/platform-node"
import { Console, Deferred, Effect, Fiber } from "effect"
import { BulkDataset, Cli, Records, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1)

describe("bulk dataset", () => {
  layer(Testkit.layer({ now, dataset: { _tag: "Bulk", seed: 5, rows: 300 } }))("from the start", (it) => {
    it.effect("every endpoint holds BulkDataset's records for the same options", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        const served = (yield* mock.state.get).datasets
        const expected = BulkDataset.generate({
          seed: 5,
          anchor: now,
          endpoints: Object.fromEntries(Records.endpointIds.map((id) => [id, { rows: 300 }]))
        })
        expect(served.name).toBe(expected.name)
        for (const id of Records.endpointIds) expect(served.tables[id].records).toEqual(expected.tables[id].records)
      }))
  })

  layer(Testkit.layer({ now }))("through the admin API", (it) => {
    it.effect("some endpoints replaced, the others kept; rows bounded", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const put = (body: unknown) =>
          Client.request(`${baseUrl}/__admin/dataset`, {
            method: "PUT",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body)
          })
        const reply = yield* put({ dataset: "bulk", seed: 2, rows: 2000, endpoints: ["binance.um-income"] })
        expect(reply.status).toBe(200)
        expect(reply.body).toMatchObject({ name: "custom", counts: { "binance.um-income": 2000, "binance.cloud-mining": 5 } })
        expect((yield* put({ dataset: "bulk", rows: 1_000_001 })).status).toBe(400)
      }))
  })

  it.live("serve --dataset bulk --rows N: the banner names it, the admin API counts it", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const started = yield* Deferred.make<void>()
      const log = (...parts: ReadonlyArray<unknown>) =>
        Effect.suspend(() => {
          const line = parts.join(" ")
          lines.push(line)
          return line.startsWith("admin ") ? Deferred.succeed(started, undefined) : Effect.void
        })
      const args = ["node", "ledgerkit-mock", "serve", "--port", "0", "--dataset", "bulk", "--rows", "40", "--now", "2024-06-01T00:00:00Z"]
      const fiber = yield* Console.consoleWith((console) => Effect.withConsole(Cli.run(args), { ...console, log, error: log })).pipe(
        Effect.provide(NodeContext.layer),
        Effect.fork
      )
      yield* Deferred.await(started)
      const counts = yield* Client.request(`${lines[0]}/__admin/counts`)
      yield* Fiber.interrupt(fiber)
      expect(lines).toContain("dataset    bulk seed=1 binance.cloud-mining=40 binance.um-income=40 zenlayer.recharge-refund=40 wooxpro.contract-transactions=40 cryptomus.transactions=40")
      expect(Object.values(counts.body as Record<string, number>)).toEqual([40, 40, 40, 40, 40])
    }))
})
