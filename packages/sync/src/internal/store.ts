/**
 * What the sync reads and writes, one SQL statement each; the same SQL on SQLite and
 * PostgreSQL. Rows are plain text, so amounts stay exact and times sort as text.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql"
import { Amount, LedgerEntry } from "@ledgerkit/core"
import { Chunk, DateTime, Effect, Option, Schema, Stream } from "effect"
import { DatabaseError } from "../SyncError.js"
import type { Tables } from "../Tables.js"

/** `2024-01-01T00:00:00.000Z`: fixed width, so text order is time order. */
export const fixedIso = (time: DateTime.Utc): string => DateTime.formatIso(time)

/** JSON with object keys sorted, so one value always has one text. */
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v)

/** The stored form of a record's content (everything but its key). */
export interface Content {
  readonly time: string
  readonly kind: string
  readonly provider_type: string
  readonly asset: string
  readonly amount: string
  readonly status: string
  readonly symbol: string | null
  readonly refs: string | null
  readonly original: string
}

const contentOf = (e: LedgerEntry.LedgerEntry): Content => ({
  time: fixedIso(e.time),
  kind: e.kind,
  provider_type: e.providerType,
  asset: e.asset,
  amount: Amount.format(e.amount),
  status: e.status,
  symbol: e.symbol ?? null,
  refs: e.references === undefined ? null : stableJson(e.references),
  original: stableJson(e.original)
})

const sameContent = (a: Content, b: Content): boolean =>
  a.time === b.time && a.kind === b.kind && a.provider_type === b.provider_type && a.asset === b.asset &&
  a.amount === b.amount && a.status === b.status && a.symbol === b.symbol && a.refs === b.refs &&
  a.original === b.original

interface StoredRow extends Content {
  readonly id: string
  readonly revision: number | string
}

/** What one batch or one run did. */
export interface Counts {
  readonly inserted: number
  readonly changed: number
  readonly unchanged: number
}

export const noCounts: Counts = { inserted: 0, changed: 0, unchanged: 0 }

export const addCounts = (a: Counts, b: Counts): Counts => ({
  inserted: a.inserted + b.inserted,
  changed: a.changed + b.changed,
  unchanged: a.unchanged + b.unchanged
})

const database = (operation: string) => Effect.mapError(DatabaseError.fromSql(operation))

