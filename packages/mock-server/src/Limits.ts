/**
 * The rate-limit rules in force, one per endpoint, as data (part of `Settings`). Each
 * endpoint's default rule is its provider's (`Endpoint.Limit`); see `RateLimitRule` for
 * what a rule is and the providers' `limits.ts` for their values and sources.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import type * as MockProvider from "./MockProvider.js"
import * as Providers from "./providers/index.js"
import * as RateLimitRule from "./RateLimitRule.js"
import * as Registry from "./Registry.js"

export {
  /**
   * `RateLimitRule.intervalText`, re-exported here.
   *
   * @since 0.1.0
   * @category re-exports
   */
  intervalText,
  /**
   * `RateLimitRule.intervalWords`, re-exported here.
   *
   * @since 0.1.0
   * @category re-exports
   */
  intervalWords,
  /**
   * `RateLimitRule.maxBanMillis`, re-exported here.
   *
   * @since 0.1.0
   * @category re-exports
   */
  maxBanMillis,
  /**
   * `RateLimitRule.Rule`, re-exported here.
   *
   * @since 0.1.0
   * @category re-exports
   */
  Rule
} from "./RateLimitRule.js"

const defaultRegistry = Registry.make(Providers.all)

/**
 * @since 0.1.0
 * @category models
 */
export type RuleId = MockProvider.EndpointIds<Providers.All>

/**
 * The endpoints a rule can be set for: every endpoint, in the providers' order.
 *
 * @since 0.1.0
 * @category models
 */
export const ruleIds: readonly [RuleId, ...Array<RuleId>] = (() => {
  const [first, ...rest] = Providers.all.flatMap((p): ReadonlyArray<RuleId> => p.endpoints.map((e) => e.id))
  return [first, ...rest]
})()

/**
 * @since 0.1.0
 * @category guards
 */
export const isRuleId = (u: string): u is RuleId => (ruleIds as ReadonlyArray<string>).includes(u)

/**
 * The rules of a registry's endpoints.
 *
 * @since 0.1.0
 * @category schemas
 */
export const schemaOf = (registry: Registry.Registry) =>
  Schema.Struct({
    /** The switch for all rules (`--no-limits`). */
    enabled: Schema.Boolean,
    rules: Schema.Struct(Object.fromEntries(registry.endpoints.map((e) => [e.id, RateLimitRule.Rule])))
  })

/**
 * @since 0.1.0
 * @category schemas
 */
export const Limits = schemaOf(defaultRegistry)

/**
 * @since 0.1.0
 * @category models
 */
export interface Limits {
  readonly enabled: boolean
  readonly rules: { readonly [K in RuleId]: RateLimitRule.Rule }
}

/**
 * A partial change of a registry's rules: the switch, and any field of any rule.
 *
 * @since 0.1.0
 * @category schemas
 */
export const patchSchemaOf = (registry: Registry.Registry) =>
  Schema.Struct({
    enabled: Schema.optional(Schema.Boolean),
    rules: Schema.optional(
      Schema.partialWith(
        Schema.Struct(Object.fromEntries(registry.endpoints.map((e) => [e.id, Schema.partialWith(RateLimitRule.Rule, { exact: true })]))),
        { exact: true }
      )
    )
  })

/**
 * @since 0.1.0
 * @category schemas
 */
export const Patch = patchSchemaOf(defaultRegistry)

/**
 * @since 0.1.0
 * @category models
 */
export interface Patch {
  readonly enabled?: boolean | undefined
  readonly rules?: { readonly [K in RuleId]?: Partial<RateLimitRule.Rule> | undefined } | undefined
}

/**
 * The rules of a registry's endpoints, as their providers set them.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultsOf = (registry: Registry.Registry): Any => ({
  enabled: true,
  rules: Object.fromEntries(registry.endpoints.map((e) => [e.id, e.limit.rule]))
})

/**
 * Limits of any endpoints (the kernel's view).
 *
 * @since 0.1.0
 * @category models
 */
export interface Any {
  readonly enabled: boolean
  readonly rules: { readonly [id: string]: RateLimitRule.Rule }
}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaults = defaultsOf(defaultRegistry) as Limits

const defined = (o: object | undefined): Partial<RateLimitRule.Rule> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined))

/**
 * Applies a patch.
 *
 * @since 0.1.0
 * @category combinators
 */
export const patch = <L extends Any>(
  base: L,
  p: { readonly enabled?: boolean | undefined; readonly rules?: { readonly [id: string]: Partial<RateLimitRule.Rule> | undefined } | undefined }
): L => {
  const rules: Record<string, RateLimitRule.Rule> = { ...base.rules }
  for (const id of Object.keys(base.rules)) rules[id] = { ...base.rules[id], ...defined(p.rules?.[id]) }
  return { ...base, enabled: p.enabled ?? base.enabled, rules } as L
}

const MINUTE = 60_000

const durationUnits: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: MINUTE, h: 3_600_000 }

/**
 * Reads one `--limit` value for an endpoint: `off`, `on`, or `LIMIT[/WINDOW]` with
 * WINDOW such as `500ms`, `2s`, `1m`, `1h` (e.g. `1200/1m`, `10/1s`).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseRule = (text: string): Either.Either<Partial<RateLimitRule.Rule>, string> => {
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
export const describe = (limits: Any): string =>
  !limits.enabled
    ? "off"
    : Object.entries(limits.rules).map(([id, r]) =>
      r.enabled ? `${id}=${r.limit}/${RateLimitRule.intervalText(r.windowMillis).toLowerCase()}` : `${id}=off`
    ).join(" ")
