/**
 * The WOO X Pro example of the README: prints the documented contract transactions served
 * by the mock (`npm start`), as ledger entries.
 */
import { FetchHttpClient } from "@effect/platform"
import { NodeRuntime } from "@effect/platform-node"
import { Amount, Time } from "@ledgerkit/core"
import { WooXPro } from "@ledgerkit/providers"
import { Console, DateTime, Effect, Stream } from "effect"

const program = Effect.gen(function*() {
  const woo = yield* WooXPro.WooXPro

  // Every flow of 2019-10-09, both ends inclusive, walked by time window.
  yield* woo.transactions({
    from: DateTime.unsafeMake("2019-10-09T00:00:00Z"),
    to: DateTime.unsafeMake("2019-10-09T23:59:59.999Z")
  }).pipe(
    Stream.map(WooXPro.Mapping.toLedgerEntry),
    Stream.runForEach((entry) =>
      Console.log(
        [Time.formatIso(entry.time), entry.id, entry.kind, Amount.format(entry.amount), entry.asset, entry.status].join(" ")
      )
    )
  )
})

program.pipe(
  // WOOXPRO_API_KEY and WOOXPRO_API_URL.
  Effect.provide(WooXPro.layerConfig()),
  Effect.provide(FetchHttpClient.layer),
  NodeRuntime.runMain
)
