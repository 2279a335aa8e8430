/**
 * Schemas of each endpoint's records (the `Records` models), for records uploaded through
 * the admin API (`PUT /__admin/dataset/:endpoint/records`). They check what the mock
 * needs to serve a record faithfully: amounts are plain decimal literals, times parse,
 * enumerations hold documented values. Each provider's schemas live in its folder; they
 * are re-exported here.
 *
 * @since 0.1.0
 */
import type { Schema } from "effect"
import * as Providers from "./providers/index.js"
import type * as Records from "./Records.js"
import * as Registry from "./Registry.js"

export {
  /**
   * Re-exported: the wire schemas the record schemas are made of.
   *
   * @since 0.1.0
   * @category re-exports
   */
  DecimalString,
  /**
   * Re-exported: the wire schemas the record schemas are made of.
   *
   * @since 0.1.0
   * @category re-exports
   */
  IsoText,
  /**
   * Re-exported: the wire schemas the record schemas are made of.
   *
   * @since 0.1.0
   * @category re-exports
   */
  NumberLiteral
} from "./internal/schemas.js"
/**
 * Every provider's record schemas.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./providers/index.js"

/**
 * The record schema of each endpoint, by endpoint id.
 *
 * @since 0.1.0
 * @category schemas
 */
export const byEndpoint: { readonly [K in Records.EndpointId]: Schema.Schema.AnyNoContext } = Object.fromEntries(
  Registry.make(Providers.all).data.map((d) => [d.id, d.schema])
) as { readonly [K in Records.EndpointId]: Schema.Schema.AnyNoContext }
