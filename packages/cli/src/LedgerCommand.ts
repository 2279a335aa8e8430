/**
 * `ledgerkit ledger`: writes the ledger stored by `sync` as NDJSON or CSV, in time order.
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import * as Ledger from "@ledgerkit/providers/Ledger"
import { Database, Sync } from "@ledgerkit/sync"
import { Chunk, Effect, Layer, Option, Stream } from "effect"
import * as Export from "./Export.js"
import { OutputError, Reported } from "./Failure.js"
import * as Format from "./Format.js"
import * as Input from "./Input.js"
import * as Progress from "./Progress.js"
import { account, db, renderFailure } from "./SyncCommand.js"

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

const encoder = new TextEncoder()

const writeStdout = (text: string): Effect.Effect<void, OutputError> =>
  Effect.async<void, OutputError>((resume) => {
    process.stdout.write(text, (error) =>
      resume(error ? Effect.fail(new OutputError({ path: "stdout", reason: error.message })) : Effect.void))
  })

const handler = (raw: {
  readonly db: string
  readonly account: string
  readonly source: string
  readonly format: Format.Format
  readonly out: Option.Option<string>
}) =>
  Effect.gen(function*() {
    const progress = yield* Progress.Progress
    const sources = yield* Input.parseSources(raw.source)
    if (Option.isSome(raw.out)) yield* Export.checkWritable(raw.out.value)
    const fs = yield* FileSystem.FileSystem
    let records = 0
    const write = Effect.gen(function*() {
      const sync = yield* Sync.Sync
      const chunks = sync.ledger(raw.account, sources === "all" ? undefined : sources).pipe(
        Stream.tap(() => Effect.sync(() => records++)),
        Stream.grouped(1000),
        Stream.map((batch) => Format.lines(raw.format, Chunk.toReadonlyArray(batch)))
      )
      // Nothing empty is written (NDJSON has no header; a file sink refuses empty writes).
      const body = Stream.concat(Stream.make(Format.header(raw.format)), chunks).pipe(Stream.filter((text) => text !== ""))
      if (Option.isNone(raw.out)) {
        yield* Stream.runForEach(body, writeStdout)
        return "stdout"
      }
      const target = raw.out.value
      const temporary = `${target}.partial`
      const toFile = (e: { readonly message: string }) => new OutputError({ path: target, reason: e.message })
      yield* Stream.run(Stream.map(body, (text) => encoder.encode(text)), fs.sink(temporary)).pipe(Effect.mapError(toFile))
      yield* fs.rename(temporary, target).pipe(Effect.mapError(toFile))
      return target
    })
    const where = yield* Effect.provide(
      write,
      // Reading needs no provider.
      Sync.layer().pipe(Layer.provide(Layer.merge(Database.layer(raw.db), Ledger.layer([]))))
    )
    yield* progress.note(`wrote ${records} entr${records === 1 ? "y" : "ies"} of ${raw.account} from ${Database.describe(raw.db)} to ${where}`)
  }).pipe(
    Effect.catchAll((error) =>
      Effect.gen(function*() {
        const progress = yield* Progress.Progress
        const { code, line } = renderFailure(error)
        yield* progress.note(line)
        return yield* Effect.fail(new Reported({ code }))
      })
    )
  )

/**
 * `ledgerkit ledger`.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("ledger", { db, account, source, format, out }, handler).pipe(
  Command.withDescription("Write the ledger stored by sync (latest version of each record) as NDJSON or CSV, in time order.")
)
