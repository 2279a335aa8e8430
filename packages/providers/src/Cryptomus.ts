/**
 * Cryptomus's transaction list (`POST /v2/user-api/transaction/list`) as an Effect
 * service: one page as an `Effect`, the whole history as a `Stream` of decoded records
 * (walking `paginate.nextCursor`), and a `Source` of `LedgerEntry`s for the unified Ledger.
 *
 * Every page of a walk sends the same body, signed once over its exact bytes; later
 * pages add `?cursor=`.
 *
 * @since 0.1.0
 */
import { HttpClient } from "@effect/platform"
import { Budget, Errors, Pagination, Retry, Time } from "@ledgerkit/core"
import { Config, type ConfigError, Context, DateTime, Duration, Effect, Either, Layer, Option, type Redacted, Stream } from "effect"
import * as ErrorMapping from "./cryptomus/ErrorMapping.js"
import * as Mapping from "./cryptomus/Mapping.js"
import { source as sourceId, SuccessEnvelope, type Transaction, type TransactionPage } from "./cryptomus/Records.js"
import * as Records from "./cryptomus/Records.js"
import * as Request from "./cryptomus/Request.js"
import * as Signing from "./cryptomus/Signing.js"
import * as Decoders from "./internal/decoders/cryptomus.js"
import * as Exchange from "./internal/exchange.js"
import { definedOf } from "./internal/options.js"
import * as Range from "./internal/range.js"
import type * as Source from "./Source.js"

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
export const defaultApiUrl = "https://api.cryptomus.com"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The account id sent in the `userId` (or `merchant`) header. */
  readonly userId: string
  readonly apiKey: Redacted.Redacted<string>
  /** Default `https://api.cryptomus.com`. */
  readonly apiUrl?: string | undefined
  /** `userId` (user API, default) or `merchant` (business API). */
  readonly principalHeader?: Request.PrincipalHeader | undefined
  /**
   * The zone in which Cryptomus reads `date_from` and `date_to` (undocumented; default
   * UTC): an IANA name (`Europe/Moscow`, daylight saving included) or an offset
   * (`+03:00`). Wins over `utcOffsetMinutes`.
   */
  readonly timeZone?: string | undefined
  /**
   * The same as a fixed offset from UTC, in minutes east (default 0). From -840 to 840.
   */
  readonly utcOffsetMinutes?: number | undefined
  /**
   * What `nextCursor` is (undocumented): `keyset` (default), as the docs' own cursor
   * example is, Laravel's `{"id":212,"_pointsToNextItems":true}`: each window of the walk
   * is read by following its cursors. `opaque` for a cursor that may count records (an
   * offset): each window is then read as one page and split until one page holds it.
   */
  readonly cursor?: Pagination.CursorKind | undefined
  /** Write `/` in the body as `\/`, as the official PHP SDK does (default false). */
  readonly escapeSlashes?: boolean | undefined
  /**
   * Cryptomus publishes no rate limit. By default the client does not throttle itself
   * and retries 429s (after their Retry-After); set a limit here to stay under one you
   * know. A set limit is re-synced from Laravel's `X-RateLimit-Remaining` when sent.
   */
  readonly rateLimit?: { readonly limit: number; readonly window: Duration.DurationInput } | undefined
  readonly retry?: Retry.RetryOptions | undefined
  /** How long one request may take (default 30 s). */
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * One page query in Cryptomus's terms.
 *
 * @since 0.1.0
 * @category models
 */
export type PageQuery = Request.PageQuery

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** One page: the first (no cursor) or the one a `nextCursor` points at. */
  readonly transactionPage: (
    query: PageQuery,
    cursor?: string | undefined
  ) => Effect.Effect<TransactionPage, Errors.LedgerError>
  /**
   * Every transaction created in the seconds `dateFrom` to `dateTo` (both named seconds
   * inclusive; default from the epoch to the last second fully passed when the stream
   * starts) matching the type, each once by `uuid`, in time order, even while
   * transactions arrive, change or leave during the walk (see the README's guarantees).
   */
  readonly transactions: (query?: PageQuery) => Stream.Stream<Transaction, Errors.LedgerError>
  /** The `cryptomus.transactions` source for the unified Ledger. */
  readonly source: Source.Source
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Cryptomus extends Context.Tag("@ledgerkit/providers/Cryptomus")<Cryptomus, Service>() {}

