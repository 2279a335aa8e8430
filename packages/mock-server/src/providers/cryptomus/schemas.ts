/**
 * Schemas of Cryptomus's records, for records uploaded through the admin API: amounts are
 * plain decimal literals, times parse, enumerations hold documented values.
 */
import { Schema } from "effect"
import * as Schemas from "../../internal/schemas.js"
import * as Records from "./records.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Cryptomus = Schema.Struct({
  uuid: Schema.String,
  type: Schema.Literal(...Records.cryptomusTypes),
  status: Schema.Literal(...Records.cryptomusStatuses),
  created_at: Schemas.IsoText,
  amount: Schemas.DecimalString,
  amount_equivalent: Schemas.DecimalString,
  currency_equivalent: Schema.String,
  currency: Schema.String,
  network: Schemas.NullableText,
  txid: Schemas.NullableText,
  address: Schemas.NullableText,
  comment: Schemas.NullableText
})
