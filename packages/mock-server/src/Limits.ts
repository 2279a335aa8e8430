/**
 * The rate-limit rules of the mock, one per endpoint, as data (part of `Settings`).
 *
 * A rule is a budget of `limit` units per fixed window of `windowMillis`; each request
 * costs `weight` units. Windows are aligned to the mock clock's epoch (a 1-minute window
 * starts at every whole minute, like Binance's `…-1M` counters), so with a pinned clock
 * the window rolls only when the clock is moved.
 *
 * Defaults (sources in PROVIDERS.md; assumptions marked):
 *
 * | endpoint | budget | weight | bans |
 * |---|---|---|---|
 * | `binance.cloud-mining` (SAPI, UID) | 180,000 / 1 min | 600 | never (SAPI always answers 429) |
 * | `binance.um-income` (PAPI, IP) | 6,000 / 1 min | 30 | after 5 answers 429 in one window |
 * | `binance.time` (spot, IP) | 6,000 / 1 min | 1 | after 5 answers 429 in one window |
 * | `zenlayer.recharge-refund` | 10 / 1 s (assumption) | 1 | never |
 * | `wooxpro.contract-transactions` | 6 / 2 s (BitMart's value) | 1 | after 5 answers 429 in one window |
 * | `cryptomus.transactions` | 60 / 1 min (assumption: Laravel's default throttle) | 1 | never |
 *
 * A ban lasts `banMillis` (2 minutes), doubling for each repeated ban of the same
 * client, up to 3 days (Binance: "from 2 minutes to 3 days").
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import type * as Endpoint from "./Endpoint.js"

/**
 * The endpoints a rule can be set for (the five data endpoints and Binance's time).
 *
 * @since 0.1.0
 * @category models
 */
export const ruleIds = [
  "binance.cloud-mining",
  "binance.um-income",
  "binance.time",
  "zenlayer.recharge-refund",
  "wooxpro.contract-transactions",
  "cryptomus.transactions"
] as const satisfies ReadonlyArray<Endpoint.Id>

/**
 * @since 0.1.0
 * @category models
 */
export type RuleId = typeof ruleIds[number]

/**
 * @since 0.1.0
 * @category guards
 */
export const isRuleId = (u: string): u is RuleId => (ruleIds as ReadonlyArray<string>).includes(u)

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

/**
 * @since 0.1.0
 * @category schemas
 */
export const Limits = Schema.Struct({
  /** The switch for all rules (`--no-limits`). */
  enabled: Schema.Boolean,
  rules: Schema.Struct({
    "binance.cloud-mining": Rule,
    "binance.um-income": Rule,
    "binance.time": Rule,
    "zenlayer.recharge-refund": Rule,
    "wooxpro.contract-transactions": Rule,
    "cryptomus.transactions": Rule
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Limits extends Schema.Schema.Type<typeof Limits> {}

const MINUTE = 60_000
const banMillis = 2 * MINUTE

/**
 * The longest ban.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxBanMillis = 3 * 86_400_000

/**
 * @since 0.1.0
 * @category constants
 */
export const defaults: Limits = {
  enabled: true,
  rules: {
    "binance.cloud-mining": { enabled: true, limit: 180_000, weight: 600, windowMillis: MINUTE, banAfter: 0, banMillis },
    "binance.um-income": { enabled: true, limit: 6_000, weight: 30, windowMillis: MINUTE, banAfter: 5, banMillis },
    "binance.time": { enabled: true, limit: 6_000, weight: 1, windowMillis: MINUTE, banAfter: 5, banMillis },
    "zenlayer.recharge-refund": { enabled: true, limit: 10, weight: 1, windowMillis: 1_000, banAfter: 0, banMillis },
    "wooxpro.contract-transactions": { enabled: true, limit: 6, weight: 1, windowMillis: 2_000, banAfter: 5, banMillis },
    "cryptomus.transactions": { enabled: true, limit: 60, weight: 1, windowMillis: MINUTE, banAfter: 0, banMillis }
  }
}

/**
 * A partial change: the switch, and any field of any rule.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Patch = Schema.Struct({
  enabled: Schema.optional(Schema.Boolean),
  rules: Schema.optional(Schema.partialWith(Schema.Struct({
    "binance.cloud-mining": Schema.partialWith(Rule, { exact: true }),
    "binance.um-income": Schema.partialWith(Rule, { exact: true }),
    "binance.time": Schema.partialWith(Rule, { exact: true }),
    "zenlayer.recharge-refund": Schema.partialWith(Rule, { exact: true }),
    "wooxpro.contract-transactions": Schema.partialWith(Rule, { exact: true }),
    "cryptomus.transactions": Schema.partialWith(Rule, { exact: true })
  }), { exact: true }))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Patch extends Schema.Schema.Type<typeof Patch> {}

const defined = (o: object | undefined): Partial<Rule> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined))

/**
 * Applies a patch.
 *
 * @since 0.1.0
 * @category combinators
 */
export const patch = (base: Limits, p: Patch): Limits => {
  const rules = { ...base.rules }
  for (const id of ruleIds) rules[id] = { ...base.rules[id], ...defined(p.rules?.[id]) }
  return { enabled: p.enabled ?? base.enabled, rules }
}

/**
 * The window's length as Binance writes it in a header name: `1M`, `10S`, `1H`, `1D`.
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
 * The window as Binance words it in a message: `1 MINUTE`, `10 SECOND`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const intervalWords = (windowMillis: number): string => {
  const text = intervalText(windowMillis)
  const unit = ({ D: "DAY", H: "HOUR", M: "MINUTE", S: "SECOND" } as const)[text.slice(-1) as "D" | "H" | "M" | "S"]
  return `${text.slice(0, -1)} ${unit}`
}

const durationUnits: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: MINUTE, h: 3_600_000 }

/**
 * Reads one `--limit` value for an endpoint: `off`, `on`, or `LIMIT[/WINDOW]` with
 * WINDOW such as `500ms`, `2s`, `1m`, `1h` (e.g. `1200/1m`, `10/1s`).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRule = (text: string): Either.Either<Partial<Rule>, string> => {
  if (text === "off") return Either.right({ enabled: false })
  if (text === "on") return Either.right({ enabled: true })
  const m = /^([1-9][0-9]{0,9})(?:\/([1-9][0-9]{0,9})(ms|s|m|h))?$/.exec(text)
  if (m === null) return Either.left(`expected off, on or LIMIT[/WINDOW] such as 1200/1m, received ${text}`)
  const limit = { enabled: true, limit: Number(m[1]) }
  return Either.right(m[2] === undefined ? limit : { ...limit, windowMillis: Number(m[2]) * durationUnits[m[3]] })
}

/**
 * One line describing the limits in force (for the `serve` banner).
 *
 * @since 0.1.0
 * @category formatting
 */
export const describe = (limits: Limits): string =>
  !limits.enabled
    ? "off"
    : ruleIds.map((id) => {
      const r = limits.rules[id]
      return r.enabled ? `${id}=${r.limit}/${intervalText(r.windowMillis).toLowerCase()}` : `${id}=off`
    }).join(" ")
