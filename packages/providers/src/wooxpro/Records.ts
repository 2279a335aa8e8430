/**
 * WOO X Pro contract transaction history (`GET /contract/private/transaction-history`,
 * the BitMart white label): the query, the record and the envelope, as schemas.
 *
 * @since 0.1.0
 */
import { Amount, Time } from "@ledgerkit/core"
import { Schema } from "effect"

/**
 * @since 0.1.0
 * @category constants
 */
export const source = "wooxpro.contract-transactions" as const

/**
 * @since 0.1.0
 * @category constants
 */
export const path = "/contract/private/transaction-history"

/**
 * The largest `page_size` (the default is 100; walks use the largest).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPageSize = 1000

/**
 * The `code` of a successful answer.
 *
 * @since 0.1.0
 * @category constants
 */
export const successCode = 1000

/**
 * The `flow_type` filter: 0 all (default), 1 transfer, 2 realized PnL, 3 funding fee,
 * 4 commission fee, 5 liquidation clearance.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FlowType = Schema.Literal(0, 1, 2, 3, 4, 5)

/**
 * @since 0.1.0
 * @category models
 */
export type FlowType = typeof FlowType.Type

/**
 * The `account` filter: the futures main account or the copy-trading sub-account.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Account = Schema.Literal("futures", "copy_trading")

/**
 * @since 0.1.0
 * @category models
 */
export type Account = typeof Account.Type

/**
 * The documented values of a record's `type`.
 *
 * @since 0.1.0
 * @category constants
 */
export const transactionTypes = [
  "Transfer",
  "Realized PNL",
  "Funding Fee",
  "Commission Fee",
  "Liquidation Clearance"
] as const

/**
 * `time` is a string of epoch milliseconds in WOO X Pro's docs and a number in BitMart's;
 * both are accepted, and it encodes back as the string.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TransactionTime = Schema.Union(Time.EpochMillisString, Time.EpochMillis)

/**
 * One row. `amount` is signed (positive into the account); `(type, tran_id)` is the key,
 * since one `tran_id` can be shared by a transfer and its commission fee.
 *
 * @since 0.1.0
 * @category schemas
 */
export class Transaction extends Schema.Class<Transaction>("@ledgerkit/providers/wooxpro/Transaction")({
  symbol: Schema.String,
  type: Schema.String,
  amount: Amount.DecimalString,
  asset: Schema.String,
  account: Schema.String,
  time: TransactionTime,
  tran_id: Schema.String
}) {}

/**
 * The key that identifies a row: `type:tran_id`.
 *
 * @since 0.1.0
 * @category keys
 */
export const keyOf = (t: Transaction): string => `${t.type}:${t.tran_id}`

/**
 * A successful answer: `{code: 1000, message, data, trace}`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SuccessEnvelope = Schema.Struct({
  code: Schema.Literal(successCode),
  message: Schema.String,
  data: Schema.Array(Transaction),
  trace: Schema.optional(Schema.String)
})

/**
 * Any answer with WOO X Pro's envelope, to read its code and message.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CodeEnvelope = Schema.Struct({
  code: Schema.Int,
  message: Schema.optional(Schema.String),
  trace: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CodeEnvelope = typeof CodeEnvelope.Type
