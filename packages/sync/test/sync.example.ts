/**
 * The example of the README: keeps the ledger of account "acme" in ledger.sqlite, from
 * every provider configured in the environment, and prints what the run did.
 */
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import * as Ledger from "@ledgerkit/providers/Ledger"
import { Database, Sync } from "@ledgerkit/sync"
import { Console, DateTime, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const sync = yield* Sync.Sync
  const report = yield* sync.run({
    account: "acme",
    // Where the first run starts; later runs start at their position minus the horizon.
    since: DateTime.subtract(yield* DateTime.now, { days: 30 })
  })
  for (const s of report.sources) {
    yield* Console.log(`${s.source}: ${s.inserted} new, ${s.changed} changed, ${s.unchanged} unchanged`)
  }
})

program.pipe(
  Effect.provide(
    Sync.layer().pipe(
      Layer.provide(Database.layer("ledger.sqlite")), // or "postgres://user@host:5432/db"
      Layer.provide(Ledger.layerConfig({ binance: { retention: "clamp" } })),
      Layer.provide(NodeHttpClient.layer)
    )
  ),
  NodeRuntime.runMain
)
