/**
 * The signed client both Binance endpoints share, one per API host (SAPI, PAPI):
 *
 * - spends the request weight from the host's budget before each call, and re-syncs the
 *   budget from the host's usage header after it;
 * - signs with `timestamp` = Effect's `Clock` + the offset learned from the server;
 * - on `-1021` learns the offset from `GET /api/v3/time` and tries once more;
 * - maps answers to core's errors and decodes successes;
 * - retries with core's schedule (only `RateLimited` and `Unavailable`).
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { Headers, HttpClientRequest } from "@effect/platform"
import type { Budget, Errors } from "@ledgerkit/core"
import { Retry } from "@ledgerkit/core"
import { Array as Arr, Clock, Duration, Effect, Option, Redacted, Ref, Schema } from "effect"
import type { Reply } from "../internal/http.js"
import { decodeJson, integerHeader, send } from "../internal/http.js"
import { errorOf } from "./ErrorMapping.js"
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

const redactApiKey = Effect.locallyWith(
  Headers.currentRedactedNames,
  (names): ReadonlyArray<string | RegExp> => Arr.append(names, apiKeyHeader.toLowerCase())
)

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (http: HttpClient.HttpClient, settings: Settings, host: Host): Effect.Effect<SignedClient> =>
  Effect.gen(function*() {
    const offsetRef = yield* Ref.make(0)
    const base = host.baseUrl.replace(/\/+$/, "")
    const now = Effect.zipWith(Clock.currentTimeMillis, Ref.get(offsetRef), (local, offset) => local + offset)

    const exchange = (source: string, request: HttpClientRequest.HttpClientRequest) =>
      send(http, source, request, settings.timeout).pipe(redactApiKey)

    const failOrPass = (source: string, reply: Reply): Effect.Effect<Reply, Errors.LedgerError> =>
      Effect.flatMap(Clock.currentTimeMillis, (arrived) =>
        Option.match(errorOf(source, reply, arrived), {
          onNone: () => Effect.succeed(reply),
          onSome: Effect.fail
        }))

    const syncTime = (source: string): Effect.Effect<number, Errors.LedgerError> =>
      Effect.gen(function*() {
        const sent = yield* Clock.currentTimeMillis
        const reply = yield* exchange(source, HttpClientRequest.get(host.timeUrl ?? `${base}${timePath}`, { acceptJson: true }))
        const arrived = yield* Clock.currentTimeMillis
        yield* failOrPass(source, reply)
        const { serverTime } = yield* decodeJson(ServerTime, source, reply)
        // The server read its clock about halfway through the round trip.
        const offset = serverTime - Math.round((sent + arrived) / 2)
        yield* Ref.set(offsetRef, offset)
        yield* Effect.logDebug(`${source}: learned the server time offset`).pipe(
          Effect.annotateLogs({ offsetMillis: offset })
        )
        return offset
      })

    const once = <A, I>(request: SignedGet<A, I>): Effect.Effect<A, Errors.LedgerError> =>
      Effect.gen(function*() {
        yield* host.budget.spend(request.weight)
        const timestamp = yield* now
        const params = signedParams(settings.key, request.params, { recvWindow: settings.recvWindow, timestamp })
        const reply = yield* exchange(
          request.source,
          HttpClientRequest.get(`${base}${request.path}`, {
            urlParams: params,
            headers: { [apiKeyHeader]: Redacted.value(settings.apiKey) },
            acceptJson: true
          })
        )
        const used = integerHeader(reply.headers, host.usageHeader)
        if (Option.isSome(used)) yield* host.budget.report(used.value)
        yield* failOrPass(request.source, reply)
        return yield* decodeJson(request.schema, request.source, reply)
      })

    const get = <A, I>(request: SignedGet<A, I>): Effect.Effect<A, Errors.LedgerError> =>
      once(request).pipe(
        Effect.catchTag("ClockSkew", () => Effect.zipRight(syncTime(request.source), once(request))),
        Retry.retry(settings.retry)
      )

    return { get, now, offset: Ref.get(offsetRef), syncTime }
  })
