/**
 * The export: the Ledger's entries, formatted, written whole-record by whole-record.
 *
 * Three ways to write, none of which leaves a half-written output:
 * - to stdout, as the entries come;
 * - to `--out FILE`: into a temporary file beside it, renamed over it at the end (on a
 *   failure the temporary file is removed and FILE is untouched);
 * - to `--out FILE --checkpoint CP`: appended to FILE in whole batches; after each batch
 *   FILE is flushed and CP records its length and the last entry written. A rerun
 *   truncates FILE to that length and resumes after that entry.
 *
 * @since 0.1.0
 */
import { FileSystem } from "@effect/platform"
import type { Errors, LedgerEntry } from "@ledgerkit/core"
import { Time } from "@ledgerkit/core"
import * as Ledger from "@ledgerkit/providers/Ledger"
import type * as Source from "@ledgerkit/providers/Source"
import { Chunk, DateTime, Duration, Effect, Option, Stream } from "effect"
import * as path from "node:path"
import * as Checkpoint from "./Checkpoint.js"
import { CheckpointError, type ExportError, InvalidInput, OutputError, type StdoutClosed } from "./Failure.js"
import * as Format from "./Format.js"
import * as Stdout from "./internal/stdout.js"
import { Progress } from "./Progress.js"

/**
 * A validated export request.
 *
 * @since 0.1.0
 * @category models
 */
export interface Request {
  /** `all`, or the source ids to export. */
  readonly sources: "all" | ReadonlyArray<Source.SourceId>
  readonly range: Source.Range
  readonly format: Format.Format
  readonly order: Ledger.Order
  /** Walk and sort each source window by window (default: one walk per source). */
  readonly window: Option.Option<Duration.Duration>
  /** An absolute path; stdout when absent. */
  readonly out: Option.Option<string>
  /** An absolute path; needs `out`. */
  readonly checkpoint: Option.Option<string>
}

/**
 * Where an export stands: what a checkpoint records.
 *
 * @since 0.1.0
 * @category models
 */
export interface State {
  /** Bytes of the output holding whole records (the header included). */
  readonly bytes: number
  readonly records: number
  readonly position: Ledger.Position | null
  readonly sources: Readonly<Record<string, Checkpoint.SourceProgress>>
  readonly complete: boolean
}

/**
 * One step of an export: a batch was written (and checkpointed), or the export ended.
 *
 * @since 0.1.0
 * @category models
 */
export interface Step {
  readonly state: State
  /** Records in this batch (0 for the final step). */
  readonly batch: number
  /** True when a checkpoint said the export was already complete: nothing was fetched. */
  readonly alreadyComplete: boolean
  /** True when the export resumed from a checkpoint. */
  readonly resumed: boolean
}

const encoder = new TextEncoder()

/** Where the bytes go. */
interface Sink {
  readonly start: State
  readonly resumed: boolean
  readonly append: (bytes: Uint8Array, next: State) => Effect.Effect<void, ExportError | StdoutClosed>
  readonly finish: (final: State) => Effect.Effect<void, ExportError>
}

const startState = (sources: ReadonlyArray<string>, bytes: number): State => ({
  bytes,
  records: 0,
  position: null,
  sources: Object.fromEntries(sources.map((s) => [s, { records: 0, last: null }])),
  complete: false
})

// The state after a batch of entries (in output order).
const advance = (state: State, batch: ReadonlyArray<LedgerEntry.LedgerEntry>, bytes: number): State => {
  const sources = { ...state.sources }
  for (const entry of batch) {
    const before = sources[entry.source] ?? { records: 0, last: null }
    sources[entry.source] = { records: before.records + 1, last: entry.time }
  }
  const last = batch[batch.length - 1]
  return {
    bytes: state.bytes + bytes,
    records: state.records + batch.length,
    position: last === undefined ? state.position : Ledger.positionOf(last),
    sources,
    complete: false
  }
}

// `writeAll` refuses an empty buffer (an NDJSON header, an empty batch).
const writeAll = (file: FileSystem.File, bytes: Uint8Array) => bytes.length === 0 ? Effect.void : file.writeAll(bytes)

const outputError = (file: string) => (e: { readonly message: string }) => new OutputError({ path: file, reason: e.message })

const stdoutSink = (sources: ReadonlyArray<string>, format: Format.Format): Effect.Effect<Sink, OutputError | StdoutClosed> =>
  Effect.gen(function*() {
    const header = encoder.encode(Format.header(format))
    if (header.length > 0) yield* Stdout.write(header)
    return {
      start: startState(sources, header.length),
      resumed: false,
      append: (bytes) => Stdout.write(bytes),
      finish: () => Effect.void
    }
  })

