/**
 * WOO X Pro's rate limit (BitMart's value): 6 requests per 2 seconds per API key, a ban
 * after 5 answers 429 in one window. Headers: `X-BM-RateLimit-Remaining: used`
 * (BitMart's header holds the number used), `X-BM-RateLimit-Limit: limit`,
 * `X-BM-RateLimit-Reset: window seconds`; 418 carries `Retry-After`.
 */
import type * as Endpoint from "../../Endpoint.js"
import * as Limit from "../../internal/limit.js"
import * as RateLimitRule from "../../RateLimitRule.js"

export const limit: Endpoint.Limit = {
  rule: Limit.rule(6, 1, 2_000, 5, RateLimitRule.banMillis),
  client: (request) => Limit.keyed(request, "x-api-key", "x-bm-key"),
  usageHeaders: (rule, counter) => ({
    "x-bm-ratelimit-remaining": String(counter.used),
    "x-bm-ratelimit-limit": String(rule.limit),
    "x-bm-ratelimit-reset": String(Math.max(1, Math.round(rule.windowMillis / 1000)))
  }),
  rejectionHeaders: (outcome) =>
    outcome._tag === "Banned" ? { "retry-after": String(RateLimitRule.retryAfterSeconds(outcome.retryAfterMillis)) } : {}
}

/**
 * The body cap (the mock's choice: none is published). This GET endpoint takes its
 * parameters in the query; 8 KiB is far above anything a client sends.
 */
export const maxBodyBytes = 8 * 1024
