/**
 * PostgreSQL: the multi-run property, and several workers on one database (this file
 * runs only with LEDGERKIT_PG_URL; see vitest.config.ts).
 */
import { it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import type * as Source from "@ledgerkit/providers/Source"
import * as Ledger from "@ledgerkit/providers/Ledger"
import { Clock, Context, Deferred, Effect, Fiber, Layer, Schedule, type Scope, Stream } from "effect"
import { describe, expect } from "vitest"
import * as Sync from "../src/Sync.js"
import { pgLayer, pgUrl, uniquePrefix } from "./pg.js"
import { checkTables, makeWorld, play, propRuns, runOptions, steps, syncLayer, type World } from "./support.js"

const url = pgUrl!

const dropTables = (prefix: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    for (const t of ["entries", "revisions", "positions", "runs", "migrations"]) {
      yield* sql`DROP TABLE IF EXISTS ${sql(`${prefix}${t}`)}`
    }
  })

/** Runs `effect` with tables under a fresh prefix, dropped afterwards. */
const withPrefix = <A, E, R>(f: (prefix: string) => Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const prefix = uniquePrefix()
    return Effect.ensuring(f(prefix), Effect.orDie(Effect.provide(dropTables(prefix), pgLayer(url))))
  })

describe("PostgreSQL", () => {
  // One pool for every run of the property; each run under its own prefix.
  it.layer(pgLayer(url))((it) => {
    it.effect.prop(
      "any sequence of syncs, arrivals, changes and kills leaves the tables equal to the world",
      { steps },
      ({ steps }) =>
        Effect.suspend(() => {
          const prefix = uniquePrefix()
          const world = makeWorld()
          return Effect.gen(function*() {
            const sync = yield* Sync.Sync
            yield* play(world, sync, steps)
            yield* sync.run(runOptions(world))
            expect(yield* checkTables(world, sync.tables)).toEqual([])
          }).pipe(
            Effect.provide(syncLayer(world, prefix)),
            Effect.ensuring(Effect.orDie(dropTables(prefix))),
            // The real clock: runs end at the world's time, which must not be in the future.
            Effect.withClock(Clock.make())
          )
        }),
      { timeout: 240_000, fastCheck: { numRuns: propRuns(10) } }
    )
  })

  /**
   * Sources that read the world at their first request, then hold their answer until
   * `open` completes, counting requests: a worker is seen holding a pair while another
   * comes, and the world can change between its read and its writes.
   */
  const gated = (world: World, open: Deferred.Deferred<void>, asked: Array<string>) =>
    Ledger.layer(world.sources.map((s): Source.Source => ({
      id: s.id,
      entries: (range) =>
        Stream.unwrap(Effect.gen(function*() {
          const answer = yield* Stream.runCollect(s.entries(range))
          asked.push(s.id)
          yield* Deferred.await(open)
          return Stream.fromChunk(answer)
        }))
    })))

  // A worker: its own connection pool (as another machine would have) and its own Sync,
  // open until the test's scope closes.
  const worker = (prefix: string, ledger: Layer.Layer<Ledger.Ledger>) =>
    Layer.build(Sync.layer({ prefix }).pipe(Layer.provide(Layer.merge(pgLayer(url), ledger)))).pipe(
      Effect.map(Context.get(Sync.Sync))
    )

  const busyWorld = () => {
    const world = makeWorld()
    world.apply({
      _tag: "Advance",
      minutes: 30,
      arrivals: Array.from({ length: 20 }, (_, i) => ({
        source: (i % 2) as 0 | 1,
        lateMinutes: i,
        version: { status: "pending" as const, amount: `${i}.10` },
        sameTime: i % 3 === 0
      }))
    })
    return world
  }

  it.live("two workers syncing one account: the second waits for the first, nothing is duplicated or lost", () =>
    withPrefix((prefix) =>
      Effect.scoped(Effect.gen(function*() {
        const world = busyWorld()
        const openA = yield* Deferred.make<void>()
        const askedA: Array<string> = []
        const askedB: Array<string> = []
        const a = yield* worker(prefix, gated(world, openA, askedA))
        const b = yield* worker(prefix, Ledger.layer(world.sources))
        // One window per source: A reads everything before the world changes.
        const fiberA = yield* Effect.fork(a.run(runOptions(world, { window: "1 day" })))
        // A holds both pairs (its walks are parked on the gate).
        yield* Effect.repeat(Effect.sync(() => askedA.length), { schedule: Schedule.spaced("10 millis"), until: (n) => n === 2 })
        // Meanwhile the records change: B must store the new versions on top of A's.
        world.apply({ _tag: "Change", pick: 3, version: { status: "succeeded", amount: "3.1000" } })
        world.apply({ _tag: "Change", pick: 8, version: { status: "failed", amount: "-8.1" } })
        const fiberB = yield* Effect.fork(b.run(runOptions(world, { onEvent: (e) => Effect.sync(() => askedB.push(e._tag)) })))
        yield* Effect.sleep("300 millis")
        expect(askedB).toEqual([]) // B waits for the locks
        yield* Deferred.succeed(openA, undefined)
        const reportA = yield* Fiber.join(fiberA)
        const reportB = yield* Fiber.join(fiberB)
        expect(reportA.sources.map((s) => s.outcome)).toEqual(["synced", "synced"])
        expect(reportB.sources.map((s) => s.outcome)).toEqual(["synced", "synced"])
        const insertedA = reportA.sources.reduce((n, s) => n + s.inserted, 0)
        const insertedB = reportB.sources.reduce((n, s) => n + s.inserted, 0)
        expect(insertedA + insertedB).toBe(20)
        expect(reportB.sources.reduce((n, s) => n + s.changed, 0)).toBe(2)
        expect(yield* checkTables(world, a.tables).pipe(Effect.provide(pgLayer(url)))).toEqual([])
      }))
    ))

  /**
   * Two workers on one account under a fresh prefix, A holding both pairs (its walks
   * parked on `open`) when `body` starts.
   */
  const whileAHolds = <A, E>(
    body: (w: {
      readonly prefix: string
      readonly world: World
      readonly open: Deferred.Deferred<void>
      readonly a: Sync.Service
      readonly b: Sync.Service
      readonly fiberA: Fiber.RuntimeFiber<Sync.Report, unknown>
    }) => Effect.Effect<A, E, Scope.Scope>
  ) =>
    withPrefix((prefix) =>
      Effect.scoped(Effect.gen(function*() {
        const world = busyWorld()
        const open = yield* Deferred.make<void>()
        const askedA: Array<string> = []
        const a = yield* worker(prefix, gated(world, open, askedA))
        const b = yield* worker(prefix, Ledger.layer(world.sources))
        const fiberA = yield* Effect.fork(a.run(runOptions(world)))
        yield* Effect.repeat(Effect.sync(() => askedA.length), { schedule: Schedule.spaced("10 millis"), until: (n) => n === 2 })
        return yield* body({ prefix, world, open, a, b, fiberA })
      }))
    )

  it.live("with lock skip, the second worker skips the pairs the first holds", () =>
    whileAHolds(({ a, b, fiberA, open, world }) =>
      Effect.gen(function*() {
        const reportB = yield* b.run(runOptions(world, { lock: "skip" }))
        expect(reportB.sources.map((s) => s.outcome)).toEqual(["skipped", "skipped"])
        yield* Deferred.succeed(open, undefined)
        yield* Fiber.join(fiberA)
        expect(yield* checkTables(world, a.tables).pipe(Effect.provide(pgLayer(url)))).toEqual([])
      })
    ))

  it.live("a crashed worker's locks are released by the database", () =>
    whileAHolds(({ b, fiberA, prefix, world }) =>
      Effect.gen(function*() {
        // The sessions holding A's locks end as a crashed process's would: no unlock is sent.
        const sql = yield* Effect.map(Layer.build(pgLayer(url)), Context.get(SqlClient.SqlClient))
        const killed = yield* sql<{ pid: number }>`SELECT pg_terminate_backend(pid) AS ok, pid FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND classid::int = (SELECT hashtext(${prefix}))::int`
        expect(killed.length).toBe(2)
        // pg_terminate_backend only signals: a session lets go of its locks when it has ended.
        const held = sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND classid::int = (SELECT hashtext(${prefix}))::int`
        yield* Effect.repeat(held, { schedule: Schedule.spaced("20 millis"), until: (rows) => rows[0]?.n === 0 }).pipe(
          Effect.timeout("10 seconds")
        )
        const reportB = yield* b.run(runOptions(world, { lock: "skip" }))
        expect(reportB.sources.map((s) => s.outcome)).toEqual(["synced", "synced"])
        expect(yield* checkTables(world, b.tables).pipe(Effect.provide(pgLayer(url)))).toEqual([])
        yield* Fiber.interrupt(fiberA)
      })
    ))
})
