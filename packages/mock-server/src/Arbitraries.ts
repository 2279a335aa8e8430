/**
 * fast-check arbitraries for each endpoint's records and for whole datasets. The
 * `generated` dataset is one sample of `datasets` for a seed, so property tests and the
 * CLI draw from the same code.
 *
 * The records carry the hard cases on purpose: bursts of records in one millisecond (or
 * one second, where the provider's times have no milliseconds), ids shared across types
 * where the provider's key is (type, id), amounts with 8 and more decimals, every type
 * and status (including the cloud-mining rows that are never served, and UM income rows
 * older than the 3-month retention).
 *
 * @since 0.1.0
 */
import { Either, FastCheck as fc } from "effect"
import * as Datasets from "./Datasets.js"
import type * as MockProvider from "./MockProvider.js"
import * as Providers from "./providers/index.js"
import * as Records from "./Records.js"
import * as Registry from "./Registry.js"

export {
  /**
   * Re-exported: a building block of the record arbitraries.
   *
   * @since 0.1.0
   * @category re-exports
   */
  decimal,
  /**
   * Re-exported: a building block of the record arbitraries.
   *
   * @since 0.1.0
   * @category re-exports
   */
  sharedIds,
  /**
   * Re-exported: a building block of the record arbitraries.
   *
   * @since 0.1.0
   * @category re-exports
   */
  times
} from "./internal/arbitrary.js"
/**
 * Every provider's record arbitraries.
 *
 * @since 0.1.0
 * @category re-exports
 */
export * from "./providers/index.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Options = MockProvider.GenerateOptions

/**
 * A whole dataset of a registry's providers: every data endpoint with the given number
 * of records.
 *
 * @since 0.1.0
 * @category datasets
 */
export const datasetsOf = (
  registry: Registry.Registry,
  options: Options & { readonly name?: string }
): fc.Arbitrary<Datasets.Any> =>
  fc.tuple(...registry.data.map((d) => d.arbitrary(options))).map((drawn) => ({
    name: options.name ?? "generated",
    tables: Object.fromEntries(registry.data.map((d, i) => [
      d.id,
      Either.getOrThrowWith(Datasets.tableWith(d.keys, d.id, drawn[i]), (message) => new Error(message))
    ]))
  }))

/**
 * A whole dataset: every endpoint with the given number of records.
 *
 * @since 0.1.0
 * @category datasets
 */
export const datasets = (options: Options & { readonly name?: string }): fc.Arbitrary<Datasets.Datasets> =>
  datasetsOf(Registry.make(Providers.all), options).map((d) => d as Datasets.Datasets)

/**
 * The `generated` dataset of a registry's providers: one deterministic sample for a seed.
 * The same seed, rows and anchor always give the same records.
 *
 * @since 0.1.0
 * @category datasets
 */
export const generateOf = (
  registry: Registry.Registry,
  options: { readonly seed: number; readonly rows: number; readonly anchor: number }
): Datasets.Any =>
  fc.sample(
    datasetsOf(registry, {
      rows: options.rows,
      anchor: options.anchor,
      name: `generated seed=${options.seed} rows=${options.rows}`
    }),
    { seed: options.seed, numRuns: 1 }
  )[0]

/**
 * The `generated` dataset: one deterministic sample of `datasets` for a seed.
 *
 * @since 0.1.0
 * @category datasets
 */
export const generate = (options: { readonly seed: number; readonly rows: number; readonly anchor: number }): Datasets.Datasets =>
  generateOf(Registry.make(Providers.all), options) as Datasets.Datasets

/**
 * The record arbitrary of each endpoint, by endpoint id.
 *
 * @since 0.1.0
 * @category records
 */
export const recordsOf = Object.fromEntries(Registry.make(Providers.all).data.map((d) => [d.id, d.arbitrary])) as {
  readonly [K in Records.EndpointId]: (options: Options) => fc.Arbitrary<ReadonlyArray<Records.RecordOf[K]>>
}
