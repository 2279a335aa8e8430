/**
 * Test helpers: a moving world of in-memory sources (records arrive late, change status
 * and amount within their horizon), the tables read back, and the invariant of a sync.
 */
import { SqlClient } from "@effect/sql"
import { Amount, LedgerEntry } from "@ledgerkit/core"
import * as Ledger from "@ledgerkit/providers/Ledger"
import type * as Source from "@ledgerkit/providers/Source"
import { DateTime, Deferred, Duration, Effect, FastCheck as fc, Layer, Stream } from "effect"
import * as Sync from "../src/Sync.js"

/** How many runs each property gets (`LEDGERKIT_PROP_RUNS`, modest by default). */
export const propRuns = (fallback: number): number => {
  const raw = process.env.LEDGERKIT_PROP_RUNS
  return raw === undefined || raw === "" ? fallback : Math.max(1, Number(raw))
}

/** The world's sources and their horizons (short, so that runs cross them). */
export const sourceIds = ["zenlayer.recharge-refund", "cryptomus.transactions"] as const satisfies ReadonlyArray<Source.SourceId>
export const horizonMs = 60 * 60_000
export const start = Date.UTC(2024, 0, 1)

const statuses = ["pending", "succeeded", "failed", "canceled", "locked"] as const

interface Version {
  readonly status: typeof statuses[number]
  readonly amount: string
}

interface Row {
  readonly source: Source.SourceId
  readonly id: string
  readonly time: number
  readonly versions: Array<Version>
}

export const entryOf = (row: Row, v: Version = row.versions[row.versions.length - 1]): LedgerEntry.LedgerEntry =>
  LedgerEntry.make({
    source: row.source,
    id: row.id,
    time: DateTime.unsafeMake(row.time),
    kind: "payment",
    providerType: "RECHARGE",
    asset: "USDT",
    amount: Amount.unsafe(v.amount),
    status: v.status,
    references: { trace: `t-${row.id}` },
    // The wire record, amount written as the provider wrote it.
    original: { id: row.id, amount: v.amount, state: v.status, at: row.time }
  })

/** One step of a world's life. */
export type Step =
  | { readonly _tag: "Advance"; readonly minutes: number; readonly arrivals: ReadonlyArray<Arrival> }
  | { readonly _tag: "Change"; readonly pick: number; readonly version: Version }
  | { readonly _tag: "Sync"; readonly killAfter: number | undefined }

export interface Arrival {
  readonly source: 0 | 1
  /** How long before the clock the record is dated (< the horizon: late bookings). */
  readonly lateMinutes: number
  readonly version: Version
  /** Shares the time of the previous arrival (many records in one millisecond). */
  readonly sameTime: boolean
}

const amount = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 10 })).map(
  ([digits, scale]) => {
    const negative = digits < 0n
    const text = (negative ? -digits : digits).toString().padStart(scale + 1, "0")
    const whole = scale === 0 ? text : `${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`
    return `${negative ? "-" : ""}${whole}`
  }
)
const version = fc.record({ status: fc.constantFrom(...statuses), amount })
const arrival: fc.Arbitrary<Arrival> = fc.record({
  source: fc.constantFrom(0 as const, 1 as const),
  lateMinutes: fc.integer({ min: 0, max: 59 }),
  version,
  sameTime: fc.boolean()
})

export const steps: fc.Arbitrary<ReadonlyArray<Step>> = fc.array(
  fc.oneof(
    fc.record({
      _tag: fc.constant("Advance" as const),
      minutes: fc.integer({ min: 1, max: 180 }),
      arrivals: fc.array(arrival, { maxLength: 12 })
    }),
    fc.record({ _tag: fc.constant("Change" as const), pick: fc.nat(), version }),
    fc.record({
      _tag: fc.constant("Sync" as const),
      killAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined })
    })
  ),
  { minLength: 1, maxLength: 25 }
)

/** The world: its clock, its records, and one `Source` per id answering from them. */
export const makeWorld = () => {
  let now = start + 2 * horizonMs
  let lastTime = now
  let next = 0
  let emitted = 0
  let kill: { readonly after: number; readonly deferred: Deferred.Deferred<void> } | undefined
  const rows: Array<Row> = []

  const source = (id: Source.SourceId): Source.Source => ({
    id,
    entries: (range) =>
      Stream.suspend(() => {
        const from = DateTime.toEpochMillis(range.from)
        const to = DateTime.toEpochMillis(range.to)
        // The walk sees the world as it is when it starts, in no particular order.
        const found = rows.filter((r) => r.source === id && r.time >= from && r.time < to).reverse().map((r) => entryOf(r))
        return Stream.fromIterable(found)
      }).pipe(
        Stream.tap(() =>
          Effect.suspend(() => {
            emitted++
            return kill !== undefined && emitted >= kill.after ? Deferred.succeed(kill.deferred, undefined) : Effect.void
          })
        )
      )
  })

  const sources = sourceIds.map(source)
  const ledger = Ledger.layer(sources)

  const apply = (step: Exclude<Step, { _tag: "Sync" }>) => {
    if (step._tag === "Advance") {
      now += step.minutes * 60_000
      for (const a of step.arrivals) {
        const time = a.sameTime && lastTime > now - horizonMs ? lastTime : now - 1 - a.lateMinutes * 60_000
        lastTime = time
        rows.push({ source: sourceIds[a.source], id: `r${next++}`, time, versions: [a.version] })
      }
    } else {
      // Only records still inside their horizon change.
      const open = rows.filter((r) => r.time > now - horizonMs)
      if (open.length > 0) open[step.pick % open.length].versions.push(step.version)
    }
  }

  /** Arms a kill: the returned deferred completes after `after` more records are emitted. */
  const armKill = (after: number) =>
    Effect.map(Deferred.make<void>(), (deferred) => {
      emitted = 0
      kill = { after, deferred }
      return deferred
    })

  return {
    sources,
    ledger,
    apply,
    armKill,
    disarm: () => {
      kill = undefined
    },
    now: () => DateTime.unsafeMake(now),
    rows: () => rows
  }
}

