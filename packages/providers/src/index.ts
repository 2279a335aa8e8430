/**
 * Provider histories as Effect services: typed, schema-decoded, exactly-once streams,
 * and the unified Ledger.
 *
 * @since 0.1.0
 */

/**
 * Binance as an Effect service: the Cloud-Mining payment and refund history (SAPI) and
 * the Portfolio-Margin UM income history (PAPI), each as one page (`Effect`) or the
 * whole history (`Stream` of schema-decoded records), and both as `Source`s of ledger
 * entries.
 *
 * @since 0.1.0
 */
export * as Binance from "./Binance.js"

/**
 * Cryptomus's transaction list (`POST /v2/user-api/transaction/list`) as an Effect
 * service: one page as an `Effect`, the whole history as a `Stream` of decoded records
 * (walking `paginate.nextCursor`), and a `Source` of `LedgerEntry`s for the unified
 * Ledger.
 *
 * @since 0.1.0
 */
export * as Cryptomus from "./Cryptomus.js"

/**
 * The unified Ledger: one `Stream<LedgerEntry>` over any set of sources and a range.
 *
 * @since 0.1.0
 */
export * as Ledger from "./Ledger.js"

/**
 * WOO X Pro's contract transaction history (`GET /contract/private/transaction-history`)
 * as an Effect service: one page as an `Effect`, the whole history as a `Stream` of
 * decoded records, and a `Source` of `LedgerEntry`s for the unified Ledger.
 *
 * @since 0.1.0
 */
export * as WooXPro from "./WooXPro.js"

/**
 * Zenlayer Cloud's recharge and refund history (`DescribeRechargeRefundHistory`) as an
 * Effect service: one page as an `Effect`, the whole history as a `Stream` of decoded
 * records, and a `Source` of `LedgerEntry`s for the unified Ledger.
 *
 * @since 0.1.0
 */
export * as Zenlayer from "./Zenlayer.js"
