/**
 * A WOO X Pro contract transaction as a `LedgerEntry`.
 *
 * | type | flow_type | kind |
 * |---|---|---|
 * | `Transfer` | 1 | `transfer` |
 * | `Realized PNL` | 2 | `realized_pnl` |
 * | `Funding Fee` | 3 | `funding_fee` |
 * | `Commission Fee` | 4 | `commission` |
 * | `Liquidation Clearance` | 5 | `liquidation` |
 * | anything else | | `other` |
 *
 * - Status: always `succeeded` (the history lists booked flows only; it has no status).
 * - Sign: `amount` is signed by WOO X Pro ("支持正负号") and kept as sent: positive means
 *   into the account, so a fee is negative.
 * - Id: `type:tran_id`, because one `tran_id` is shared by a transfer and its fee.
 * - `symbol` is kept when not empty; `account` and `tran_id` go to `references`.
 *
 * @since 0.1.0
 */
import { LedgerEntry } from "@ledgerkit/core"
import { Schema } from "effect"
import * as Wire from "../internal/wire.js"
import { keyOf, source, Transaction } from "./Records.js"

const kinds: Readonly<Record<string, LedgerEntry.LedgerKind>> = {
  "Transfer": "transfer",
  "Realized PNL": "realized_pnl",
  "Funding Fee": "funding_fee",
  "Commission Fee": "commission",
  "Liquidation Clearance": "liquidation"
}

/**
 * The ledger kind of a `type`.
 *
 * @since 0.1.0
 * @category mapping
 */
export const kindOf = (type: string): LedgerEntry.LedgerKind => Object.hasOwn(kinds, type) ? kinds[type] : "other"

// `original` is the row the record was decoded from: plain JSON, exact (amounts as the
// provider wrote them). A record the service did not decode gets its encoding.
const encodeRecord = Schema.encodeSync(Transaction)

/**
 * @since 0.1.0
 * @category mapping
 */
export const toLedgerEntry = (t: Transaction): LedgerEntry.LedgerEntry =>
  LedgerEntry.make({
    source,
    id: keyOf(t),
    time: t.time,
    kind: kindOf(t.type),
    providerType: t.type,
    asset: t.asset,
    amount: t.amount,
    status: "succeeded",
    ...(t.symbol === "" ? {} : { symbol: t.symbol }),
    references: { account: t.account, tranId: t.tran_id },
    original: Wire.rowOf(t) ?? encodeRecord(t)
  })
