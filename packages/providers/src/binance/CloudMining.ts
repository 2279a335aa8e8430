/**
 * Binance Cloud-Mining payment and refund history
 * (`GET /sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage`): the record, the page,
 * the query and `toLedgerEntry`.
 *
 * @since 0.1.0
 */
import { Amount, Errors, LedgerEntry, Time } from "@ledgerkit/core"
import { BigDecimal, DateTime, Effect, Schema } from "effect"
import * as Wire from "../internal/wire.js"

/**
 * @since 0.1.0
 * @category constants
 */
export const source = "binance.cloud-mining" as const

/**
 * @since 0.1.0
 * @category constants
 */
export const path = "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage"

/**
 * The documented request weight (UID).
 *
 * @since 0.1.0
 * @category constants
 */
export const weight = 600

/**
 * The largest `size` Binance accepts (the default is 10; streams use the maximum).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPageSize = 100

/**
 * `248` is a payment, `249` a refund. The docs name no other type, and the sign of the
 * ledger amount depends on it, so any other value fails decoding instead of guessing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CloudMiningType = Schema.Literal(248, 249)

/**
 * A Binance id sent as a JSON number: an integer that a double holds exactly.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LongId = Schema.Number.pipe(Schema.int(), Schema.nonNegative()).annotations({ identifier: "LongId" })

/**
 * One row. `amount` is unsigned on the wire; `status` is always `S` (only successful
 * rows are returned).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CloudMiningRecord = Schema.Struct({
  createTime: Time.EpochMillis,
  tranId: LongId,
  type: CloudMiningType,
  asset: Schema.String,
  amount: Amount.DecimalString,
  status: Schema.Literal("S")
}).annotations({ identifier: "CloudMiningRecord" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CloudMiningRecord extends Schema.Schema.Type<typeof CloudMiningRecord> {}

/**
 * One page: the number of rows in the whole range and this page's rows (Binance leaves
 * `rows` out when there are none).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CloudMiningPage = Schema.Struct({
  total: Schema.Number.pipe(Schema.int(), Schema.nonNegative()),
  rows: Schema.optionalWith(Schema.Array(CloudMiningRecord), { default: () => [] })
}).annotations({ identifier: "CloudMiningPage" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CloudMiningPage extends Schema.Schema.Type<typeof CloudMiningPage> {}

/**
 * The filters both the page and the stream take.
 *
 * @since 0.1.0
 * @category models
 */
export interface CloudMiningFilters {
  readonly asset?: string | undefined
  readonly tranId?: number | undefined
  readonly clientTranId?: string | undefined
}

/**
 * One page: `[startTime, endTime)`, page `current` (from 1) of `size` rows (at most 100).
 *
 * @since 0.1.0
 * @category models
 */
export interface CloudMiningPageQuery extends CloudMiningFilters {
  readonly startTime: DateTime.Utc
  readonly endTime: DateTime.Utc
  readonly current?: number | undefined
  readonly size?: number | undefined
}

/**
 * The whole history of `[from, to)`. `pageSize` defaults to 100.
 *
 * @since 0.1.0
 * @category models
 */
export interface CloudMiningQuery extends CloudMiningFilters {
  readonly from: DateTime.Utc
  readonly to: DateTime.Utc
  readonly pageSize?: number | undefined
}

const isWhole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max

/**
 * Checks what Binance would refuse, before anything is sent.
 *
 * @since 0.1.0
 * @category validation
 */
export const validateFilters = (filters: CloudMiningFilters): Effect.Effect<void, Errors.InvalidRequest> =>
  filters.tranId !== undefined && !isWhole(filters.tranId, 0, Number.MAX_SAFE_INTEGER)
    ? Effect.fail(Errors.InvalidRequest.localFailure(source, `tranId must be a non-negative integer, got ${filters.tranId}`))
    : Effect.void

/**
 * @since 0.1.0
 * @category validation
 */
export const validateSize = (size: number): Effect.Effect<void, Errors.InvalidRequest> =>
  isWhole(size, 1, maxPageSize)
    ? Effect.void
    : Effect.fail(Errors.InvalidRequest.localFailure(source, `size must be an integer from 1 to ${maxPageSize}, got ${size}`))

/**
 * @since 0.1.0
 * @category validation
 */
export const validatePageQuery = (query: CloudMiningPageQuery): Effect.Effect<void, Errors.InvalidRequest> =>
  Effect.all([
    DateTime.greaterThan(query.startTime, query.endTime)
      ? Effect.fail(
        Errors.InvalidRequest.localFailure(
          source,
          `startTime ${Time.formatIso(query.startTime)} is after endTime ${Time.formatIso(query.endTime)}`
        )
      )
      : Effect.void,
    query.current === undefined || isWhole(query.current, 1, Number.MAX_SAFE_INTEGER)
      ? Effect.void
      : Effect.fail(Errors.InvalidRequest.localFailure(source, `current must be an integer from 1, got ${query.current}`)),
    query.size === undefined ? Effect.void : validateSize(query.size),
    validateFilters(query)
  ], { discard: true })

/**
 * The query parameters, in the order they are sent (signing appends its own).
 *
 * @since 0.1.0
 * @category requests
 */
export const params = (query: CloudMiningPageQuery): ReadonlyArray<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = []
  if (query.tranId !== undefined) out.push(["tranId", query.tranId.toString()])
  if (query.clientTranId !== undefined) out.push(["clientTranId", query.clientTranId])
  if (query.asset !== undefined) out.push(["asset", query.asset])
  out.push(["startTime", Time.toMillis(query.startTime).toString()])
  out.push(["endTime", Time.toMillis(query.endTime).toString()])
  if (query.current !== undefined) out.push(["current", query.current.toString()])
  if (query.size !== undefined) out.push(["size", query.size.toString()])
  return out
}

/**
 * How each type maps to the ledger. The wire amount is unsigned: a payment leaves the
 * account (negative), a refund comes back into it (positive).
 *
 * | type | kind | sign |
 * |---|---|---|
 * | 248 | payment | − |
 * | 249 | refund | + |
 *
 * @since 0.1.0
 * @category mapping
 */
export const typeMapping: Readonly<
  Record<typeof CloudMiningType.Type, { readonly kind: LedgerEntry.LedgerKind; readonly direction: 1 | -1 }>
> = {
  248: { kind: "payment", direction: -1 },
  249: { kind: "refund", direction: 1 }
}

const encodeRecord = Schema.encodeSync(CloudMiningRecord)

/**
 * Normalises a record. The id is the `tranId`; `original` is the row the record was
 * decoded from, as it came on the wire (JSON-safe, exact); a record the service did not
 * decode gets its encoding.
 *
 * @since 0.1.0
 * @category mapping
 */
export const toLedgerEntry = (record: CloudMiningRecord): LedgerEntry.LedgerEntry => {
  const { direction, kind } = typeMapping[record.type]
  const magnitude = BigDecimal.abs(record.amount)
  return LedgerEntry.make({
    source,
    id: record.tranId.toString(),
    time: record.createTime,
    kind,
    providerType: record.type.toString(),
    asset: record.asset,
    amount: direction === 1 ? magnitude : BigDecimal.negate(magnitude),
    status: "succeeded",
    original: Wire.rowOf(record) ?? encodeRecord(record)
  })
}
