/**
 * What a provider is to the mock: one value that the kernel (server, pipeline, state,
 * datasets, admin API, CLI, OpenAPI assembler) consumes without knowing the provider.
 * Each provider's folder under `providers/` exports one; `providers/index.ts` lists them.
 *
 * A provider brings:
 * - its **endpoints** (`Endpoint`: path, authentication, answers, rate limit, error shape);
 * - for each data endpoint, its **records** (`Data`): identity and time, the documented
 *   examples, the wire rendering, the upload decoder, the fast-check arbitrary and the bulk
 *   generator, its default order and, where the docs fix no end bound, a switchable one;
 * - its **settings** (defaults and the admin patch schema) and **credentials** (defaults,
 *   file schema, environment, the `serve` flags, the banner line);
 * - its **OpenAPI** paths and components.
 *
 * @since 0.1.0
 */
import type * as Options from "@effect/cli/Options"
import type { Config, FastCheck, Schema } from "effect"
import type * as Endpoint from "./Endpoint.js"
import type * as ExactJson from "./ExactJson.js"

/**
 * How an endpoint's records are identified and ordered.
 *
 * @since 0.1.0
 * @category models
 */
export interface Keys<R> {
  time(record: R): number
  /** Unique within the endpoint (composite where the provider's id is not). */
  identity(record: R): string
  /** Compares records with the same time. */
  tieBreak(a: R, b: R): number
}

/**
 * What the arbitraries and generators are asked for.
 *
 * @since 0.1.0
 * @category models
 */
export interface GenerateOptions {
  /** Exactly this many records, or a range. */
  readonly rows: number | { readonly min: number; readonly max: number }
  /** Records are timed before this instant (epoch millis). */
  readonly anchor: number
  /** How far back from the anchor records go, in milliseconds (default 90 days). */
  readonly spanMillis?: number | undefined
}

/**
 * One data endpoint's records.
 *
 * @since 0.1.0
 * @category models
 */
export interface Data<I extends string, R> {
  readonly id: I
  readonly keys: Keys<R>
  /** The documented example records (the `docs` dataset). */
  readonly documented: ReadonlyArray<R>
  /** A record exactly as the endpoint writes it on the wire. */
  render(record: R): ExactJson.Json
  /**
   * The schema of an uploaded record (`PUT /__admin/dataset/:endpoint/records`), of type
   * `R` (erased here: schemas are invariant, and the kernel holds many endpoints).
   */
  readonly schema: Schema.Schema.AnyNoContext
  /** Records in the shapes of the examples, hard cases included. */
  arbitrary(options: GenerateOptions): FastCheck.Arbitrary<ReadonlyArray<R>>
  /** The bulk generator: one record per time, from a seeded `random` in [0, 1). */
  bulk(random: () => number, times: ReadonlyArray<number>): Array<R>
  /** The resolution of the record times: 1 ms, or 1000 where the wire has no milliseconds. */
  readonly timeUnit: number
  /** The default result order. */
  readonly order: Endpoint.Order
  /** What records do when data moves (`Churn`); absent: the endpoint's data stands still. */
  readonly churn?: Churn<R> | undefined
  /** Present where the docs leave the start bound open: the default, switchable. */
  readonly startBound?: Endpoint.Bound | undefined
  /** Present where the docs leave the end bound open: the default, switchable. */
  readonly endBound?: Endpoint.Bound | undefined
}

/**
 * How one endpoint's records move (`Churn`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Churn<R> {
  /** A new record at `time`, its identity made from `n` (unique for the endpoint, never a generated one's). */
  arrive(random: () => number, time: number, n: number): R
  /** Whether the record has a pending status (absent: the provider has none). */
  pending?(record: R): boolean
  /** A pending record moved to a final status. */
  settle?(record: R, random: () => number): R
  /** The record corrected: the same identity and time, another amount. */
  correct(record: R, random: () => number): R
}

/**
 * A provider's settings: the defaults and the schema of a partial change (admin API).
 * A change merges field by field into the provider's settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settings<S> {
  readonly defaults: S
  readonly patch: Schema.Schema.AnyNoContext
}

/**
 * A provider's credentials. `O` is a partial override in clear text (file, environment
 * or flags); the credentials hold secrets as `Redacted`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials<C, O> {
  readonly defaults: C
  /** The provider's part of the credentials file (every field optional). */
  readonly file: Schema.Schema.AnyNoContext
  readonly environment: Config.Config<O>
  override(base: C, overrides: O): C
  /** One banner line (the mock's credentials are not secrets: they are printed to be pasted). */
  describe(credentials: C): string
}

