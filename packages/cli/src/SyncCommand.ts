/**
 * `ledgerkit sync`: keeps an account's ledger current in a database (a SQLite file or a
 * PostgreSQL URL), once or every interval, with progress on stderr.
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import type { Errors } from "@ledgerkit/core"
import * as Ledger from "@ledgerkit/providers/Ledger"
import * as Source from "@ledgerkit/providers/Source"
import type { Sync, SyncError } from "@ledgerkit/sync"
import { Config, type ConfigError, ConfigProvider, DateTime, Layer, Option } from "effect"
import { type ExportError, render } from "./Failure.js"
import * as Lazy from "./internal/lazy.js"
import * as Setup from "./Setup.js"

/**
 * `--db URL_OR_FILE` (or `LEDGERKIT_DB`).
 *
 * @since 0.1.0
 * @category options
 */
export const db = Options.text("db").pipe(
  Options.withPseudoName("URL_OR_FILE"),
  Options.withDescription("The ledger's database: a SQLite file (created when missing) or a postgres:// URL (env LEDGERKIT_DB)."),
  Options.withFallbackConfig(Config.string("LEDGERKIT_DB"))
)

/**
 * `--account NAME`.
 *
 * @since 0.1.0
 * @category options
 */
export const account = Options.text("account").pipe(
  Options.withPseudoName("NAME"),
  Options.withDescription("The account the records are stored under (one database can hold many)."),
  Options.withDefault("default")
)

const source = Options.text("source").pipe(
  Options.withPseudoName("all|ID[,ID]"),
  Options.withDescription(`What to sync: all (every configured source), or source ids separated by commas: ${Source.ids.join(", ")}.`),
  Options.withDefault("all")
)
const since = Options.text("since").pipe(
  Options.withPseudoName("TIME"),
  Options.withDescription("Where the first sync of a source starts (ISO-8601 UTC or a date); default 90 days ago. Later runs start at their position minus the horizon."),
  Options.optional
)
const once = Options.boolean("once").pipe(Options.withDescription("Sync once and exit (the default)."))
const every = Options.text("every").pipe(
  Options.withPseudoName("DURATION"),
  Options.withDescription("Keep running: sync, wait DURATION (\"1 hour\", \"15 minutes\"), sync again; a failed run is reported and the next one comes."),
  Options.optional
)
const lock = Options.choice("lock", ["wait", "skip"] as const).pipe(
  Options.withDescription("When another process syncs the same account and source (PostgreSQL): wait for it, or skip the source this run."),
  Options.withDefault("wait" as const)
)
const window = Options.text("window").pipe(
  Options.withPseudoName("SPAN"),
  Options.withDescription("Walk and commit in windows of this span; a killed run redoes at most one window per source."),
  Options.withDefault("30 days")
)
const mock = Options.text("mock").pipe(
  Options.withPseudoName("URL"),
  Options.withDescription("Point every source at a ledgerkit mock server at URL, with the mock's default credentials."),
  Options.optional
)

/**
 * Errors a sync reports.
 *
 * @since 0.1.0
 * @category errors
 */
export type Failure = ExportError | SyncError.SyncError | Errors.LedgerError | ConfigError.ConfigError

/**
 * The line and exit code of an error: bad options exit 2, the rest 1.
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderFailure = (error: Failure): { readonly line: string; readonly code: number } => {
  if ("_tag" in error && error._tag === "InvalidOptions") return { line: error.message, code: 2 }
  if ("_tag" in error && error._tag === "DatabaseError") return { line: error.message.replace(/\s*\n\s*/g, " "), code: 1 }
  return render(error)
}

/**
 * The ledger of the configured providers (or of the mock). Binance's UM income keeps 3
 * months: a sync starts at the earliest kept time instead of failing.
 *
 * @since 0.1.0
 * @category layers
 */
export const ledgerLayer = (mockUrl: Option.Option<string>) => {
  const ledger = Ledger.layerConfig({ binance: { retention: "clamp" } })
  return Option.match(mockUrl, {
    onNone: () => ledger,
    onSome: (url) =>
      ledger.pipe(Layer.provide(Layer.setConfigProvider(
        ConfigProvider.orElse(ConfigProvider.fromMap(Setup.mockVariables(url)), () => ConfigProvider.fromEnv())
      )))
  })
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The one-line summary of a run.
 *
 * @since 0.1.0
 * @category rendering
 */
export const summary = (report: Sync.Report, where: string): string => {
  const sum = (f: (s: Sync.SourceReport) => number) => report.sources.reduce((n, s) => n + f(s), 0)
  const skipped = report.sources.filter((s) => s.outcome === "skipped").length
  return `synced ${report.account} into ${where} up to ${DateTime.formatIso(report.now)}: ${sum((s) => s.inserted)} new, ${
    sum((s) => s.changed)
  } changed, ${sum((s) => s.unchanged)} unchanged (${plural(report.sources.length - skipped, "source")}${
    skipped === 0 ? "" : `, ${skipped} skipped`
  })`
}

// Sync and its databases (the SQL clients, SQLite, PostgreSQL) load when the command runs:
// `--help` and the other commands do not need them.
const handler = Lazy.handler(() => import("./internal/syncHandler.js"))

/**
 * `ledgerkit sync`.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("sync", { db, account, source, since, once, every, lock, window, mock }, handler).pipe(
  Command.withDescription(
    "Bring an account's ledger up to date in a database: each source from its position minus its re-read horizon up to now; new records inserted, changed ones revised."
  )
)
