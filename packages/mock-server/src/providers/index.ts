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

export * from "./binance/arbitraries.js"
export * from "./binance/records.js"
export * from "./binance/schemas.js"
export * from "./cryptomus/arbitraries.js"
export * from "./cryptomus/records.js"
export * from "./cryptomus/schemas.js"
export * from "./wooxpro/arbitraries.js"
export * from "./wooxpro/records.js"
export * from "./wooxpro/schemas.js"
export * from "./zenlayer/arbitraries.js"
export * from "./zenlayer/records.js"
export * from "./zenlayer/schemas.js"
