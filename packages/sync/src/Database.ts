/**
 * The database of a ledger, from one string: a `postgres://` (or `postgresql://`) URL
 * for PostgreSQL, anything else the path of a SQLite file (created when missing).
 *
 * @since 0.1.0
 */
import { Reactivity } from "@effect/experimental"
import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Cause, Context, Effect, Layer, Redacted } from "effect"
import { DatabaseError } from "./SyncError.js"

/**
 * Which database a target names.
 *
 * @since 0.1.0
 * @category models
 */
export type Kind = "pg" | "sqlite"

/**
 * @since 0.1.0
 * @category parsing
 */
export const kindOf = (target: string): Kind => (/^postgres(ql)?:\/\//i.test(target) ? "pg" : "sqlite")

/**
 * The target as it may be shown: a URL's password replaced by `***`.
 *
 * @since 0.1.0
 * @category rendering
 */
export const describe = (target: string): string =>
  kindOf(target) === "pg" ? target.replace(/^(\w+:\/\/[^:/@]*:)[^@]*@/, "$1***@") : target

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (target: string): Layer.Layer<SqlClient.SqlClient, DatabaseError> => {
  const where = describe(target)
  if (kindOf(target) === "pg") {
    return PgClient.layer({ url: Redacted.make(target), applicationName: "ledgerkit-sync" }).pipe(
      // The driver's reason (refused, unknown host, authentication failed) names no password.
      Layer.mapError(DatabaseError.fromSql(`connecting to ${where}`))
    )
  }
  // better-sqlite3 throws when the file cannot be opened: a typed error, not a defect.
  return Layer.scopedContext(
    SqliteClient.make({ filename: target }).pipe(
      Effect.catchAllDefect((defect) =>
        Effect.fail(
          new DatabaseError({
            operation: `opening ${where}`,
            reason: defect instanceof globalThis.Error ? defect.message : Cause.pretty(Cause.die(defect))
          })
        )
      ),
      Effect.map((client) => Context.make(SqlClient.SqlClient, client))
    )
  ).pipe(Layer.provide(Reactivity.layer))
}
