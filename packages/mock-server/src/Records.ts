/**
 * The records each endpoint serves, in the providers' own wire shapes (the field names,
 * types and order of the documented examples). Amounts are exact decimal strings; where a
 * provider writes its amount as a JSON number literal, the mock keeps the literal as a
 * string and writes it unquoted.
 *
 * Each provider's record types and enumerations live in its folder; they are re-exported
 * here.
 *
 * @since 0.1.0
 */
import type * as MockProvider from "./MockProvider.js"
import * as Providers from "./providers/index.js"

/**
 * Every provider's record types and enumerations.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./providers/index.js"

/**
 * The record type of each data endpoint, by source id.
 *
 * @since 0.1.0
 * @category models
 */
export type RecordOf = MockProvider.RecordsOf<Providers.All>

/**
 * @since 0.1.0
 * @category models
 */
export type EndpointId = MockProvider.DataIds<Providers.All>

/**
 * @since 0.1.0
 * @category guards
 */
export const isEndpointId = (u: string): u is EndpointId => Providers.all.some((p) => u in p.data)

/**
 * The data endpoints, by source id, in the providers' order.
 *
 * @since 0.1.0
 * @category models
 */
export const endpointIds: readonly [EndpointId, ...Array<EndpointId>] = (() => {
  const [first, ...rest] = Providers.all.flatMap((p) => Object.keys(p.data)).filter(isEndpointId)
  return [first, ...rest]
})()
