/**
 * The signed client both Binance endpoints share, one per API host (SAPI, PAPI), as the
 * hooks of the shared request pipeline (`internal/exchange`):
 *
 * - spends the request weight from the host's budget before each call, and re-syncs the
 *   budget from the host's usage header (the weight used) after it;
 * - signs with `timestamp` = Effect's `Clock` + the offset learned from the server;
 * - on `-1021` learns the offset from `GET /api/v3/time` and tries once more;
 * - maps answers to core's errors (`ErrorMapping`) and decodes successes;
 * - retries with core's schedule (only `RateLimited` and `Unavailable`).
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { HttpClientRequest } from "@effect/platform"
import type { Budget, Errors, Retry } from "@ledgerkit/core"
import { Clock, Duration, Effect, Option, Redacted, Ref, Schema } from "effect"
import * as Exchange from "../internal/exchange.js"
import type { FastDecode, Reply } from "../internal/http.js"
import { errorOf, errorOfSuccess } from "./ErrorMapping.js"
import type { SigningKey } from "./Signer.js"
import { signedParams } from "./Signer.js"

/**
 * The API key header; it is added to `Headers.currentRedactedNames` while requests run.
 *
 * @since 0.1.0
 * @category constants
 */
export const apiKeyHeader = "X-MBX-APIKEY"

/**
 * Where the server time is read after a `-1021`.
 *
 * @since 0.1.0
 * @category constants
 */
export const timePath = "/api/v3/time"

/**
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  readonly apiKey: Redacted.Redacted<string>
  readonly key: SigningKey
  /** Milliseconds, 1 to 60000. */
  readonly recvWindow: number
  readonly timeout: Duration.DurationInput
  readonly retry: Retry.RetryOptions
}

/**
 * One API host.
 *
 * @since 0.1.0
 * @category models
 */
export interface Host {
  readonly baseUrl: string
  /** Where the server time is read (default `baseUrl` + `/api/v3/time`). */
  readonly timeUrl?: string | undefined
  /** The header that reports the weight used in the current minute (lower case). */
  readonly usageHeader: string
  readonly budget: Budget.Budget
}

/**
 * One signed GET.
 *
 * @since 0.1.0
 * @category models
 */
export interface SignedGet<A, I> {
  readonly source: string
  readonly path: string
  readonly weight: number
  readonly params: ReadonlyArray<readonly [string, string]>
  readonly schema: Schema.Schema<A, I>
  /** A fast twin of `schema`'s decode, tried first (see the exchange). */
  readonly fastDecode?: FastDecode<A> | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SignedClient {
  /** Sends a signed GET, with time sync and retries, and decodes the answer. */
  readonly get: <A, I>(request: SignedGet<A, I>) => Effect.Effect<A, Errors.LedgerError>
  /** The server's time as far as the client knows: the clock plus the learned offset. */
  readonly now: Effect.Effect<number>
  /** The learned offset from the local clock to the server's, in milliseconds. */
  readonly offset: Effect.Effect<number>
  /** Reads the server time and learns the offset now. */
  readonly syncTime: (source: string) => Effect.Effect<number, Errors.LedgerError>
}

/**
 * The interval in a Binance usage header's name (`X-MBX-USED-WEIGHT-1M`): `1M`, `10S`,
 * `1H`, `1D`.
 *
 * @since 0.1.0
 * @category headers
 */
export const intervalText = (window: Duration.DurationInput): string => {
  const millis = Duration.toMillis(window)
  for (const [unit, size] of [["D", 86_400_000], ["H", 3_600_000], ["M", 60_000]] as const) {
    if (millis % size === 0) return `${millis / size}${unit}`
  }
  return `${Math.max(1, Math.round(millis / 1000))}S`
}

/**
 * The usage header a host reports for a window, lower case: SAPI UID weight
 * (`x-sapi-used-uid-weight-1m`) or PAPI weight (`x-mbx-used-weight-1m`).
 *
 * @since 0.1.0
 * @category headers
 */
export const usageHeader = (api: "sapi" | "papi", window: Duration.DurationInput): string =>
  `${api === "sapi" ? "x-sapi-used-uid-weight" : "x-mbx-used-weight"}-${intervalText(window).toLowerCase()}`

const ServerTime = Schema.Struct({ serverTime: Schema.Number.pipe(Schema.int()) })

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (http: HttpClient.HttpClient, settings: Settings, host: Host): Effect.Effect<SignedClient> =>
  Effect.gen(function*() {
    const offsetRef = yield* Ref.make(0)
    const base = host.baseUrl.replace(/\/+$/, "")
    const now = Effect.zipWith(Clock.currentTimeMillis, Ref.get(offsetRef), (local, offset) => local + offset)
    // A success's body is parsed once: by the exchange, which then reads it for a refusal.
    const common = {
      errorOf: (reply: Reply, arrived: number, source: string) =>
        reply.status >= 200 && reply.status < 300 ? Option.none() : errorOf(source, reply, arrived),
      errorOfBody: (json: unknown, reply: Reply, arrived: number, source: string) =>
        errorOfSuccess(source, reply, arrived, json),
      redactedHeaders: [apiKeyHeader],
      timeout: settings.timeout
    }

    // The server time: unsigned, outside the budget, not retried on its own.
    const time = Exchange.make(http, { ...common, sign: Effect.succeed<HttpClientRequest.HttpClientRequest> })
    const syncTime = (source: string): Effect.Effect<number, Errors.LedgerError> =>
      Effect.gen(function*() {
        const sent = yield* Clock.currentTimeMillis
        const { serverTime } = yield* time.attempt({
          source,
          request: HttpClientRequest.get(host.timeUrl ?? `${base}${timePath}`, { acceptJson: true }),
          schema: ServerTime
        })
        const arrived = yield* Clock.currentTimeMillis
        // The server read its clock about halfway through the round trip.
        const offset = serverTime - Math.round((sent + arrived) / 2)
        yield* Ref.set(offsetRef, offset)
        yield* Effect.logDebug(`${source}: learned the server time offset`).pipe(
          Effect.annotateLogs({ offsetMillis: offset })
        )
        return offset
      })

    // Signed with `timestamp` = the server's time as far as the client knows.
    const signed = Exchange.make(http, {
      ...common,
      sign: (request: Pick<SignedGet<unknown, unknown>, "path" | "params">) =>
        Effect.map(now, (timestamp) =>
          HttpClientRequest.get(`${base}${request.path}`, {
            urlParams: signedParams(settings.key, request.params, { recvWindow: settings.recvWindow, timestamp }),
            headers: { [apiKeyHeader]: Redacted.value(settings.apiKey) },
            acceptJson: true
          })),
      budget: host.budget,
      usage: { header: host.usageHeader, counts: "used" },
      syncClock: syncTime,
      retry: settings.retry
    })

    const get = <A, I>(request: SignedGet<A, I>): Effect.Effect<A, Errors.LedgerError> =>
      signed.run({
        source: request.source,
        request,
        schema: request.schema,
        fastDecode: request.fastDecode,
        weight: request.weight
      })

    return { get, now, offset: Ref.get(offsetRef), syncTime }
  })
