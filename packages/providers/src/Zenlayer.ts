/**
 * Zenlayer Cloud's recharge and refund history (`DescribeRechargeRefundHistory`) as an
 * Effect service: one page as an `Effect`, the whole history as a `Stream` of decoded
 * records, and a `Source` of `LedgerEntry`s for the unified Ledger.
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import { Budget, Errors, Pagination, Retry } from "@ledgerkit/core"
import { Clock, Config, type ConfigError, Context, DateTime, Duration, Effect, Either, Layer, type Redacted, Stream } from "effect"
import * as Decoders from "./internal/decoders/zenlayer.js"
import * as Exchange from "./internal/exchange.js"
import * as Range from "./internal/range.js"
import type * as Source from "./Source.js"
import * as ErrorMapping from "./zenlayer/ErrorMapping.js"
import * as Mapping from "./zenlayer/Mapping.js"
import {
  type RechargeRefund,
  type RechargeRefundPage,
  type RechargeState,
  source as sourceId,
  SuccessEnvelope
} from "./zenlayer/Records.js"
import * as Records from "./zenlayer/Records.js"
import * as Request from "./zenlayer/Request.js"
import * as Signing from "./zenlayer/Signing.js"

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
  Request,
  /**
   * The signature.
   *
   * @since 0.1.0
   * @category modules
   */
  Signing
}

/**
 * The real API host.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultApiUrl = "https://console.zenlayer.com"

/**
 * The page size used to walk a history unless configured: the 5000 maximum, since each
 * window of a walk is read in one answer (fewer, fuller windows; a page is about 2 MB).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPageSize = 5000

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly accessKeyId: string
  readonly accessKeyPassword: Redacted.Redacted<string>
  /** Default `https://console.zenlayer.com`. */
  readonly apiUrl?: string | undefined
  /** Page size for walking histories (1 to 5000, default 1000). */
  readonly pageSize?: number | undefined
  /**
   * Zenlayer publishes no rate limit. By default the client does not throttle itself
   * and relies on retrying `REQUEST_LIMIT_EXCEEDED` (429) as the official SDKs do; set a
   * limit here to stay under one you know.
   */
  readonly rateLimit?: { readonly limit: number; readonly window: Duration.DurationInput } | undefined
  readonly retry?: Retry.RetryOptions | undefined
  /** How long one request may take (default 30 s). */
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * One page request, in Zenlayer's own terms. `startTime` and `endTime` are sent as
 * given; how Zenlayer bounds them is not documented (walks do not depend on it).
 *
 * @since 0.1.0
 * @category models
 */
export interface PageRequest {
  readonly pageNum?: number | undefined
  readonly pageSize?: number | undefined
  readonly state?: ReadonlyArray<RechargeState> | undefined
  readonly startTime?: DateTime.Utc | undefined
  readonly endTime?: DateTime.Utc | undefined
}

/**
 * A whole-history request: the filters of a page, without the page; `startTime` and
 * `endTime` are both inclusive.
 *
 * @since 0.1.0
 * @category models
 */
export type HistoryRequest = Omit<PageRequest, "pageNum">

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** One page. */
  readonly rechargeRefundPage: (request: PageRequest) => Effect.Effect<RechargeRefundPage, Errors.LedgerError>
  /**
   * Every record with `startTime <= transactionTime <= endTime` (default: from the epoch
   * to the last second fully passed when the stream starts) matching the filters, each
   * once, in time order, even while records settle, arrive or leave during the walk:
   * each time window is read in one request (see the README's guarantees).
   */
  readonly rechargeRefunds: (request?: HistoryRequest) => Stream.Stream<RechargeRefund, Errors.LedgerError>
  /** The `zenlayer.recharge-refund` source for the unified Ledger. */
  readonly source: Source.Source
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Zenlayer extends Context.Tag("@ledgerkit/providers/Zenlayer")<Zenlayer, Service>() {}

