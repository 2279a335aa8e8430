/**
 * @since 0.1.0
 */
export * as Binance from "./Binance.js"
export * as Ledger from "./Ledger.js"
