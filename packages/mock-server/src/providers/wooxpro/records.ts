/**
 * WOO X Pro's records in its own wire shape (the field names, types and order of the
 * documented examples).
 */
import * as ExactJson from "../../ExactJson.js"

// --- WOO X Pro --------------------------------------------------------------------------

/**
 * `flow_type` values and the `type` each selects (0 selects all).
 *
 * @since 0.1.0
 * @category models
 */
export const wooxproFlowTypes = {
  1: "Transfer",
  2: "Realized PNL",
  3: "Funding Fee",
  4: "Commission Fee",
  5: "Liquidation Clearance"
} as const

/**
 * @since 0.1.0
 * @category models
 */
export const wooxproTypes = Object.values(wooxproFlowTypes)

/**
 * @since 0.1.0
 * @category models
 */
export type WooxproType = typeof wooxproFlowTypes[keyof typeof wooxproFlowTypes]

/**
 * @since 0.1.0
 * @category models
 */
export const wooxproAccounts = ["futures", "copy_trading"] as const

/**
 * A WOO X Pro contract transaction. `time` is epoch millis as a string (as in the
 * example); (`type`, `tran_id`) is the key.
 *
 * @since 0.1.0
 * @category models
 */
export interface WooxproRecord {
  readonly symbol: string
  readonly type: WooxproType
  readonly amount: string
  readonly asset: string
  readonly account: typeof wooxproAccounts[number]
  readonly time: string
  readonly tran_id: string
}

/**
 * @since 0.1.0
 * @category rendering
 */
export const renderWooxpro = (r: WooxproRecord): ExactJson.Json => ({
  symbol: r.symbol,
  type: r.type,
  amount: r.amount,
  asset: r.asset,
  account: r.account,
  time: r.time,
  tran_id: r.tran_id
})
