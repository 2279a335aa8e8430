/**
 * Binance Portfolio Margin UM income history (`GET /papi/v1/um/income`): the record, the
 * query, the income types and `toLedgerEntry`.
 *
 * @since 0.1.0
 */
import { Amount, Errors, LedgerEntry, Time } from "@ledgerkit/core"
import { DateTime, Effect, ParseResult, Schema } from "effect"
import * as Wire from "../internal/wire.js"

/**
 * @since 0.1.0
 * @category constants
 */
export const source = "binance.um-income" as const

/**
 * @since 0.1.0
 * @category constants
 */
export const path = "/papi/v1/um/income"

/**
 * The documented request weight.
 *
 * @since 0.1.0
 * @category constants
 */
export const weight = 30

/**
 * The largest `limit` Binance accepts (the default is 100; streams use the maximum).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPageSize = 1000

/**
 * The 19 documented income types, spelled as Binance spells them (`DELIVERED_SETTELMENT`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const IncomeType = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category models
 */
export type IncomeType = typeof IncomeType.Type

/**
 * Each income type's ledger kind. The amount keeps Binance's sign (positive = into the
 * account). A type Binance adds later still decodes and maps to `other`.
 *
 * @since 0.1.0
 * @category mapping
 */
export const kindOf: Readonly<Record<IncomeType, LedgerEntry.LedgerKind>> = {
  TRANSFER: "transfer",
  WELCOME_BONUS: "rebate",
  REALIZED_PNL: "realized_pnl",
  FUNDING_FEE: "funding_fee",
  COMMISSION: "commission",
  INSURANCE_CLEAR: "insurance",
  REFERRAL_KICKBACK: "rebate",
  COMMISSION_REBATE: "rebate",
  API_REBATE: "rebate",
  CONTEST_REWARD: "rebate",
  CROSS_COLLATERAL_TRANSFER: "transfer",
  OPTIONS_PREMIUM_FEE: "fee",
  OPTIONS_SETTLE_PROFIT: "settlement",
  INTERNAL_TRANSFER: "transfer",
  AUTO_EXCHANGE: "adjustment",
  DELIVERED_SETTELMENT: "settlement",
  COIN_SWAP_DEPOSIT: "deposit",
  COIN_SWAP_WITHDRAW: "withdrawal",
  POSITION_LIMIT_INCREASE_FEE: "fee"
}

const isIncomeType = Schema.is(IncomeType)

/**
 * A transaction id. The PM docs send it as a string of digits; the USD-M twin sends a
 * JSON number. Both decode to the digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TranId: Schema.Schema<string, string | number> = Schema.Union(
  Schema.String.pipe(Schema.pattern(/^\d+$/)),
  Schema.transformOrFail(Schema.Number, Schema.String, {
    strict: true,
    decode: (n, _, ast) =>
      Number.isSafeInteger(n) && n >= 0
        ? ParseResult.succeed(n.toString())
        : ParseResult.fail(new ParseResult.Type(ast, n, `Expected a transaction id that a double holds exactly, received ${n}`)),
    encode: (s, _, ast) => ParseResult.fail(new ParseResult.Forbidden(ast, s, "ids are encoded as strings"))
  })
).annotations({ identifier: "TranId" })

/**
 * One row. `income` is signed; `symbol`, `info` and `tradeId` are `""` when empty.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UmIncomeRecord = Schema.Struct({
  symbol: Schema.optionalWith(Schema.String, { default: () => "" }),
  incomeType: Schema.String,
  income: Amount.DecimalString,
  asset: Schema.String,
  info: Schema.optionalWith(Schema.String, { default: () => "" }),
  time: Time.EpochMillis,
  tranId: TranId,
  tradeId: Schema.optionalWith(Schema.String, { default: () => "" })
}).annotations({ identifier: "UmIncomeRecord" })

/**
 * @since 0.1.0
 * @category models
 */
export interface UmIncomeRecord extends Schema.Schema.Type<typeof UmIncomeRecord> {}

/**
 * A page is a bare array; there is no total.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UmIncomePage = Schema.Array(UmIncomeRecord)

/**
 * The record's identity: `tranId` is unique only within one income type.
 *
 * @since 0.1.0
 * @category mapping
 */
export const keyOf = (record: UmIncomeRecord): string => `${record.incomeType}:${record.tranId}`

/**
 * @since 0.1.0
 * @category models
 */
export interface UmIncomeFilters {
  readonly symbol?: string | undefined
  /** One of the 19 documented types; checked before sending. */
  readonly incomeType?: IncomeType | undefined
}

