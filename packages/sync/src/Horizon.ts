/**
 * How long a record can still change after its time, per source: each run re-reads this
 * much before its position. The providers document no such figure; the defaults follow
 * what each endpoint's records can do.
 *
 * @since 0.1.0
 */
import type * as Source from "@ledgerkit/providers/Source"
import { Duration } from "effect"

/**
 * The default re-read horizon of each source.
 *
 * - `binance.cloud-mining`: 1 day. Only `SUCCESS` rows are listed and a refund is a row
 *   of its own (type 249), so a listed row does not change; the day covers rows booked
 *   late with an earlier time.
 * - `binance.um-income`: 1 day. Income rows (funding fees, realized PnL, commissions) are
 *   final bookings with no status; the day covers late bookings.
 * - `zenlayer.recharge-refund`: 7 days. A recharge or refund is listed while `PAYING`
 *   and later becomes `PAY_SUCCESS` or `PAY_FAILED`; the docs give no deadline, and a
 *   bank transfer can take days.
 * - `wooxpro.contract-transactions`: 1 day. Contract transactions (fees, funding,
 *   realized PnL, transfers) are final bookings with no status.
 * - `cryptomus.transactions`: 3 days. A transaction can be `check` (waiting for the
 *   blockchain) or `locked` (held by AML checks) before it is `paid`, `fail` or
 *   `cancel`; an invoice lives at most 12 hours, and AML holds take longer.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults: Readonly<Record<Source.SourceId, Duration.Duration>> = {
  "binance.cloud-mining": Duration.days(1),
  "binance.um-income": Duration.days(1),
  "zenlayer.recharge-refund": Duration.days(7),
  "wooxpro.contract-transactions": Duration.days(1),
  "cryptomus.transactions": Duration.days(3)
}