/**
 * Builds the service on the `HttpClient` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const budget = options.rateLimit === undefined ? Budget.unlimited : yield* Budget.make(options.rateLimit)
    const target: Request.Target = {
      apiUrl: options.apiUrl ?? defaultApiUrl,
      accessKeyId: options.accessKeyId,
      accessKeyPassword: options.accessKeyPassword
    }
    const walkPageSize = options.pageSize ?? defaultPageSize

    const exchange = Exchange.make(client, {
      // Signed with the time of each attempt.
      sign: (body: string) => Effect.map(Clock.currentTimeMillis, (now) => Request.signed(target, body, now)),
      errorOf: Exchange.unless200(ErrorMapping.fromReply),
      // A 200 carrying the error shape is still an error.
      refusal: { when: (json) => "code" in Object(json), error: ErrorMapping.fromReply },
      budget,
      // Amounts are JSON numbers: their literals are kept, never read through a double.
      exactNumbers: true,
      timeout: options.timeout,
      retry: options.retry
    })

    const rechargeRefundPage = (request: PageRequest) =>
      Effect.suspend(() =>
        Either.match(Request.validate(request), {
          onLeft: Effect.fail,
          onRight: (body) =>
            Effect.map(
              exchange.run({
                source: sourceId,
                request: Request.bodyText(body),
                schema: SuccessEnvelope,
                fastDecode: Decoders.successEnvelope
              }),
              (envelope) => envelope.response
            )
        })
      )

    const rechargeRefunds = (request: HistoryRequest = {}): Stream.Stream<RechargeRefund, Errors.LedgerError> =>
      Stream.unwrap(Effect.gen(function*() {
        const pageSize = request.pageSize ?? walkPageSize
        // Frozen at the last second that has fully passed: one created in the current
        // second could still arrive inside the window.
        const passed = Range.lastPassedSecond(yield* DateTime.now)
        const start = request.startTime ?? DateTime.unsafeMake(0)
        const end = request.endTime === undefined ? passed : DateTime.min(request.endTime, passed)
        const filters = { pageSize, state: request.state }
        // Validate once before the first request, so that nothing is sent for a bad one.
        yield* Request.validate({ ...filters, startTime: start, endTime: request.endTime ?? end, pageNum: 1 })
        // Each window is read as one page (see core's `pageNumberWindows`): a record that
        // settles or arrives between two requests cannot shift a page under the walk.
        // Zenlayer's bound rules are undocumented: each window is asked one second wider
        // on both sides, so that either reading of either bound holds it, and the engine
        // keeps exactly the window.
        return Pagination.pageNumberWindows({
          source: sourceId,
          range: { start, end },
          pageSize,
          resolution: Duration.seconds(1),
          fetch: (window, pageNum) =>
            Effect.map(
              rechargeRefundPage({
                ...filters,
                pageNum,
                startTime: DateTime.max(DateTime.unsafeMake(0), DateTime.subtract(window.start, { seconds: 1 })),
                endTime: DateTime.add(window.end, { millis: 1 })
              }),
              (page) => ({ items: page.dataSet, total: page.totalCount })
            ),
          timeOf: (r) => r.transactionTime,
          keyOf: (r) => r.transactionId
        })
      }))

    const source: Source.Source = {
      id: sourceId,
      entries: (range) =>
        Range.halfOpenUntilNow(sourceId, range, () =>
          rechargeRefunds({ startTime: range.from, endTime: Range.inclusiveEnd(range) }).pipe(Stream.map(Mapping.toLedgerEntry)))
    }

    return { rechargeRefundPage, rechargeRefunds, source }
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Zenlayer, never, HttpClient.HttpClient> =>
  Layer.effect(Zenlayer, make(options))

/**
 * The environment: `ZENLAYER_ACCESS_KEY_ID`, `ZENLAYER_ACCESS_KEY_PASSWORD` (redacted) and
 * `ZENLAYER_API_URL` (default `https://console.zenlayer.com`).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Pick<Options, "accessKeyId" | "accessKeyPassword" | "apiUrl">> = Config.all({
  accessKeyId: Config.string("ZENLAYER_ACCESS_KEY_ID"),
  accessKeyPassword: Config.redacted("ZENLAYER_ACCESS_KEY_PASSWORD"),
  apiUrl: Config.string("ZENLAYER_API_URL").pipe(Config.withDefault(defaultApiUrl))
})

/**
 * The service configured from the environment (see `config`); other options are given here.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<Options, "accessKeyId" | "accessKeyPassword" | "apiUrl"> = {}
): Layer.Layer<Zenlayer, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(Zenlayer, Effect.flatMap(config, (fromEnv) => make({ ...options, ...fromEnv })))

/**
 * The `zenlayer.recharge-refund` source of the service in context.
 *
 * @since 0.1.0
 * @category sources
 */
export const source: Effect.Effect<Source.Source, never, Zenlayer> = Effect.map(Zenlayer, (s) => s.source)

/**
 * The sources of the service in context, for the unified ledger (as `Binance.sources`).
 *
 * @since 0.1.0
 * @category sources
 */
export const sources: Effect.Effect<ReadonlyArray<Source.Source>, never, Zenlayer> = Effect.map(source, (s) => [s])
