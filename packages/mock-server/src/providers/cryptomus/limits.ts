/**
 * Cryptomus' rate limit: 60 requests a minute per userId/merchant (an assumption:
 * Laravel's default throttle), never a ban. Headers (Laravel's throttle):
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining`; 429 adds `Retry-After` and
 * `X-RateLimit-Reset` (epoch seconds).
 */
import type * as Endpoint from "../../Endpoint.js"
import * as Limit from "../../internal/limit.js"
import * as RateLimitRule from "../../RateLimitRule.js"

export const limit: Endpoint.Limit = {
  rule: Limit.rule(60, 1, 60_000, 0, RateLimitRule.banMillis),
  client: (request) => Limit.keyed(request, "userid", "merchant"),
  usageHeaders: (rule, counter) => ({
    "x-ratelimit-limit": String(rule.limit),
    "x-ratelimit-remaining": String(Math.max(0, rule.limit - counter.used))
  }),
  rejectionHeaders: (outcome, now) =>
    outcome._tag === "Counted" ? {} : {
      "retry-after": String(RateLimitRule.retryAfterSeconds(outcome.retryAfterMillis)),
      "x-ratelimit-reset": String(Math.ceil((now + outcome.retryAfterMillis) / 1000))
    }
}

/**
 * The body cap: 1 MiB, nginx's default `client_max_body_size` in front of a Laravel app
 * (the mock's choice: Cryptomus publishes none).
 */
export const maxBodyBytes = 1024 * 1024
