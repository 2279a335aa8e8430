/**
 * Schemas of WOO X Pro's records, for records uploaded through the admin API: amounts are
 * plain decimal literals, times parse, enumerations hold documented values.
 */
import { Schema } from "effect"
import * as Schemas from "../../internal/schemas.js"
import * as Records from "./records.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Wooxpro = Schema.Struct({
  symbol: Schema.String,
  type: Schema.Literal(...Records.wooxproTypes),
  amount: Schemas.DecimalString,
  asset: Schema.String,
  account: Schema.Literal(...Records.wooxproAccounts),
  time: Schema.String.pipe(Schema.pattern(/^[0-9]{1,16}$/)),
  tran_id: Schema.String
})
