/**
 * Mapping a Source's half-open range `[from, to)` onto a provider's own time filters.
 */
import { Errors } from "@ledgerkit/core"
import { DateTime, Effect, Stream } from "effect"
import type { Range } from "../Source.js"

/**
 * Streams `[from, to)`: a local `InvalidRequest` (nothing sent) when `from` is after `to`,
 * an empty stream when the range is empty, otherwise `f`'s stream. `now` is read once,
 * when the stream starts, to freeze the end of the walk.
 */
export const halfOpen = <A>(
  source: string,
  range: Range,
  f: (now: DateTime.Utc) => Stream.Stream<A, Errors.LedgerError>
): Stream.Stream<A, Errors.LedgerError> =>
  Stream.unwrap(Effect.gen(function*() {
    if (DateTime.greaterThan(range.from, range.to)) {
      return yield* Effect.fail(Errors.InvalidRequest.localFailure(
        source,
        `from ${DateTime.formatIso(range.from)} is after to ${DateTime.formatIso(range.to)}`
      ))
    }
    if (DateTime.Equivalence(range.from, range.to)) return Stream.empty
    return f(yield* DateTime.now)
  }))

/**
 * `halfOpen` for a walk that ends at the local clock's now: a range that starts at or
 * after now holds nothing yet, so nothing is sent (a Ledger over a far `to` would
 * otherwise send one request per future window, each waiting on the rate limit).
 */
export const halfOpenUntilNow = <A>(
  source: string,
  range: Range,
  f: (now: DateTime.Utc) => Stream.Stream<A, Errors.LedgerError>
): Stream.Stream<A, Errors.LedgerError> =>
  halfOpen(source, range, (now) => DateTime.greaterThanOrEqualTo(range.from, now) ? Stream.empty : f(now))

const floorToSecond = (t: DateTime.Utc): DateTime.Utc =>
  DateTime.unsafeMake(Math.floor(DateTime.toEpochMillis(t) / 1000) * 1000)

/**
 * Rounds a time up to the next whole second (a whole second stays).
 */
export const ceilToSecond = (t: DateTime.Utc): DateTime.Utc =>
  DateTime.unsafeMake(Math.ceil(DateTime.toEpochMillis(t) / 1000) * 1000)

/**
 * For providers whose filters are whole seconds with undocumented bound rules: the
 * window `[from rounded down, min(to, now) rounded up]` holds every record of
 * `[from, to)` whether the provider reads its end inclusively or exclusively, at any
 * precision. Filter the answer with `contains` to keep exactly `[from, to)`.
 */
export const wholeSecondsAround = (range: Range, now: DateTime.Utc): { readonly start: DateTime.Utc; readonly end: DateTime.Utc } => {
  const start = floorToSecond(range.from)
  return { start, end: DateTime.max(start, ceilToSecond(DateTime.min(range.to, now))) }
}

/**
 * Whether a time is in `[from, to)`.
 */
export const contains = (range: Range) => (t: DateTime.Utc): boolean =>
  DateTime.greaterThanOrEqualTo(t, range.from) && DateTime.lessThan(t, range.to)
