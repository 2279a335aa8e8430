/**
 * The credentials the mock accepts, one set per provider (each provider's part is its
 * own: `MockProvider.Credentials`). Defaults come from DESIGN.md; a credentials JSON
 * file, environment variables and CLI flags override them (in that order of increasing
 * precedence). Secrets are `Redacted`.
 *
 * @since 0.1.0
 */
import { Config, Effect, Schema } from "effect"
import type * as MockProvider from "./MockProvider.js"
import * as Providers from "./providers/index.js"
import * as Registry from "./Registry.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Credentials = MockProvider.CredentialsOf<Providers.All>

/**
 * A partial override, as read from a file, the environment or flags (plain strings).
 *
 * @since 0.1.0
 * @category models
 */
export type Overrides = MockProvider.OverridesOf<Providers.All>

/**
 * Credentials of any providers (the kernel's view), by provider id.
 *
 * @since 0.1.0
 * @category models
 */
export type Any = { readonly [provider: string]: unknown }

const defaultRegistry = Registry.make(Providers.all)

const byProvider = <A>(registry: Registry.Registry, f: (p: MockProvider.MockProvider) => A): { readonly [id: string]: A } =>
  Object.fromEntries(registry.providers.map((p) => [p.id, f(p)]))

/**
 * The defaults of a registry's providers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultsOf = (registry: Registry.Registry): Any => byProvider(registry, (p) => p.credentials.defaults)

/**
 * The defaults of DESIGN.md, printed by `serve` at start.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults = defaultsOf(defaultRegistry) as Credentials

/**
 * The schema of a credentials file: one optional part per provider, under its id, every
 * field optional, unknown fields rejected (the README shows one).
 *
 * @since 0.1.0
 * @category schemas
 */
export const fileSchema = (registry: Registry.Registry = defaultRegistry) =>
  Schema.Struct(byProvider(registry, (p) => Schema.optional(p.credentials.file)))

/**
 * Parses the text of a credentials file.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseFile = (text: string, registry: Registry.Registry = defaultRegistry) =>
  Schema.decodeUnknown(Schema.parseJson(fileSchema(registry)), { onExcessProperty: "error" })(text).pipe(
    Effect.map((file): { readonly [provider: string]: unknown } => file)
  )

/**
 * Applies an override on top of credentials.
 *
 * @since 0.1.0
 * @category combinators
 */
export const override = <C extends Any>(
  base: C,
  o: { readonly [provider: string]: unknown },
  registry: Registry.Registry = defaultRegistry
): C => {
  const next: Record<string, unknown> = { ...base }
  for (const p of registry.providers) next[p.id] = p.credentials.override(base[p.id], o[p.id] ?? {})
  return next as C
}

/**
 * The overrides found in the environment.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromEnvironment = (registry: Registry.Registry = defaultRegistry): Config.Config<Any> =>
  Config.all(byProvider(registry, (p) => p.credentials.environment))

/**
 * Lines describing the credentials in force (secrets shown: they are the mock's own,
 * printed so that a developer can paste them into a client).
 *
 * @since 0.1.0
 * @category formatting
 */
export const describe = (c: Any, registry: Registry.Registry = defaultRegistry): ReadonlyArray<string> =>
  registry.providers.map((p) => p.credentials.describe(c[p.id]))

/**
 * Reads a credentials file and applies it, then the environment, then the flags.
 *
 * @since 0.1.0
 * @category constructors
 */
export const resolve = (options: {
  readonly fileText?: string | undefined
  readonly flags?: { readonly [provider: string]: unknown } | undefined
  readonly registry?: Registry.Registry | undefined
}) =>
  Effect.gen(function*() {
    const registry = options.registry ?? defaultRegistry
    const fromFile = options.fileText === undefined ? {} : yield* parseFile(options.fileText, registry)
    const fromEnv = yield* fromEnvironment(registry)
    const base = defaultsOf(registry)
    return override(override(override(base, fromFile, registry), fromEnv, registry), options.flags ?? {}, registry)
  })
