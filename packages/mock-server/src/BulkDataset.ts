/**
 * Large datasets, fast: a seeded generator (mulberry32) that writes records in the
 * endpoints' shapes at a steady density, for benchmarks that need 100k to millions of
 * records. The fast-check `generated` dataset draws each record through arbitraries
 * (about 3 s per 10,000 rows); this one writes a million rows in a few seconds.
 *
 * Records are spread evenly over `[anchor - spanMillis, anchor)` (or at `perDay` records
 * a day, so that the span grows with the count and the density does not), with short
 * bursts of records in one instant (at most `burst`, below every page size the clients
 * use) and ids shared across types where the provider's key is (type, id). Every record
 * is one the endpoint serves (cloud-mining status `S`), so an export of the whole span
 * returns exactly `rows` records per endpoint.
 *
 * The same options always give the same records.
 *
 * @since 0.1.0
 */
import * as Datasets from "./Datasets.js"
import * as Bulk from "./internal/bulk.js"
import type * as MockProvider from "./MockProvider.js"
import * as Providers from "./providers/index.js"
import * as Registry from "./Registry.js"

/**
 * @since 0.1.0
 * @category models
 */
export type EndpointSpec = Bulk.EndpointSpec

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly seed: number
  /** Records are timed before this instant (epoch millis). */
  readonly anchor: number
  /** Endpoints left out get no records. */
  readonly endpoints: { readonly [id: string]: EndpointSpec | undefined }
  /** The most records in one instant (default 4). */
  readonly burst?: number | undefined
}

/**
 * A table from records whose times are nondecreasing: only the runs of records in one
 * instant are sorted (by the endpoint's tie-break), which is what `Datasets.table` would
 * do with a full sort, at a fraction of the cost for a million rows.
 */
const tableOf = <R>(
  data: MockProvider.Data<string, R>,
  records: Array<R>,
  times: ReadonlyArray<number>
): Datasets.Table<R> => {
  const keys = data.keys
  let start = 0
  for (let i = 1; i <= records.length; i++) {
    if (i === records.length || times[i] !== times[start]) {
      if (i - start > 1) {
        const run = records.slice(start, i).sort((a, b) => keys.tieBreak(a, b))
        for (let j = 0; j < run.length; j++) records[start + j] = run[j]
      }
      start = i
    }
  }
  return { records, times, documented: false }
}

/**
 * The dataset of a registry's providers: each data endpoint's records, sorted into
 * tables (endpoints without a spec are empty).
 *
 * @since 0.1.0
 * @category constructors
 */
export const generateOf = (registry: Registry.Registry, options: Options): Datasets.Any => {
  const sizes: Array<string> = []
  const tables = Datasets.tablesOf(registry, (d) => {
    const spec = options.endpoints[d.id]
    const random = Bulk.generator(options.seed * 31 + registry.data.indexOf(d))
    const times = spec === undefined
      ? []
      : Bulk.timesOf(random, spec.rows, options.anchor, Bulk.spanOf(spec), options.burst ?? 4, d.timeUnit)
    sizes.push(`${d.id}=${times.length}`)
    return tableOf(d, d.bulk(random, times), times)
  })
  return { name: `bulk seed=${options.seed} ${sizes.join(" ")}`, tables }
}

/**
 * The dataset: each endpoint's records, sorted into tables (endpoints without a spec
 * are empty).
 *
 * @since 0.1.0
 * @category constructors
 */
export const generate = (options: Options): Datasets.Datasets =>
  generateOf(Registry.make(Providers.all), options) as Datasets.Datasets
