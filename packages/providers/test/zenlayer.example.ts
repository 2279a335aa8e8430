/**
 * The Zenlayer example of the README: prints the documented recharge/refund record served
 * by the mock (`npm start`), as a ledger entry.
 */
import { FetchHttpClient } from "@effect/platform"
import { NodeRuntime } from "@effect/platform-node"
import { Amount, Time } from "@ledgerkit/core"
import { Zenlayer } from "@ledgerkit/providers"
import { Console, DateTime, Effect, Stream } from "effect"

const program = Effect.gen(function*() {
  const zenlayer = yield* Zenlayer.Zenlayer

  // Every successful recharge and refund of the documented month, page by page.
  yield* zenlayer.rechargeRefunds({
    startTime: DateTime.unsafeMake("2023-08-05T14:26:18Z"),
    endTime: DateTime.unsafeMake("2023-09-05T14:26:18Z"),
    state: ["PAY_SUCCESS"]
  }).pipe(
    Stream.map(Zenlayer.Mapping.toLedgerEntry),
    Stream.runForEach((entry) =>
      Console.log(
        [Time.formatIso(entry.time), entry.id, entry.kind, Amount.format(entry.amount), entry.asset, entry.status].join(" ")
      )
    )
  )
})

program.pipe(
  // ZENLAYER_ACCESS_KEY_ID, ZENLAYER_ACCESS_KEY_PASSWORD and ZENLAYER_API_URL.
  Effect.provide(Zenlayer.layerConfig()),
  Effect.provide(FetchHttpClient.layer),
  NodeRuntime.runMain
)
