/**
 * What `ledgerkit ledger` does once its options are parsed (loaded on demand by
 * LedgerCommand).
 */
import { FileSystem } from "@effect/platform"
import * as Ledger from "@ledgerkit/providers/Ledger"
import { Database, Sync } from "@ledgerkit/sync"
import { Chunk, Effect, Layer, Option, Stream } from "effect"
import * as Export from "../Export.js"
import { OutputError } from "../Failure.js"
import * as Format from "../Format.js"
import * as Input from "../Input.js"
import * as Progress from "../Progress.js"
import { reported } from "./reported.js"
import * as Stdout from "./stdout.js"
import { renderFailure } from "../SyncCommand.js"

const encoder = new TextEncoder()

export const handler = (raw: {
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
        yield* Stream.runForEach(body, Stdout.write)
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
    Stdout.endWhenClosed,
    Effect.catchAll(reported(renderFailure))
  )

