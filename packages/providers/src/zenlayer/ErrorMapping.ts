/**
 * Zenlayer's failed answers mapped to core's error family.
 *
 * | answer | error |
 * |---|---|
 * | HTTP 418 (undocumented for Zenlayer; a ban wherever it is used) | `Banned`, until arrival + Retry-After |
 * | HTTP 429, or code `REQUEST_LIMIT_EXCEEDED` | `RateLimited` (Retry-After when sent) |
 * | `SIGNATURE_EXPIRED`, or a code naming the timestamp (`*TIMESTAMP*`) | `ClockSkew` (the clock is off; not retried) |
 * | HTTP 401, or an auth code (`AUTH*`, `*SIGNATURE*`, `*ACCESS_KEY*`, `*CREDENTIAL*`, `*PERMISSION*`, `*TOKEN*`) | `Unauthorized` (never retried) |
 * | HTTP 5xx, or a Cloudflare challenge (403 with `cf-mitigated`) | `Unavailable` |
 * | any other `{code, message}` | `InvalidRequest` with Zenlayer's code and message |
 * | a body that is not the error shape | `MalformedResponse` (`Unavailable` for 5xx) |
 *
 * @since 0.1.0
 */
import { Headers } from "@effect/platform"
import { Errors } from "@ledgerkit/core"
import { Clock, Effect, Either, Option, Schema } from "effect"
import * as Http from "../internal/http.js"
import { ErrorEnvelope, source } from "./Records.js"

const authCode = /AUTH|SIGNATURE|ACCESS_KEY|CREDENTIAL|PERMISSION|TOKEN/
const decodeEnvelope = Schema.decodeUnknownOption(ErrorEnvelope)

/**
 * The error for a failed answer, from its status, headers and `{requestId, code, message}`
 * body; `nowMillis` is when it arrived.
 *
 * @since 0.1.0
 * @category errors
 */
export const fromReply = (reply: Http.Reply, nowMillis: number): Errors.LedgerError => {
  const json = Either.getOrUndefined(Either.try(() => JSON.parse(reply.body) as unknown))
  const envelope = Option.getOrUndefined(decodeEnvelope(json))
  const provider = {
    source,
    status: reply.status,
    ...(envelope === undefined ? {} : { providerCode: envelope.code, providerMessage: envelope.message })
  }
  const code = envelope?.code ?? ""
  if (reply.status === 418) return Http.banned(provider, reply, nowMillis)
  if (reply.status === 429 || code === "REQUEST_LIMIT_EXCEEDED") {
    return new Errors.RateLimited({ ...provider, retryAfter: Http.retryAfter(reply.headers) })
  }
  if (reply.status >= 500 || Option.isSome(Headers.get(reply.headers, "cf-mitigated"))) {
    return new Errors.Unavailable({ ...provider, reason: `HTTP ${reply.status}` })
  }
  if (envelope === undefined) {
    return new Errors.MalformedResponse({
      source,
      status: reply.status,
      reason: "a failed answer without Zenlayer's {requestId, code, message} shape",
      excerpt: Errors.MalformedResponse.excerptOf(reply.body)
    })
  }
  // A signature refused for its age is the clock, not the credentials.
  if (code === "SIGNATURE_EXPIRED" || code.includes("TIMESTAMP")) {
    return new Errors.ClockSkew(provider)
  }
  if (reply.status === 401 || authCode.test(code)) {
    return new Errors.Unauthorized(provider)
  }
  return new Errors.InvalidRequest({ ...provider, local: false, reason: envelope.message ?? code })
}

/**
 * Fails with the error for a failed answer.
 *
 * @since 0.1.0
 * @category errors
 */
export const failWith = (reply: Http.Reply): Effect.Effect<never, Errors.LedgerError> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.fail(fromReply(reply, now)))