/**
 * Checks that `file` can be written (its folder exists and is writable, and the file,
 * if it exists, is a writable file) without changing anything.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkWritable = (file: string): Effect.Effect<void, InvalidInput, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const fail = (reason: string) => Effect.fail(new InvalidInput({ reason: `cannot write --out ${file}: ${reason}` }))
    const dir = path.dirname(file)
    const dirInfo = yield* Effect.option(fs.stat(dir))
    if (Option.isNone(dirInfo)) return yield* fail(`the folder ${dir} does not exist`)
    if (dirInfo.value.type !== "Directory") return yield* fail(`${dir} is not a folder`)
    if (Option.isNone(yield* Effect.option(fs.access(dir, { writable: true })))) {
      return yield* fail(`the folder ${dir} is not writable`)
    }
    const info = yield* Effect.option(fs.stat(file))
    if (Option.isSome(info)) {
      if (info.value.type !== "File") return yield* fail("it is not a regular file")
      if (Option.isNone(yield* Effect.option(fs.access(file, { writable: true })))) {
        return yield* fail("the file is not writable")
      }
    }
  })

const fileSink = (
  sources: ReadonlyArray<string>,
  format: Format.Format,
  out: string
): Effect.Effect<Sink, OutputError, FileSystem.FileSystem | import("effect/Scope").Scope> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const temporary = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`)
    let renamed = false
    // Removed unless renamed: a failed or interrupted export leaves `out` as it was.
    yield* Effect.addFinalizer(() => renamed ? Effect.void : Effect.ignore(fs.remove(temporary)))
    const file = yield* Effect.mapError(fs.open(temporary, { flag: "w" }), outputError(out))
    const header = encoder.encode(Format.header(format))
    yield* Effect.mapError(writeAll(file, header), outputError(out))
    return {
      start: startState(sources, header.length),
      resumed: false,
      append: (bytes) => Effect.mapError(writeAll(file, bytes), outputError(out)),
      finish: () =>
        Effect.gen(function*() {
          yield* file.sync
          yield* fs.rename(temporary, out)
          renamed = true
        }).pipe(Effect.mapError(outputError(out)))
    }
  })

const samePlan = (a: Checkpoint.Plan, b: Checkpoint.Plan): boolean =>
  a.output === b.output && a.format === b.format && a.order === b.order && a.windowMillis === b.windowMillis &&
  DateTime.Equivalence(a.from, b.from) && DateTime.Equivalence(a.to, b.to) &&
  a.sources.length === b.sources.length && a.sources.every((s, i) => s === b.sources[i])

const describePlan = (plan: Checkpoint.Plan) =>
  `--source ${plan.sources.join(",")} --from ${Time.formatIso(plan.from)} --to ${Time.formatIso(plan.to)} --format ${plan.format} --order ${plan.order} --out ${plan.output}`

const checkpointSink = (
  plan: Checkpoint.Plan,
  checkpointPath: string
): Effect.Effect<Sink, ExportError, FileSystem.FileSystem | import("effect/Scope").Scope> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const out = plan.output
    const saved = yield* Checkpoint.read(checkpointPath)
    const checkpointFailure = (reason: string) => new CheckpointError({ path: checkpointPath, reason })
    let start: State
    if (Option.isSome(saved)) {
      const previous = saved.value
      if (!samePlan(previous.plan, plan)) {
        return yield* Effect.fail(checkpointFailure(
          `it belongs to another export (${describePlan(previous.plan)}); rerun that command, or use a new checkpoint file`
        ))
      }
      start = {
        bytes: previous.bytes,
        records: previous.records,
        position: previous.position,
        sources: previous.sources,
        complete: previous.complete
      }
      const size = Option.map(yield* Effect.option(fs.stat(out)), (info) => Number(info.size))
      if (previous.complete) {
        // A finished output is never touched again; it must still be what was written.
        if (!Option.contains(size, previous.bytes)) {
          return yield* Effect.fail(checkpointFailure(
            `the export is complete but ${out} is no longer the ${previous.bytes} bytes written; delete the checkpoint to export again`
          ))
        }
      } else {
        if (Option.isNone(size) || size.value < previous.bytes) {
          return yield* Effect.fail(checkpointFailure(
            `the output ${out} is missing or shorter than the ${previous.bytes} bytes it records; delete the checkpoint to start over`
          ))
        }
        // Whatever follows the last whole batch is discarded: it was never checkpointed.
        yield* Effect.mapError(fs.truncate(out, previous.bytes), outputError(out))
      }
    } else {
      const header = encoder.encode(Format.header(plan.format))
      yield* Effect.scoped(Effect.gen(function*() {
        const fresh = yield* fs.open(out, { flag: "w" })
        yield* writeAll(fresh, header)
        yield* fresh.sync
      })).pipe(Effect.mapError(outputError(out)))
      start = startState(plan.sources, header.length)
      yield* Checkpoint.write(checkpointPath, toCheckpoint(plan, start, yield* DateTime.now))
    }
    const file = yield* Effect.mapError(fs.open(out, { flag: "a" }), outputError(out))
    const save = (state: State) =>
      Effect.flatMap(DateTime.now, (now) => Checkpoint.write(checkpointPath, toCheckpoint(plan, state, now))).pipe(
        Effect.provideService(FileSystem.FileSystem, fs)
      )
    return {
      start,
      resumed: Option.isSome(saved),
      append: (bytes, next) =>
        Effect.zipRight(
          Effect.mapError(Effect.zipRight(writeAll(file, bytes), file.sync), outputError(out)),
          save(next)
        ),
      finish: (final) => save(final)
    }
  })

const toCheckpoint = (plan: Checkpoint.Plan, state: State, now: DateTime.Utc): Checkpoint.Checkpoint => ({
  ledgerkitCheckpoint: 1,
  plan,
  bytes: state.bytes,
  records: state.records,
  position: state.position,
  sources: state.sources,
  complete: state.complete,
  updatedAt: now
})

/**
 * Resolves `all` or checks the asked sources against the ledger's configured ones.
 *
 * @since 0.1.0
 * @category validation
 */
