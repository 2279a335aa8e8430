/**
 * The checkpoint of a resumable export: what the export is, how many bytes of the
 * output hold whole, written batches, and the last entry written (its position in the
 * output order). It is replaced atomically (written beside, then renamed), so it always
 * describes a state the output really reached.
 *
 * @since 0.1.0
 */
import { FileSystem } from "@effect/platform"
import { Time } from "@ledgerkit/core"
import { Effect, Either, Option, ParseResult, Schema } from "effect"
import { formats } from "./Format.js"
import { CheckpointError } from "./Failure.js"

/**
 * What identifies an export: a checkpoint only resumes the same one.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Plan = Schema.Struct({
  sources: Schema.Array(Schema.String),
  from: Time.IsoUtc,
  to: Time.IsoUtc,
  format: Schema.Literal(...formats),
  order: Schema.Literal("time", "source"),
  /** The span of the windows each source is walked and sorted by, in milliseconds; null: none. */
  windowMillis: Schema.NullOr(Schema.Number),
  /** The output file, as an absolute path. */
  output: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type Plan = typeof Plan.Type

/**
 * The last entry written: `(time, source, id)`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Position = Schema.Struct({ time: Time.IsoUtc, source: Schema.String, id: Schema.String })

/**
 * Per-source progress: records written and the time of the last one.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SourceProgress = Schema.Struct({
  records: Schema.Number,
  last: Schema.NullOr(Time.IsoUtc)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SourceProgress = typeof SourceProgress.Type

const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative())

/**
 * @since 0.1.0
 * @category schemas
 */
export const Checkpoint = Schema.Struct({
  ledgerkitCheckpoint: Schema.Literal(1),
  plan: Plan,
  /** The output's length after the last whole batch: everything past it is discarded. */
  bytes: Count,
  records: Count,
  position: Schema.NullOr(Position),
  sources: Schema.Record({ key: Schema.String, value: SourceProgress }),
  complete: Schema.Boolean,
  updatedAt: Time.IsoUtc
})

/**
 * @since 0.1.0
 * @category models
 */
export type Checkpoint = typeof Checkpoint.Type

const Json = Schema.parseJson(Checkpoint, { space: 2 })

/**
 * Reads a checkpoint; `None` when the file does not exist.
 *
 * @since 0.1.0
 * @category io
 */
export const read = (path: string): Effect.Effect<Option.Option<Checkpoint>, CheckpointError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const fail = (reason: string) => new CheckpointError({ path, reason })
    if (!(yield* Effect.mapError(fs.exists(path), (e) => fail(e.message)))) return Option.none()
    const text = yield* Effect.mapError(fs.readFileString(path), (e) => fail(e.message))
    return yield* Either.match(Schema.decodeEither(Json)(text), {
      onLeft: (e) =>
        Effect.fail(
          new CheckpointError({
            path,
            reason: `not a ledgerkit checkpoint (${firstIssue(e)}); delete it and the output to export again`,
            detail: ParseResult.TreeFormatter.formatErrorSync(e)
          })
        ),
      onRight: (checkpoint) => Effect.succeed(Option.some(checkpoint))
    })
  })

// The first thing wrong, short enough for one line (the whole tree is the error's detail).
const firstIssue = (error: ParseResult.ParseError): string => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  if (issue === undefined || issue.path.length === 0) return "not a JSON object with the checkpoint's fields"
  const where = issue.path.map(String).join(".")
  return issue.message.length <= 60 ? `${where}: ${issue.message}` : `${where} is not what a checkpoint holds`
}

/**
 * Replaces the checkpoint atomically: written to a file beside it, flushed, renamed.
 *
 * @since 0.1.0
 * @category io
 */
export const write = (
  path: string,
  checkpoint: Checkpoint
): Effect.Effect<void, CheckpointError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const text = yield* Effect.orDie(Schema.encode(Json)(checkpoint))
    const temporary = `${path}.tmp`
    yield* Effect.scoped(Effect.gen(function*() {
      const file = yield* fs.open(temporary, { flag: "w" })
      yield* file.writeAll(new TextEncoder().encode(`${text}\n`))
      yield* file.sync
    }))
    yield* fs.rename(temporary, path)
  }).pipe(Effect.mapError((e) => new CheckpointError({ path, reason: e.message })))
