/**
 * Cryptomus transaction list (`POST /v2/user-api/transaction/list`): the request body,
 * the record, the page and the envelopes, as schemas.
 *
 * @since 0.1.0
 */
import { Amount, Time } from "@ledgerkit/core"
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category constants
 */
export const source = "cryptomus.transactions" as const

/**
 * @since 0.1.0
 * @category constants
 */
export const path = "/v2/user-api/transaction/list"

/**
 * The transaction types, and the values of the `type` filter. A record's type decides
 * the sign of its ledger amount, so an unknown one fails decoding instead of guessing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TransactionType = Schema.Literal("payment", "payout", "transfer")

/**
 * @since 0.1.0
 * @category models
 */
export type TransactionType = typeof TransactionType.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const TransactionStatus = Schema.Literal("check", "paid", "fail", "cancel", "locked")

/**
 * @since 0.1.0
 * @category models
 */
export type TransactionStatus = typeof TransactionStatus.Type

/**
 * One transaction. `created_at` is ISO-8601 UTC with microseconds (Laravel's format),
 * decoded to the millisecond; `amount` is unsigned on the wire.
 *
 * @since 0.1.0
 * @category schemas
 */
export class Transaction extends Schema.Class<Transaction>("@ledgerkit/providers/cryptomus/Transaction")({
  uuid: Schema.String,
  type: TransactionType,
  status: TransactionStatus,
  created_at: Time.IsoUtc,
  amount: Amount.DecimalString,
  amount_equivalent: Schema.NullOr(Amount.DecimalString),
  currency_equivalent: Schema.NullOr(Schema.String),
  currency: Schema.String,
  network: Schema.NullOr(Schema.String),
  txid: Schema.NullOr(Schema.String),
  address: Schema.NullOr(Schema.String),
  comment: Schema.NullOr(Schema.String)
}) {}

/**
 * Laravel's cursor paginator: `nextCursor` is the opaque cursor of the next page.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Paginate = Schema.Struct({
  count: Schema.Int,
  hasPages: Schema.Boolean,
  nextCursor: Schema.NullOr(Schema.String),
  previousCursor: Schema.NullOr(Schema.String),
  perPage: Schema.Int
})

/**
 * One page.
 *
 * @since 0.1.0
 * @category schemas
 */
export class TransactionPage extends Schema.Class<TransactionPage>("@ledgerkit/providers/cryptomus/TransactionPage")({
  items: Schema.Array(Transaction),
  paginate: Paginate
}) {}

/**
 * A successful answer: `{state: 0, result}`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SuccessEnvelope = Schema.Struct({
  state: Schema.Literal(0),
  result: TransactionPage
})

/**
 * A failed answer: `state` not 0, with a `message`, or `errors` (field → messages) for
 * validation.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ErrorEnvelope = Schema.Struct({
  state: Schema.optional(Schema.Number),
  message: Schema.optional(Schema.String),
  errors: Schema.optional(
    Schema.Record({ key: Schema.String, value: Schema.Union(Schema.Array(Schema.String), Schema.String) })
  )
})

/**
 * @since 0.1.0
 * @category models
 */
export type ErrorEnvelope = typeof ErrorEnvelope.Type
