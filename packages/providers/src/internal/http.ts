/**
 * The HTTP steps of the shared exchange (`exchange.ts`): send a request, read the whole
 * body, turn transport failures into `Unavailable`, and decode JSON bodies into typed
 * records (`MalformedResponse` with an excerpt when they do not decode).
 */
import type { HttpClient, HttpClientRequest } from "@effect/platform"
import { Headers } from "@effect/platform"
import { Errors, Json } from "@ledgerkit/core"
import { DateTime, Duration, Effect, Either, Option, ParseResult, Schema } from "effect"

/** A provider's answer: status, headers (lower-case names) and the body as text. */
export interface Reply {
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: string
}

/**
 * Sends one request and reads the whole body. Transport failures (refused, reset,
 * truncated) and timeouts become `Unavailable`; the message never repeats the URL,
 * which for signed requests carries the signature.
 */
export const send = (
  client: HttpClient.HttpClient,
  source: string,
  request: HttpClientRequest.HttpClientRequest,
  timeout: Duration.DurationInput = "30 seconds"
): Effect.Effect<Reply, Errors.Unavailable> =>
  client.execute(request).pipe(
    Effect.flatMap((response) =>
      Effect.map(response.text, (body): Reply => ({ status: response.status, headers: response.headers, body }))
    ),
    Effect.scoped,
    Effect.timeoutFail({
      duration: timeout,
      onTimeout: () => new Errors.Unavailable({ source, reason: `no answer within ${Duration.format(timeout)}` })
    }),
    Effect.catchTags({
      RequestError: (e) => Effect.fail(new Errors.Unavailable({ source, reason: `${e.reason} error: ${causeText(e.cause)}` })),
      ResponseError: (e) =>
        Effect.fail(
          new Errors.Unavailable({ source, status: e.response.status, reason: `${e.reason} error: ${causeText(e.cause)}` })
        )
    })
  )

const causeText = (cause: unknown): string => {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause
    return inner instanceof Error ? `${cause.message}: ${inner.message}` : cause.message
  }
  return String(cause)
}

/**
 * Parses a body as JSON, or fails with `MalformedResponse`. `exact` keeps as their text
 * the number literals a double would not write back unchanged (core's `Json.parsePlain`),
 * for providers that send amounts as JSON numbers.
 */
export const parseJson = (
  source: string,
  reply: Reply,
  exact = false
): Effect.Effect<unknown, Errors.MalformedResponse> =>
  Effect.try({
    try: () => exact ? Json.parsePlain(reply.body) : JSON.parse(reply.body) as unknown,
    catch: (e) =>
      new Errors.MalformedResponse({
        source,
        status: reply.status,
        reason: `the body is not JSON (${e instanceof Error ? e.message : String(e)})`,
        excerpt: Errors.MalformedResponse.excerptOf(reply.body)
      })
  })

/**
 * A hand-written twin of a schema's decode (`wire.ts`): the same value, or `undefined`
 * where the schema's decode would fail.
 */
export type FastDecode<A> = (json: unknown) => A | undefined

/**
 * Decodes an already parsed JSON value, or fails with `MalformedResponse`. `fast` is tried
 * first; where it gives `undefined` the schema decodes, so a failure is always the schema's.
 */
export const decode = <A, I>(schema: Schema.Schema<A, I>, source: string, reply: Reply, fast?: FastDecode<A>) => {
  const decodeUnknown = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })
  return (json: unknown): Effect.Effect<A, Errors.MalformedResponse> => {
    const decoded = fast?.(json)
    return decoded !== undefined ? Effect.succeed(decoded) : Either.match(decodeUnknown(json), {
      onRight: Effect.succeed,
      onLeft: (e) =>
        Effect.fail(
          new Errors.MalformedResponse({
            source,
            status: reply.status,
            reason: ParseResult.TreeFormatter.formatErrorSync(e),
            excerpt: Errors.MalformedResponse.excerptOf(reply.body)
          })
        )
    })
  }
}

/** A header as a non-negative integer, if present and well-formed. */
export const integerHeader = (headers: Headers.Headers, name: string): Option.Option<number> =>
  Option.flatMap(Headers.get(headers, name), (value) => /^\d+$/.test(value.trim()) ? Option.some(Number(value.trim())) : Option.none())

/** `Retry-After` in seconds (the form every provider here uses). */
export const retryAfter = (headers: Headers.Headers): Duration.Duration | undefined =>
  Option.getOrUndefined(Option.map(integerHeader(headers, "retry-after"), Duration.seconds))

/**
 * Runs an effect with more header names redacted in logs, traces and `toString` of
 * requests (`authorization` and `x-api-key` are redacted by default).
 */
export const redactHeaders = (names: ReadonlyArray<string>) =>
  Effect.locallyWith(
    Headers.currentRedactedNames,
    (current): ReadonlyArray<string | RegExp> => [...current, ...names.map((n) => n.toLowerCase())]
  )

/**
 * `Banned` for an answer that arrived at `nowMillis`: until then + the wait the provider
 * asked for (`Retry-After` unless given), when it asked for one.
 */
export const banned = (
  provider: {
    readonly source: string
    readonly status?: number | undefined
    readonly providerCode?: number | string | undefined
    readonly providerMessage?: string | undefined
  },
  reply: Reply,
  nowMillis: number,
  wait: Duration.Duration | undefined = retryAfter(reply.headers)
): Errors.Banned =>
  new Errors.Banned({
    ...provider,
    retryAfter: wait,
    until: wait === undefined ? undefined : DateTime.unsafeMake(nowMillis + Duration.toMillis(wait))
  })
