/**
 * Cryptomus's records in its own wire shape (the field names, types and order of the
 * documented examples).
 */
import * as ExactJson from "../../ExactJson.js"

// --- Cryptomus --------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category models
 */
export const cryptomusTypes = ["payment", "payout", "transfer"] as const

/**
 * @since 0.1.0
 * @category models
 */
export const cryptomusStatuses = ["check", "paid", "fail", "cancel", "locked"] as const

/**
 * A Cryptomus transaction; `created_at` is ISO-8601 UTC with microseconds
 * (`2022-07-22T15:11:46.000000Z`).
 *
 * @since 0.1.0
 * @category models
 */
export interface CryptomusRecord {
  readonly uuid: string
  readonly type: typeof cryptomusTypes[number]
  readonly status: typeof cryptomusStatuses[number]
  readonly created_at: string
  readonly amount: string
  readonly amount_equivalent: string
  readonly currency_equivalent: string
  readonly currency: string
  readonly network: string | null
  readonly txid: string | null
  readonly address: string | null
  readonly comment: string | null
}

/**
 * @since 0.1.0
 * @category rendering
 */
export const renderCryptomus = (r: CryptomusRecord): ExactJson.Json => ({
  uuid: r.uuid,
  type: r.type,
  status: r.status,
  created_at: r.created_at,
  amount: r.amount,
  amount_equivalent: r.amount_equivalent,
  currency_equivalent: r.currency_equivalent,
  currency: r.currency,
  network: r.network,
  txid: r.txid,
  address: r.address,
  comment: r.comment
})