export const resolveSources = (
  asked: Request["sources"],
  configured: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<string>, InvalidInput> => {
  const how = (ids: ReadonlyArray<Source.SourceId>) => {
    const variables = [...new Set(ids.flatMap((id) => Ledger.providerOf(id).credentials))]
    return `set ${variables.join(", ")}, or use --mock URL`
  }
  if (asked === "all") {
    return configured.length > 0
      ? Effect.succeed(configured)
      : Effect.fail(new InvalidInput({ reason: `no provider is configured; ${how(Ledger.providers.flatMap((p) => p.sources))}` }))
  }
  const missing = asked.filter((id) => !configured.includes(id))
  return missing.length === 0
    ? Effect.succeed(asked)
    : Effect.fail(new InvalidInput({ reason: `${missing.join(", ")} is not configured; ${how(missing)}` }))
}

/**
 * The export as a stream of steps: one per batch written, then a final one. Stopping
 * the stream early (or killing the process) leaves the output and checkpoint in a state
 * a rerun resumes from.
 *
 * @since 0.1.0
 * @category running
 */
export const steps = (
  request: Request
): Stream.Stream<
  Step,
  ExportError | StdoutClosed | Errors.LedgerError,
  Ledger.Ledger | FileSystem.FileSystem | Progress
> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const ledger = yield* Ledger.Ledger
    const progress = yield* Progress
    const sources = yield* resolveSources(request.sources, ledger.sources.map((s) => s.id))
    const sink: Sink = yield* Option.match(request.out, {
      onNone: () => stdoutSink(sources, request.format),
      onSome: (out) =>
        Option.match(request.checkpoint, {
          onNone: () => fileSink(sources, request.format, out),
          onSome: (checkpoint) =>
            checkpointSink({
              sources,
              from: request.range.from,
              to: request.range.to,
              format: request.format,
              order: request.order,
              windowMillis: Option.match(request.window, { onNone: () => null, onSome: Duration.toMillis }),
              output: out
            }, checkpoint)
        })
    })
    const started: Step = { state: sink.start, batch: 0, alreadyComplete: sink.start.complete, resumed: sink.resumed }
    if (sink.start.complete) return Stream.make(started)
    let state = sink.start
    const entries = ledger.entries(request.range, {
      order: request.order,
      window: Option.getOrUndefined(request.window),
      sources,
      after: state.position ?? undefined
    })
    const chunks = Stream.filter(Stream.chunks(entries), Chunk.isNonEmpty)
    const batches = Stream.mapEffect(chunks, (chunk) =>
      Effect.gen(function*() {
        const batch = Chunk.toReadonlyArray(chunk)
        const bytes = encoder.encode(Format.lines(request.format, batch))
        const next = advance(state, batch, bytes.length)
        yield* sink.append(bytes, next)
        state = next
        const perSource = new Map<string, number>()
        for (const entry of batch) perSource.set(entry.source, (perSource.get(entry.source) ?? 0) + 1)
        yield* Effect.forEach(perSource, ([source, n]) => progress.records(source, n), { discard: true })
        return { state, batch: batch.length, alreadyComplete: false, resumed: sink.resumed } satisfies Step
      }))
    const finish = Effect.suspend(() => {
      const final = { ...state, complete: true }
      return Effect.as(sink.finish(final), { state: final, batch: 0, alreadyComplete: false, resumed: sink.resumed })
    })
    return Stream.concat(batches, Stream.fromEffect(finish))
  }))

/**
 * Runs the export to its end; the final step says what was written.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (
  request: Request
): Effect.Effect<Step, ExportError | StdoutClosed | Errors.LedgerError, Ledger.Ledger | FileSystem.FileSystem | Progress> =>
  Effect.flatMap(
    Stream.runLast(steps(request)),
    Option.match({
      onNone: () => Effect.dieMessage("an export always ends with a final step"),
      onSome: Effect.succeed
    })
  )
