/**
 * Schemas of each endpoint's records (the `Records` models), for records uploaded through
 * the admin API (`PUT /__admin/dataset/:endpoint/records`). They check what the mock
 * needs to serve a record faithfully: amounts are plain decimal literals, times parse,
 * enumerations hold documented values.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import { Time } from "@ledgerkit/core"
import * as Records from "./Records.js"

const plainDecimal = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/

/**
 * A decimal amount as a string (`"-0.37500000"`): no exponent, no spaces, scale kept.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DecimalString = Schema.String.pipe(
  Schema.filter((s) => plainDecimal.test(s) || "a plain decimal literal such as \"-0.375\"")
)

/**
 * Zenlayer's amount: a JSON number on the wire; uploaded as its literal text, or as a
 * JSON number (written back as JavaScript prints it).
 *
 * @since 0.1.0
 * @category schemas
 */
export const NumberLiteral = Schema.transformOrFail(Schema.Union(Schema.String, Schema.Number), DecimalString, {
  strict: true,
  decode: (value, _, ast) => {
    const text = typeof value === "number" ? String(value) : value
    return plainDecimal.test(text)
      ? ParseResult.succeed(text)
      : ParseResult.fail(new ParseResult.Type(ast, value, "a plain JSON number literal (no exponent)"))
  },
  encode: ParseResult.succeed
})

/**
 * ISO-8601 UTC text (`2023-08-15T09:47:01Z`), kept as sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IsoText = Schema.String.pipe(
  Schema.filter((s) => Either.isRight(Time.parseIso(s)) || "an ISO-8601 UTC time such as 2023-08-15T09:47:01Z")
)

const Millis = Schema.Int.pipe(Schema.nonNegative())

/**
 * @since 0.1.0
 * @category schemas
 */
export const CloudMining = Schema.Struct({
  createTime: Millis,
  tranId: Schema.Int,
  type: Schema.Literal(248, 249),
  asset: Schema.String,
  amount: DecimalString,
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
  income: DecimalString,
  asset: Schema.String,
  info: Schema.String,
  time: Millis,
  tranId: Schema.String,
  tradeId: Schema.String
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const Zenlayer = Schema.Struct({
  transactionType: Schema.String,
  amount: NumberLiteral,
  paymentMethod: Schema.String,
  state: Schema.Literal(...Records.rechargeStates),
  transactionTime: IsoText,
  accountUid: Schema.String,
  transactionId: Schema.String
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const Wooxpro = Schema.Struct({
  symbol: Schema.String,
  type: Schema.Literal(...Records.wooxproTypes),
  amount: DecimalString,
  asset: Schema.String,
  account: Schema.Literal(...Records.wooxproAccounts),
  time: Schema.String.pipe(Schema.pattern(/^[0-9]{1,16}$/)),
  tran_id: Schema.String
})

const NullableText = Schema.NullOr(Schema.String)

/**
 * @since 0.1.0
 * @category schemas
 */
export const Cryptomus = Schema.Struct({
  uuid: Schema.String,
  type: Schema.Literal(...Records.cryptomusTypes),
  status: Schema.Literal(...Records.cryptomusStatuses),
  created_at: IsoText,
  amount: DecimalString,
  amount_equivalent: DecimalString,
  currency_equivalent: Schema.String,
  currency: Schema.String,
  network: NullableText,
  txid: NullableText,
  address: NullableText,
  comment: NullableText
})

/**
 * The record schema of each endpoint.
 *
 * @since 0.1.0
 * @category schemas
 */
export const byEndpoint = {
  "binance.cloud-mining": CloudMining,
  "binance.um-income": UmIncome,
  "zenlayer.recharge-refund": Zenlayer,
  "wooxpro.contract-transactions": Wooxpro,
  "cryptomus.transactions": Cryptomus
} as const
