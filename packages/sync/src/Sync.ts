/**
 * The `Sync` service: brings every source of an account up to date in a database.
 *
 * The model, per (account, source):
 * - the **position** is the time up to which the ledger is complete: every record
 *   before it was read by a walk that started at or after it;
 * - each run walks `[position - horizon, now)`, `now` frozen when the run starts (the
 *   first run starts at `since`), window by window, in batches of one transaction each;
 *   after each window the position moves to the window's end;
 * - a record is stored once under (account, source, id); a record that comes back with
 *   other content gets a new **revision** (revision 1 is the first version seen), so its
 *   history stays readable.
 *
 * A run killed at any point loses at most the window it was in: the next run walks it
 * again, and equal records are left alone.
 *
 * @since 0.1.0
 */
import { SqlClient } from "@effect/sql"
import type { Migrator, SqlError } from "@effect/sql"
import type { Errors, LedgerEntry } from "@ledgerkit/core"
import { Pagination } from "@ledgerkit/core"
import * as Ledger from "@ledgerkit/providers/Ledger"
import type * as Source from "@ledgerkit/providers/Source"
import { randomUUID } from "node:crypto"
import { Chunk, Context, DateTime, Duration, Effect, Either, Layer, Option, Stream } from "effect"
import * as Horizon from "./Horizon.js"
import * as Lock from "./internal/lock.js"
import * as Store from "./internal/store.js"
import { DatabaseError, InvalidOptions, type SyncError } from "./SyncError.js"
import * as Tables from "./Tables.js"

/**
 * What a batch did: records inserted (new), changed (a new revision) and unchanged.
 *
 * @since 0.1.0
 * @category models
 */
export type Counts = Store.Counts

/**
 * Progress of a run, as it happens.
 *
 * @since 0.1.0
 * @category models
 */
export type Event =
  | { readonly _tag: "Started"; readonly source: Source.SourceId; readonly from: DateTime.Utc; readonly to: DateTime.Utc }
  | { readonly _tag: "Batch"; readonly source: Source.SourceId; readonly counts: Counts }
  | { readonly _tag: "Skipped"; readonly source: Source.SourceId }

/**
 * @since 0.1.0
 * @category models
 */
export interface RunOptions {
  /** The account the records belong to (a name of yours: one ledger can hold many). */
  readonly account: string
  /** Where the first run of a source starts; later runs never read before it either. */
  readonly since: DateTime.Utc
  /** Only these of the ledger's sources (default: all of them). */
  readonly sources?: ReadonlyArray<Source.SourceId> | undefined
  /** The re-read horizon per source (default `Horizon.defaults`). */
  readonly horizons?: Partial<Record<Source.SourceId, Duration.DurationInput>> | undefined
  /** The span of a window: the unit of progress a killed run can lose (default 30 days). */
  readonly window?: Duration.DurationInput | undefined
  /** Records per transaction (default 1000). */
  readonly batchSize?: number | undefined
  /** When another sync holds a pair: `wait` for it (default), or `skip` the pair. */
  readonly lock?: Lock.Mode | undefined
  /** The frozen end of every walk (default: now, when the run starts); never in the future. */
  readonly until?: DateTime.Utc | undefined
  readonly onEvent?: ((event: Event) => Effect.Effect<void>) | undefined
}

/**
 * What a run did for one source.
 *
 * @since 0.1.0
 * @category models
 */
export interface SourceReport extends Counts {
  readonly source: Source.SourceId
  /** `skipped`: another sync held the pair (with `lock: "skip"`). */
  readonly outcome: "synced" | "skipped"
  readonly from: DateTime.Utc
  readonly to: DateTime.Utc
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly run: string
  readonly account: string
  /** The frozen end of every walk of the run. */
  readonly now: DateTime.Utc
  readonly sources: ReadonlyArray<SourceReport>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly tables: Tables.Tables
  /** Brings the account's sources up to date. */
  readonly run: (options: RunOptions) => Effect.Effect<Report, SyncError | Errors.LedgerError>
  /** The stored entries of an account (optionally only some sources), in `LedgerEntry.byTime` order. */
  readonly ledger: (
    account: string,
    sources?: ReadonlyArray<string>
  ) => Stream.Stream<LedgerEntry.LedgerEntry, DatabaseError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Sync extends Context.Tag("@ledgerkit/sync/Sync")<Sync, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The prefix of every table name (default `ledgerkit_`). */
  readonly prefix?: string | undefined
}

