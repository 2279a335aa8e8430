/**
 * The records the mock serves, one table per data endpoint. A table is kept sorted
 * oldest first (by time, then the provider's tie-break) with its times alongside, so
 * that a time window is two binary searches and a page is a slice.
 *
 * - `docs`: the documented example records. Its tables are `documented`: their records
 *   are served whatever today's date (no retention, and no default window), and the
 *   documented example requests are answered verbatim.
 * - `generated`: seeded records (see `Arbitraries`), timed in the 90 days before an
 *   anchor instant.
 *
 * How a record is identified and ordered is the provider's (`MockProvider.Keys`).
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import type * as Endpoint from "./Endpoint.js"
import type * as MockProvider from "./MockProvider.js"
import * as Providers from "./providers/index.js"
import * as Records from "./Records.js"
import * as Registry from "./Registry.js"

type EndpointId = Records.EndpointId
type RecordOf = Records.RecordOf

/**
 * @since 0.1.0
 * @category models
 */
export type Table<R> = Endpoint.Table<R>

/**
 * @since 0.1.0
 * @category models
 */
export type Keys<R> = MockProvider.Keys<R>

/**
 * @since 0.1.0
 * @category models
 */
export type Tables = { readonly [K in EndpointId]: Table<RecordOf[K]> }

/**
 * @since 0.1.0
 * @category models
 */
export interface Datasets {
  /** `docs`, `generated seed=S rows=N`, or what an admin loaded. */
  readonly name: string
  readonly tables: Tables
}

/**
 * Datasets of any providers' endpoints (the kernel's view: a table under each id).
 *
 * @since 0.1.0
 * @category models
 */
export type Any = Endpoint.Snapshot["datasets"]

const defaults = Registry.make(Providers.all)

/**
 * The record keys of each endpoint, by endpoint id.
 *
 * @since 0.1.0
 * @category constants
 */
export const keys = Object.fromEntries(defaults.data.map((d) => [d.id, d.keys])) as {
  readonly [K in EndpointId]: Keys<RecordOf[K]>
}

/**
 * Builds a table with an endpoint's keys, sorting the records; fails when two records
 * share an identity.
 *
 * @since 0.1.0
 * @category constructors
 */
export const tableWith = <R>(
  k: Keys<R>,
  id: string,
  records: Iterable<R>,
  documented = false
): Either.Either<Table<R>, string> => {
  const timed = Array.from(records, (record) => ({ record, time: k.time(record) }))
  timed.sort((a, b) => a.time - b.time || k.tieBreak(a.record, b.record))
  const seen = new Set<string>()
  for (const { record } of timed) {
    const identity = k.identity(record)
    if (seen.has(identity)) return Either.left(`${id}: two records share the identity ${identity}`)
    seen.add(identity)
  }
  return Either.right({ records: timed.map((t) => t.record), times: timed.map((t) => t.time), documented })
}

/**
 * Builds a table, sorting the records; fails when two records share an identity.
 *
 * @since 0.1.0
 * @category constructors
 */
export const table = <K extends EndpointId>(
  id: K,
  records: Iterable<RecordOf[K]>,
  documented = false
): Either.Either<Table<RecordOf[K]>, string> => tableWith(keys[id] as Keys<RecordOf[K]>, id, records, documented)

const orThrow = <A>(table: Either.Either<A, string>) => Either.getOrThrowWith(table, (message) => new Error(message))

/**
 * Like `table`, for records known to be valid (throws otherwise).
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeTable = <K extends EndpointId>(id: K, records: Iterable<RecordOf[K]>, documented = false) =>
  orThrow(table(id, records, documented))

/**
 * Tables from each data endpoint's records, in a registry's order.
 *
 * @since 0.1.0
 * @category constructors
 */
export const tablesOf = (
  registry: Registry.Registry,
  f: (data: MockProvider.Data<string, unknown>) => Table<unknown>
): Any["tables"] => Object.fromEntries(registry.data.map((d) => [d.id, f(d)]))

/**
 * The documented example records of a registry's providers.
 *
 * @since 0.1.0
 * @category constructors
 */
export const docsOf = (registry: Registry.Registry): Any => ({
  name: "docs",
  tables: tablesOf(registry, (d) => orThrow(tableWith(d.keys, d.id, d.documented, true)))
})

/**
 * The documented example records.
 *
 * @since 0.1.0
 * @category constants
 */
export const docs = docsOf(defaults) as Datasets

/**
 * Record counts per endpoint.
 *
 * @since 0.1.0
 * @category accessors
 */
export const counts = (datasets: Any): { readonly [K in EndpointId]: number } =>
  Object.fromEntries(Object.entries(datasets.tables).map(([id, t]) => [id, t.records.length])) as {
    readonly [K in EndpointId]: number
  }

/**
 * Replaces one endpoint's records.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withTable = <K extends EndpointId>(
  datasets: Datasets,
  id: K,
  t: Table<RecordOf[K]>,
  name = "custom"
): Datasets => ({ name, tables: { ...datasets.tables, [id]: t } })
