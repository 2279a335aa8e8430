/**
 * `ledgerkit ledger`: writes the ledger stored by `sync` as NDJSON or CSV, in time order.
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import * as Format from "./Format.js"
import * as Lazy from "./internal/lazy.js"
import { account, db } from "./SyncCommand.js"

const source = Options.text("source").pipe(
  Options.withPseudoName("all|ID[,ID]"),
  Options.withDescription("Only these sources (ids separated by commas), or all."),
  Options.withDefault("all")
)
const format = Options.choice("format", Format.formats).pipe(
  Options.withDescription("ndjson: one JSON object per line (with the original record); csv: a header row, then one row per entry."),
  Options.withDefault("ndjson" as const)
)
const out = Options.text("out").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("Write to FILE (through a temporary file renamed at the end) instead of stdout."),
  Options.optional
)

// The stored ledger's reader (Sync, the SQL clients) loads when the command runs.
const handler = Lazy.handler(() => import("./internal/ledgerHandler.js"))

/**
 * `ledgerkit ledger`.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("ledger", { db, account, source, format, out }, handler).pipe(
  Command.withDescription("Write the ledger stored by sync (latest version of each record) as NDJSON or CSV, in time order.")
)
