/**
 * A Cryptomus transaction as a `LedgerEntry`.
 *
 * | type | kind | sign of the ledger amount |
 * |---|---|---|
 * | `payment` | `payment` | positive: a payment received into the account |
 * | `payout` | `payout` | negative: paid out of the account |
 * | `transfer` | `transfer` | as sent: the record does not say whether it went to or from the business wallet |
 *
 * Cryptomus sends `amount` unsigned; a payment's is made positive and a payout's
 * negative whatever its written sign, so a provider that one day signs them cannot flip
 * them twice.
 *
 * | status | ledger status |
 * |---|---|
 * | `check` (waiting for the blockchain) | `pending` |
 * | `paid` | `succeeded` |
 * | `fail` | `failed` |
 * | `cancel` | `canceled` |
 * | `locked` (held by AML checks) | `locked` |
 *
 * The id is `uuid`; the asset is `currency`; `txid`, `network` and `address` go to
 * `references` when present.
 *
 * @since 0.1.0
 */
import { LedgerEntry } from "@ledgerkit/core"
import { BigDecimal, Schema } from "effect"
import * as Wire from "../internal/wire.js"
import { source, Transaction, type TransactionStatus, type TransactionType } from "./Records.js"

/**
 * @since 0.1.0
 * @category mapping
 */
export const kindOf = (type: TransactionType): LedgerEntry.LedgerKind => type

/**
 * @since 0.1.0
 * @category mapping
 */
export const statusOf = (status: TransactionStatus): LedgerEntry.LedgerStatus => {
  switch (status) {
    case "check":
      return "pending"
    case "paid":
      return "succeeded"
    case "fail":
      return "failed"
    case "cancel":
      return "canceled"
    case "locked":
      return "locked"
  }
}

/**
 * The signed ledger amount: positive into the account.
 *
 * @since 0.1.0
 * @category mapping
 */
export const signedAmount = (type: TransactionType, amount: BigDecimal.BigDecimal): BigDecimal.BigDecimal => {
  switch (type) {
    case "payment":
      return BigDecimal.abs(amount)
    case "payout":
      return BigDecimal.negate(BigDecimal.abs(amount))
    case "transfer":
      return amount
  }
}

// `original` is the row the record was decoded from: plain JSON, exact (amounts and times
// as the provider wrote them). A record the service did not decode gets its encoding.
const encodeRecord = Schema.encodeSync(Transaction)

/**
 * @since 0.1.0
 * @category mapping
 */
export const toLedgerEntry = (t: Transaction): LedgerEntry.LedgerEntry => {
  const references: Record<string, string> = {}
  if (t.txid !== null) references.txid = t.txid
  if (t.network !== null) references.network = t.network
  if (t.address !== null) references.address = t.address
  return LedgerEntry.make({
    source,
    id: t.uuid,
    time: t.created_at,
    kind: kindOf(t.type),
    providerType: t.type,
    asset: t.currency,
    amount: signedAmount(t.type, t.amount),
    status: statusOf(t.status),
    references,
    original: Wire.rowOf(t) ?? encodeRecord(t)
  })
}
