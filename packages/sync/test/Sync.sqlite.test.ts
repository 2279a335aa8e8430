import { it } from "@effect/vitest"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Effect, Layer } from "effect"
import { expect } from "vitest"
import * as Sync from "../src/Sync.js"
import { checkTables, makeWorld, play, propRuns, runOptions, steps, syncLayer } from "./support.js"

// A fresh in-memory database for each run.
const sqlite = () => SqliteClient.layer({ filename: ":memory:" })

it.live.prop(
  "any sequence of syncs, arrivals, changes and kills leaves the tables equal to the world",
  { steps },
  ({ steps }) =>
    Effect.gen(function*() {
      const world = makeWorld()
      const check = Effect.gen(function*() {
        const sync = yield* Sync.Sync
        yield* play(world, sync, steps)
        // One complete run after whatever came before.
        yield* sync.run(runOptions(world))
        return yield* checkTables(world, sync.tables)
      })
      const problems = yield* check.pipe(Effect.provide(syncLayer(world, "t_").pipe(Layer.provideMerge(sqlite()))))
      expect(problems).toEqual([])
    }),
  { fastCheck: { numRuns: propRuns(50) } }
)
