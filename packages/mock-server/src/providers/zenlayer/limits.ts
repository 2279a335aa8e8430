/**
 * Zenlayer's rate limit: 10 requests per second per AccessKeyId (an assumption: the docs
 * publish none), never a ban, and no usage headers.
 */
import type * as Endpoint from "../../Endpoint.js"
import * as Limit from "../../internal/limit.js"
import * as MockHttp from "../../MockHttp.js"
import * as RateLimitRule from "../../RateLimitRule.js"

/**
 * The body cap (the mock's choice: none is published). A request body is a handful of
 * filter fields; 64 KiB leaves room for any `state` list and is what API gateways often
 * allow.
 */
export const maxBodyBytes = 64 * 1024

export const limit: Endpoint.Limit = {
  rule: Limit.rule(10, 1, 1_000, 0, RateLimitRule.banMillis),
  client: (request) => {
    const credential = /Credential=([^,\s]+)/.exec(MockHttp.header(request, "authorization") ?? "")
    return credential === null ? Limit.remote(request) : `key:${Limit.hash(credential[1])}`
  },
  usageHeaders: Limit.none,
  rejectionHeaders: Limit.none
}
