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

/**
 * The last millisecond of the last whole second that has fully passed at `now`, for
 * providers that write times in whole seconds: the current second may still receive
 * records, so it is left out (never rounded up into the window).
 */
export const lastPassedSecond = (now: DateTime.Utc): DateTime.Utc =>
  DateTime.unsafeMake(Math.floor(DateTime.toEpochMillis(now) / 1000) * 1000 - 1)

/**
 * The inclusive end `[from, to)` asks for: `to - 1 ms`.
 */
export const inclusiveEnd = (range: Range): DateTime.Utc => DateTime.subtract(range.to, { millis: 1 })
