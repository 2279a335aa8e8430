/**
 * Binance's records in its own wire shape (the field names, types and order of the
 * documented examples).
 */
import * as ExactJson from "../../ExactJson.js"

// --- Binance cloud-mining ---------------------------------------------------------------

/**
 * A cloud-mining payment (type 248) or refund (249). Only status `S` rows are ever
 * served; the others exist so that a client can be tested against a provider that hides
 * them. `clientTranId` is a filter key that the response does not show.
 *
 * @since 0.1.0
 * @category models
 */
export interface CloudMiningRecord {
  readonly createTime: number
  readonly tranId: number
  readonly type: 248 | 249
  readonly asset: string
  readonly amount: string
  readonly status: string
  readonly clientTranId?: string | undefined
}

/**
 * @since 0.1.0
 * @category rendering
 */
export const renderCloudMining = (r: CloudMiningRecord): ExactJson.Json => ({
  createTime: r.createTime,
  tranId: r.tranId,
  type: r.type,
  asset: r.asset,
  amount: r.amount,
  status: r.status
})

// --- Binance PM UM income ---------------------------------------------------------------

/**
 * The 19 income types of the documentation, including its spelling `DELIVERED_SETTELMENT`.
 *
 * @since 0.1.0
 * @category models
 */
export const incomeTypes = [
  "TRANSFER",
  "WELCOME_BONUS",
  "REALIZED_PNL",
  "FUNDING_FEE",
  "COMMISSION",
  "INSURANCE_CLEAR",
  "REFERRAL_KICKBACK",
  "COMMISSION_REBATE",
  "API_REBATE",
  "CONTEST_REWARD",
  "CROSS_COLLATERAL_TRANSFER",
  "OPTIONS_PREMIUM_FEE",
  "OPTIONS_SETTLE_PROFIT",
  "INTERNAL_TRANSFER",
  "AUTO_EXCHANGE",
  "DELIVERED_SETTELMENT",
  "COIN_SWAP_DEPOSIT",
  "COIN_SWAP_WITHDRAW",
  "POSITION_LIMIT_INCREASE_FEE"
] as const

/**
 * @since 0.1.0
 * @category models
 */
export type IncomeType = typeof incomeTypes[number]

/**
 * A UM income row. `tranId` is unique only within one `incomeType`.
 *
 * @since 0.1.0
 * @category models
 */
export interface UmIncomeRecord {
  readonly symbol: string
  readonly incomeType: IncomeType
  readonly income: string
  readonly asset: string
  readonly info: string
  readonly time: number
  readonly tranId: string
  readonly tradeId: string
}

/**
 * @since 0.1.0
 * @category rendering
 */
export const renderUmIncome = (r: UmIncomeRecord): ExactJson.Json => ({
  symbol: r.symbol,
  incomeType: r.incomeType,
  income: r.income,
  asset: r.asset,
  info: r.info,
  time: r.time,
  tranId: r.tranId,
  tradeId: r.tradeId
})
