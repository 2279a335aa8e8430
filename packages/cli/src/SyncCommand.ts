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
import { Database, Sync, type SyncError } from "@ledgerkit/sync"
import { Config, type ConfigError, ConfigProvider, DateTime, Duration, Effect, Either, Layer, Option, Schedule } from "effect"
import { type ExportError, InvalidInput, render, Reported } from "./Failure.js"
import * as Input from "./Input.js"
import * as Progress from "./Progress.js"
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

const describeSource = (s: Sync.SourceReport) =>
  s.outcome === "skipped"
    ? `${s.source}: skipped (another sync holds it)`
    : `${s.source}: ${s.inserted} new, ${s.changed} changed, ${s.unchanged} unchanged over [${DateTime.formatIso(s.from)}, ${
      DateTime.formatIso(s.to)
    })`

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

interface Raw {
  readonly db: string
  readonly account: string
  readonly source: string
  readonly since: Option.Option<string>
  readonly once: boolean
  readonly every: Option.Option<string>
  readonly lock: "wait" | "skip"
  readonly window: string
  readonly mock: Option.Option<string>
}

const parse = (raw: Raw) =>
  Effect.gen(function*() {
    if (raw.once && Option.isSome(raw.every)) {
      return yield* new InvalidInput({ reason: "--once and --every exclude each other" })
    }
    const sources = yield* Input.parseSources(raw.source)
    const start = yield* Option.match(raw.since, {
      onNone: () => Effect.map(DateTime.now, (now) => DateTime.subtract(now, { days: 90 })),
      onSome: (text) => Input.parseTime("--since", text)
    })
    const every = yield* Option.match(raw.every, {
      onNone: () => Either.right(Option.none<Duration.Duration>()),
      onSome: (text) =>
        Either.map(
          Either.mapLeft(Input.parseWindow(text), () =>
            new InvalidInput({ reason: `--every: expected a duration of at least 1 second such as "1 hour", received ${JSON.stringify(text)}` })),
          Option.some
        )
    })
    const window = yield* Input.parseWindow(raw.window)
    const mockUrl = yield* Option.match(raw.mock, {
      onNone: () => Either.right(Option.none<string>()),
      onSome: (url) => Either.map(Input.parseMock(url), Option.some)
    })
    if (raw.account.trim() === "") return yield* new InvalidInput({ reason: "--account: the name is empty" })
    return { sources, start, every, window, mockUrl }
  })

const handler = (raw: Raw) =>
  Effect.gen(function*() {
    const progress = yield* Progress.Progress
    const input = yield* parse(raw)
    const where = Database.describe(raw.db)
    const runOnce = Effect.gen(function*() {
      const sync = yield* Sync.Sync
      const report = yield* sync.run({
        account: raw.account,
        since: input.start,
        sources: input.sources === "all" ? undefined : input.sources,
        window: input.window,
        lock: raw.lock,
        onEvent: (event) => {
          switch (event._tag) {
            case "Batch":
              return progress.records(event.source, event.counts.inserted + event.counts.changed + event.counts.unchanged)
            case "Started":
              return Effect.void
            case "Skipped":
              return progress.note(`${event.source}: another sync holds it; skipped`)
          }
        }
      })
      yield* progress.done
      for (const s of report.sources) yield* progress.note(describeSource(s))
      yield* progress.note(summary(report, where))
    })
    const layer = Sync.layer().pipe(
      Layer.provide(Layer.merge(
        Database.layer(raw.db),
        ledgerLayer(input.mockUrl).pipe(Layer.provide(Progress.layerHttpClient))
      ))
    )
    const loop = Option.match(input.every, {
      onNone: () => runOnce,
      onSome: (interval) =>
        // A failed run is reported; the next one comes after the interval.
        runOnce.pipe(
          Effect.catchAll((error) => progress.note(renderFailure(error).line)),
          Effect.repeat(Schedule.spaced(interval)),
          Effect.asVoid
        )
    })
    yield* Effect.provide(loop, layer)
  }).pipe(
    Effect.catchAll((error) =>
      Effect.gen(function*() {
        const progress = yield* Progress.Progress
        const { code, line } = renderFailure(error)
        yield* progress.done
        yield* progress.note(line)
        return yield* Effect.fail(new Reported({ code }))
      })
    )
  )

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
