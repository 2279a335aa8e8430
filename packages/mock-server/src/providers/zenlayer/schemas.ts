/**
 * Schemas of Zenlayer's records, for records uploaded through the admin API: amounts are
 * plain decimal literals, times parse, enumerations hold documented values.
 */
import { Schema } from "effect"
import * as Schemas from "../../internal/schemas.js"
import * as Records from "./records.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Zenlayer = Schema.Struct({
  transactionType: Schema.String,
  amount: Schemas.NumberLiteral,
  paymentMethod: Schema.String,
  state: Schema.Literal(...Records.rechargeStates),
  transactionTime: Schemas.IsoText,
  accountUid: Schema.String,
  transactionId: Schema.String
})
