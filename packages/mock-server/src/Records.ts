/**
 * The records each endpoint serves, in the providers' own wire shapes (the field names,
 * types and order of the documented examples). Amounts are exact decimal strings; Zenlayer
 * writes its amount as a JSON number literal, so the mock keeps the literal as a string
 * and writes it unquoted.
 *
 * @since 0.1.0
 */
import * as ExactJson from "./ExactJson.js"

/**
 * The five data endpoints, by source id.
 *
 * @since 0.1.0
 * @category models
 */
export const endpointIds = [
  "binance.cloud-mining",
  "binance.um-income",
  "zenlayer.recharge-refund",
  "wooxpro.contract-transactions",
  "cryptomus.transactions"
] as const

/**
 * @since 0.1.0
 * @category models
 */
export type EndpointId = typeof endpointIds[number]

/**
 * @since 0.1.0
 * @category guards
 */
export const isEndpointId = (u: string): u is EndpointId => (endpointIds as ReadonlyArray<string>).includes(u)

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

/**
 * The record type of each endpoint.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordOf {
  readonly "binance.cloud-mining": CloudMiningRecord
  readonly "binance.um-income": UmIncomeRecord
  readonly "zenlayer.recharge-refund": ZenlayerRecord
  readonly "wooxpro.contract-transactions": WooxproRecord
  readonly "cryptomus.transactions": CryptomusRecord
}
