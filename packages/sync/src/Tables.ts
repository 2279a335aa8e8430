/**
 * The tables of a ledger and their migrations (`@effect/sql` migrator). Every name
 * starts with a prefix, so that several ledgers (or test runs) can share one database.
 *
 * @since 0.1.0
 */
import { Migrator, SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql"
import { Effect, Either } from "effect"

/**
 * The table names of a ledger.
 *
 * @since 0.1.0
 * @category models
 */
export interface Tables {
  readonly prefix: string
  /** One row per (account, source, id): the latest version of each record. */
  readonly entries: string
  /** One row per version of a record (revision 1 is the first seen). */
  readonly revisions: string
  /** One row per (account, source): how far the ledger is complete. */
  readonly positions: string
  /** One row per (run, source): what a run walked and what it found. */
  readonly runs: string
  readonly migrations: string
}

/**
 * The default prefix.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultPrefix = "ledgerkit_"

/**
 * The tables under a prefix (letters, digits and `_` only: it becomes part of SQL
 * identifiers).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (prefix: string = defaultPrefix): Either.Either<Tables, string> => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(prefix)) {
    return Either.left(`invalid table prefix ${JSON.stringify(prefix)}: letters, digits and _ only, 40 at most`)
  }
  return Either.right({
    prefix,
    entries: `${prefix}entries`,
    revisions: `${prefix}revisions`,
    positions: `${prefix}positions`,
    runs: `${prefix}runs`,
    migrations: `${prefix}migrations`
  })
}

// Times are fixed-width ISO-8601 text (`2024-01-01T00:00:00.000Z`), so text order is
// time order on every database; amounts are the exact decimal text; JSON is text.
const createTables = (t: Tables) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    yield* sql`CREATE TABLE ${sql(t.entries)} (
      account TEXT NOT NULL,
      source TEXT NOT NULL,
      id TEXT NOT NULL,
      time TEXT NOT NULL,
      kind TEXT NOT NULL,
      provider_type TEXT NOT NULL,
      asset TEXT NOT NULL,
      amount TEXT NOT NULL,
      status TEXT NOT NULL,
      symbol TEXT,
      refs TEXT,
      original TEXT NOT NULL,
      revision INTEGER NOT NULL,
      first_seen TEXT NOT NULL,
      last_changed TEXT NOT NULL,
      PRIMARY KEY (account, source, id)
    )`
    yield* sql`CREATE INDEX ${sql(`${t.entries}_by_time`)} ON ${sql(t.entries)} (account, time, source, id)`
    yield* sql`CREATE TABLE ${sql(t.revisions)} (
      account TEXT NOT NULL,
      source TEXT NOT NULL,
      id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      seen_at TEXT NOT NULL,
      time TEXT NOT NULL,
      status TEXT NOT NULL,
      amount TEXT NOT NULL,
      original TEXT NOT NULL,
      PRIMARY KEY (account, source, id, revision)
    )`
    yield* sql`CREATE TABLE ${sql(t.positions)} (
      account TEXT NOT NULL,
      source TEXT NOT NULL,
      position TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (account, source)
    )`
    yield* sql`CREATE TABLE ${sql(t.runs)} (
      run TEXT NOT NULL,
      account TEXT NOT NULL,
      source TEXT NOT NULL,
      started_at TEXT NOT NULL,
      range_from TEXT NOT NULL,
      range_to TEXT NOT NULL,
      inserted INTEGER NOT NULL,
      changed INTEGER NOT NULL,
      unchanged INTEGER NOT NULL,
      completed INTEGER NOT NULL,
      PRIMARY KEY (run, source)
    )`
  })

/**
 * Creates or upgrades the tables (each migration runs once, in a transaction; on
 * PostgreSQL concurrent migrators wait for each other).
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrate = (
  t: Tables
): Effect.Effect<ReadonlyArray<readonly [number, string]>, Migrator.MigrationError | SqlError.SqlError, SqlClient.SqlClient> =>
  Migrator.make({})({
    loader: Migrator.fromRecord({ "1_create_ledger": createTables(t) }),
    table: t.migrations
  })
