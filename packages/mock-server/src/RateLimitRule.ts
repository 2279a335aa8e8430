/**
 * One endpoint's rate-limit rule and what it does to one client's counter. A provider
 * declares a rule per endpoint (its default); `Limits` holds the rules in force and
 * `RateLimits` counts requests against them.
 *
 * A rule is a budget of `limit` units per fixed window of `windowMillis`; each request
 * costs `weight` units. Windows are aligned to the mock clock's epoch (a 1-minute window
 * starts at every whole minute, like `…-1M` usage counters), so with a pinned clock
 * the window rolls only when the clock is moved. A ban lasts `banMillis`, doubling for
 * each repeated ban of the same client, up to 3 days ("from 2 minutes to 3 days").
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Rule = Schema.Struct({
  /** Whether this endpoint is limited at all. */
  enabled: Schema.Boolean,
  /** Units per window. */
  limit: Schema.Int.pipe(Schema.positive()),
  /** Units one request costs. */
  weight: Schema.Int.pipe(Schema.positive()),
  /** Window length, aligned to the mock clock's epoch. */
  windowMillis: Schema.Int.pipe(Schema.positive()),
  /** After this many 429 answers in one window, the next request is banned (418); 0 never bans. */
  banAfter: Schema.Int.pipe(Schema.nonNegative()),
  /** The first ban's length; each repeated ban doubles it, up to 3 days. */
  banMillis: Schema.Int.pipe(Schema.positive())
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Rule extends Schema.Schema.Type<typeof Rule> {}

const MINUTE = 60_000

/**
 * The first ban's length unless a provider says otherwise (2 minutes).
 *
 * @since 0.1.0
 * @category constants
 */
export const banMillis = 2 * MINUTE

/**
 * The longest ban.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxBanMillis = 3 * 86_400_000

/**
 * The window's length as usage header names write it: `1M`, `10S`, `1H`, `1D`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const intervalText = (windowMillis: number): string => {
  for (const [unit, millis] of [["D", 86_400_000], ["H", 3_600_000], ["M", MINUTE]] as const) {
    if (windowMillis % millis === 0) return `${windowMillis / millis}${unit}`
  }
  return `${Math.max(1, Math.round(windowMillis / 1000))}S`
}

/**
 * The window as rate-limit messages word it: `1 MINUTE`, `10 SECOND`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const intervalWords = (windowMillis: number): string => {
  const text = intervalText(windowMillis)
  const unit = ({ D: "DAY", H: "HOUR", M: "MINUTE", S: "SECOND" } as const)[text.slice(-1) as "D" | "H" | "M" | "S"]
  return `${text.slice(0, -1)} ${unit}`
}

/**
 * One client's counter for one endpoint.
 *
 * @since 0.1.0
 * @category models
 */
export interface Counter {
  /** The window index: `floor(now / windowMillis)`. */
  readonly window: number
  readonly used: number
  /** Requests answered 429 in this window. */
  readonly limited: number
  /** Epoch millis until which requests are answered 418 (0: not banned). */
  readonly bannedUntil: number
  /** Bans so far (each doubles the next one's length). */
  readonly bans: number
}

/**
 * What the rule decided for one request.
 *
 * @since 0.1.0
 * @category models
 */
export type Outcome =
  | { readonly _tag: "Counted"; readonly counter: Counter }
  | { readonly _tag: "Limited"; readonly counter: Counter; readonly retryAfterMillis: number }
  | { readonly _tag: "Banned"; readonly counter: Counter; readonly retryAfterMillis: number }

const fresh: Counter = { window: 0, used: 0, limited: 0, bannedUntil: 0, bans: 0 }

/**
 * The rule applied to one request at `now`: the outcome and the counter afterwards.
 *
 * @since 0.1.0
 * @category combinators
 */
export const step = (rule: Rule, counter: Counter | undefined, now: number): Outcome => {
  const previous = counter ?? fresh
  if (previous.bannedUntil > now) {
    return { _tag: "Banned", counter: previous, retryAfterMillis: previous.bannedUntil - now }
  }
  const window = Math.floor(now / rule.windowMillis)
  // A new window, or the end of a ban, starts the count afresh.
  const sameWindow = counter !== undefined && previous.window === window && previous.bannedUntil === 0
  const base = sameWindow ? previous : { ...previous, window, used: 0, limited: 0, bannedUntil: 0 }
  const used = base.used + rule.weight
  if (used <= rule.limit) return { _tag: "Counted", counter: { ...base, used } }
  const limited = base.limited + 1
  if (rule.banAfter > 0 && limited > rule.banAfter) {
    const length = Math.min(rule.banMillis * 2 ** previous.bans, maxBanMillis)
    return {
      _tag: "Banned",
      counter: { ...base, used, limited, bannedUntil: now + length, bans: previous.bans + 1 },
      retryAfterMillis: length
    }
  }
  return { _tag: "Limited", counter: { ...base, used, limited }, retryAfterMillis: (window + 1) * rule.windowMillis - now }
}

/**
 * Seconds for a `Retry-After` header: rounded up, at least 1.
 *
 * @since 0.1.0
 * @category formatting
 */
export const retryAfterSeconds = (millis: number): number => Math.max(1, Math.ceil(millis / 1000))
