/**
 * One WOO X Pro transaction-history request: the query, its local validation, and the
 * keyed GET.
 *
 * @since 0.1.0
 */
import { HttpClientRequest } from "@effect/platform"
import type { Errors } from "@ledgerkit/core"
import { DateTime, type Either, Redacted, Schema } from "effect"
import * as Query from "../internal/query.js"
import { Account, FlowType, maxPageSize, path, source } from "./Records.js"

/**
 * The header carrying the API key (BitMart's `X-BM-KEY`); KEYED endpoints need no signature.
 *
 * @since 0.1.0
 * @category constants
 */
export const apiKeyHeader = "x-api-key"

/**
 * One page query, in WOO X Pro's own terms: `startTime` and `endTime` are sent as given.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PageQuery = Schema.Struct({
  symbol: Schema.optional(Schema.NonEmptyTrimmedString),
  flowType: Schema.optional(FlowType),
  account: Schema.optional(Account),
  startTime: Schema.optional(Schema.DateTimeUtcFromSelf),
  endTime: Schema.optional(Schema.DateTimeUtcFromSelf),
  pageSize: Schema.optional(Schema.Int.pipe(Schema.between(1, maxPageSize)))
})

/**
 * @since 0.1.0
 * @category models
 */
export type PageQuery = typeof PageQuery.Type

/**
 * Checks a query before anything is sent: a known `flowType` and `account`, a page size
 * of 1 to 1000, and a start that is not after the end.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate: (query: PageQuery) => Either.Either<PageQuery, Errors.InvalidRequest> = Query.validator(
  source,
  PageQuery,
  { start: "startTime", end: "endTime" }
)

/**
 * The query string parameters, in the documented order.
 *
 * @since 0.1.0
 * @category encoding
 */
export const params = (query: PageQuery): ReadonlyArray<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = []
  if (query.symbol !== undefined) out.push(["symbol", query.symbol])
  if (query.flowType !== undefined) out.push(["flow_type", query.flowType.toString()])
  if (query.account !== undefined) out.push(["account", query.account])
  if (query.startTime !== undefined) out.push(["start_time", DateTime.toEpochMillis(query.startTime).toString()])
  if (query.endTime !== undefined) out.push(["end_time", DateTime.toEpochMillis(query.endTime).toString()])
  if (query.pageSize !== undefined) out.push(["page_size", query.pageSize.toString()])
  return out
}

/**
 * The keyed GET for a query.
 *
 * @since 0.1.0
 * @category requests
 */
export const request = (
  target: { readonly apiUrl: string; readonly apiKey: Redacted.Redacted<string> },
  query: PageQuery
): HttpClientRequest.HttpClientRequest =>
  HttpClientRequest.get(`${target.apiUrl.replace(/\/+$/, "")}${path}`, {
    urlParams: params(query),
    headers: { [apiKeyHeader]: Redacted.value(target.apiKey) },
    acceptJson: true
  })
