/**
 * @since 0.1.0
 */
export * as Binance from "./Binance.js"
export * as Cryptomus from "./Cryptomus.js"
export * as Ledger from "./Ledger.js"
export * as WooXPro from "./WooXPro.js"
export * as Zenlayer from "./Zenlayer.js"
