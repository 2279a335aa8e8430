/**
 * The Cryptomus example of the README: walks the documented transactions on the mock
 * (`npm start`), follows its cursor, and prints the transactions as ledger entries.
 */
import { FetchHttpClient } from "@effect/platform"
import { NodeRuntime } from "@effect/platform-node"
import { Amount, Time } from "@ledgerkit/core"
import { Cryptomus } from "@ledgerkit/providers"
import { Console, DateTime, Effect, Stream } from "effect"

const program = Effect.gen(function*() {
  const cryptomus = yield* Cryptomus.Cryptomus

  // The documented transactions are of 2022 (dates are whole seconds, UTC). The
  // documented filter, payments of 2023-05-16, matches none of them: the client keeps
  // only what its filter asks for, whatever a provider sends beyond it.
  yield* cryptomus.transactions({
    dateFrom: DateTime.unsafeMake("2022-01-01T00:00:00Z"),
    dateTo: DateTime.unsafeMake("2022-12-31T23:59:59Z")
  }).pipe(
    Stream.map(Cryptomus.Mapping.toLedgerEntry),
    Stream.runForEach((entry) =>
      Console.log(
        [Time.formatIso(entry.time), entry.id, entry.kind, Amount.format(entry.amount), entry.asset, entry.status].join(" ")
      )
    )
  )
})

program.pipe(
  // CRYPTOMUS_USER_ID, CRYPTOMUS_API_KEY and CRYPTOMUS_API_URL.
  Effect.provide(Cryptomus.layerConfig()),
  Effect.provide(FetchHttpClient.layer),
  NodeRuntime.runMain
)
