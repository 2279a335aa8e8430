/**
 * The rate-limit stage: counts each provider request against its endpoint's rule
 * (`Limits`, read from the settings of the request's snapshot), reports the usage in the
 * provider's own headers, and answers 429 (then 418 where the provider bans) in the
 * provider's own error shape once the budget is spent.
 *
 * Counters are kept per endpoint and per client: Binance SAPI (a UID limit) and WOO X Pro
 * count per API key, Zenlayer per AccessKeyId, Cryptomus per userId/merchant, Binance
 * PAPI and `/api/v3/time` (IP limits) per remote address. Keys are held as hashes only.
 *
 * Every request that reaches the stage is counted, including those that later fail
 * authentication or validation, and those answered 429 (the used weight keeps growing, as
 * Binance's does). Requests answered 418 during a ban are not counted. A request
 * answered by a fault never reaches this stage.
 *
 * Headers, with `used` the units spent in the current window including this request:
 *
 * - Binance SAPI: `X-SAPI-USED-UID-WEIGHT-1M: used`; PAPI and spot: `X-MBX-USED-WEIGHT-1M: used`
 *   (the `1M` follows the window). 429 and 418 carry `Retry-After` (seconds).
 * - WOO X Pro: `X-BM-RateLimit-Remaining: used` (BitMart's header holds the number used),
 *   `X-BM-RateLimit-Limit: limit`, `X-BM-RateLimit-Reset: window seconds`; 418 carries `Retry-After`.
 * - Cryptomus (Laravel's throttle): `X-RateLimit-Limit`, `X-RateLimit-Remaining`; 429 adds
 *   `Retry-After` and `X-RateLimit-Reset` (epoch seconds).
 * - Zenlayer publishes no headers: none.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Ref } from "effect"
import { Signing } from "@ledgerkit/core"
import * as ProviderErrors from "./internal/providerErrors.js"
import * as Limits from "./Limits.js"
import * as MockHttp from "./MockHttp.js"
import type * as Pipeline from "./Pipeline.js"

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
 * What the stage decided for one request.
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
export const step = (rule: Limits.Rule, counter: Counter | undefined, now: number): Outcome => {
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
    const length = Math.min(rule.banMillis * 2 ** previous.bans, Limits.maxBanMillis)
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

const hash = (text: string) => Signing.sha256Hex(text).slice(0, 16)

const remote = (request: MockHttp.MockRequest) => `ip:${request.remoteAddress ?? "unknown"}`

const keyed = (request: MockHttp.MockRequest, ...headers: ReadonlyArray<string>) => {
  for (const name of headers) {
    const value = MockHttp.header(request, name)
    if (value !== undefined && value !== "") return `key:${hash(value)}`
  }
  return remote(request)
}

/**
 * Who a request is counted for (keys hashed).
 *
 * @since 0.1.0
 * @category accessors
 */
export const clientOf = (id: Limits.RuleId, request: MockHttp.MockRequest): string => {
  switch (id) {
    case "binance.cloud-mining":
      return keyed(request, "x-mbx-apikey")
    case "binance.um-income":
    case "binance.time":
      return remote(request)
    case "zenlayer.recharge-refund": {
      const credential = /Credential=([^,\s]+)/.exec(MockHttp.header(request, "authorization") ?? "")
      return credential === null ? remote(request) : `key:${hash(credential[1])}`
    }
    case "wooxpro.contract-transactions":
      return keyed(request, "x-api-key", "x-bm-key")
    case "cryptomus.transactions":
      return keyed(request, "userid", "merchant")
  }
}

/**
 * The usage headers of an endpoint for a counter (also on 429 and 418 answers).
 *
 * @since 0.1.0
 * @category formatting
 */
