/**
 * Binance as an Effect service: the Cloud-Mining payment and refund history (SAPI) and the
 * Portfolio-Margin UM income history (PAPI), each as one page (`Effect`) or the whole
 * history (`Stream` of schema-decoded records), and both as `Source`s of ledger entries.
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import { Budget, Errors } from "@ledgerkit/core"
import type { Retry } from "@ledgerkit/core"
import { Config, Context, Duration, Effect, Layer, Schema, Stream } from "effect"
import type { Redacted } from "effect"
import * as CloudMining from "./binance/CloudMining.js"
import * as History from "./binance/History.js"
import type { KeyType } from "./binance/Signer.js"
import * as SignedClient from "./binance/SignedClient.js"
import * as UmIncome from "./binance/UmIncome.js"
import * as Decoders from "./internal/decoders/binance.js"
import type { FastDecode } from "./internal/http.js"
import type { Source } from "./Source.js"

export {
  /**
   * The cloud-mining records, queries, type mapping and `toLedgerEntry`.
   *
   * @since 0.1.0
   * @category modules
   */
  CloudMining,
  /**
   * The retention and window rules of the streams.
   *
   * @since 0.1.0
   * @category modules
   */
  History,
  /**
   * The UM income records, queries, income types, kind mapping and `toLedgerEntry`.
   *
   * @since 0.1.0
   * @category modules
   */
  UmIncome
}

/**
 * The real hosts.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultUrls = { sapi: "https://api.binance.com", papi: "https://papi.binance.com" } as const

/**
 * The documented limits: SAPI UID weight 180,000 per minute (cloud-mining weighs 600),
 * PAPI weight 6,000 per minute (UM income weighs 30).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultBudget = { sapiLimit: 180_000, papiLimit: 6_000, window: Duration.minutes(1) } as const

/**
 * @since 0.1.0
 * @category models
 */
