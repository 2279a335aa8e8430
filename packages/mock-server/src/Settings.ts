/**
 * The behaviours the provider docs leave open, as switches, so that a client can be
 * tested against each way the real provider could behave. The defaults are documented in
 * the README ("Where the docs are silent").
 *
 * The kernel's switches (authentication, each endpoint's order and open end bound, the
 * rate limits) sit beside each provider's own settings, under the provider's id.
 *
 * @since 0.1.0
 */
import type * as Endpoint from "./Endpoint.js"
import * as Limits from "./Limits.js"
import type * as MockProvider from "./MockProvider.js"
import * as Providers from "./providers/index.js"
import type { EndpointId } from "./Records.js"
import * as Registry from "./Registry.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Order = Endpoint.Order

/**
 * @since 0.1.0
 * @category models
 */
export type Bound = Endpoint.Bound

const defaultRegistry = Registry.make(Providers.all)

type Switchable<P, B extends "startBound" | "endBound"> = P extends MockProvider.MockProvider ? {
    [K in keyof P["data"]]: P["data"][K] extends { readonly [_ in B]: Bound } ? K : never
  }[keyof P["data"]]
  : never

/**
 * The endpoints whose end bound is undocumented, and therefore switchable.
 *
 * @since 0.1.0
 * @category models
 */
export type SwitchableBound = Switchable<Providers.All[number], "endBound"> & string

/**
 * The endpoints whose start bound is undocumented, and therefore switchable.
 *
 * @since 0.1.0
 * @category models
 */
export type SwitchableStart = Switchable<Providers.All[number], "startBound"> & string

/**
 * @since 0.1.0
 * @category models
 */
export const switchableBounds: ReadonlyArray<SwitchableBound> = defaultRegistry.data.flatMap((d) =>
  d.endBound === undefined ? [] : [d.id as SwitchableBound]
)

/**
 * @since 0.1.0
 * @category models
 */
export const switchableStarts: ReadonlyArray<SwitchableStart> = defaultRegistry.data.flatMap((d) =>
  d.startBound === undefined ? [] : [d.id as SwitchableStart]
)

/**
 * @since 0.1.0
 * @category models
 */
export type Settings = {
  /** Authentication on (the default) or off for quick `curl` use. */
  readonly auth: boolean
  readonly order: { readonly [K in EndpointId]: Order }
  readonly startBound: { readonly [K in SwitchableStart]: Bound }
  readonly endBound: { readonly [K in SwitchableBound]: Bound }
  /** The rate limits (see `Limits`). */
  readonly limits: Limits.Limits
} & MockProvider.SettingsOf<Providers.All>

/**
 * Settings of any providers (the kernel's view).
 *
 * @since 0.1.0
 * @category models
 */
export type Any = Endpoint.Snapshot["settings"]

/**
 * The defaults of a registry's providers: each endpoint's order and open end bound as
 * its provider sets them, every provider's own defaults, and their rate limits.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultsOf = (registry: Registry.Registry): Any => ({
  auth: true,
  order: Object.fromEntries(registry.data.map((d) => [d.id, d.order])),
  startBound: Object.fromEntries(registry.data.flatMap((d) => d.startBound === undefined ? [] : [[d.id, d.startBound]])),
  endBound: Object.fromEntries(registry.data.flatMap((d) => d.endBound === undefined ? [] : [[d.id, d.endBound]])),
  ...Object.fromEntries(registry.providers.flatMap((p) => p.settings === undefined ? [] : [[p.id, p.settings.defaults]])),
  limits: Limits.defaultsOf(registry)
})

/**
 * The defaults: each endpoint's order follows its documented example, undocumented end
 * bounds are inclusive, and each provider's own settings are its defaults.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults = defaultsOf(defaultRegistry) as Settings

type Partial<A> = { readonly [K in keyof A]?: A[K] | undefined }

/**
 * A partial change of settings (nested objects merge).
 *
 * @since 0.1.0
 * @category models
 */
export type Patch =
  & {
    readonly auth?: boolean | undefined
    readonly order?: Partial<Settings["order"]> | undefined
    readonly startBound?: Partial<Settings["startBound"]> | undefined
    readonly endBound?: Partial<Settings["endBound"]> | undefined
    readonly limits?: Limits.Patch | undefined
  }
  & { readonly [P in keyof MockProvider.SettingsOf<Providers.All>]?: Partial<MockProvider.SettingsOf<Providers.All>[P]> | undefined }

// Keeps the fields that are set, so that spreading them never writes `undefined`.
const defined = (o: unknown): object =>
  typeof o === "object" && o !== null ? Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) : {}

/**
 * Applies a patch, the provider settings of a registry merged field by field.
 *
 * @since 0.1.0
 * @category combinators
 */
export const patchWith = <S extends Any>(registry: Registry.Registry, base: S, p: { readonly [key: string]: unknown }): S => {
  const own = base as unknown as { readonly [provider: string]: unknown }
  const providers = registry.providers.flatMap((provider) =>
    provider.settings === undefined ? [] : [[provider.id, { ...defined(own[provider.id]), ...defined(p[provider.id]) }]]
  )
  const limits = defined(p.limits) as Limits.Patch
  return {
    ...base,
    auth: typeof p.auth === "boolean" ? p.auth : base.auth,
    order: { ...base.order, ...defined(p.order) },
    startBound: { ...base.startBound, ...defined(p.startBound) },
    endBound: { ...base.endBound, ...defined(p.endBound) },
    ...Object.fromEntries(providers),
    limits: Limits.patch(base.limits, limits)
  }
}

/**
 * Applies a patch.
 *
 * @since 0.1.0
 * @category combinators
 */
export const patch = (base: Settings, p: Patch): Settings => patchWith(defaultRegistry, base, p)
