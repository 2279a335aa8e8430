/**
 * Data that moves while clients walk: per data endpoint, seeded rates (per minute of the
 * mock clock) at which records arrive at the mock's now, settle from a pending to a final
 * status (where the provider has one), are corrected (same identity and time, another
 * amount) or are removed. Retention needs no churn: it already moves with the clock.
 *
 * The engine runs in ticks of one second of mock time. Tick `k` draws its events from a
 * generator seeded by (seed, endpoint, k) alone, so the data at any clock reading is a
 * function of (seed, the clock when churn started, the clock now, the dataset), whatever
 * requests came in between: a failing test replays. Every change is kept in a log (the
 * `changes` view of `GET /__admin/records/:endpoint/changes`).
 *
 * What a record does under churn is its provider's (`MockProvider.Churn`).
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import type * as Datasets from "./Datasets.js"
import type * as Endpoint from "./Endpoint.js"
import * as ExactJson from "./ExactJson.js"
import * as Bulk from "./internal/bulk.js"
import type * as Registry from "./Registry.js"

const Rate = Schema.Number.pipe(Schema.between(0, 6000))

/**
 * One endpoint's rates, in events per minute of mock time (each 0 when absent).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Rates = Schema.Struct({
  arrive: Schema.optional(Rate),
  settle: Schema.optional(Rate),
  correct: Schema.optional(Rate),
  remove: Schema.optional(Rate)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Rates = typeof Rates.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const Spec = Schema.Struct({
  seed: Schema.optional(Schema.Int),
  endpoints: Schema.Record({ key: Schema.String, value: Rates })
})

/**
 * @since 0.1.0
 * @category models
 */
export type Spec = typeof Spec.Type

/**
 * One change: what arrived, changed or left, and when (mock time).
 *
 * @since 0.1.0
 * @category models
 */
export interface Change {
  readonly seq: number
  readonly time: number
  readonly endpoint: string
  readonly kind: "arrived" | "settled" | "corrected" | "removed"
  readonly identity: string
  /** The record as the endpoint writes it now (absent once removed). */
  readonly record?: ExactJson.Json | undefined
}

/**
 * The engine's state: the spec in force, the last tick applied, the ids handed out, and
 * the latest changes.
 *
 * @since 0.1.0
 * @category models
 */
export interface State {
  readonly spec: Spec | undefined
  readonly tick: number
  readonly arrived: number
  readonly seq: number
  readonly changes: ReadonlyArray<Change>
}

/**
 * @since 0.1.0
 * @category constants
 */
export const off: State = { spec: undefined, tick: 0, arrived: 0, seq: 0, changes: [] }

/**
 * Changes kept for the `changes` view.
 *
 * @since 0.1.0
 * @category constants
 */
export const keep = 10_000

const TICK = 1000

/**
 * Starts (or replaces) churn at `now`; without a spec, stops it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = (state: State, spec: Spec | undefined, now: number): State => ({
  ...state,
  spec,
  tick: Math.floor(now / TICK)
})

// Events of one kind in one tick: the whole part of rate/60, plus one with the rest as chance.
const count = (random: () => number, perMinute: number | undefined) => {
  const perTick = (perMinute ?? 0) / 60
  return Math.floor(perTick) + (random() < perTick % 1 ? 1 : 0)
}

// Where a record goes in a table kept in order (time, then the endpoint's tie-break), so
// that the table never needs sorting and each tick sees the same order however the ticks
// were batched.
const insertAt = <R>(records: ReadonlyArray<R>, times: ReadonlyArray<number>, t: number, record: R, tieBreak: (a: R, b: R) => number) => {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid] < t || (times[mid] === t && tieBreak(records[mid], record) < 0)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Applies every tick up to `now` to the datasets.
 *
 * @since 0.1.0
 * @category combinators
 */
