import { it } from "@effect/vitest"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Duration, Effect, FastCheck as fc, Layer } from "effect"
import { expect } from "vitest"
import * as Sync from "../src/Sync.js"
import { checkTables, horizonMs, makeWorld, play, propRuns, runOptions, type Step, steps, syncLayer } from "./support.js"

// A fresh in-memory database for each run.
const sqlite = () => SqliteClient.layer({ filename: ":memory:" })

// The steps, one complete run after them, and what the check finds; `horizon` is what
// the sync is told (the world's records change within `horizonMs`).
const problemsAfter = (all: ReadonlyArray<Step>, horizon = horizonMs) =>
  Effect.gen(function*() {
    const world = makeWorld()
    const options = (extra: Partial<Sync.RunOptions> = {}) =>
      runOptions(world, {
        horizons: { "zenlayer.recharge-refund": Duration.millis(horizon), "cryptomus.transactions": Duration.millis(horizon) },
        ...extra
      })
    const check = Effect.gen(function*() {
      const sync = yield* Sync.Sync
      yield* play(world, sync, all, options)
      yield* sync.run(options())
      return yield* checkTables(world, sync.tables)
    })
    return yield* check.pipe(Effect.provide(syncLayer(world, "t_").pipe(Layer.provideMerge(sqlite()))))
  })

it.live.prop(
  "any sequence of syncs, arrivals, changes and kills leaves the tables equal to the world",
  { steps },
  ({ steps }) =>
    Effect.map(problemsAfter(steps), (problems) => {
      expect(problems).toEqual([])
    }),
  { timeout: 240_000, fastCheck: { numRuns: propRuns(30) } }
)

it.live("the check has teeth: a sync told a horizon shorter than the world's is caught", () =>
  Effect.gen(function*() {
    const found = yield* Effect.promise(() =>
      fc.check(
        fc.asyncProperty(steps, (s) => Effect.runPromise(Effect.map(problemsAfter(s, horizonMs / 2), (p) => p.length === 0))),
        // The first counterexample is enough: no shrinking.
        { numRuns: 200, endOnFailure: true }
      )
    )
    expect(found.failed).toBe(true)
  }))
