/**
 * Zenlayer's records in its own wire shape (the field names, types and order of the
 * documented examples).
 */
import * as ExactJson from "../../ExactJson.js"

// --- Zenlayer ---------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category models
 */
export const rechargeStates = ["PAYING", "PAY_FAILED", "PAY_SUCCESS"] as const

/**
 * @since 0.1.0
 * @category models
 */
export type RechargeState = typeof rechargeStates[number]

/**
 * The transaction types of recharge and refund rows (from Zenlayer's TransactionType).
 *
 * @since 0.1.0
 * @category models
 */
export const zenlayerTransactionTypes = ["RECHARGE", "REFUND", "ORDER_REFUND"] as const

/**
 * A Zenlayer recharge or refund. `amount` holds the exact number literal written on the
 * wire; `transactionTime` is ISO-8601 UTC.
 *
 * @since 0.1.0
 * @category models
 */
export interface ZenlayerRecord {
  readonly transactionType: string
  readonly amount: string
  readonly paymentMethod: string
  readonly state: RechargeState
  readonly transactionTime: string
  readonly accountUid: string
  readonly transactionId: string
}

/**
 * @since 0.1.0
 * @category rendering
 */
export const renderZenlayer = (r: ZenlayerRecord): ExactJson.Json => ({
  transactionType: r.transactionType,
  amount: new ExactJson.RawNumber(r.amount),
  paymentMethod: r.paymentMethod,
  state: r.state,
  transactionTime: r.transactionTime,
  accountUid: r.accountUid,
  transactionId: r.transactionId
})