export const advance = (
  registry: Registry.Registry,
  state: State,
  datasets: Datasets.Any,
  now: number
): { readonly state: State; readonly datasets: Datasets.Any } => {
  const spec = state.spec
  const last = Math.floor(now / TICK)
  if (spec === undefined || last <= state.tick) return { state, datasets }
  const tables: Record<string, Endpoint.Table<unknown>> = { ...datasets.tables }
  const changes: Array<Change> = []
  let { arrived, seq } = state
  // The moving endpoints, each with a working copy of its table.
  const moving = registry.data.flatMap((data, index) => {
    const rates = spec.endpoints[data.id]
    const churn = data.churn
    const table = tables[data.id]
    if (rates === undefined || churn === undefined || table === undefined) return []
    return [{ data, index, rates, churn, table, records: table.records.slice(), times: table.times.slice() }]
  })
  // Tick by tick, then endpoint by endpoint: ids and change numbers do not depend on how
  // the ticks were batched between requests.
  for (let tick = state.tick + 1; tick <= last; tick++) {
    for (const { churn, data, index, rates, records, times } of moving) {
      const log = (time: number, kind: Change["kind"], record: unknown, present: boolean) =>
        changes.push({
          seq: ++seq,
          time,
          endpoint: data.id,
          kind,
          identity: data.keys.identity(record),
          ...(present ? { record: data.render(record) } : {})
        })
      const random = Bulk.generator(((spec.seed ?? 0) * 7919 + index) * 1_000_003 + tick)
      const time = Math.floor((tick * TICK) / data.timeUnit) * data.timeUnit
      for (let i = count(random, rates.arrive); i > 0; i--) {
        const record = churn.arrive(random, time, ++arrived)
        const at = insertAt(records, times, time, record, (x, y) => data.keys.tieBreak(x, y))
        records.splice(at, 0, record)
        times.splice(at, 0, time)
        log(time, "arrived", record, true)
      }
      const { pending, settle } = churn
      for (let i = count(random, rates.settle); i > 0 && pending !== undefined && settle !== undefined; i--) {
        // The oldest pending record settles (none pending: nothing happens).
        const at = records.findIndex((r) => pending(r))
        if (at < 0) break
        records[at] = settle(records[at], random)
        log(time, "settled", records[at], true)
      }
      for (let i = count(random, rates.correct); i > 0 && records.length > 0; i--) {
        const at = Math.floor(random() * records.length)
        records[at] = churn.correct(records[at], random)
        log(time, "corrected", records[at], true)
      }
      for (let i = count(random, rates.remove); i > 0 && records.length > 0; i--) {
        const at = Math.floor(random() * records.length)
        const [gone] = records.splice(at, 1)
        times.splice(at, 1)
        log(time, "removed", gone, false)
      }
    }
  }
  for (const { data, records, table, times } of moving) tables[data.id] = { records, times, documented: table.documented }
  const all = state.changes.concat(changes)
  return {
    state: { ...state, tick: last, arrived, seq, changes: all.length > keep ? all.slice(all.length - keep) : all },
    datasets: { ...datasets, tables }
  }
}

/**
 * Reads `serve --churn`: `ENDPOINT=arrive:R,settle:R,correct:R,remove:R` (rates per
 * minute of mock time), or `seed=S`.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (texts: ReadonlyArray<string>): Either.Either<Spec | undefined, string> => {
  if (texts.length === 0) return Either.right(undefined)
  let seed = 0
  const endpoints: Record<string, Rates> = {}
  for (const text of texts) {
    const [target, rest] = text.split("=", 2)
    if (target === "seed" && /^-?[0-9]+$/.test(rest ?? "")) {
      seed = Number(rest)
      continue
    }
    const rates: Record<string, number> = {}
    for (const part of (rest ?? "").split(",")) {
      const m = /^(arrive|settle|correct|remove):([0-9]+(?:\.[0-9]+)?)$/.exec(part)
      if (m === null) return Either.left(`--churn ${text}: expected ENDPOINT=arrive:R,settle:R,correct:R,remove:R or seed=S`)
      rates[m[1]] = Number(m[2])
    }
    endpoints[target] = rates
  }
  return Either.right({ seed, endpoints })
}

