/**
 * The Binance example of the README: prints the documented cloud-mining and UM income
 * records served by the mock (`npm start`), as ledger entries.
 */
import { FetchHttpClient } from "@effect/platform"
import { NodeRuntime } from "@effect/platform-node"
import { Amount, LedgerEntry, Time } from "@ledgerkit/core"
import { Binance } from "@ledgerkit/providers"
import { Console, DateTime, Effect, Stream } from "effect"

const print = (entry: LedgerEntry.LedgerEntry) =>
  Console.log([Time.formatIso(entry.time), entry.id, entry.kind, Amount.format(entry.amount), entry.asset].join(" "))

const program = Effect.gen(function*() {
  const binance = yield* Binance.Binance

  // Cloud-mining payments (248) and refunds (249) in [from, to).
  yield* binance.cloudMining({
    from: DateTime.unsafeMake("2022-10-01T00:00:00Z"),
    to: DateTime.unsafeMake("2022-12-01T00:00:00Z")
  }).pipe(Stream.map(Binance.CloudMining.toLedgerEntry), Stream.runForEach(print))

  // Portfolio-Margin UM income in [from, to], both ends inclusive.
  yield* binance.umIncome({
    from: DateTime.unsafeMake("2019-10-01T00:00:00Z"),
    to: DateTime.unsafeMake("2019-10-31T23:59:59.999Z")
  }).pipe(Stream.map(Binance.UmIncome.toLedgerEntry), Stream.runForEach(print))
})

program.pipe(
  // BINANCE_API_KEY, BINANCE_API_SECRET, BINANCE_SAPI_URL and BINANCE_PAPI_URL. The
  // documented UM income rows are from 2019, older than Binance's three months: the
  // retention check is turned off to read them from the mock.
  Effect.provide(Binance.layerConfig({ retention: "off" })),
  Effect.provide(FetchHttpClient.layer),
  NodeRuntime.runMain
)