export const usageHeaders = (id: Limits.RuleId, rule: Limits.Rule, counter: Counter): Record<string, string> => {
  switch (id) {
    case "binance.cloud-mining":
      return { [`x-sapi-used-uid-weight-${Limits.intervalText(rule.windowMillis).toLowerCase()}`]: String(counter.used) }
    case "binance.um-income":
    case "binance.time":
      return { [`x-mbx-used-weight-${Limits.intervalText(rule.windowMillis).toLowerCase()}`]: String(counter.used) }
    case "wooxpro.contract-transactions":
      return {
        "x-bm-ratelimit-remaining": String(counter.used),
        "x-bm-ratelimit-limit": String(rule.limit),
        "x-bm-ratelimit-reset": String(Math.max(1, Math.round(rule.windowMillis / 1000)))
      }
    case "cryptomus.transactions":
      return {
        "x-ratelimit-limit": String(rule.limit),
        "x-ratelimit-remaining": String(Math.max(0, rule.limit - counter.used))
      }
    case "zenlayer.recharge-refund":
      return {}
  }
}

const rejectionHeaders = (id: Limits.RuleId, outcome: Outcome, now: number): Record<string, string> => {
  if (outcome._tag === "Counted") return {}
  const retryAfter = String(retryAfterSeconds(outcome.retryAfterMillis))
  switch (id) {
    case "binance.cloud-mining":
    case "binance.um-income":
    case "binance.time":
      return { "retry-after": retryAfter }
    case "wooxpro.contract-transactions":
      return outcome._tag === "Banned" ? { "retry-after": retryAfter } : {}
    case "cryptomus.transactions":
      return {
        "retry-after": retryAfter,
        "x-ratelimit-reset": String(Math.ceil((now + outcome.retryAfterMillis) / 1000))
      }
    case "zenlayer.recharge-refund":
      return {}
  }
}

/**
 * One client's usage, as the admin API reports it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Usage extends Counter {
  readonly endpoint: Limits.RuleId
  /** `key:<hash>` or `ip:<address>`. */
  readonly client: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly stage: Pipeline.Stage
  readonly usage: Effect.Effect<ReadonlyArray<Usage>>
  /** Forgets every counter and ban. */
  readonly clear: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class RateLimits extends Context.Tag("@ledgerkit/mock-server/RateLimits")<RateLimits, Service>() {}

const bucket = (id: Limits.RuleId, client: string) => `${id}|${client}`

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service> = Effect.gen(function*() {
  const counters = yield* Ref.make<ReadonlyMap<string, Usage>>(new Map())
  const stage: Pipeline.Stage = (next) => (exchange) =>
    Effect.gen(function*() {
      const { context, endpoint, request } = exchange
      const limits = context.snapshot.settings.limits
      if (endpoint === undefined || !limits.enabled || !Limits.isRuleId(endpoint.id)) return yield* next(exchange)
      const id = endpoint.id
      const rule = limits.rules[id]
      if (!rule.enabled) return yield* next(exchange)
      const client = clientOf(id, request)
      const key = bucket(id, client)
      const outcome = yield* Ref.modify(counters, (map): [Outcome, ReadonlyMap<string, Usage>] => {
        const result = step(rule, map.get(key), context.now)
        const updated = new Map(map)
        updated.set(key, { ...result.counter, endpoint: id, client })
        return [result, updated]
      })
      const headers = { ...usageHeaders(id, rule, outcome.counter), ...rejectionHeaders(id, outcome, context.now) }
      const applied = { rule: id, outcome: outcome._tag, used: outcome.counter.used }
      if (outcome._tag === "Counted") {
        const response = yield* next(exchange)
        return { ...response, headers: { ...response.headers, ...headers }, applied: { ...response.applied, limit: applied } }
      }
      const problem: ProviderErrors.Problem = outcome._tag === "Limited"
        ? { _tag: "TooManyRequests", rule }
        : { _tag: "Banned", until: outcome.counter.bannedUntil }
      const response = ProviderErrors.answer(endpoint, context, outcome._tag === "Limited" ? 429 : 418, problem, headers)
      return { ...response, applied: { limit: applied } }
    })
  return {
    stage,
    usage: Effect.map(Ref.get(counters), (map) => Array.from(map.values())),
    clear: Ref.set(counters, new Map())
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<RateLimits> = Layer.effect(RateLimits, make)

