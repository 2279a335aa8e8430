/**
 * Zenlayer's rate limit: 10 requests per second per AccessKeyId (an assumption: the docs
 * publish none), never a ban, and no usage headers.
 */
import type * as Endpoint from "../../Endpoint.js"
import * as Limit from "../../internal/limit.js"
import * as MockHttp from "../../MockHttp.js"
import * as RateLimitRule from "../../RateLimitRule.js"

export const limit: Endpoint.Limit = {
  rule: Limit.rule(10, 1, 1_000, 0, RateLimitRule.banMillis),
  client: (request) => {
    const credential = /Credential=([^,\s]+)/.exec(MockHttp.header(request, "authorization") ?? "")
    return credential === null ? Limit.remote(request) : `key:${Limit.hash(credential[1])}`
  },
  usageHeaders: Limit.none,
  rejectionHeaders: Limit.none
}