export type World = ReturnType<typeof makeWorld>

/** The options every run of a world uses: small windows and batches, so kills land mid-walk. */
export const runOptions = (world: World, extra: Partial<Sync.RunOptions> = {}): Sync.RunOptions => ({
  account: "acme",
  since: DateTime.unsafeMake(start),
  until: world.now(),
  horizons: { "zenlayer.recharge-refund": Duration.millis(horizonMs), "cryptomus.transactions": Duration.millis(horizonMs) },
  window: "90 minutes",
  batchSize: 3,
  ...extra
})

/** Runs a world's steps; a kill interrupts the run once enough records were emitted. */
export const play = (
  world: World,
  sync: Sync.Service,
  all: ReadonlyArray<Step>,
  options: () => Sync.RunOptions = () => runOptions(world)
) =>
  Effect.forEach(all, (step) => {
    if (step._tag !== "Sync") return Effect.sync(() => world.apply(step))
    const run = sync.run(options())
    if (step.killAfter === undefined) return Effect.asVoid(run)
    return Effect.flatMap(world.armKill(step.killAfter), (killed) =>
      Effect.raceFirst(Effect.asVoid(run), Deferred.await(killed)).pipe(Effect.ensuring(Effect.sync(world.disarm))))
  }, { discard: true })

interface EntryRow {
  readonly source: string
  readonly id: string
  readonly time: string
  readonly amount: string
  readonly status: string
  readonly original: string
  readonly revision: number | string
}

interface RevisionRow {
  readonly source: string
  readonly id: string
  readonly revision: number | string
  readonly amount: string
  readonly status: string
}

/** The tables, read back. */
export const readTables = (tables: Sync.Service["tables"]) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const entries = yield* sql<EntryRow>`SELECT source, id, time, amount, status, original, revision
      FROM ${sql(tables.entries)} WHERE account = 'acme'`
    const revisions = yield* sql<RevisionRow>`SELECT source, id, revision, amount, status
      FROM ${sql(tables.revisions)} WHERE account = 'acme' ORDER BY source, id, revision`
    return { entries, revisions }
  })

/**
 * The invariant after a completed run: every record of the world once, in its latest
 * version, amounts exact to the digit; each record's revisions are 1..n, each a real
 * version of it, in the order they happened, the last one the current.
 */
export const checkTables = (world: World, tables: Sync.Service["tables"]) =>
  Effect.gen(function*() {
    const { entries, revisions } = yield* readTables(tables)
    const problems: Array<string> = []
    const truth = new Map<string, Row>(world.rows().map((r) => [`${r.source}/${r.id}`, r]))
    const stored = new Map<string, EntryRow>(entries.map((e) => [`${e.source}/${e.id}`, e]))
    if (stored.size !== entries.length) problems.push("a key is stored twice")
    for (const [key, row] of truth) {
      const e = stored.get(key)
      const latest = row.versions[row.versions.length - 1]
      if (e === undefined) problems.push(`${key} missing`)
      else if (e.amount !== latest.amount || e.status !== latest.status) {
        problems.push(`${key}: stored ${e.status} ${e.amount}, truth ${latest.status} ${latest.amount}`)
      } else if (e.time !== new Date(row.time).toISOString()) problems.push(`${key}: time ${e.time}`)
      else if (JSON.parse(e.original).amount !== latest.amount) problems.push(`${key}: original ${e.original}`)
    }
    for (const key of stored.keys()) if (!truth.has(key)) problems.push(`${key} stored but not in the world`)
    const byKey = new Map<string, Array<RevisionRow>>()
    for (const r of revisions) byKey.set(`${r.source}/${r.id}`, [...(byKey.get(`${r.source}/${r.id}`) ?? []), r])
    for (const [key, row] of truth) {
      const revs = byKey.get(key) ?? []
      const e = stored.get(key)
      if (revs.some((r, i) => Number(r.revision) !== i + 1)) problems.push(`${key}: revisions not 1..n`)
      if (e !== undefined && Number(e.revision) !== revs.length) problems.push(`${key}: revision ${e.revision} of ${revs.length}`)
      // Each revision is a version of the record, later than the one before.
      let at = -1
      for (const r of revs) {
        const found = row.versions.findIndex((v, i) => i > at && v.amount === r.amount && v.status === r.status)
        if (found < 0) problems.push(`${key}: revision ${r.revision} (${r.status} ${r.amount}) is not a later version`)
        at = found
      }
      if (revs.length > 0 && at !== row.versions.length - 1 && !sameVersion(row.versions[row.versions.length - 1], row.versions[at])) {
        problems.push(`${key}: the last revision is not the current version`)
      }
    }
    return problems
  })

const sameVersion = (a: Version, b: Version | undefined) => b !== undefined && a.amount === b.amount && a.status === b.status

/** A Sync over a world and the database in context, under a fresh prefix. */
export const syncLayer = (world: World, prefix: string): Layer.Layer<Sync.Sync, unknown, SqlClient.SqlClient> =>
  Sync.layer({ prefix }).pipe(Layer.provide(world.ledger))
