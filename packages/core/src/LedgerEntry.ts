/**
 * The one model every provider's records are normalised to.
 *
 * @since 0.1.0
 */
import { DateTime, Order, Schema, String as Str } from "effect"
import { DecimalString } from "./Amount.js"
import { IsoUtc } from "./Time.js"

/**
 * What an entry is, across providers.
 *
 * @since 0.1.0
 * @category models
 */
export const LedgerKind = Schema.Literal(
  "payment",
  "refund",
  "transfer",
  "deposit",
  "withdrawal",
  "payout",
  "fee",
  "commission",
  "funding_fee",
  "realized_pnl",
  "interest",
  "rebate",
  "insurance",
  "liquidation",
  "settlement",
  "adjustment",
  "other"
)

/**
 * @since 0.1.0
 * @category models
 */
export type LedgerKind = typeof LedgerKind.Type

/**
 * Where an entry stands.
 *
 * @since 0.1.0
 * @category models
 */
export const LedgerStatus = Schema.Literal("succeeded", "pending", "failed", "canceled", "locked")

/**
 * @since 0.1.0
 * @category models
 */
export type LedgerStatus = typeof LedgerStatus.Type

/**
 * One movement of money in one account.
 *
 * - `id` is unique within its source; it is composite (`TRANSFER:9689322392`) where the
 *   provider's id is unique only within a type.
 * - `amount` is signed: positive means into the account.
 * - `original` is the provider's record in its wire form (plain JSON, amounts exactly as
 *   written), kept for reconciliation; the provider's record schema decodes it again.
 *
 * @since 0.1.0
 * @category models
 */
export class LedgerEntry extends Schema.Class<LedgerEntry>("@ledgerkit/core/LedgerEntry")({
  source: Schema.String,
  id: Schema.String,
  time: IsoUtc,
  kind: LedgerKind,
  providerType: Schema.String,
  asset: Schema.String,
  amount: DecimalString,
  status: LedgerStatus,
  symbol: Schema.optionalWith(Schema.String, { exact: true }),
  /** Other identifiers of the movement (order id, client transfer id, trace id...). */
  references: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { exact: true }),
  original: Schema.Unknown
}) {}

/**
 * Builds an entry from fields whose types the compiler has already checked (a provider's
 * decoded record, mapped). It skips the class constructor's run-time validation, which
 * re-derives the schema for every entry and was most of a provider's decoding time in the
 * benchmarks. Decoding an entry from outside (`Schema.decodeUnknown(LedgerEntry)`) still
 * validates everything.
 *
 * The entry is the one `new LedgerEntry(fields, true)` makes (a test holds them equal):
 * that constructor copies the fields and merges defaults (the class has none) before
 * assigning them, work that every record of a stream would pay for.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (fields: ConstructorParameters<typeof LedgerEntry>[0]): LedgerEntry =>
  Object.assign(Object.create(LedgerEntry.prototype) as LedgerEntry, fields)

/**
 * Time order, then source and id, so that equal times still sort the same way every run.
 *
 * @since 0.1.0
 * @category orders
 */
export const byTime: Order.Order<LedgerEntry> = Order.combine(
  Order.mapInput(DateTime.Order, (e: LedgerEntry) => e.time),
  Order.combine(
    Order.mapInput(Str.Order, (e: LedgerEntry) => e.source),
    Order.mapInput(Str.Order, (e: LedgerEntry) => e.id)
  )
)
