/**
 * Binance's rate limits (sources in PROVIDERS.md):
 *
 * | endpoint | budget | weight | counted per | bans |
 * |---|---|---|---|---|
 * | cloud-mining (SAPI, UID) | 180,000 / 1 min | 600 | API key | never (SAPI always answers 429) |
 * | UM income (PAPI, IP) | 6,000 / 1 min | 30 | remote address | after 5 answers 429 in one window |
 * | time (spot, IP) | 6,000 / 1 min | 1 | remote address | after 5 answers 429 in one window |
 *
 * Headers, `used` being the units spent in the window including this request: SAPI
 * `X-SAPI-USED-UID-WEIGHT-1M: used`; PAPI and spot `X-MBX-USED-WEIGHT-1M: used` (the
 * `1M` follows the window). 429 and 418 carry `Retry-After` (seconds).
 */
import type * as Endpoint from "../../Endpoint.js"
import * as Limit from "../../internal/limit.js"
import * as RateLimitRule from "../../RateLimitRule.js"

const MINUTE = 60_000

const retryAfter = (outcome: RateLimitRule.Outcome): Record<string, string> =>
  outcome._tag === "Counted" ? {} : { "retry-after": String(RateLimitRule.retryAfterSeconds(outcome.retryAfterMillis)) }

const usedWeight = (prefix: string) => (rule: RateLimitRule.Rule, counter: RateLimitRule.Counter) => ({
  [`${prefix}-${RateLimitRule.intervalText(rule.windowMillis).toLowerCase()}`]: String(counter.used)
})

export const sapi: Endpoint.Limit = {
  rule: Limit.rule(180_000, 600, MINUTE, 0, RateLimitRule.banMillis),
  client: (request) => Limit.keyed(request, "x-mbx-apikey"),
  usageHeaders: usedWeight("x-sapi-used-uid-weight"),
  rejectionHeaders: retryAfter
}

const ip = (weight: number): Endpoint.Limit => ({
  rule: Limit.rule(6_000, weight, MINUTE, 5, RateLimitRule.banMillis),
  client: Limit.remote,
  usageHeaders: usedWeight("x-mbx-used-weight"),
  rejectionHeaders: retryAfter
})

export const papi = ip(30)

/**
 * The body cap of every Binance endpoint (the mock's choice: Binance publishes none, and
 * these GET endpoints take their parameters in the query; 8 KiB is far above any set).
 */
export const maxBodyBytes = 8 * 1024

export const spot = ip(1)