/**
 * The default window span.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultWindow: Duration.Duration = Duration.days(30)

interface Plan {
  readonly sources: ReadonlyArray<Source.Source>
  readonly window: Duration.Duration
  readonly batchSize: number
  readonly horizon: (id: Source.SourceId) => Duration.Duration
}

// Everything that can be checked before the database or a provider is asked.
const plan = (all: ReadonlyArray<Source.Source>, options: RunOptions): Either.Either<Plan, InvalidOptions> => {
  const invalid = (reason: string) => Either.left(new InvalidOptions({ reason }))
  if (options.account.trim() === "") return invalid("the account name is empty")
  const wanted = options.sources ?? all.map((s) => s.id)
  if (new Set(wanted).size !== wanted.length) return invalid(`a source is named twice: ${wanted.join(", ")}`)
  const missing = wanted.filter((id) => !all.some((s) => s.id === id))
  if (missing.length > 0) {
    return invalid(`not configured: ${missing.join(", ")} (configured: ${all.map((s) => s.id).join(", ") || "none"})`)
  }
  if (wanted.length === 0) return invalid("no source to sync: none is configured")
  const window = Duration.decode(options.window ?? defaultWindow)
  if (!Duration.greaterThan(window, Duration.zero)) return invalid("the window must be longer than zero")
  const batchSize = options.batchSize ?? 1000
  if (!Number.isInteger(batchSize) || batchSize < 1) return invalid(`the batch size must be a positive integer, not ${batchSize}`)
  const horizons = new Map<Source.SourceId, Duration.Duration>()
  for (const id of wanted) {
    const h = Duration.decode(options.horizons?.[id] ?? Horizon.defaults[id])
    if (Duration.lessThan(h, Duration.zero)) return invalid(`the horizon of ${id} is negative`)
    horizons.set(id, h)
  }
  return Either.right({
    sources: wanted.map((id) => all.find((s) => s.id === id)!),
    window,
    batchSize,
    horizon: (id) => horizons.get(id)!
  })
}

/**
 * A sync over the `Ledger`'s sources and the database of the `SqlClient`; migrates the
 * tables first.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Options = {}
): Effect.Effect<Service, SyncError, SqlClient.SqlClient | Ledger.Ledger> =>
  Effect.gen(function*() {
    const tables = yield* Either.mapLeft(Tables.make(options.prefix), (reason) => new InvalidOptions({ reason }))
    yield* Tables.migrate(tables).pipe(
      // Two processes creating a fresh database at once: the loser sees the tables next time.
      Effect.retry({ times: 1 }),
      Effect.mapError((e: Migrator.MigrationError | SqlError.SqlError) => DatabaseError.fromSql("migrating the tables")(e))
    )
    const store = yield* Store.make(tables)
    const withLock = yield* Lock.make(tables.prefix)
    const ledger = yield* Ledger.Ledger

    const syncSource = (
      source: Source.Source,
      p: Plan,
      run: { readonly id: string; readonly now: DateTime.Utc; readonly options: RunOptions }
    ): Effect.Effect<SourceReport, SyncError | Errors.LedgerError> => {
      const account = run.options.account
      const emit = run.options.onEvent ?? (() => Effect.void)
      const walk: Effect.Effect<SourceReport, SyncError | Errors.LedgerError> = Effect.gen(function*() {
        const position = yield* store.position(account, source.id)
        const from = Option.match(position, {
          onNone: () => run.options.since,
          onSome: (at) => DateTime.max(run.options.since, DateTime.subtractDuration(at, p.horizon(source.id)))
        })
        const to = run.now
        const report = { source: source.id, outcome: "synced" as const, from, to }
        if (!DateTime.lessThan(from, to)) return { ...report, ...Store.noCounts }
        yield* emit({ _tag: "Started", source: source.id, from, to })
        const nowText = Store.fixedIso(run.now)
        yield* store.startRun({
          run: run.id,
          account,
          source: source.id,
          startedAt: nowText,
          from: Store.fixedIso(from),
          to: Store.fixedIso(to)
        })
        const windows = Pagination.splitRange({ start: from, end: to }, { maxSpan: p.window, end: "exclusive" })
        let total = Store.noCounts
        for (const [i, window] of windows.entries()) {
          const counts = yield* source.entries({ from: window.start, to: window.end }).pipe(
            Stream.grouped(p.batchSize),
            Stream.mapEffect((batch) => store.apply(account, source.id, Chunk.toReadonlyArray(batch), nowText)),
            Stream.tap((counts) => emit({ _tag: "Batch", source: source.id, counts })),
            Stream.runFold(Store.noCounts, Store.addCounts)
          )
          total = Store.addCounts(total, counts)
          // Never backwards: the first windows of a run lie before the old position.
          const reached = Option.match(position, {
            onNone: () => window.end,
            onSome: (at) => DateTime.max(at, window.end)
          })
          yield* store.advance({
            run: run.id,
            account,
            source: source.id,
            position: Store.fixedIso(reached),
            updatedAt: nowText,
            counts: total,
            completed: i === windows.length - 1
          })
        }
        return { ...report, ...total }
      })
      return withLock({ account, source: source.id }, run.options.lock ?? "wait", walk).pipe(
        Effect.flatMap(Option.match({
          onSome: (report) => Effect.succeed(report),
          onNone: () =>
            Effect.as(emit({ _tag: "Skipped", source: source.id }), {
              source: source.id,
              outcome: "skipped" as const,
              from: run.now,
              to: run.now,
              ...Store.noCounts
            } satisfies SourceReport)
        })),
        Effect.annotateLogs({ account, source: source.id })
      )
    }

    const runSync = (runOptions: RunOptions): Effect.Effect<Report, SyncError | Errors.LedgerError> =>
      Effect.gen(function*() {
        const p = yield* plan(ledger.sources, runOptions)
        const clock = yield* DateTime.now
        const now = runOptions.until ?? clock
        if (DateTime.greaterThan(now, clock)) {
          return yield* new InvalidOptions({ reason: `until ${Store.fixedIso(now)} is in the future` })
        }
        if (DateTime.greaterThan(runOptions.since, now)) {
          return yield* new InvalidOptions({ reason: `since ${Store.fixedIso(runOptions.since)} is after ${Store.fixedIso(now)}` })
        }
        const run = { id: yield* Effect.sync(randomUUID), now, options: runOptions }
        // Sources are independent providers: their walks (and rate-limit waits) overlap.
        const sources = yield* Effect.forEach(p.sources, (source) => syncSource(source, p, run), {
          concurrency: "unbounded"
        })
        return { run: run.id, account: runOptions.account, now, sources }
      })

    return { tables, run: runSync, ledger: store.ledger }
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<Sync, SyncError, SqlClient.SqlClient | Ledger.Ledger> =>
  Layer.effect(Sync, make(options))
