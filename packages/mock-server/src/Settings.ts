/**
 * The behaviours the provider docs leave open, as switches, so that a client can be
 * tested against each way the real provider could behave. The defaults are documented in
 * the README ("Where the docs are silent").
 *
 * @since 0.1.0
 */
import * as Limits from "./Limits.js"
import type { EndpointId } from "./Records.js"

/**
 * Result order: `asc` (oldest first) or `desc` (newest first). Records with the same
 * time are ordered by their id (then type) in the same direction.
 *
 * @since 0.1.0
 * @category models
 */
export type Order = "asc" | "desc"

/**
 * Whether a window's end bound includes records at exactly that time.
 *
 * @since 0.1.0
 * @category models
 */
export type Bound = "inclusive" | "exclusive"

/**
 * The endpoints whose end bound is undocumented.
 *
 * @since 0.1.0
 * @category models
 */
export const switchableBounds = [
  "zenlayer.recharge-refund",
  "wooxpro.contract-transactions",
  "cryptomus.transactions"
] as const

/**
 * @since 0.1.0
 * @category models
 */
export type SwitchableBound = typeof switchableBounds[number]

/**
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  /** Authentication on (the default) or off for quick `curl` use. */
  readonly auth: boolean
  readonly order: { readonly [K in EndpointId]: Order }
  readonly endBound: { readonly [K in SwitchableBound]: Bound }
  readonly cryptomus: {
    /** The offset from UTC, in minutes east, in which `date_from`/`date_to` are read. */
    readonly utcOffsetMinutes: number
    /** Items per page (15 like the documented example). */
    readonly perPage: number
  }
  readonly zenlayer: {
    /** pageSize when none is sent (undocumented). */
    readonly defaultPageSize: number
    /** How far `X-ZC-Timestamp` may be from the mock's clock, in seconds (undocumented). */
    readonly timestampToleranceSeconds: number
  }
  /** The rate limits (see `Limits`). */
  readonly limits: Limits.Limits
}

/**
 * The defaults: each endpoint's order follows its documented example (cloud-mining
 * newest first; UM income, WOO X Pro and Cryptomus oldest first; Zenlayer, whose example
 * has one row, newest first like a console history); undocumented end bounds are
 * inclusive; Cryptomus dates are UTC with 15 items per page; Zenlayer pages hold 20 by
 * default and accept timestamps within 300 seconds.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults: Settings = {
  auth: true,
  order: {
    "binance.cloud-mining": "desc",
    "binance.um-income": "asc",
    "zenlayer.recharge-refund": "desc",
    "wooxpro.contract-transactions": "asc",
    "cryptomus.transactions": "asc"
  },
  endBound: {
    "zenlayer.recharge-refund": "inclusive",
    "wooxpro.contract-transactions": "inclusive",
    "cryptomus.transactions": "inclusive"
  },
  cryptomus: { utcOffsetMinutes: 0, perPage: 15 },
  zenlayer: { defaultPageSize: 20, timestampToleranceSeconds: 300 },
  limits: Limits.defaults
}

/**
 * A partial change of settings (nested objects merge).
 *
 * @since 0.1.0
 * @category models
 */
export interface Patch {
  readonly auth?: boolean | undefined
  readonly order?: { readonly [K in EndpointId]?: Order | undefined } | undefined
  readonly endBound?: { readonly [K in SwitchableBound]?: Bound | undefined } | undefined
  readonly cryptomus?: { readonly [K in keyof Settings["cryptomus"]]?: Settings["cryptomus"][K] | undefined } | undefined
  readonly zenlayer?: { readonly [K in keyof Settings["zenlayer"]]?: Settings["zenlayer"][K] | undefined } | undefined
  readonly limits?: Limits.Patch | undefined
}

// Keeps the fields that are set, so that spreading them never writes `undefined`.
const defined = <A extends object>(o: A | undefined): { [K in keyof A]?: Exclude<A[K], undefined> } =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as { [K in keyof A]?: Exclude<A[K], undefined> }

/**
 * Applies a patch.
 *
 * @since 0.1.0
 * @category combinators
 */
export const patch = (base: Settings, p: Patch): Settings => ({
  auth: p.auth ?? base.auth,
  order: { ...base.order, ...defined(p.order) },
  endBound: { ...base.endBound, ...defined(p.endBound) },
  cryptomus: { ...base.cryptomus, ...defined(p.cryptomus) },
  zenlayer: { ...base.zenlayer, ...defined(p.zenlayer) },
  limits: Limits.patch(base.limits, p.limits ?? {})
})

/**
 * Parses a UTC offset such as `+03:00`, `-05:30` or `Z`, in minutes east of UTC.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseUtcOffset = (input: string): number | undefined => {
  if (input === "Z" || input === "UTC") return 0
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(input)
  if (m === null || Number(m[2]) > 14 || Number(m[3]) > 59) return undefined
  const minutes = Number(m[2]) * 60 + Number(m[3])
  return m[1] === "-" ? -minutes : minutes
}
