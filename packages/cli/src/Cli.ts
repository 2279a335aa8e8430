/**
 * The `ledgerkit` command line: `ledgerkit export ...`.
 *
 * @since 0.1.0
 */
import { Command, Options, ValidationError } from "@effect/cli"
import type { CliApp } from "@effect/cli"
import type { FileSystem, HttpClient } from "@effect/platform"
import * as Ledger from "@ledgerkit/providers/Ledger"
import * as Source from "@ledgerkit/providers/Source"
import { Cause, Config, Console, Effect, Exit, Layer, Option } from "effect"
import * as Export from "./Export.js"
import { type ExportError, render, renderUsage, Reported } from "./Failure.js"
import * as Format from "./Format.js"
import * as Input from "./Input.js"
import * as Stdout from "./internal/stdout.js"
import * as LedgerCommand from "./LedgerCommand.js"
import * as Progress from "./Progress.js"
import { reported } from "./internal/reported.js"
import * as Setup from "./Setup.js"
import * as SyncCommand from "./SyncCommand.js"

const source = Options.text("source").pipe(
  Options.withPseudoName("all|ID[,ID]"),
  Options.withDescription(`What to export: all (every configured source), or source ids separated by commas: ${Source.ids.join(", ")}.`)
)
const from = Options.text("from").pipe(
  Options.withPseudoName("TIME"),
  Options.withDescription("Start of the range, included: ISO-8601 UTC (2024-01-31T00:00:00Z) or a date (2024-01-31, midnight UTC).")
)
const to = Options.text("to").pipe(
  Options.withPseudoName("TIME"),
  Options.withDescription("End of the range, excluded: as --from, and not in the future (nothing exists there yet).")
)
const format = Options.choice("format", Format.formats).pipe(
  Options.withDescription("ndjson: one JSON object per line (with the original record); csv: a header row, then one row per entry."),
  Options.withDefault("ndjson" as const)
)
const order = Options.choice("order", ["time", "source"] as const).pipe(
  Options.withDescription("time: one time-ordered stream across sources (ties by source, then id); source: each source in time order, one after another."),
  Options.withDefault("time" as const)
)
const window = Options.text("window").pipe(
  Options.withPseudoName("SPAN"),
  Options.withDescription("Walk and sort each source in consecutive windows of this span, one walk per window (default: one walk per source over the range, already in time order)."),
  Options.optional
)
const out = Options.text("out").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("Write to FILE (through a temporary file renamed at the end) instead of stdout."),
  Options.optional
)
const checkpoint = Options.text("checkpoint").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("Resumable export: append whole batches to --out and record progress in FILE after each; rerun the same command to resume."),
  Options.optional
)
const mock = Options.text("mock").pipe(
  Options.withPseudoName("URL"),
  Options.withDescription("Point every source at a ledgerkit mock server at URL, with the mock's default credentials."),
  Options.optional
)

// Provider rules the docs leave open (issue 11); each falls back to its environment variable.
const cryptomusTimeZone = Options.text("cryptomus-time-zone").pipe(
  Options.withPseudoName("ZONE"),
  Options.withDescription("The zone Cryptomus reads date_from/date_to in: an IANA name (Europe/Moscow) or an offset (+03:00); default UTC."),
  Options.withFallbackConfig(Config.string("CRYPTOMUS_TIME_ZONE")),
  Options.optional
)
const cryptomusCursor = Options.choice("cryptomus-cursor", ["keyset", "opaque"] as const).pipe(
  Options.withDescription("What Cryptomus' nextCursor is: keyset (default, as in its docs: windows are read by following it) or opaque (it may count records: each window is read as one page)."),
  Options.withFallbackConfig(Config.literal("keyset", "opaque")("CRYPTOMUS_CURSOR")),
  Options.optional
)
const wooxproEndBound = Options.choice("wooxpro-end-bound", ["inclusive", "exclusive"] as const).pipe(
  Options.withDescription("How WOO X Pro reads end_time; unset, the walk assumes neither and loses nothing under either."),
  Options.withFallbackConfig(Config.literal("inclusive", "exclusive")("WOOXPRO_END_BOUND")),
  Options.optional
)

const summary = (step: Export.Step, out: Option.Option<string>): string => {
  const where = Option.getOrElse(out, () => "stdout")
  const records = `${step.state.records} record${step.state.records === 1 ? "" : "s"}`
  if (step.alreadyComplete) return `${where} is already complete (${records}); nothing fetched`
  const per = Object.entries(step.state.sources).map(([s, p]) => `${s} ${p.records}`).join(", ")
  return `${step.resumed ? "resumed and completed" : "wrote"} ${records} to ${where}${
    per === "" ? "" : ` (${per})`
  }`
}

// What a stopped export (SIGINT, SIGTERM) leaves behind.
const interrupted = (request: Export.Request): string =>
  Option.match(request.out, {
    onNone: () => "interrupted; stdout holds whole records only",
    onSome: (out) =>
      Option.isSome(request.checkpoint)
        ? `interrupted; rerun the same command to resume from ${request.checkpoint.value}`
        : `interrupted; ${out} is left as it was`
  })

