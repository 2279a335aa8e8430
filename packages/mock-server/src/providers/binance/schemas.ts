/**
 * Schemas of Binance's records, for records uploaded through the admin API: amounts are
 * plain decimal literals, times parse, enumerations hold documented values.
 */
import { Schema } from "effect"
import * as Schemas from "../../internal/schemas.js"
import * as Records from "./records.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const CloudMining = Schema.Struct({
  createTime: Schemas.Millis,
  tranId: Schema.Int,
  type: Schema.Literal(248, 249),
  asset: Schema.String,
  amount: Schemas.DecimalString,
  status: Schema.String,
  clientTranId: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const UmIncome = Schema.Struct({
  symbol: Schema.String,
  incomeType: Schema.Literal(...Records.incomeTypes),
  income: Schemas.DecimalString,
  asset: Schema.String,
  info: Schema.String,
  time: Schemas.Millis,
  tranId: Schema.String,
  tradeId: Schema.String
})