export const make = (tables: Tables) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient

    const position = (account: string, source: string): Effect.Effect<Option.Option<DateTime.Utc>, DatabaseError> =>
      sql<{ position: string }>`SELECT position FROM ${sql(tables.positions)}
        WHERE account = ${account} AND source = ${source}`.pipe(
        Effect.map((rows) => Option.flatMap(Option.fromNullable(rows[0]), (r) => DateTime.make(r.position))),
        Effect.map(Option.map(DateTime.toUtc)),
        database("reading the position")
      )

    /**
     * Stores one batch in one transaction: new records are inserted (revision 1), changed
     * ones updated with a new revision, equal ones left alone. The caller holds the
     * (account, source) lock, so nothing else writes these keys meanwhile.
     */
    const apply = (
      account: string,
      source: string,
      batch: ReadonlyArray<LedgerEntry.LedgerEntry>,
      seenAt: string
    ): Effect.Effect<Counts, DatabaseError> => {
      // Last one wins should a source ever repeat a key within a batch.
      const incoming = new Map(batch.map((e) => [e.id, contentOf(e)] as const))
      if (incoming.size === 0) return Effect.succeed(noCounts)
      return Effect.gen(function*() {
        const stored = yield* sql<StoredRow>`SELECT id, revision, time, kind, provider_type, asset, amount, status,
          symbol, refs, original FROM ${sql(tables.entries)}
          WHERE account = ${account} AND source = ${source} AND ${sql.in("id", [...incoming.keys()])}`
        const byId = new Map(stored.map((r) => [r.id, r] as const))
        const inserts: Array<Record<string, unknown>> = []
        const revisions: Array<Record<string, unknown>> = []
        const updates: Array<Effect.Effect<unknown, SqlError.SqlError>> = []
        let unchanged = 0
        for (const [id, content] of incoming) {
          const old = byId.get(id)
          if (old !== undefined && sameContent(old, content)) {
            unchanged++
            continue
          }
          const revision = old === undefined ? 1 : Number(old.revision) + 1
          revisions.push({
            account,
            source,
            id,
            revision,
            seen_at: seenAt,
            time: content.time,
            status: content.status,
            amount: content.amount,
            original: content.original
          })
          if (old === undefined) {
            inserts.push({ account, source, id, ...content, revision, first_seen: seenAt, last_changed: seenAt })
          } else {
            updates.push(
              sql`UPDATE ${sql(tables.entries)} SET ${sql.update({ ...content, revision, last_changed: seenAt })}
                WHERE account = ${account} AND source = ${source} AND id = ${id}`
            )
          }
        }
        if (inserts.length > 0) yield* sql`INSERT INTO ${sql(tables.entries)} ${sql.insert(inserts)}`
        yield* Effect.all(updates, { discard: true })
        if (revisions.length > 0) yield* sql`INSERT INTO ${sql(tables.revisions)} ${sql.insert(revisions)}`
        return { inserted: inserts.length, changed: updates.length, unchanged }
      }).pipe(sql.withTransaction, database("storing a batch"))
    }

    const startRun = (run: {
      readonly run: string
      readonly account: string
      readonly source: string
      readonly startedAt: string
      readonly from: string
      readonly to: string
    }): Effect.Effect<void, DatabaseError> =>
      sql`INSERT INTO ${sql(tables.runs)} ${
        sql.insert({
          run: run.run,
          account: run.account,
          source: run.source,
          started_at: run.startedAt,
          range_from: run.from,
          range_to: run.to,
          inserted: 0,
          changed: 0,
          unchanged: 0,
          completed: 0
        })
      }`.pipe(Effect.asVoid, database("recording the run"))

    /**
     * Moves the position to the end of a walked window and records the run's counts so
     * far, in one transaction.
     */
    const advance = (options: {
      readonly run: string
      readonly account: string
      readonly source: string
      readonly position: string
      readonly updatedAt: string
      readonly counts: Counts
      readonly completed: boolean
    }): Effect.Effect<void, DatabaseError> =>
      Effect.gen(function*() {
        const { account, source } = options
        yield* sql`INSERT INTO ${sql(tables.positions)} ${
          sql.insert({ account, source, position: options.position, updated_at: options.updatedAt })
        } ON CONFLICT (account, source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`
        yield* sql`UPDATE ${sql(tables.runs)} SET ${
          sql.update({
            inserted: options.counts.inserted,
            changed: options.counts.changed,
            unchanged: options.counts.unchanged,
            completed: options.completed ? 1 : 0
          })
        } WHERE run = ${options.run} AND source = ${source}`
      }).pipe(sql.withTransaction, database("moving the position"))

    /**
     * The stored entries of an account, in time order (then source, then id), read a
     * page at a time after the last key seen (not every driver streams a cursor).
     */
    const ledger = (
      account: string,
      sources?: ReadonlyArray<string>
    ): Stream.Stream<LedgerEntry.LedgerEntry, DatabaseError> => {
      type Row = StoredRow & { readonly source: string }
      const page = 1000
      const only = sources === undefined ? sql`` : sql`AND ${sql.in("source", sources)}`
      const after = (last: Option.Option<Row>) =>
        Option.match(last, {
          onNone: () => sql``,
          onSome: (r) => sql`AND (time, source, id) > (${r.time}, ${r.source}, ${r.id})`
        })
      return Stream.paginateChunkEffect(Option.none<Row>(), (last) =>
        sql<Row>`SELECT source, id, revision, time, kind, provider_type, asset, amount, status, symbol, refs, original
          FROM ${sql(tables.entries)} WHERE account = ${account} ${only} ${after(last)}
          ORDER BY time, source, id LIMIT ${page}`.pipe(
          Effect.map((rows) => [
            Chunk.unsafeFromArray(rows),
            rows.length < page ? Option.none() : Option.some(Option.some(rows[rows.length - 1]))
          ] as const)
        )).pipe(
        Stream.mapError(DatabaseError.fromSql("reading the ledger")),
        Stream.mapEffect(toEntry)
      )
    }

    return { position, apply, startRun, advance, ledger }
  })

const decodeEntry = Schema.decodeUnknown(LedgerEntry.LedgerEntry)

/** A stored row as the entry it was, validated by the entry's own schema. */
export const toEntry = (row: StoredRow & { readonly source: string }): Effect.Effect<LedgerEntry.LedgerEntry, DatabaseError> =>
  Effect.try(() => ({
    source: row.source,
    id: row.id,
    time: row.time,
    kind: row.kind,
    providerType: row.provider_type,
    asset: row.asset,
    amount: row.amount,
    status: row.status,
    ...(row.symbol === null ? {} : { symbol: row.symbol }),
    ...(row.refs === null ? {} : { references: JSON.parse(row.refs) as unknown }),
    original: JSON.parse(row.original) as unknown
  })).pipe(
    Effect.flatMap(decodeEntry),
    Effect.mapError((e) =>
      new DatabaseError({
        operation: "reading the ledger",
        reason: `the stored entry ${row.source} ${row.id} is invalid: ${e.message.split("\n")[0]}`
      })
    )
  )

export type Store = Effect.Effect.Success<ReturnType<typeof make>>
