/**
 * WOO X Pro answers mapped to core's error family (its codes are BitMart's).
 *
 * | answer | error |
 * |---|---|
 * | HTTP 418, or code 30017 (rejected for rate-limit violations) | `Banned`, until now + Retry-After |
 * | HTTP 429, or code 30013 (too many requests) | `RateLimited`, with Retry-After (else `X-BM-RateLimit-Reset`) |
 * | codes 30001 to 30012 (key, sign, timestamp, IP, expired), 30019 (no permission), or HTTP 401 | `Unauthorized` (never retried) |
 * | HTTP 5xx, codes 30014 / 30018 (busy) and 30016 (maintenance), or a 403 that is not WOO X Pro's JSON (Cloudflare) | `Unavailable` |
 * | codes 4xxxx (contract errors), 30000 and any other code but 1000 | `InvalidRequest` with the code and message |
 * | a body that is not `{code, message}` | `MalformedResponse` with an excerpt |
 *
 * @since 0.1.0
 */
import { Errors } from "@ledgerkit/core"
import { Duration, Either, Option, Schema } from "effect"
import * as Http from "../internal/http.js"
import { CodeEnvelope, source, successCode } from "./Records.js"

const decodeEnvelope = Schema.decodeUnknownOption(CodeEnvelope)

/**
 * The envelope of a body, when it has one.
 *
 * @since 0.1.0
 * @category parsing
 */
export const envelopeOf = (body: string): Option.Option<CodeEnvelope> =>
  Option.flatMap(Either.getRight(Either.try(() => JSON.parse(body) as unknown)), decodeEnvelope)

const isUnauthorizedCode = (code: number) => (code >= 30001 && code <= 30012) || code === 30019
const isUnavailableCode = (code: number) => code === 30014 || code === 30016 || code === 30018

/** How long WOO X Pro asked to wait: Retry-After, else the rate-limit window length. */
const waitOf = (reply: Http.Reply): Duration.Duration | undefined =>
  Http.retryAfter(reply.headers) ??
    Option.getOrUndefined(Option.map(Http.integerHeader(reply.headers, "x-bm-ratelimit-reset"), Duration.seconds))

/**
 * Whether a 200 body that does not decode as a success is a refusal: WOO X Pro's envelope
 * with a code other than 1000 (its error is `refusalOf`'s).
 *
 * @since 0.2.0
 * @category mapping
 */
export const isRefusal = (json: unknown): boolean => Option.exists(decodeEnvelope(json), (e) => e.code !== successCode)

/**
 * The error a 200 with a refusal (`isRefusal`) stands for: `errorOf`'s.
 *
 * @since 0.2.0
 * @category mapping
 */
export const refusalOf = (reply: Http.Reply, nowMillis: number): Errors.LedgerError =>
  Option.getOrElse(errorOf(reply, nowMillis), () => malformed(reply))

const malformed = (reply: Http.Reply) =>
  new Errors.MalformedResponse({
    source,
    status: reply.status,
    reason: "an answer without WOO X Pro's {code, message} shape",
    excerpt: Errors.MalformedResponse.excerptOf(reply.body)
  })

/**
 * The error an answer stands for, or `None` for a success to decode. `nowMillis` is when
 * it arrived (a ban lasts until then + its Retry-After).
 *
 * @since 0.1.0
 * @category mapping
 */
export const errorOf = (reply: Http.Reply, nowMillis: number): Option.Option<Errors.LedgerError> => {
  const envelope = Option.getOrUndefined(envelopeOf(reply.body))
  const code = envelope?.code
  if (reply.status === 200 && code === successCode) return Option.none()
  const provider = {
    source,
    status: reply.status,
    ...(envelope === undefined ? {} : { providerCode: envelope.code, providerMessage: envelope.message })
  }
  if (reply.status === 418 || code === 30017) {
    return Option.some(Http.banned(provider, reply, nowMillis, waitOf(reply)))
  }
  if (reply.status === 429 || code === 30013) {
    return Option.some(new Errors.RateLimited({ ...provider, retryAfter: waitOf(reply) }))
  }
  if (reply.status === 401 || (code !== undefined && isUnauthorizedCode(code))) {
    return Option.some(new Errors.Unauthorized(provider))
  }
  if (
    reply.status >= 500 || (code !== undefined && isUnavailableCode(code)) ||
    (reply.status === 403 && envelope === undefined)
  ) {
    return Option.some(new Errors.Unavailable({ ...provider, reason: `HTTP ${reply.status}` }))
  }
  if (envelope === undefined) {
    // A 200 without an envelope is decoded (and reported) as the success shape.
    return reply.status === 200 ? Option.none() : Option.some(malformed(reply))
  }
  return Option.some(
    new Errors.InvalidRequest({ ...provider, local: false, reason: envelope.message ?? `code ${envelope.code}` })
  )
}