export interface BudgetOptions {
  /** Spend and re-sync weights (default true). */
  readonly enabled?: boolean | undefined
  /** SAPI UID weight per window (default 180,000). */
  readonly sapiLimit?: number | undefined
  /** PAPI weight per window (default 6,000). */
  readonly papiLimit?: number | undefined
  /** The window the limits count in (default 1 minute); the usage headers read are those of this window (`…-1M`). */
  readonly window?: Duration.DurationInput | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly apiKey: Redacted.Redacted<string>
  /** The HMAC secret, or the PEM private key for `ed25519` / `rsa` keys. */
  readonly apiSecret: Redacted.Redacted<string>
  /** Default `hmac`. */
  readonly keyType?: KeyType | undefined
  /** Default `https://api.binance.com`. */
  readonly sapiUrl?: string | undefined
  /** Default `https://papi.binance.com`. */
  readonly papiUrl?: string | undefined
  /**
   * Where the server time is read after a `-1021` (default: `/api/v3/time` on the host
   * that refused, as the mock serves it). PAPI documents no time endpoint, so against the
   * real hosts `https://api.binance.com/api/v3/time` is the one to give.
   */
  readonly timeUrl?: string | undefined
  /** Milliseconds a signed request stays valid, 1 to 60000 (default 5000). */
  readonly recvWindow?: number | undefined
  /** How long one request may take (default 30 seconds). */
  readonly timeout?: Duration.DurationInput | undefined
  readonly retry?: Retry.RetryOptions | undefined
  readonly budget?: BudgetOptions | undefined
  /** UM income ranges that start before the retention: `fail` (default), `clamp` or `off`. */
  readonly retention?: History.RetentionMode | undefined
  /** How far back UM income is kept (default: three months, read the shortest way; see `History.defaultEarliest`). */
  readonly retentionPeriod?: Duration.DurationInput | undefined
  /** The longest window one request asks for (defaults: cloud-mining 30 days, UM income 7 days). */
  readonly maxWindow?: {
    readonly cloudMining?: Duration.DurationInput | undefined
    readonly umIncome?: Duration.DurationInput | undefined
  } | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** One page of cloud-mining history over `[startTime, endTime)`. */
  readonly cloudMiningPage: (
    query: CloudMining.CloudMiningPageQuery
  ) => Effect.Effect<CloudMining.CloudMiningPage, Errors.LedgerError>
  /** The whole cloud-mining history of `[from, to)`, each record once. */
  readonly cloudMining: (
    query: CloudMining.CloudMiningQuery
  ) => Stream.Stream<CloudMining.CloudMiningRecord, Errors.LedgerError>
  /** One page of UM income over `[startTime, endTime]`. */
  readonly umIncomePage: (
    query: UmIncome.UmIncomePageQuery
  ) => Effect.Effect<ReadonlyArray<UmIncome.UmIncomeRecord>, Errors.LedgerError>
  /** The whole UM income history of `[from, to]`, each record once by (incomeType, tranId). */
  readonly umIncome: (query: UmIncome.UmIncomeQuery) => Stream.Stream<UmIncome.UmIncomeRecord, Errors.LedgerError>
  /** `binance.cloud-mining` and `binance.um-income`, as ledger entries over `[from, to)`. */
  readonly sources: { readonly cloudMining: Source; readonly umIncome: Source }
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Binance extends Context.Tag("@ledgerkit/providers/Binance")<Binance, Service>() {}

const makeBudget = (options: BudgetOptions | undefined, limit: "sapiLimit" | "papiLimit") =>
  options?.enabled === false
    ? Effect.succeed(Budget.unlimited)
    : Budget.make({
      limit: options?.[limit] ?? defaultBudget[limit],
      window: options?.window ?? defaultBudget.window
    })

/** What `make` needs to know of an endpoint module to fetch one page. */
interface Endpoint<Q, A, I> {
  readonly source: string
  readonly path: string
  readonly weight: number
  readonly validatePageQuery: (query: Q) => Effect.Effect<void, Errors.InvalidRequest>
  readonly params: (query: Q) => ReadonlyArray<readonly [string, string]>
  readonly schema: Schema.Schema<A, I>
  readonly fastDecode: FastDecode<A>
}

/**
 * Builds the service. Secrets stay `Redacted` and are read only to sign and to set the
 * key header, whose name is redacted in logs and traces.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const http = yield* HttpClient.HttpClient
    const recvWindow = options.recvWindow ?? 5000
    const settings: SignedClient.Settings = {
      apiKey: options.apiKey,
      key: { type: options.keyType ?? "hmac", secret: options.apiSecret },
      recvWindow,
      timeout: options.timeout ?? Duration.seconds(30),
      retry: options.retry ?? {}
    }
    const sapi = yield* SignedClient.make(http, settings, {
      baseUrl: options.sapiUrl ?? defaultUrls.sapi,
      timeUrl: options.timeUrl,
      usageHeader: SignedClient.usageHeader("sapi", options.budget?.window ?? defaultBudget.window),
      budget: yield* makeBudget(options.budget, "sapiLimit")
    })
    const papi = yield* SignedClient.make(http, settings, {
      baseUrl: options.papiUrl ?? defaultUrls.papi,
      timeUrl: options.timeUrl,
      usageHeader: SignedClient.usageHeader("papi", options.budget?.window ?? defaultBudget.window),
      budget: yield* makeBudget(options.budget, "papiLimit")
    })

    const checkRecvWindow = (source: string) =>
      Number.isInteger(recvWindow) && recvWindow >= 1 && recvWindow <= 60_000
        ? Effect.void
        : Effect.fail(
          Errors.InvalidRequest.localFailure(source, `recvWindow must be an integer from 1 to 60000 ms, got ${recvWindow}`)
        )

    // One page: checked locally first, so an invalid query sends nothing.
    const page = <Q, A, I>(client: SignedClient.SignedClient, endpoint: Endpoint<Q, A, I>) => (query: Q) =>
      checkRecvWindow(endpoint.source).pipe(
        Effect.zipRight(endpoint.validatePageQuery(query)),
        Effect.zipRight(client.get({
          source: endpoint.source,
          path: endpoint.path,
          weight: endpoint.weight,
          params: endpoint.params(query),
          schema: endpoint.schema,
          fastDecode: endpoint.fastDecode
        }))
      )
    const cloudMiningPage = page(sapi, {
      ...CloudMining,
      schema: CloudMining.CloudMiningPage,
      fastDecode: Decoders.cloudMiningPage
    })
    const umIncomePage = page(papi, { ...UmIncome, schema: UmIncome.UmIncomePage, fastDecode: Decoders.umIncomePage })

    const cloudMining = History.cloudMining({
      page: cloudMiningPage,
      now: sapi.now,
      maxSpan: options.maxWindow?.cloudMining ?? Duration.days(30)
    })
    const umIncome = History.umIncome({
      page: umIncomePage,
      now: papi.now,
      maxSpan: options.maxWindow?.umIncome ?? Duration.days(7),
      retention: { mode: options.retention ?? "fail", period: options.retentionPeriod }
    })

    return {
      cloudMiningPage,
      cloudMining,
      umIncomePage,
      umIncome,
      sources: { cloudMining: History.cloudMiningSource(cloudMining), umIncome: History.umIncomeSource(umIncome) }
    }
  })

/**
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Amount } from "@ledgerkit/core"
 * import { Binance } from "@ledgerkit/providers"
 * import { Console, DateTime, Effect, Redacted, Stream } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const binance = yield* Binance.Binance
 *   yield* binance.cloudMining({
 *     from: DateTime.unsafeMake("2022-10-01T00:00:00Z"),
 *     to: DateTime.unsafeMake("2022-12-01T00:00:00Z")
 *   }).pipe(
 *     Stream.map(Binance.CloudMining.toLedgerEntry),
 *     Stream.runForEach((entry) => Console.log(entry.id, entry.kind, Amount.format(entry.amount), entry.asset))
 *   )
 * })
 *
 * // Against the mock (`npm start`); leave the URLs out for the real hosts. Run it with
 * // `Effect.runPromise(main)` or `NodeRuntime.runMain(main)`.
 * const main = program.pipe(
 *   Effect.provide(Binance.layer({
 *     apiKey: Redacted.make("mock-binance-api-key"),
 *     apiSecret: Redacted.make("mock-binance-api-secret"),
 *     sapiUrl: "http://127.0.0.1:4010",
 *     papiUrl: "http://127.0.0.1:4010"
 *   })),
 *   Effect.provide(FetchHttpClient.layer)
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Binance, never, HttpClient.HttpClient> =>
  Layer.effect(Binance, make(options))

/**
 * The environment: `BINANCE_API_KEY` and `BINANCE_API_SECRET` (redacted), `BINANCE_SAPI_URL`
 * and `BINANCE_PAPI_URL` (the real hosts by default).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Pick<Options, "apiKey" | "apiSecret" | "sapiUrl" | "papiUrl">> = Config.all({
  apiKey: Config.redacted("BINANCE_API_KEY"),
  apiSecret: Config.redacted("BINANCE_API_SECRET"),
  sapiUrl: Config.string("BINANCE_SAPI_URL").pipe(Config.withDefault(defaultUrls.sapi)),
  papiUrl: Config.string("BINANCE_PAPI_URL").pipe(Config.withDefault(defaultUrls.papi))
})

/**
 * The service configured from the environment (see `config`); other options are given here.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<Options, "apiKey" | "apiSecret" | "sapiUrl" | "papiUrl"> = {}
): Layer.Layer<Binance, import("effect/ConfigError").ConfigError, HttpClient.HttpClient> =>
  Layer.effect(Binance, Effect.flatMap(config, (fromEnv) => make({ ...options, ...fromEnv })))

/**
 * Both Binance sources of the service in context, for the unified ledger.
 *
 * @since 0.1.0
 * @category sources
 */
export const sources: Effect.Effect<ReadonlyArray<Source>, never, Binance> = Effect.map(
  Binance,
  (service) => [service.sources.cloudMining, service.sources.umIncome]
)
