/**
 * An incremental ledger in a database (SQLite or PostgreSQL).
 *
 * @since 0.1.0
 */

/**
 * The database of a ledger, from one string: a `postgres://` URL or a SQLite file.
 *
 * @since 0.1.0
 */
export * as Database from "./Database.js"

/**
 * How long a record can still change after its time, per source.
 *
 * @since 0.1.0
 */
export * as Horizon from "./Horizon.js"

/**
 * The `Sync` service: brings every source of an account up to date in a database.
 *
 * @since 0.1.0
 */
export * as Sync from "./Sync.js"

/**
 * The errors of a sync, besides the providers' own `LedgerError`s.
 *
 * @since 0.1.0
 */
export * as SyncError from "./SyncError.js"

/**
 * The tables of a ledger and their migrations.
 *
 * @since 0.1.0
 */
export * as Tables from "./Tables.js"
