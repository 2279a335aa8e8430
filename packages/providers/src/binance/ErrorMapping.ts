/**
 * Binance answers mapped to core's error family.
 *
 * | answer | error |
 * |---|---|
 * | HTTP 418 | `Banned`, until now + Retry-After |
 * | HTTP 429, or code -1003 | `RateLimited`, with Retry-After |
 * | code -1021 | `ClockSkew` |
 * | code -1022, -2014, -2015, or HTTP 401 | `Unauthorized` |
 * | HTTP 5xx | `Unavailable` |
 * | another 4xx with `{code, msg}` (or a 2xx carrying a negative code) | `InvalidRequest` with the code and msg |
 * | another 4xx whose body is not `{code, msg}` | `MalformedResponse` with an excerpt |
 *
 * Transport failures become `Unavailable` in the shared exchange, and a 2xx body that does
 * not decode becomes `MalformedResponse`.
 *
 * @since 0.1.0
 */
import { Errors } from "@ledgerkit/core"
import { DateTime, Duration, Option } from "effect"
import type { Reply } from "../internal/http.js"
import { retryAfter } from "../internal/http.js"

/**
 * Codes that mean the credentials were refused.
 *
 * @since 0.1.0
 * @category codes
 */
export const unauthorizedCodes: ReadonlyArray<number> = [-1022, -2014, -2015]

/**
 * @since 0.1.0
 * @category codes
 */
export const clockSkewCode = -1021

/**
 * @since 0.1.0
 * @category codes
 */
export const tooManyRequestsCode = -1003

/**
 * Binance's error body `{code, msg}`, when the body is one.
 *
 * @since 0.1.0
 * @category parsing
 */
export const errorBody = (body: string): Option.Option<{ readonly code: number; readonly msg: string }> => {
  try {
    return errorBodyOf(JSON.parse(body))
  } catch {
    return Option.none()
  }
}

/**
 * `errorBody` of a body already parsed.
 *
 * @since 0.2.0
 * @category parsing
 */
export const errorBodyOf = (json: unknown): Option.Option<{ readonly code: number; readonly msg: string }> => {
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const { code, msg } = json as { readonly code?: unknown; readonly msg?: unknown }
    if (typeof code === "number" && Number.isInteger(code)) {
      return Option.some({ code, msg: typeof msg === "string" ? msg : "" })
    }
  }
  return Option.none()
}

/**
 * The error an answer stands for, or `None` when it is a success to decode. `nowMillis` is
 * when the answer arrived (a ban lasts until then + Retry-After).
 *
 * @since 0.1.0
 * @category mapping
 */
export const errorOf = (source: string, reply: Reply, nowMillis: number): Option.Option<Errors.LedgerError> =>
  errorOfBody(source, reply, nowMillis, errorBody(reply.body))

/**
 * `errorOf` of a 2xx answer whose body is already parsed: the same error (a refusal Binance
 * sent with a success status), or `None`. Only a code in the body can make it an error.
 *
 * @since 0.2.0
 * @category mapping
 */
export const errorOfSuccess = (source: string, reply: Reply, nowMillis: number, json: unknown): Option.Option<Errors.LedgerError> => {
  const body = errorBodyOf(json)
  return Option.isNone(body) ? Option.none() : errorOfBody(source, reply, nowMillis, body)
}

const errorOfBody = (
  source: string,
  reply: Reply,
  nowMillis: number,
  body: Option.Option<{ readonly code: number; readonly msg: string }>
): Option.Option<Errors.LedgerError> => {
  const { status } = reply
  const code = Option.getOrUndefined(Option.map(body, (b) => b.code))
  const msg = Option.getOrUndefined(Option.map(body, (b) => b.msg))
  const provider = {
    source,
    status,
    ...(code === undefined ? {} : { providerCode: code }),
    ...(msg === undefined || msg === "" ? {} : { providerMessage: msg })
  }
  const wait = retryAfter(reply.headers)
  const waitField = wait === undefined ? {} : { retryAfter: wait }

  if (status === 418) {
    const until = wait === undefined ? {} : { until: DateTime.unsafeMake(nowMillis + Duration.toMillis(wait)) }
    return Option.some(new Errors.Banned({ ...provider, ...waitField, ...until }))
  }
  if (status === 429 || code === tooManyRequestsCode) {
    return Option.some(new Errors.RateLimited({ ...provider, ...waitField }))
  }
  if (code === clockSkewCode) {
    return Option.some(new Errors.ClockSkew(provider))
  }
  if (status === 401 || (code !== undefined && unauthorizedCodes.includes(code))) {
    return Option.some(new Errors.Unauthorized(provider))
  }
  if (status >= 500) {
    return Option.some(new Errors.Unavailable({ ...provider, reason: `server error, outcome unknown` }))
  }
  if (status >= 400 || (code !== undefined && code < 0)) {
    return Option.some(
      code === undefined
        ? new Errors.MalformedResponse({
          source,
          status,
          reason: `HTTP ${status} without a Binance error body`,
          excerpt: Errors.MalformedResponse.excerptOf(reply.body)
        })
        : new Errors.InvalidRequest({ ...provider, reason: "Binance rejected the request", local: false })
    )
  }
  if (status < 200 || status >= 300) {
    return Option.some(
      new Errors.MalformedResponse({
        source,
        status,
        reason: `unexpected HTTP ${status}`,
        excerpt: Errors.MalformedResponse.excerptOf(reply.body)
      })
    )
  }
  return Option.none()
}
