/**
 * A Zenlayer recharge or refund as a `LedgerEntry`.
 *
 * `transactionType` (only `ORDER_REFUND` is documented; the others are inferred from the
 * endpoint's purpose, "recharge and refund history"):
 *
 * | transactionType | kind |
 * |---|---|
 * | `ORDER_REFUND`, `REFUND`, any `*REFUND*` | `refund` |
 * | `RECHARGE`, any `*RECHARGE*`, `TOP_UP` | `deposit` |
 * | anything else | `other` |
 *
 * `state`:
 *
 * | state | status |
 * |---|---|
 * | `PAY_SUCCESS` | `succeeded` |
 * | `PAYING` | `pending` |
 * | `PAY_FAILED` | `failed` |
 *
 * Sign: `amount` is what was credited to the Zenlayer balance (the SDK calls it
 * "入账金额", the amount booked in). Both recharges and order refunds add to the balance,
 * so the amount is kept as sent: positive means into the account.
 *
 * The asset is `USD`: Zenlayer bills and keeps balances in US dollars, and the record
 * names no currency.
 *
 * @since 0.1.0
 */
import { LedgerEntry } from "@ledgerkit/core"
import { Schema } from "effect"
import * as Wire from "../internal/wire.js"
import { RechargeRefund, type RechargeState, source } from "./Records.js"

/**
 * The ledger kind of a `transactionType`.
 *
 * @since 0.1.0
 * @category mapping
 */
export const kindOf = (transactionType: string): LedgerEntry.LedgerKind => {
  const type = transactionType.toUpperCase()
  if (type.includes("REFUND")) return "refund"
  if (type.includes("RECHARGE") || type === "TOP_UP") return "deposit"
  return "other"
}

/**
 * The ledger status of a `state`.
 *
 * @since 0.1.0
 * @category mapping
 */
export const statusOf = (state: RechargeState): LedgerEntry.LedgerStatus => {
  switch (state) {
    case "PAY_SUCCESS":
      return "succeeded"
    case "PAYING":
      return "pending"
    case "PAY_FAILED":
      return "failed"
  }
}

/**
 * The currency of every Zenlayer amount.
 *
 * @since 0.1.0
 * @category constants
 */
export const asset = "USD"

// `original` is the row the record was decoded from, as `Json.parsePlain` read it: a
// number where a double writes the literal back unchanged, else its exact text as a
// `NumberLiteral`. A record the service did not decode gets its encoding.
const encodeRecord = Schema.encodeSync(RechargeRefund)

/**
 * Normalises a record; the id is `transactionId`, unique on its own.
 *
 * @since 0.1.0
 * @category mapping
 */
export const toLedgerEntry = (record: RechargeRefund): LedgerEntry.LedgerEntry => {
  const references: Record<string, string> = {}
  if (record.paymentMethod !== undefined) references.paymentMethod = record.paymentMethod
  if (record.accountUid !== undefined) references.accountUid = record.accountUid
  return LedgerEntry.make({
    source,
    id: record.transactionId,
    time: record.transactionTime,
    kind: kindOf(record.transactionType),
    providerType: record.transactionType,
    asset,
    amount: record.amount,
    status: statusOf(record.state),
    references,
    original: Wire.rowOf(record) ?? encodeRecord(record)
  })
}
