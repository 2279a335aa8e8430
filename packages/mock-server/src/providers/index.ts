/**
 * The providers the mock serves, in order (the order of the endpoints, the datasets, the
 * OpenAPI document and the banner). This is the one place that names them: a sixth
 * provider is one folder here and one line below.
 *
 * The providers' public names (record types and enumerations, record schemas,
 * arbitraries) are re-exported here, flat, for the package's `Records`, `RecordSchemas`
 * and `Arbitraries` modules.
 *
 * @since 0.1.0
 */
import * as Binance from "./binance/index.js"
import * as Cryptomus from "./cryptomus/index.js"
import * as Wooxpro from "./wooxpro/index.js"
import * as Zenlayer from "./zenlayer/index.js"

/**
 * @since 0.1.0
 * @category providers
 */
export const all = [Binance.provider, Zenlayer.provider, Wooxpro.provider, Cryptomus.provider] as const

/**
 * @since 0.1.0
 * @category providers
 */
export type All = typeof all

/**
 * Binance's arbitraries.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./binance/arbitraries.js"
/**
 * Binance's record types and enumerations.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./binance/records.js"
/**
 * Binance's record schemas.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./binance/schemas.js"
/**
 * Cryptomus's arbitraries.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./cryptomus/arbitraries.js"
/**
 * Cryptomus's record types and enumerations.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./cryptomus/records.js"
/**
 * Cryptomus's record schemas.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./cryptomus/schemas.js"
/**
 * Wooxpro's arbitraries.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./wooxpro/arbitraries.js"
/**
 * Wooxpro's record types and enumerations.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./wooxpro/records.js"
/**
 * Wooxpro's record schemas.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./wooxpro/schemas.js"
/**
 * Zenlayer's arbitraries.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./zenlayer/arbitraries.js"
/**
 * Zenlayer's record types and enumerations.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./zenlayer/records.js"
/**
 * Zenlayer's record schemas.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./zenlayer/schemas.js"
