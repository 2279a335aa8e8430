/**
 * WOO X Pro's contract transaction history (`GET /contract/private/transaction-history`)
 * as an Effect service: one page as an `Effect`, the whole history as a `Stream` of
 * decoded records, and a `Source` of `LedgerEntry`s for the unified Ledger.
 *
 * The endpoint has no page and no cursor, only a time window and a page size, so a
 * history is walked with core's time-window engine: a window that comes back full is
 * halved and asked again, rows are de-duplicated by `(type, tran_id)`, and a single
 * millisecond holding a full page fails with `IncompletePagination` naming it, instead of
 * returning a short history.
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import { Budget, Errors, Pagination, Retry } from "@ledgerkit/core"
import { Config, type ConfigError, Context, DateTime, Duration, Effect, Either, Layer, Option, type Redacted, Stream } from "effect"
import * as Decoders from "./internal/decoders/wooxpro.js"
import * as Exchange from "./internal/exchange.js"
import { definedOf } from "./internal/options.js"
import * as Range from "./internal/range.js"
import type * as Source from "./Source.js"
import * as ErrorMapping from "./wooxpro/ErrorMapping.js"
import * as Mapping from "./wooxpro/Mapping.js"
import {
  type Account,
  type FlowType,
  keyOf,
  maxPageSize,
  source as sourceId,
  SuccessEnvelope,
  type Transaction
} from "./wooxpro/Records.js"
import * as Records from "./wooxpro/Records.js"
import * as Request from "./wooxpro/Request.js"

export {
  /**
   * The answers mapped to core's errors (the table is in the module's doc).
   *
   * @since 0.1.0
   * @category modules
   */
  ErrorMapping,
  /**
   * `toLedgerEntry`, with the type, status and sign mapping written down.
   *
   * @since 0.1.0
   * @category modules
   */
  Mapping,
  /**
   * The record, request and envelope schemas, and the endpoint's constants.
   *
   * @since 0.1.0
   * @category modules
   */
  Records,
  /**
   * One request: local validation and the request as sent.
   *
   * @since 0.1.0
   * @category modules
   */
  Request
}

/**
 * The real API host.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultApiUrl = "https://cloud-api.wooxpro.com"

/**
 * The rate limit assumed: 6 requests per 2 seconds per key (BitMart's documented limit
 * for this endpoint; WOO X Pro publishes none). The budget is re-synced from the
 * `X-BM-RateLimit-*` headers of every answer.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultBudget = { limit: 6, window: Duration.seconds(2) } as const

/**
 * @since 0.1.0
 * @category models
 */
