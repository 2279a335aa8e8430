/**
 * The records the mock serves, one table per endpoint. A table is kept sorted oldest
 * first (by time, then id, then type) with its times alongside, so that a time window is
 * two binary searches and a page is a slice.
 *
 * - `docs`: the documented example records. Its tables are `documented`: their records
 *   are served whatever today's date (no retention, and no default window), and the
 *   documented example requests of WOO X Pro and Cryptomus are answered verbatim.
 * - `generated`: seeded records (see `Arbitraries`), timed in the 90 days before an
 *   anchor instant.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { Time } from "@ledgerkit/core"
import * as Documented from "./internal/documented.js"
import * as Records from "./Records.js"

type EndpointId = Records.EndpointId
type RecordOf = Records.RecordOf

/**
 * @since 0.1.0
 * @category models
 */
export interface Table<R> {
  /** Oldest first. */
  readonly records: ReadonlyArray<R>
  /** `times[i]` is the epoch millis of `records[i]`. */
  readonly times: ReadonlyArray<number>
  /** The documented examples: served whatever the date, examples answered verbatim. */
  readonly documented: boolean
}

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

const digits = /^[0-9]+$/

// A total order on ids: digit strings first, as numbers (no leading zeros assumed:
// shorter is smaller), then any other string in code-unit order.
const compareText = (a: string, b: string): number => {
  const da = digits.test(a)
  const db = digits.test(b)
  if (da !== db) return da ? -1 : 1
  if (da && a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

const isoMillis = (iso: string): number =>
  Either.getOrThrowWith(Time.parseIso(iso), (message) => new Error(message))

/**
 * For each endpoint: the time of a record, its identity (the provider's record key) and
 * the total order used for sorting and for stable pages.
 *
 * @since 0.1.0
 * @category models
 */
export interface Keys<R> {
  readonly time: (record: R) => number
  readonly identity: (record: R) => string
  /** Compares records with the same time. */
  readonly tieBreak: (a: R, b: R) => number
}

/**
 * @since 0.1.0
 * @category constants
 */
export const keys: { readonly [K in EndpointId]: Keys<RecordOf[K]> } = {
  "binance.cloud-mining": {
    time: (r) => r.createTime,
    identity: (r) => String(r.tranId),
    tieBreak: (a, b) => a.tranId - b.tranId
  },
  "binance.um-income": {
    time: (r) => r.time,
    identity: (r) => `${r.incomeType}:${r.tranId}`,
    tieBreak: (a, b) => compareText(a.tranId, b.tranId) || compareText(a.incomeType, b.incomeType)
  },
  "zenlayer.recharge-refund": {
    time: (r) => isoMillis(r.transactionTime),
    identity: (r) => r.transactionId,
    tieBreak: (a, b) => compareText(a.transactionId, b.transactionId)
  },
  "wooxpro.contract-transactions": {
    time: (r) => Number(r.time),
    identity: (r) => `${r.type}:${r.tran_id}`,
    tieBreak: (a, b) => compareText(a.tran_id, b.tran_id) || compareText(a.type, b.type)
  },
  "cryptomus.transactions": {
    time: (r) => isoMillis(r.created_at),
    identity: (r) => r.uuid,
    tieBreak: (a, b) => compareText(a.uuid, b.uuid)
  }
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
): Either.Either<Table<RecordOf[K]>, string> => {
  const k = keys[id] as Keys<RecordOf[K]>
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
 * Like `table`, for records known to be valid (throws otherwise).
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeTable = <K extends EndpointId>(id: K, records: Iterable<RecordOf[K]>, documented = false) =>
  Either.getOrThrowWith(table(id, records, documented), (message) => new Error(message))

/**
 * The documented example records.
 *
 * @since 0.1.0
 * @category constants
 */
export const docs: Datasets = {
  name: "docs",
  tables: {
    "binance.cloud-mining": unsafeTable("binance.cloud-mining", Documented.cloudMining, true),
    "binance.um-income": unsafeTable("binance.um-income", Documented.umIncome, true),
    "zenlayer.recharge-refund": unsafeTable("zenlayer.recharge-refund", Documented.zenlayer, true),
    "wooxpro.contract-transactions": unsafeTable("wooxpro.contract-transactions", Documented.wooxpro, true),
    "cryptomus.transactions": unsafeTable("cryptomus.transactions", Documented.cryptomus, true)
  }
}

/**
 * Record counts per endpoint.
 *
 * @since 0.1.0
 * @category accessors
 */
export const counts = (datasets: Datasets): { readonly [K in EndpointId]: number } => ({
  "binance.cloud-mining": datasets.tables["binance.cloud-mining"].records.length,
  "binance.um-income": datasets.tables["binance.um-income"].records.length,
  "zenlayer.recharge-refund": datasets.tables["zenlayer.recharge-refund"].records.length,
  "wooxpro.contract-transactions": datasets.tables["wooxpro.contract-transactions"].records.length,
  "cryptomus.transactions": datasets.tables["cryptomus.transactions"].records.length
})

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
