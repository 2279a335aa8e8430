/**
 * An app that installed the packed tarballs: the mock server on a free port, the Binance
 * client walking the documented cloud-mining history two records a page, each entry
 * printed as a JSON line, then the number of requests the mock answered. Type-checked by
 * tsc (strict, NodeNext) against the installed declarations and run by plain node.
 */
import { FetchHttpClient } from "@effect/platform"
import { Amount, Time } from "@ledgerkit/core"
import { Testkit } from "@ledgerkit/mock-server"
import { Binance } from "@ledgerkit/providers"
import { Console, DateTime, Effect, Layer, Redacted, Stream } from "effect"

const walk = Effect.gen(function*() {
  const mock = yield* Testkit.MockServer
  const { apiKey, apiSecret } = mock.credentials.binance
  const client = Binance.layer({ apiKey: Redacted.make(apiKey), apiSecret, sapiUrl: mock.baseUrl, papiUrl: mock.baseUrl })
  yield* Effect.flatMap(Binance.Binance, (binance) =>
    binance.cloudMining({
      from: DateTime.unsafeMake("2022-10-01T00:00:00Z"),
      to: DateTime.unsafeMake("2022-12-01T00:00:00Z"),
      pageSize: 2
    }).pipe(
      Stream.map(Binance.CloudMining.toLedgerEntry),
      Stream.runForEach((entry) =>
        Console.log(JSON.stringify({ id: entry.id, time: Time.formatIso(entry.time), amount: Amount.format(entry.amount) }))
      )
    )).pipe(Effect.provide(client))
  const requests = yield* mock.admin.journal({ endpoint: "binance.cloud-mining" })
  yield* Console.log(JSON.stringify({ requests: requests.length }))
})

walk.pipe(
  Effect.provide(Layer.merge(Testkit.layer(), FetchHttpClient.layer)),
  Effect.runPromise
).catch((error: unknown) => {
  process.exitCode = 1
  throw error
})
