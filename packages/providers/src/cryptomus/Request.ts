/**
 * One Cryptomus transaction-list request: the query, its local validation, the body
 * written once, and the signed POST of exactly those bytes.
 *
 * @since 0.1.0
 */
import { HttpClientRequest } from "@effect/platform"
import type { Errors } from "@ledgerkit/core"
import { Time } from "@ledgerkit/core"
import { DateTime, type Either, type Option, type Redacted, Schema } from "effect"
import * as Query from "../internal/query.js"
import { path, source, TransactionType } from "./Records.js"
import * as Signing from "./Signing.js"

/**
 * The header naming the account: `userId` for the user API (the default), `merchant`
 * for the business API.
 *
 * @since 0.1.0
 * @category models
 */
export type PrincipalHeader = "userId" | "merchant"

const WholeSecond = Schema.DateTimeUtcFromSelf.pipe(
  Schema.filter((t) => DateTime.toEpochMillis(t) % 1000 === 0, {
    message: () => "Cryptomus dates have whole seconds only"
  })
)

/**
 * One page query, in Cryptomus's terms: `dateFrom` and `dateTo` are sent as given
 * (whole seconds, written `YYYY-MM-DD HH:mm:ss` in the configured offset).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PageQuery = Schema.Struct({
  dateFrom: Schema.optional(WholeSecond),
  dateTo: Schema.optional(WholeSecond),
  type: Schema.optional(TransactionType)
})

/**
 * @since 0.1.0
 * @category models
 */
export type PageQuery = typeof PageQuery.Type

/**
 * Checks a query before anything is sent: whole-second dates, `dateFrom` not after
 * `dateTo`, and a known type.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate: (query: PageQuery) => Either.Either<PageQuery, Errors.InvalidRequest> = Query.validator(
  source,
  PageQuery,
  { start: "dateFrom", end: "dateTo" }
)

/**
 * How the body is written.
 *
 * @since 0.1.0
 * @category models
 */
export interface BodyFormat {
  /** Minutes east of UTC in which dates are written (default 0: UTC), unless `zone` is given. */
  readonly utcOffsetMinutes: number
  /** The zone dates are written in, daylight saving included (wins over `utcOffsetMinutes`). */
  readonly zone?: DateTime.TimeZone | undefined
  /** Write `/` as `\/`, as PHP's `json_encode` does (default false). */
  readonly escapeSlashes: boolean
}

/**
 * The JSON body, written once: it is what is signed and what is sent.
 *
 * @since 0.1.0
 * @category encoding
 */
export const bodyText = (query: PageQuery, format: BodyFormat): string => {
  const body: Record<string, string> = {}
  const wallClock = (t: DateTime.Utc) =>
    format.zone === undefined ? Time.formatWallClock(t, format.utcOffsetMinutes) : Time.formatWallClockIn(t, format.zone)
  if (query.dateFrom !== undefined) body.date_from = wallClock(query.dateFrom)
  if (query.dateTo !== undefined) body.date_to = wallClock(query.dateTo)
  if (query.type !== undefined) body.type = query.type
  const json = JSON.stringify(body)
  return format.escapeSlashes ? Signing.escapeSlashes(json) : json
}

/**
 * Credentials and where to send.
 *
 * @since 0.1.0
 * @category models
 */
export interface Target {
  readonly apiUrl: string
  readonly userId: string
  readonly apiKey: Redacted.Redacted<string>
  readonly principalHeader: PrincipalHeader
}

/**
 * The signed POST of `body` (any text: it is signed and sent byte for byte), with
 * `?cursor=` for pages after the first.
 *
 * @since 0.1.0
 * @category requests
 */
export const signed = (target: Target, body: string, cursor: Option.Option<string>): HttpClientRequest.HttpClientRequest =>
  HttpClientRequest.post(`${target.apiUrl.replace(/\/+$/, "")}${path}`, {
    urlParams: cursor._tag === "Some" ? [["cursor", cursor.value]] : [],
    headers: { [target.principalHeader]: target.userId, sign: Signing.sign(body, target.apiKey) },
    acceptJson: true
  }).pipe(HttpClientRequest.bodyText(body, "application/json"))