/**
 * Builds the service. The API key stays `Redacted`; it is read only to sign.
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
      userId: options.userId,
      apiKey: options.apiKey,
      principalHeader: options.principalHeader ?? "userId"
    }
    const zone = options.timeZone === undefined ? Either.right(undefined) : Time.parseZone(options.timeZone)
    const format: Request.BodyFormat = {
      utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
      zone: Either.getOrUndefined(zone),
      escapeSlashes: options.escapeSlashes ?? false
    }
    const offsetProblem = Either.isLeft(zone)
      ? Option.some(`timeZone: ${zone.left}`)
      : Number.isInteger(format.utcOffsetMinutes) && Math.abs(format.utcOffsetMinutes) <= 840
      ? Option.none()
      : Option.some(`utcOffsetMinutes must be an integer from -840 to 840, got ${format.utcOffsetMinutes}`)
    // Near a daylight-saving change a wall-clock bound can name two instants or none:
    // such a bound is moved three hours outwards (the engine keeps the window exactly).
    const dstMargin = (t: DateTime.Utc): number =>
      format.zone === undefined ||
        Time.offsetAt(DateTime.subtract(t, { hours: 3 }), format.zone) ===
          Time.offsetAt(DateTime.add(t, { hours: 3 }), format.zone)
        ? 0
        : 3

    const exchange = Exchange.make(client, {
      sign: (page: { readonly body: string; readonly cursor: Option.Option<string> }) =>
        Effect.succeed(Request.signed(target, page.body, page.cursor)),
      errorOf: Exchange.unless200(ErrorMapping.fromReply),
      // A 200 whose state is not 0 is a refusal, not a malformed page.
      refusal: { when: isRefusal, error: ErrorMapping.fromReply },
      budget,
      // Laravel's `X-RateLimit-Remaining` (what is left of `X-RateLimit-Limit`), when sent.
      usage: { header: "x-ratelimit-remaining", counts: "left" },
      redactedHeaders: ["sign"],
      timeout: options.timeout,
      retry: options.retry
    })

    // The body is validated and written once per page request (or per walk): every
    // retry and every page of a walk sends and signs the same bytes.
    const prepare = (query: PageQuery): Either.Either<string, Errors.InvalidRequest> =>
      Option.match(offsetProblem, {
        onSome: (reason) => Either.left(Errors.InvalidRequest.localFailure(sourceId, reason)),
        onNone: () => Either.map(Request.validate(query), (valid) => Request.bodyText(valid, format))
      })

    const fetch = (body: string, cursor: Option.Option<string>) =>
      Effect.map(exchange.run({
        source: sourceId,
        request: { body, cursor },
        schema: SuccessEnvelope,
        fastDecode: Decoders.successEnvelope
      }), (e) => e.result)

    const transactionPage = (query: PageQuery, cursor?: string | undefined) =>
      Effect.suspend(() =>
        Either.match(prepare(query), {
          onLeft: Effect.fail,
          onRight: (body) => fetch(body, Option.fromNullable(cursor))
        })
      )

    // Time windows read by their keyset cursors, or (opaque cursors) each as one page,
    // split until one page holds it (see core's `cursorWindows`): what moves between
    // requests cannot shift a page under the walk. Repeats are dropped by uuid. Bounds are
    // undocumented: each window is asked one second wider on both sides.
    const walk = (range: Pagination.Window, type: PageQuery["type"]) =>
      Pagination.cursorWindows({
        source: sourceId,
        range,
        resolution: Duration.seconds(1),
        cursor: options.cursor ?? "keyset",
        fetch: (window, cursor: Option.Option<string>) =>
          Either.match(
            prepare({
              type,
              dateFrom: DateTime.max(
                DateTime.unsafeMake(0),
                DateTime.subtract(window.start, { seconds: 1, hours: dstMargin(window.start) })
              ),
              dateTo: DateTime.add(window.end, { millis: 1, hours: dstMargin(window.end) })
            }),
            {
              onLeft: Effect.fail,
              onRight: (body) =>
                Effect.map(fetch(body, cursor), (page) => ({
                  items: page.items,
                  next: Option.fromNullable(page.paginate.nextCursor)
                }))
            }
          ),
        timeOf: (t) => t.created_at,
        keyOf: (t) => t.uuid
      })

    const transactions = (query: PageQuery = {}): Stream.Stream<Transaction, Errors.LedgerError> =>
      Stream.unwrap(Effect.gen(function*() {
        // Frozen at the last second fully passed: the current one may still receive records.
        const passed = Range.lastPassedSecond(yield* DateTime.now)
        const dateFrom = query.dateFrom ?? DateTime.unsafeMake(0)
        yield* prepare({ ...query, dateFrom })
        const named = query.dateTo === undefined ? passed : DateTime.add(query.dateTo, { millis: 999 })
        return walk({ start: dateFrom, end: DateTime.min(named, passed) }, query.type)
      }))

    const source: Source.Source = {
      id: sourceId,
      entries: (range) =>
        Range.halfOpenUntilNow(sourceId, range, (now) =>
          Stream.unwrap(Effect.as(
            prepare({}),
            walk({ start: range.from, end: DateTime.min(Range.inclusiveEnd(range), Range.lastPassedSecond(now)) }, undefined)
              .pipe(Stream.map(Mapping.toLedgerEntry))
          )))
    }

    return { transactionPage, transactions, source }
  })

const isRefusal = (json: unknown): boolean =>
  typeof json === "object" && json !== null && "state" in json && json.state !== 0

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Cryptomus, never, HttpClient.HttpClient> =>
  Layer.effect(Cryptomus, make(options))

/**
 * The environment: `CRYPTOMUS_USER_ID`, `CRYPTOMUS_API_KEY` (redacted),
 * `CRYPTOMUS_API_URL` (default `https://api.cryptomus.com`), `CRYPTOMUS_TIME_ZONE`
 * (optional: the zone Cryptomus reads dates in, an IANA name or an offset; default UTC)
 * and `CRYPTOMUS_CURSOR` (optional: `keyset` or `opaque`, see `Options.cursor`).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Pick<Options, "userId" | "apiKey" | "apiUrl" | "timeZone" | "cursor">> = Config
  .all({
    userId: Config.string("CRYPTOMUS_USER_ID"),
    apiKey: Config.redacted("CRYPTOMUS_API_KEY"),
    apiUrl: Config.string("CRYPTOMUS_API_URL").pipe(Config.withDefault(defaultApiUrl)),
    timeZone: Config.option(Config.string("CRYPTOMUS_TIME_ZONE")),
    cursor: Config.option(Config.literal("keyset", "opaque")("CRYPTOMUS_CURSOR"))
  })
  .pipe(Config.map(({ cursor, timeZone, ...rest }) => ({
    ...rest,
    ...Option.match(timeZone, { onNone: () => ({}), onSome: (zone) => ({ timeZone: zone }) }),
    ...Option.match(cursor, { onNone: () => ({}), onSome: (kind) => ({ cursor: kind }) })
  })))

/**
 * The service configured from the environment (see `config`); other options are given here.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<Options, "userId" | "apiKey" | "apiUrl"> = {}
): Layer.Layer<Cryptomus, ConfigError.ConfigError, HttpClient.HttpClient> =>
  // A zone given here wins over CRYPTOMUS_TIME_ZONE.
  Layer.effect(Cryptomus, Effect.flatMap(config, (fromEnv) => make({ ...fromEnv, ...definedOf(options) })))

/**
 * The `cryptomus.transactions` source of the service in context.
 *
 * @since 0.1.0
 * @category sources
 */
export const source: Effect.Effect<Source.Source, never, Cryptomus> = Effect.map(Cryptomus, (s) => s.source)

/**
 * The sources of the service in context, for the unified ledger (as `Binance.sources`).
 *
 * @since 0.1.0
 * @category sources
 */
export const sources: Effect.Effect<ReadonlyArray<Source.Source>, never, Cryptomus> = Effect.map(source, (s) => [s])
