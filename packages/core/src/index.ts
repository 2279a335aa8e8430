/**
 * ledgerkit primitives: exact money, exact time, one error family, the ledger model,
 * pagination engines, rate-limit budgets, retry schedules and signing.
 *
 * @since 0.1.0
 */

/**
 * Exact money. Amounts are `BigDecimal` from the wire to the output, never `number`.
 *
 * @since 0.1.0
 */
export * as Amount from "./Amount.js"

/**
 * A rate-limit budget: request weights per fixed window (aligned to the epoch, as
 * Binance's `1M` counters are), spent before each call and re-synced from the count of
 * used weight the provider reports.
 *
 * @since 0.1.0
 */
export * as Budget from "./Budget.js"

/**
 * One error family shared by every provider. Each error names its source and carries
 * what a caller needs to act: how long to wait, until when a ban lasts, the provider's
 * own code and message.
 *
 * @since 0.1.0
 */
export * as Errors from "./Errors.js"

/**
 * JSON parsing that keeps number literals exact: `Json.parse` keeps each literal that a
 * double would change as its text (`NumberLiteral`).
 *
 * @since 0.2.0
 */
export * as Json from "./Json.js"

/**
 * The one model every provider's records are normalised to.
 *
 * @since 0.1.0
 */
export * as LedgerEntry from "./LedgerEntry.js"

/**
 * A provider whose data moves while a client walks it, in memory, for property tests of
 * walks: the invariant `check`, the scenario arbitraries and each paging style's answers.
 *
 * @since 0.2.0
 */
export * as LiveData from "./LiveData.js"

/**
 * Pagination engines. Each turns a provider's paging style into a `Stream` that delivers
 * every record of the requested range exactly once, or fails: it never silently stops
 * short.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"

/**
 * The retry schedule every provider uses: only `RateLimited` and `Unavailable` are
 * retried, with the provider's Retry-After as a floor under jittered exponential
 * backoff. `Unauthorized` and `InvalidRequest` are never retried; `Banned` stops, unless
 * the ban is shorter than `waitOutBansUpTo`.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"

/**
 * The hashing primitives the providers sign with, on `node:crypto`. They are pure and
 * synchronous; secrets are passed as `Redacted` and unwrapped only here.
 *
 * @since 0.1.0
 */
export * as Signing from "./Signing.js"

/**
 * Exact time. Every wire format a provider uses decodes to `DateTime.Utc`, and
 * impossible calendar dates (`2023-02-30`) are rejected instead of rolled over.
 *
 * @since 0.1.0
 */
export * as Time from "./Time.js"
