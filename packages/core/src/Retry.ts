/**
 * The retry schedule every provider uses: only `RateLimited` and `Unavailable` are
 * retried, with the provider's Retry-After as a floor under jittered exponential backoff.
 * `Unauthorized` and `InvalidRequest` are never retried; `Banned` stops, unless the ban
 * is shorter than `waitOutBansUpTo`.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Schedule } from "effect"
import type { LedgerError } from "./Errors.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  readonly maxRetries?: number | undefined
  /** The first backoff (default 500 ms), doubled on each retry. */
  readonly base?: Duration.DurationInput | undefined
  /** The longest backoff (default 30 s); a longer Retry-After still wins. */
  readonly maxBackoff?: Duration.DurationInput | undefined
  /** Bans shorter than this are waited out and retried (default: none are). */
  readonly waitOutBansUpTo?: Duration.DurationInput | undefined
}

/**
 * How long the provider asked us to wait, or zero.
 *
 * @since 0.1.0
 * @category schedules
 */
export const retryAfterOf = (e: LedgerError): Duration.Duration =>
  (e._tag === "RateLimited" || e._tag === "Banned") && e.retryAfter !== undefined ? e.retryAfter : Duration.zero

/**
 * Whether the schedule retries an error.
 *
 * @since 0.1.0
 * @category schedules
 */
export const isRetried = (options: RetryOptions = {}) => (e: LedgerError): boolean => {
  switch (e._tag) {
    case "RateLimited":
    case "Unavailable":
      return true
    case "Banned":
      return options.waitOutBansUpTo !== undefined && e.retryAfter !== undefined &&
        Duration.lessThanOrEqualTo(e.retryAfter, options.waitOutBansUpTo)
    default:
      return false
  }
}

/**
 * The schedule, fed with the errors it is retrying.
 *
 * @since 0.1.0
 * @category schedules
 */
export const schedule = (options: RetryOptions = {}): Schedule.Schedule<unknown, LedgerError> => {
  const maxBackoff = Duration.decode(options.maxBackoff ?? "30 seconds")
  const backoff = Schedule.exponential(options.base ?? "500 millis").pipe(
    Schedule.jittered,
    Schedule.modifyDelay((d) => Duration.min(d, maxBackoff))
  )
  return Schedule.identity<LedgerError>().pipe(
    Schedule.addDelay(retryAfterOf),
    Schedule.intersect(backoff),
    Schedule.intersect(Schedule.recurs(options.maxRetries ?? 5)),
    Schedule.whileInput(isRetried(options))
  )
}

/**
 * Retries an effect with the schedule.
 *
 * @since 0.1.0
 * @category combinators
 */
export const retry = (options: RetryOptions = {}) =>
<A, E extends LedgerError, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.retry(self, schedule(options))
