/**
 * Zenlayer `DescribeRechargeRefundHistory`: the request body, the record and the
 * envelopes, as schemas.
 *
 * @since 0.1.0
 */
import { Amount, Time } from "@ledgerkit/core"
import { Schema } from "effect"

/**
 * The source id of this endpoint.
 *
 * @since 0.1.0
 * @category constants
 */
export const source = "zenlayer.recharge-refund" as const

/**
 * The action, sent in `X-ZC-Action`.
 *
 * @since 0.1.0
 * @category constants
 */
export const action = "DescribeRechargeRefundHistory"

/**
 * The API version of the zbc service (from the official SDK's `zbc/v20240809`; the doc's
 * `2022-11-20` belongs to bmc).
 *
 * @since 0.1.0
 * @category constants
 */
export const version = "2024-08-09"

/**
 * The largest `pageSize` Zenlayer accepts.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPageSize = 5000

/**
 * `RechargeState`: the states a record can be in, and the values of the `state` filter.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RechargeState = Schema.Literal("PAYING", "PAY_FAILED", "PAY_SUCCESS")

/**
 * @since 0.1.0
 * @category models
 */
export type RechargeState = typeof RechargeState.Type

/**
 * One recharge or refund. `amount` arrives as a JSON number and is decoded from its
 * literal to the exact decimal it was written as (`39.050` keeps scale 3, 30 digits keep
 * all 30); it is the amount credited to the account.
 *
 * @since 0.1.0
 * @category schemas
 */
export class RechargeRefund extends Schema.Class<RechargeRefund>("@ledgerkit/providers/zenlayer/RechargeRefund")({
  transactionId: Schema.String,
  transactionType: Schema.String,
  amount: Amount.DecimalFromJsonNumber,
  paymentMethod: Schema.optional(Schema.String),
  state: RechargeState,
  transactionTime: Time.IsoUtc,
  accountUid: Schema.optional(Schema.String)
}) {}

/**
 * The request body. Every field is optional on the wire; `pageNum` starts at 1.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RequestBody = Schema.Struct({
  pageNum: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))),
  pageSize: Schema.optional(Schema.Int.pipe(Schema.between(1, maxPageSize))),
  state: Schema.optional(Schema.Array(RechargeState)),
  startTime: Schema.optional(Time.IsoUtc),
  endTime: Schema.optional(Time.IsoUtc)
})

/**
 * @since 0.1.0
 * @category models
 */
export type RequestBody = typeof RequestBody.Type

/**
 * The `response` of a successful answer: one page and the total across pages.
 *
 * @since 0.1.0
 * @category schemas
 */
export class RechargeRefundPage extends Schema.Class<RechargeRefundPage>(
  "@ledgerkit/providers/zenlayer/RechargeRefundPage"
)({
  requestId: Schema.String,
  totalCount: Schema.Int.pipe(Schema.nonNegative()),
  // Zenlayer's SDKs omit empty fields, so an empty page may come without a `dataSet`.
  dataSet: Schema.optionalWith(Schema.Array(RechargeRefund), { default: () => [], nullable: true })
}) {}

/**
 * A successful answer: `{requestId, response}`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SuccessEnvelope = Schema.Struct({
  requestId: Schema.String,
  response: RechargeRefundPage
})

/**
 * A failed answer: `{requestId, code, message}`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ErrorEnvelope = Schema.Struct({
  requestId: Schema.optional(Schema.String),
  code: Schema.String,
  message: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ErrorEnvelope = typeof ErrorEnvelope.Type