/**
 * What a provider's `serve` flags set.
 *
 * @since 0.1.0
 * @category models
 */
export interface Flags<S, O> {
  readonly credentials: O
  readonly settings?: { readonly [K in keyof S]?: S[K] | undefined } | undefined
}

/**
 * A provider's part of the OpenAPI document; the assembler merges the parts in the
 * providers' order.
 *
 * @since 0.1.0
 * @category models
 */
export interface OpenApi {
  readonly paths: Readonly<Record<string, object>>
  readonly schemas?: Readonly<Record<string, object>> | undefined
  readonly parameters?: Readonly<Record<string, object>> | undefined
  readonly headers?: Readonly<Record<string, object>> | undefined
  readonly securitySchemes?: Readonly<Record<string, object>> | undefined
}

/**
 * The types a provider is made of.
 *
 * @since 0.1.0
 * @category models
 */
export interface Types {
  readonly id: string
  /** Every endpoint id, the data endpoints' included. */
  readonly endpoint: string
  /** The record type of each data endpoint, by id. */
  readonly records: { readonly [id: string]: unknown }
  readonly settings: unknown
  readonly credentials: unknown
  readonly overrides: unknown
}

/**
 * @since 0.1.0
 * @category models
 */
export interface MockProvider<T extends Types = Types> {
  readonly id: T["id"]
  /** All of its endpoints, in the order they are listed (OpenAPI tags, limits, banner). */
  readonly endpoints: ReadonlyArray<Endpoint.Endpoint<T["endpoint"]>>
  readonly data: { readonly [K in keyof T["records"] & string]: Data<K, T["records"][K]> }
  /** Absent: the provider has no settings of its own. */
  readonly settings?: Settings<T["settings"]> | undefined
  readonly credentials: Credentials<T["credentials"], T["overrides"]>
  /** Its `serve` flags (credentials, settings). */
  readonly flags: Options.Options<Flags<T["settings"], T["overrides"]>>
  readonly openApi: OpenApi
}

// --- what a list of providers adds up to ---------------------------------------------------

type List = ReadonlyArray<MockProvider>

type RecordOfData<D> = D extends { readonly documented: ReadonlyArray<infer R> } ? R : never

/**
 * The data endpoint ids of a list of providers.
 *
 * @since 0.1.0
 * @category type-level
 */
export type DataIds<L extends List> = { [P in keyof L]: keyof L[P]["data"] & string }[number]

/**
 * Every endpoint id of a list of providers.
 *
 * @since 0.1.0
 * @category type-level
 */
export type EndpointIds<L extends List> = L[number]["endpoints"][number]["id"]

/**
 * The record type of each data endpoint of a list of providers.
 *
 * @since 0.1.0
 * @category type-level
 */
export type RecordsOf<L extends List> = {
  readonly [K in DataIds<L>]: { [P in keyof L]: K extends keyof L[P]["data"] ? RecordOfData<L[P]["data"][K]> : never }[number]
}

/**
 * The settings of each provider that has some, by provider id.
 *
 * @since 0.1.0
 * @category type-level
 */
export type SettingsOf<L extends List> = {
  readonly [P in L[number] as undefined extends P["settings"] ? never : P["id"]]: NonNullable<P["settings"]>["defaults"]
}

/**
 * The credentials of each provider, by provider id.
 *
 * @since 0.1.0
 * @category type-level
 */
export type CredentialsOf<L extends List> = {
  readonly [P in L[number] as P["id"]]: P["credentials"]["defaults"]
}

/**
 * The credential overrides of each provider, by provider id.
 *
 * @since 0.1.0
 * @category type-level
 */
export type OverridesOf<L extends List> = {
  readonly [P in L[number] as P["id"]]?: (P["credentials"]["environment"] extends Config.Config<infer O> ? O : never) | undefined
}

/**
 * The data endpoints of a list of providers, in order.
 *
 * @since 0.1.0
 * @category accessors
 */
export const dataOf = (providers: ReadonlyArray<MockProvider>): ReadonlyArray<Data<string, unknown>> =>
  providers.flatMap((p) => Object.values(p.data))

/**
 * The endpoints of a list of providers, in order.
 *
 * @since 0.1.0
 * @category accessors
 */
export const endpointsOf = (providers: ReadonlyArray<MockProvider>): ReadonlyArray<Endpoint.Endpoint> =>
  providers.flatMap((p) => p.endpoints)
