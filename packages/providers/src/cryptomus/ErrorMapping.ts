/**
 * Cryptomus answers mapped to core's error family. Cryptomus publishes no table of codes
 * or statuses; what is known is the body: `{state: 0, result}` on success, otherwise a
 * `message`, or `errors` (field → messages) for validation (Laravel).
 *
 * | answer | error |
 * |---|---|
 * | HTTP 418 (undocumented for Cryptomus; a ban wherever it is used) | `Banned`, until arrival + Retry-After |
 * | HTTP 429 | `RateLimited`, with Retry-After |
 * | HTTP 401 / 403, or a message about the sign, the user or the merchant (`Invalid Sign.`, `User not found.`) | `Unauthorized` (never retried) |
 * | HTTP 5xx | `Unavailable` |
 * | `errors` | `InvalidRequest` with the field messages in `fields` |
 * | `state` not 0 with a `message` | `InvalidRequest` with the message |
 * | a body that is neither | `MalformedResponse` with an excerpt |
 *
 * @since 0.1.0
 */
import { Errors } from "@ledgerkit/core"
import { Either, Option, Schema } from "effect"
import * as Http from "../internal/http.js"
import { ErrorEnvelope, source } from "./Records.js"

const decodeEnvelope = Schema.decodeUnknownOption(ErrorEnvelope)
const authMessage = /\bsign\b|user not found|userid|merchant|unauthori[sz]ed|forbidden|api key/i

/**
 * The error for an answer that is not a success (`state` not 0, or a status other than
 * 200); `nowMillis` is when it arrived.
 *
 * @since 0.1.0
 * @category mapping
 */
export const fromReply = (reply: Http.Reply, nowMillis: number): Errors.LedgerError => {
  const json = Either.getOrUndefined(Either.try(() => JSON.parse(reply.body) as unknown))
  const envelope = Option.getOrUndefined(decodeEnvelope(json))
  const known = envelope !== undefined && (envelope.message !== undefined || envelope.errors !== undefined)
  const provider = {
    source,
    status: reply.status,
    ...(envelope?.state === undefined ? {} : { providerCode: envelope.state }),
    ...(envelope?.message === undefined ? {} : { providerMessage: envelope.message })
  }
  if (reply.status === 418) return Http.banned(provider, reply, nowMillis)
  if (reply.status === 429) return new Errors.RateLimited({ ...provider, retryAfter: Http.retryAfter(reply.headers) })
  if (reply.status >= 500) return new Errors.Unavailable({ ...provider, reason: `HTTP ${reply.status}` })
  if (reply.status === 401 || reply.status === 403 || (envelope?.message !== undefined && authMessage.test(envelope.message))) {
    return new Errors.Unauthorized(provider)
  }
  if (!known) {
    return new Errors.MalformedResponse({
      source,
      status: reply.status,
      reason: "neither a success ({state: 0, result}) nor an error ({message} or {errors})",
      excerpt: Errors.MalformedResponse.excerptOf(reply.body)
    })
  }
  const fields = envelope.errors === undefined ? undefined : Object.fromEntries(
    Object.entries(envelope.errors).map(([field, messages]) => [field, typeof messages === "string" ? [messages] : messages])
  )
  const reason = envelope.message ??
    (fields === undefined ? "the request was refused" : Object.values(fields).flat().join(" "))
  return new Errors.InvalidRequest({ ...provider, local: false, reason, ...(fields === undefined ? {} : { fields }) })
}