export interface BudgetOptions {
  /** Spend and re-sync (default true). */
  readonly enabled?: boolean | undefined
  /** Requests per window (default 6). */
  readonly limit?: number | undefined
  /** Default 2 seconds. */
  readonly window?: Duration.DurationInput | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly apiKey: Redacted.Redacted<string>
  /** Default `https://cloud-api.wooxpro.com`. */
  readonly apiUrl?: string | undefined
  /**
   * How WOO X Pro reads `end_time` (undocumented): `inclusive` (`[start, end]`) or
   * `exclusive` (`[start, end)`). Unset (the default), walks assume neither: they ask
   * `end + 1 ms` and keep the window exactly, which loses nothing under either reading.
   * `start_time` is always asked 1 ms early, for the same reason.
   */
  readonly endBound?: Pagination.EndBound | undefined
  /** `page_size` for walking histories (1 to 1000, default 1000, the largest). */
  readonly pageSize?: number | undefined
  /** The longest window one request asks for (default 7 days, the provider's default span). */
  readonly maxWindow?: Duration.DurationInput | undefined
  readonly budget?: BudgetOptions | undefined
  readonly retry?: Retry.RetryOptions | undefined
  /** How long one request may take (default 30 s). */
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * One page query in WOO X Pro's terms (`startTime`/`endTime` sent as given).
 *
 * @since 0.1.0
 * @category models
 */
export type PageQuery = Request.PageQuery

/**
 * A whole-history query over `[from, to]`, both inclusive.
 *
 * @since 0.1.0
 * @category models
 */
export interface HistoryQuery {
  readonly from: DateTime.Utc
  readonly to: DateTime.Utc
  readonly symbol?: string | undefined
  readonly flowType?: FlowType | undefined
  readonly account?: Account | undefined
  /** Overrides the configured walking page size. */
  readonly pageSize?: number | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** One page: at most `pageSize` rows of the window, in the provider's order. */
  readonly transactionPage: (query: PageQuery) => Effect.Effect<ReadonlyArray<Transaction>, Errors.LedgerError>
  /**
   * Every row of `[from, to]` (the end frozen at `min(to, now)` when the stream starts),
   * each once by `(type, tran_id)`, in time order.
   */
  readonly transactions: (query: HistoryQuery) => Stream.Stream<Transaction, Errors.LedgerError>
  /** The `wooxpro.contract-transactions` source for the unified Ledger. */
  readonly source: Source.Source
}

/**
 * @since 0.1.0
 * @category tags
 */
export class WooXPro extends Context.Tag("@ledgerkit/providers/WooXPro")<WooXPro, Service>() {}

/**
 * Builds the service. The API key stays `Redacted` until the header is set, and the
 * header's name is redacted in logs and traces.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const limit = options.budget?.limit ?? defaultBudget.limit
    const budget = options.budget?.enabled === false
      ? Budget.unlimited
      : yield* Budget.make({ limit, window: options.budget?.window ?? defaultBudget.window })
    const target = { apiUrl: options.apiUrl ?? defaultApiUrl, apiKey: options.apiKey }
    const endBound = options.endBound

    const exchange = Exchange.make(client, {
      sign: (query: PageQuery) => Effect.succeed(Request.request(target, query)),
      // A 200 is decoded as a success first, so its body is parsed once; only one that
      // does not decode is read for its code (`refusal`), with the same errors.
      errorOf: (reply, arrived) => reply.status === 200 ? Option.none() : ErrorMapping.errorOf(reply, arrived),
      refusal: { when: ErrorMapping.isRefusal, error: ErrorMapping.refusalOf },
      budget,
      // `X-BM-RateLimit-Remaining` holds the number used (BitMart's naming), out of
      // `X-BM-RateLimit-Limit`.
      usage: { header: "x-bm-ratelimit-remaining", counts: "used", limitHeader: "x-bm-ratelimit-limit" },
      redactedHeaders: [Request.apiKeyHeader],
      timeout: options.timeout,
      retry: options.retry
    })

    const transactionPage = (query: PageQuery): Effect.Effect<ReadonlyArray<Transaction>, Errors.LedgerError> =>
      Effect.suspend(() =>
        Either.match(Request.validate(query), {
          onLeft: Effect.fail,
          onRight: (valid) =>
            Effect.map(exchange.run({ source: sourceId, request: valid, schema: SuccessEnvelope, fastDecode: Decoders.successEnvelope }), (e) => e.data)
        })
      )

    const transactions = (query: HistoryQuery): Stream.Stream<Transaction, Errors.LedgerError> =>
      Stream.unwrap(Effect.gen(function*() {
        const pageSize = query.pageSize ?? options.pageSize ?? maxPageSize
        const filters = { symbol: query.symbol, flowType: query.flowType, account: query.account, pageSize }
        // Validate everything once, before the first request.
        yield* Request.validate({ ...filters, startTime: query.from, endTime: query.to })
        // The end is frozen when the walk starts.
        const end = DateTime.min(query.to, yield* DateTime.now)
        // WOO X Pro's bounds are undocumented: each window is asked 1 ms wider on both
        // sides (either reading holds it; the engine keeps the window exactly), unless
        // `endBound` says how the end is read.
        const startTime = (window: Pagination.Window) => DateTime.subtract(window.start, { millis: 1 })
        const endTime = (window: Pagination.Window) =>
          endBound === "inclusive" ? window.end : DateTime.add(window.end, { millis: 1 })
        const span = Duration.toMillis(options.maxWindow ?? Duration.days(7))
        return Pagination.timeWindows({
          source: sourceId,
          range: { start: query.from, end },
          pageSize,
          // The widened ask stays within the longest window.
          maxSpan: Math.max(1, span - 2),
          fetch: (window) => transactionPage({ ...filters, startTime: startTime(window), endTime: endTime(window) }),
          timeOf: (t) => t.time,
          keyOf
        })
      }))

    // [from, to) is [from, to - 1 ms] in whole milliseconds.
    const source: Source.Source = {
      id: sourceId,
      entries: (range) =>
        Range.halfOpen(sourceId, range, () =>
          Stream.map(
            transactions({ from: range.from, to: DateTime.subtract(range.to, { millis: 1 }) }),
            Mapping.toLedgerEntry
          ))
    }

    return { transactionPage, transactions, source }
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<WooXPro, never, HttpClient.HttpClient> =>
  Layer.effect(WooXPro, make(options))

/**
 * The environment: `WOOXPRO_API_KEY` (redacted), `WOOXPRO_API_URL` (default
 * `https://cloud-api.wooxpro.com`) and `WOOXPRO_END_BOUND` (optional, `inclusive` or
 * `exclusive`: how WOO X Pro reads `end_time`; unset, walks assume neither).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Pick<Options, "apiKey" | "apiUrl" | "endBound">> = Config.all({
  apiKey: Config.redacted("WOOXPRO_API_KEY"),
  apiUrl: Config.string("WOOXPRO_API_URL").pipe(Config.withDefault(defaultApiUrl)),
  endBound: Config.option(Config.literal("inclusive", "exclusive")("WOOXPRO_END_BOUND"))
}).pipe(Config.map(({ endBound, ...rest }) => Option.match(endBound, { onNone: () => rest, onSome: (bound) => ({ ...rest, endBound: bound }) })))

/**
 * The service configured from the environment (see `config`); other options are given here.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<Options, "apiKey" | "apiUrl"> = {}
): Layer.Layer<WooXPro, ConfigError.ConfigError, HttpClient.HttpClient> =>
  // An end bound given here wins over WOOXPRO_END_BOUND.
  Layer.effect(WooXPro, Effect.flatMap(config, (fromEnv) => make({ ...fromEnv, ...definedOf(options) })))

/**
 * The `wooxpro.contract-transactions` source of the service in context.
 *
 * @since 0.1.0
 * @category sources
 */
export const source: Effect.Effect<Source.Source, never, WooXPro> = Effect.map(WooXPro, (s) => s.source)

/**
 * The sources of the service in context, for the unified ledger (as `Binance.sources`).
 *
 * @since 0.1.0
 * @category sources
 */
export const sources: Effect.Effect<ReadonlyArray<Source.Source>, never, WooXPro> = Effect.map(source, (s) => [s])
