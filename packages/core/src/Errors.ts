/**
 * One error family shared by every provider. Each error names its source and carries
 * what a caller needs to act: how long to wait, until when a ban lasts, the provider's
 * own code and message.
 *
 * @since 0.1.0
 */
import { DateTime, Duration, Schema } from "effect"
import { IsoUtc } from "./Time.js"

// Durations encode as milliseconds and times as ISO-8601 UTC, so that an encoded error is
// plain JSON: it can be written to a journal or a checkpoint and read back as the same error.

const ProviderCode = Schema.Union(Schema.Number, Schema.String)

/** Fields shared by errors that come from a provider's answer. */
const fromProvider = {
  source: Schema.String,
  /** The provider's own error code (`-1003`, `"REQUEST_LIMIT_EXCEEDED"`, `30013`). */
  providerCode: Schema.optional(ProviderCode),
  /** The provider's own error message. */
  providerMessage: Schema.optional(Schema.String),
  /** The HTTP status of the answer. */
  status: Schema.optional(Schema.Number)
}

interface ProviderDetail {
  readonly providerCode?: number | string | undefined
  readonly providerMessage?: string | undefined
  readonly status?: number | undefined
}

const detail = (e: ProviderDetail): string => {
  const parts = [
    e.status === undefined ? undefined : `HTTP ${e.status}`,
    e.providerCode === undefined ? undefined : `code ${e.providerCode}`,
    e.providerMessage
  ].filter((p): p is string => p !== undefined && p !== "")
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`
}

/**
 * The provider refused the call for its rate limit. Retry no sooner than `retryAfter`.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("@ledgerkit/core/RateLimited")("RateLimited", {
  ...fromProvider,
  retryAfter: Schema.optional(Schema.DurationFromMillis)
}) {
  override get message(): string {
    const wait = this.retryAfter === undefined ? "" : `; retry after ${Duration.format(this.retryAfter)}`
    return `${this.source}: rate limited by the provider${detail(this)}${wait}`
  }
}

/**
 * The provider banned the client (Binance 418, WOO X Pro 30017) until `until`.
 *
 * @since 0.1.0
 * @category errors
 */
export class Banned extends Schema.TaggedError<Banned>("@ledgerkit/core/Banned")("Banned", {
  ...fromProvider,
  retryAfter: Schema.optional(Schema.DurationFromMillis),
  until: Schema.optional(IsoUtc)
}) {
  override get message(): string {
    const until = this.until !== undefined
      ? `until ${DateTime.formatIso(this.until)}`
      : this.retryAfter !== undefined
      ? `for ${Duration.format(this.retryAfter)}`
      : "for an unknown time"
    return `${this.source}: banned by the provider ${until}${detail(this)}; stop calling it until then`
  }
}

/**
 * The credentials were refused: missing, wrong key, wrong signature or no permission.
 * Never retried.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>("@ledgerkit/core/Unauthorized")("Unauthorized", {
  ...fromProvider
}) {
  override get message(): string {
    return `${this.source}: credentials refused${detail(this)}; check the API key, secret and permissions`
  }
}

/**
 * The request's timestamp was outside the provider's accepted window.
 *
 * @since 0.1.0
 * @category errors
 */
export class ClockSkew extends Schema.TaggedError<ClockSkew>("@ledgerkit/core/ClockSkew")("ClockSkew", {
  ...fromProvider
}) {
  override get message(): string {
    return `${this.source}: the request timestamp is outside the provider's window${detail(this)}; check the clock`
  }
}

/**
 * The request is invalid: found locally before anything was sent (`local: true`), or
 * refused by the provider with its code and message.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>("@ledgerkit/core/InvalidRequest")(
  "InvalidRequest",
  {
    ...fromProvider,
    /** What is wrong, in words. */
    reason: Schema.String,
    /** True when found before any request was sent. */
    local: Schema.Boolean,
    /** Field-level messages (Cryptomus `errors`). */
    fields: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) }))
  }
) {
  /**
   * An invalid input found before any request is sent.
   *
   * @since 0.1.0
   */
  static localFailure(source: string, reason: string): InvalidRequest {
    return new InvalidRequest({ source, reason, local: true })
  }
  override get message(): string {
    const fields = this.fields === undefined
      ? ""
      : `; ${Object.entries(this.fields).map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ")}`
    const where = this.local ? "invalid request, not sent" : "the provider refused the request"
    return `${this.source}: ${where}: ${this.reason}${detail(this)}${fields}`
  }
}

/**
 * The provider could not be reached or failed on its side (5xx, network, timeout).
 * Retried.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unavailable extends Schema.TaggedError<Unavailable>("@ledgerkit/core/Unavailable")("Unavailable", {
  ...fromProvider,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.source}: provider unavailable: ${this.reason}${detail(this)}`
  }
}

/**
 * The answer could not be decoded. `excerpt` is a short start of the body.
 *
 * @since 0.1.0
 * @category errors
 */
export class MalformedResponse extends Schema.TaggedError<MalformedResponse>("@ledgerkit/core/MalformedResponse")(
  "MalformedResponse",
  {
    source: Schema.String,
    status: Schema.optional(Schema.Number),
    reason: Schema.String,
    excerpt: Schema.String
  }
) {
  /** At most this many characters of a body are kept. */
  static readonly excerptLength = 200
  /**
   * The start of a body, at most `excerptLength` characters, for the error message.
   *
   * @since 0.1.0
   */
  static excerptOf(body: string): string {
    return body.length <= MalformedResponse.excerptLength ? body : `${body.slice(0, MalformedResponse.excerptLength)}…`
  }
  override get message(): string {
    return `${this.source}: malformed response: ${this.reason}; body starts ${JSON.stringify(this.excerpt)}`
  }
}

/**
 * The requested range reaches outside what the provider keeps.
 *
 * @since 0.1.0
 * @category errors
 */
export class HistoryUnavailable extends Schema.TaggedError<HistoryUnavailable>(
  "@ledgerkit/core/HistoryUnavailable"
)("HistoryUnavailable", {
  source: Schema.String,
  requestedFrom: IsoUtc,
  earliest: IsoUtc,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.source}: history unavailable: ${this.reason}; requested from ${
      DateTime.formatIso(this.requestedFrom)
    }, earliest kept ${DateTime.formatIso(this.earliest)}; start the range later or ask for clamping`
  }
}

/**
 * The paginator cannot make progress without losing records (for example more records
 * share one millisecond than the largest page holds).
 *
 * @since 0.1.0
 * @category errors
 */
export class IncompletePagination extends Schema.TaggedError<IncompletePagination>(
  "@ledgerkit/core/IncompletePagination"
)("IncompletePagination", {
  source: Schema.String,
  reason: Schema.String,
  /** The millisecond that could not be paged, where there is one. */
  at: Schema.optional(IsoUtc)
}) {
  override get message(): string {
    const at = this.at === undefined ? "" : ` at ${DateTime.formatIso(this.at)}`
    return `${this.source}: incomplete pagination${at}: ${this.reason}`
  }
}

/**
 * Every error a provider stream can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export const LedgerError = Schema.Union(
  RateLimited,
  Banned,
  Unauthorized,
  ClockSkew,
  InvalidRequest,
  Unavailable,
  MalformedResponse,
  HistoryUnavailable,
  IncompletePagination
)

/**
 * @since 0.1.0
 * @category errors
 */
export type LedgerError = typeof LedgerError.Type

/**
 * Whether an error is worth retrying: rate limits and unavailability.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTransient = (e: LedgerError): e is RateLimited | Unavailable =>
  e._tag === "RateLimited" || e._tag === "Unavailable"
