/**
 * The rate-limit stage: counts each provider request against its endpoint's rule
 * (`Limits`, read from the settings of the request's snapshot), reports the usage in the
 * provider's own headers, and answers 429 (then 418 where the provider bans) in the
 * provider's own error shape once the budget is spent. Whom a request is counted for,
 * the headers and the error shape are the endpoint's (`Endpoint.Limit`,
 * `Endpoint.problem`); keys are held as hashes only.
 *
 * Every request that reaches the stage is counted, including those that later fail
 * authentication or validation, and those answered 429 (the used weight keeps growing).
 * Requests answered 418 during a ban are not counted. A request answered by a fault
 * never reaches this stage.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Ref } from "effect"
import type * as Endpoint from "./Endpoint.js"
import type * as Pipeline from "./Pipeline.js"
import * as RateLimitRule from "./RateLimitRule.js"

export {
  /**
   * `RateLimitRule.retryAfterSeconds`, re-exported here.
   *
   * @since 0.1.0
   * @category re-exports
   */
  retryAfterSeconds,
  /**
   * `RateLimitRule.step`, re-exported here.
   *
   * @since 0.1.0
   * @category re-exports
   */
  step
} from "./RateLimitRule.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Counter = RateLimitRule.Counter

/**
 * @since 0.1.0
 * @category models
 */
export type Outcome = RateLimitRule.Outcome

/**
 * One client's usage, as the admin API reports it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Usage extends Counter {
  readonly endpoint: string
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

const bucket = (id: string, client: string) => `${id}|${client}`

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
      if (endpoint === undefined || !limits.enabled) return yield* next(exchange)
      const id = endpoint.id
      const rule = limits.rules[id] ?? endpoint.limit.rule
      if (!rule.enabled) return yield* next(exchange)
      const client = endpoint.limit.client(request)
      const key = bucket(id, client)
      const outcome = yield* Ref.modify(counters, (map): [Outcome, ReadonlyMap<string, Usage>] => {
        const result = RateLimitRule.step(rule, map.get(key), context.now)
        const updated = new Map(map)
        updated.set(key, { ...result.counter, endpoint: id, client })
        return [result, updated]
      })
      const headers = {
        ...endpoint.limit.usageHeaders(rule, outcome.counter),
        ...endpoint.limit.rejectionHeaders(outcome, context.now)
      }
      const applied = { rule: id, outcome: outcome._tag, used: outcome.counter.used }
      if (outcome._tag === "Counted") {
        const response = yield* next(exchange)
        return { ...response, headers: { ...response.headers, ...headers }, applied: { ...response.applied, limit: applied } }
      }
      const problem: Endpoint.Problem = outcome._tag === "Limited"
        ? { _tag: "TooManyRequests", rule }
        : { _tag: "Banned", until: outcome.counter.bannedUntil }
      const response = endpoint.problem(outcome._tag === "Limited" ? 429 : 418, problem, context, headers)
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
