/**
 * The `ledgerkit` executable as a process: SIGKILLed in the middle of an export and run
 * again with the same checkpoint, it ends with the whole history exactly once; bad input
 * exits 2 with one line on stderr, nothing on stdout, and sends nothing.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Testkit } from "@ledgerkit/mock-server"
import type * as Source from "@ledgerkit/providers/Source"
import { Effect, Layer, Option } from "effect"
import * as path from "node:path"
import * as Checkpoint from "../src/Checkpoint.js"
import { anchor, expectDataset, from, iso, summaryOf } from "./dataset.js"
import { start } from "./processKit.js"

const mockLayer = Testkit.layer({ dataset: { _tag: "Generated", seed: 23, rows: 240, anchor } })

const live = <A, E>(body: Effect.Effect<A, E, import("effect/Scope").Scope | NodeContext.NodeContext | Testkit.MockServer>) =>
  body.pipe(Effect.scoped, Effect.provide(Layer.merge(NodeContext.layer, mockLayer)))

describe("the ledgerkit process", () => {
  it.live("SIGKILLed mid-export and rerun with the checkpoint: the whole history, exactly once", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const { datasets } = yield* mock.state.get
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const out = path.join(dir, "ledger.csv")
      const checkpoint = path.join(dir, "ledger.checkpoint.json")
      // Every answer a little late, so that the export is still running when it is killed.
      yield* mock.admin.setFault({ endpoint: "*", kind: { _tag: "Delay", millis: 60 } })
      const sources: ReadonlyArray<Source.SourceId> = ["binance.um-income", "zenlayer.recharge-refund", "cryptomus.transactions"]
      const args = [
        "export", "--mock", mock.baseUrl, "--source", sources.join(","), "--from", iso(from), "--to", iso(anchor),
        "--format", "ndjson", "--out", out, "--checkpoint", checkpoint
      ]

      const first = yield* start(args)
      // Kill it once some batches are written and checkpointed.
      let written = 0
      while (written < 40) {
        if (first.child.exitCode !== null) break
        yield* Effect.sleep("25 millis")
        const saved = yield* Effect.orElseSucceed(Checkpoint.read(checkpoint), () => Option.none())
        written = Option.match(saved, { onNone: () => 0, onSome: (c) => c.records })
      }
      first.child.kill("SIGKILL")
      expect((yield* first.exit).signal, first.stderr()).toBe("SIGKILL")
      const killed = Option.getOrThrow(yield* Checkpoint.read(checkpoint))
      expect(killed.complete).toBe(false)
      expect(killed.records).toBeGreaterThanOrEqual(40)

      const second = yield* start(args)
      const done = yield* second.exit
      expect(done.code, second.stderr()).toBe(0)
      expect(second.stderr().trimEnd().split("\n").at(-1)).toBe(summaryOf(datasets, sources, out, "resumed and completed"))
      expectDataset(datasets, sources, yield* fs.readFileString(out))
      expect(Option.getOrThrow(yield* Checkpoint.read(checkpoint)).complete).toBe(true)
    }).pipe(live), { timeout: 180_000 }) // two processes; tsx compiles the sources at each start

  it.live("bad input: exit 2, one line on stderr, no request reaches the mock", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const run = yield* start(["export", "--mock", mock.baseUrl, "--source", "all", "--from", "2024-02-01", "--to", "2024-01-01"])
      const exit = yield* run.exit
      expect(exit.code).toBe(2)
      expect(run.stderr()).toBe("ledgerkit: --from 2024-02-01T00:00:00Z is after --to 2024-01-01T00:00:00Z\n")
      expect(run.stdout()).toBe("")
      expect(yield* mock.admin.journal()).toEqual([])
    }).pipe(live))
})
