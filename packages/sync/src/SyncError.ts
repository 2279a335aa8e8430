/**
 * The errors of a sync, besides the providers' own `LedgerError`s.
 *
 * @since 0.1.0
 */
import type { Migrator, SqlError } from "@effect/sql"
import { Schema } from "effect"

/**
 * Bad options, found before the database or any provider is asked.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidOptions extends Schema.TaggedError<InvalidOptions>("@ledgerkit/sync/InvalidOptions")(
  "InvalidOptions",
  { reason: Schema.String }
) {
  override get message(): string {
    return this.reason
  }
}

/**
 * The database failed, or holds something this version cannot read.
 *
 * @since 0.1.0
 * @category errors
 */
export class DatabaseError extends Schema.TaggedError<DatabaseError>("@ledgerkit/sync/DatabaseError")(
  "DatabaseError",
  { operation: Schema.String, reason: Schema.String }
) {
  override get message(): string {
    return `database: ${this.operation} failed: ${this.reason}`
  }

  /**
   * From an `@effect/sql` error; the message of the driver's cause is kept (it names the
   * statement's problem, never the connection's password).
   *
   * @since 0.1.0
   */
  static fromSql(operation: string) {
    return (error: SqlError.SqlError | Migrator.MigrationError): DatabaseError => {
      const cause = error.cause instanceof globalThis.Error ? `: ${error.cause.message}` : ""
      return new DatabaseError({ operation, reason: `${error.message}${cause}` })
    }
  }
}

/**
 * Every error of the sync package.
 *
 * @since 0.1.0
 * @category errors
 */
export type SyncError = InvalidOptions | DatabaseError
