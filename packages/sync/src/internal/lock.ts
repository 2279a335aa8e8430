/**
 * One lock per (account, source), so that no two syncs walk the same pair at once.
 *
 * - PostgreSQL: a session-level advisory lock, taken on a connection reserved for the
 *   whole walk (waiting means trying again every 200 ms). The database releases it
 *   when the session ends, so a crashed or killed worker never leaves a pair locked. The
 *   key is two 32-bit hashes (of the table prefix, and of account and source): ledgers
 *   under different prefixes never block each other; a hash collision can only make one
 *   pair wait for another, never let two in at once.
 * - Any other database (SQLite): a semaphore per pair in this process. SQLite is the
 *   one-process ledger; share a database between processes with PostgreSQL.
 */
import { SqlClient } from "@effect/sql"
import { Duration, Effect, Option, Schedule } from "effect"
import { DatabaseError } from "../SyncError.js"

/** `wait`: queue behind the holder; `skip`: give up at once when the pair is held. */
export type Mode = "wait" | "skip"

export type WithLock = <A, E, R>(
  key: { readonly account: string; readonly source: string },
  mode: Mode,
  effect: Effect.Effect<A, E, R>
) => Effect.Effect<Option.Option<A>, E | DatabaseError, R>

/** How often a waiting sync tries the lock again. */
const retryEvery = Duration.millis(200)

export const make = (prefix: string): Effect.Effect<WithLock, never, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    return sql.onDialectOrElse({
      pg: (): WithLock => (key, mode, effect) =>
        Effect.scoped(Effect.gen(function*() {
          const connection = yield* sql.reserve.pipe(Effect.mapError(DatabaseError.fromSql("reserving a lock connection")))
          const params = [prefix, `${key.account}\u001f${key.source}`]
          // Only ever a try, which answers at once: a blocking pg_advisory_lock that is
          // interrupted could still be granted later, on a connection back in the pool.
          const attempt = connection.execute(
            "SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked",
            params,
            undefined
          ).pipe(
            Effect.map((rows) => rows[0]?.locked === true),
            Effect.mapError(DatabaseError.fromSql("taking the lock"))
          )
          const locked = yield* mode === "skip"
            ? attempt
            : Effect.as(Effect.repeat(attempt, { schedule: Schedule.spaced(retryEvery), until: (ok) => ok }), true)
          if (!locked) return Option.none()
          yield* Effect.addFinalizer(() =>
            connection.execute("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", params, undefined).pipe(
              // A failed unlock ends with the session at the latest.
              Effect.ignore
            )
          )
          return Option.some(yield* effect)
        })),
      orElse: (): WithLock => {
        const semaphores = new Map<string, Effect.Semaphore>()
        const semaphoreOf = (name: string) => {
          let s = semaphores.get(name)
          if (s === undefined) {
            s = Effect.unsafeMakeSemaphore(1)
            semaphores.set(name, s)
          }
          return s
        }
        return (key, mode, effect) =>
          Effect.suspend(() => {
            const semaphore = semaphoreOf(`${key.account}\u001f${key.source}`)
            return mode === "wait"
              ? Effect.asSome(semaphore.withPermits(1)(effect))
              : semaphore.withPermitsIfAvailable(1)(effect)
          })
      }
    })
  })
