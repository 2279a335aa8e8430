/**
 * Command-line input to a validated export request. Everything here is checked before
 * anything is sent to a provider.
 *
 * @since 0.1.0
 */
import { Time } from "@ledgerkit/core"
import type * as Ledger from "@ledgerkit/providers/Ledger"
import * as Source from "@ledgerkit/providers/Source"
import { DateTime, Duration, Effect, Either, Option } from "effect"
import * as path from "node:path"
import type * as Export from "./Export.js"
import { InvalidInput } from "./Failure.js"
import type * as Format from "./Format.js"

/**
 * The options as the command line gives them.
 *
 * @since 0.1.0
 * @category models
 */
export interface Raw {
  readonly source: string
  readonly from: string
  readonly to: string
  readonly format: Format.Format
  readonly order: Ledger.Order
  readonly window: Option.Option<string>
  readonly out: Option.Option<string>
  readonly checkpoint: Option.Option<string>
  readonly mock: Option.Option<string>
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Reads a time: ISO-8601 UTC (`2024-01-31T12:00:00Z`, fraction optional) or a date
 * (`2024-01-31`, midnight UTC).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseTime = (flag: string, input: string): Either.Either<DateTime.Utc, InvalidInput> => {
  const iso = datePattern.test(input) ? `${input}T00:00:00Z` : input
  return Either.match(Time.parseIso(iso), {
    onLeft: () =>
      Either.left(
        new InvalidInput({
          reason: `${flag}: expected an ISO-8601 UTC time such as 2024-01-31T00:00:00Z or a date such as 2024-01-31, received ${
            JSON.stringify(input)
          }`
        })
      ),
    onRight: (millis) => Either.right(DateTime.unsafeMake(millis))
  })
}

/**
 * Reads `--source`: `all`, or one or more source ids separated by commas.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseSources = (input: string): Either.Either<Export.Request["sources"], InvalidInput> => {
  if (input === "all") return Either.right("all")
  const asked = input.split(",").map((s) => s.trim())
  const unknown = asked.filter((id) => !(Source.ids as ReadonlyArray<string>).includes(id))
  if (unknown.length > 0 || asked.length === 0) {
    return Either.left(
      new InvalidInput({
        reason: `--source: unknown source ${JSON.stringify(unknown[0] ?? input)}; use all or one of ${Source.ids.join(", ")}`
      })
    )
  }
  if (new Set(asked).size !== asked.length) {
    return Either.left(new InvalidInput({ reason: `--source: a source is named twice in ${JSON.stringify(input)}` }))
  }
  return Either.right(asked as ReadonlyArray<Source.SourceId>)
}

/**
 * Reads `--window`: a duration such as `1 day` or `6 hours`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseWindow = (input: string): Either.Either<Duration.Duration, InvalidInput> => {
  const decoded = Option.filter(
    Duration.decodeUnknown(input),
    (d) => Duration.isFinite(d) && Duration.greaterThanOrEqualTo(d, Duration.seconds(1))
  )
  return Either.fromOption(
    decoded,
    () => new InvalidInput({ reason: `--window: expected a duration of at least 1 second such as "1 day" or "6 hours", received ${JSON.stringify(input)}` })
  )
}

/**
 * Reads `--mock`: an http(s) URL.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseMock = (input: string): Either.Either<string, InvalidInput> => {
  const url = Option.liftThrowable(() => new URL(input))()
  return Option.isSome(url) && (url.value.protocol === "http:" || url.value.protocol === "https:")
    ? Either.right(input.replace(/\/+$/, ""))
    : Either.left(new InvalidInput({ reason: `--mock: expected a URL such as http://127.0.0.1:4010, received ${JSON.stringify(input)}` }))
}

/**
 * Validates the options into a request (paths made absolute against `cwd`). `--to` may
 * not be later than now (the clock's).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (raw: Raw, cwd: string = process.cwd()): Effect.Effect<Export.Request, InvalidInput> =>
  Effect.gen(function*() {
    const sources = yield* parseSources(raw.source)
    const from = yield* parseTime("--from", raw.from)
    const to = yield* parseTime("--to", raw.to)
    if (DateTime.greaterThan(from, to)) {
      return yield* Effect.fail(
        new InvalidInput({ reason: `--from ${Time.formatIso(from)} is after --to ${Time.formatIso(to)}` })
      )
    }
    // Nothing exists after now yet, and a far --to only costs requests: refuse it rather
    // than stretch (or silently cut) the range, so a checkpoint always names a fixed range.
    const now = yield* DateTime.now
    if (DateTime.greaterThan(to, now)) {
      const upToNow = Time.formatIso(DateTime.unsafeMake(Math.floor(DateTime.toEpochMillis(now) / 1000) * 1000))
      return yield* Effect.fail(
        new InvalidInput({ reason: `--to ${Time.formatIso(to)} is in the future; use a time up to now, such as --to ${upToNow}` })
      )
    }
    const window = Option.isSome(raw.window) ? Option.some(yield* parseWindow(raw.window.value)) : Option.none()
    if (Option.isSome(raw.mock)) yield* parseMock(raw.mock.value)
    const out = Option.map(raw.out, (file) => path.resolve(cwd, file))
    const checkpoint = Option.map(raw.checkpoint, (file) => path.resolve(cwd, file))
    if (Option.isSome(checkpoint) && Option.isNone(out)) {
      return yield* Effect.fail(
        new InvalidInput({ reason: "--checkpoint needs --out FILE: the checkpoint records how much of FILE is written" })
      )
    }
    if (Option.isSome(checkpoint) && Option.isSome(out) && checkpoint.value === out.value) {
      return yield* Effect.fail(new InvalidInput({ reason: "--checkpoint and --out must be different files" }))
    }
    return { sources, range: { from, to }, format: raw.format, order: raw.order, window, out, checkpoint }
  })