/**
 * One page. Both times are inclusive; with neither, Binance returns the last 7 days.
 *
 * @since 0.1.0
 * @category models
 */
export interface UmIncomePageQuery extends UmIncomeFilters {
  readonly startTime?: DateTime.Utc | undefined
  readonly endTime?: DateTime.Utc | undefined
  readonly page?: number | undefined
  readonly limit?: number | undefined
}

/**
 * The whole history of `[from, to]` (both inclusive). `pageSize` defaults to 1000.
 *
 * @since 0.1.0
 * @category models
 */
export interface UmIncomeQuery extends UmIncomeFilters {
  readonly from: DateTime.Utc
  readonly to: DateTime.Utc
  readonly pageSize?: number | undefined
}

const isWhole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max

const invalid = (reason: string) => Effect.fail(Errors.InvalidRequest.localFailure(source, reason))

/**
 * @since 0.1.0
 * @category validation
 */
export const validateFilters = (filters: UmIncomeFilters): Effect.Effect<void, Errors.InvalidRequest> =>
  filters.incomeType === undefined || isIncomeType(filters.incomeType)
    ? Effect.void
    : invalid(`unknown incomeType ${JSON.stringify(filters.incomeType)}; expected one of ${IncomeType.literals.join(", ")}`)

/**
 * @since 0.1.0
 * @category validation
 */
export const validateLimit = (limit: number): Effect.Effect<void, Errors.InvalidRequest> =>
  isWhole(limit, 1, maxPageSize) ? Effect.void : invalid(`limit must be an integer from 1 to ${maxPageSize}, got ${limit}`)

/**
 * @since 0.1.0
 * @category validation
 */
export const validatePageQuery = (query: UmIncomePageQuery): Effect.Effect<void, Errors.InvalidRequest> =>
  Effect.all([
    query.startTime !== undefined && query.endTime !== undefined &&
      DateTime.greaterThan(query.startTime, query.endTime)
      ? invalid(`startTime ${Time.formatIso(query.startTime)} is after endTime ${Time.formatIso(query.endTime)}`)
      : Effect.void,
    query.page === undefined || isWhole(query.page, 1, Number.MAX_SAFE_INTEGER)
      ? Effect.void
      : invalid(`page must be an integer from 1, got ${query.page}`),
    query.limit === undefined ? Effect.void : validateLimit(query.limit),
    validateFilters(query)
  ], { discard: true })

/**
 * The query parameters, in the order they are sent (signing appends its own).
 *
 * @since 0.1.0
 * @category requests
 */
export const params = (query: UmIncomePageQuery): ReadonlyArray<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = []
  if (query.symbol !== undefined) out.push(["symbol", query.symbol])
  if (query.incomeType !== undefined) out.push(["incomeType", query.incomeType])
  if (query.startTime !== undefined) out.push(["startTime", Time.toMillis(query.startTime).toString()])
  if (query.endTime !== undefined) out.push(["endTime", Time.toMillis(query.endTime).toString()])
  if (query.page !== undefined) out.push(["page", query.page.toString()])
  if (query.limit !== undefined) out.push(["limit", query.limit.toString()])
  return out
}

const encodeRecord = Schema.encodeSync(UmIncomeRecord)

// A plain lookup: `isIncomeType` runs the Schema interpreter, too slow for every record.
const kindOfType = (incomeType: string): LedgerEntry.LedgerKind =>
  Object.hasOwn(kindOf, incomeType) ? kindOf[incomeType as IncomeType] : "other"

/**
 * Normalises a record: id `incomeType:tranId`, kind from `kindOf`, Binance's sign kept.
 * `original` is the row the record was decoded from, as it came on the wire (JSON-safe,
 * exact); a record the service did not decode gets its encoding.
 *
 * @since 0.1.0
 * @category mapping
 */
export const toLedgerEntry = (record: UmIncomeRecord): LedgerEntry.LedgerEntry => {
  const references: Record<string, string> = { tranId: record.tranId }
  if (record.tradeId !== "") references.tradeId = record.tradeId
  return LedgerEntry.make({
    source,
    id: keyOf(record),
    time: record.time,
    kind: kindOfType(record.incomeType),
    providerType: record.incomeType,
    asset: record.asset,
    amount: record.income,
    status: "succeeded",
    ...(record.symbol === "" ? {} : { symbol: record.symbol }),
    references,
    original: Wire.rowOf(record) ?? encodeRecord(record)
  })
}