const exportHandler = (
  raw: Input.Raw & {
    readonly cryptomusTimeZone: Option.Option<string>
    readonly cryptomusCursor: Option.Option<"keyset" | "opaque">
    readonly wooxproEndBound: Option.Option<"inclusive" | "exclusive">
  }
) =>
  Effect.gen(function*() {
    const progress = yield* Progress.Progress
    const request = yield* Input.parse(raw)
    if (Option.isSome(request.out)) yield* Export.checkWritable(request.out.value)
    const ledger = Setup.ledgerLayer(raw.mock, {
      cryptomus: { timeZone: Option.getOrUndefined(raw.cryptomusTimeZone), cursor: Option.getOrUndefined(raw.cryptomusCursor) },
      wooxpro: { endBound: Option.getOrUndefined(raw.wooxproEndBound) }
    }).pipe(Layer.provide(Progress.layerHttpClient))
    const final = yield* Effect.provide(Export.run(request), ledger).pipe(
      Effect.onInterrupt(() => Effect.zipRight(progress.done, progress.note(interrupted(request))))
    )
    yield* progress.done
    yield* progress.note(summary(final, request.out))
  }).pipe(
    Stdout.endWhenClosed,
    Effect.catchAll(reported(render))
  )

// Where the sources come from, by provider.
const credentialsHelp = `A provider takes part when its credentials are set in the environment: ${
  Ledger.providers.map((p) => `${p.name} ${p.credentials.join(" and ")} (base URL ${p.urls.join(", ")})`).join("; ")
}. --mock URL sets them all to a mock server and its default credentials.`

/**
 * `ledgerkit export`.
 *
 * @since 0.1.0
 * @category commands
 */
export const exportCommand = Command.make(
  "export",
  { source, from, to, format, order, window, out, checkpoint, mock, cryptomusTimeZone, cryptomusCursor, wooxproEndBound },
  exportHandler
).pipe(
  Command.withDescription(
    `Export normalised ledger entries of one or more sources over [--from, --to) as NDJSON or CSV, with progress on stderr. ${credentialsHelp}`
  )
)

/**
 * `ledgerkit`.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("ledgerkit").pipe(
  Command.withDescription("Payment, refund and income histories of several providers, exported exactly once."),
  Command.withSubcommands([exportCommand, SyncCommand.command, LedgerCommand.command])
)

/**
 * Runs the command line (`argv` as `process.argv`).
 *
 * @example
 * ```ts
 * import { NodeContext, NodeRuntime } from "@effect/platform-node"
 * import { Cli, Progress } from "@ledgerkit/cli"
 * import * as HttpClientLive from "@ledgerkit/cli/HttpClientLive"
 * import { Effect, Layer } from "effect"
 *
 * // What the `ledgerkit` bin does, less its error reporting: `ledgerkit export --help`.
 * Cli.run(["node", "ledgerkit", "export", "--help"]).pipe(
 *   Effect.provide(Layer.mergeAll(NodeContext.layer, HttpClientLive.layer, Progress.layerStderr)),
 *   NodeRuntime.runMain
 * )
 * ```
 *
 * @since 0.1.0
 * @category running
 */
export const run: (
  argv: ReadonlyArray<string>
) => Effect.Effect<
  void,
  Reported | ExportError | ValidationError.ValidationError,
  CliApp.CliApp.Environment | FileSystem.FileSystem | HttpClient.HttpClient | Progress.Progress
> = (argv) => usageErrorsAsOneLine(Command.run(command, { name: "ledgerkit", version: "0.1.0" })(hoistLogLevel(argv)))

// @effect/cli prints a usage error itself, with `Console.error`, as a bare document of
// paragraphs; it becomes the one `ledgerkit: ...` line every other error is. Help and
// --version go through `Console.log`, and loggers through the console's `unsafe` side:
// both untouched.
const usageErrorsAsOneLine = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Progress.Progress> =>
  Effect.flatMap(Progress.Progress, (progress) =>
    Console.consoleWith((console) =>
      Console.withConsole(self, {
        ...console,
        error: (...args: ReadonlyArray<unknown>) => progress.note(renderUsage(args.map(String).join(" ")))
      })
    ))

/**
 * Moves `--log-level LEVEL` (or `--log-level=LEVEL`) to just after the executable:
 * @effect/cli reads it only before the command's own options, and help offers it anywhere.
 *
 * @since 0.1.0
 * @category running
 */
export const hoistLogLevel = (argv: ReadonlyArray<string>): ReadonlyArray<string> => {
  const [runtime, script, ...rest] = argv
  const at = rest.findIndex((arg) => arg === "--log-level" || arg.startsWith("--log-level="))
  if (runtime === undefined || script === undefined || at === -1) return argv
  const length = rest[at] === "--log-level" ? 2 : 1
  const option = rest.slice(at, at + length)
  return [runtime, script, ...option, ...rest.slice(0, at), ...rest.slice(at + length)]
}

/**
 * The exit code of a run: the reported code, 2 for a command-line error, 130 when
 * interrupted, 1 for anything else.
 *
 * @since 0.1.0
 * @category running
 */
export const exitCode = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return 0
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) {
    if (failure.value instanceof Reported) return failure.value.code
    if (ValidationError.isValidationError(failure.value)) return 2
  }
  return Cause.isInterruptedOnly(exit.cause) ? 130 : 1
}
