/**
 * Issue 16, point 1: a running export stops cleanly on SIGINT and SIGTERM within two
 * seconds: exit 130, one line saying what is left, no partial file, `--out` as it was,
 * and a checkpoint that still describes what the output holds.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Testkit } from "@ledgerkit/mock-server"
import type * as Source from "@ledgerkit/providers/Source"
import { Effect, Layer, Option, type Scope } from "effect"
import * as path from "node:path"
import * as Checkpoint from "../src/Checkpoint.js"
import { anchor, from, iso } from "./dataset.js"
import { type Run, start } from "./processKit.js"

const mockLayer = Testkit.layer({ dataset: { _tag: "Generated", seed: 29, rows: 240, anchor } })

const live = <A, E>(body: Effect.Effect<A, E, Scope.Scope | NodeContext.NodeContext | Testkit.MockServer>) =>
  body.pipe(Effect.scoped, Effect.provide(Layer.merge(NodeContext.layer, mockLayer)))

const sources: ReadonlyArray<Source.SourceId> = ["binance.um-income", "zenlayer.recharge-refund", "cryptomus.transactions"]
const range = ["--source", sources.join(","), "--from", iso(from), "--to", iso(anchor)]

// Waits until `ready` holds (the export is under way), then sends `signal`; the time the
// process took to exit after it.
const stopWhen = (run: Run, signal: NodeJS.Signals, ready: Effect.Effect<boolean>) =>
  Effect.gen(function*() {
    while (!(yield* ready)) {
      expect(run.child.exitCode, run.stderr()).toBeNull()
      yield* Effect.sleep("25 millis")
    }
    const sent = Date.now()
    run.child.kill(signal)
    const exit = yield* run.exit
    return { ...exit, millis: Date.now() - sent }
  })

describe("the ledgerkit process, stopped", () => {
  it.live("SIGINT during an export to --out: exit 130 within 2 s, --out as it was, no partial file", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const out = path.join(dir, "ledger.ndjson")
      yield* fs.writeFileString(out, "an older export\n")
      // Every answer a little late, so that the export is still running when stopped.
      yield* mock.admin.setFault({ endpoint: "*", kind: { _tag: "Delay", millis: 60 } })
      const run = yield* start(["export", "--mock", mock.baseUrl, ...range, "--out", out])
      const partial = path.join(dir, `.ledger.ndjson.${run.child.pid}.partial`)
      const writing = Effect.map(Effect.option(fs.stat(partial)), Option.exists((info) => info.size > 0n))

      const exit = yield* stopWhen(run, "SIGINT", writing)
      expect(exit.code, run.stderr()).toBe(130)
      expect(exit.millis).toBeLessThan(2000)
      expect(run.stderr().trimEnd().split("\n").at(-1)).toBe(`ledgerkit: interrupted; ${out} is left as it was`)
      expect(yield* fs.readDirectory(dir)).toEqual(["ledger.ndjson"])
      expect(yield* fs.readFileString(out)).toBe("an older export\n")
      expect(run.stdout()).toBe("")
    }).pipe(live))

  it.live("SIGTERM during a checkpointed export: exit 130 within 2 s, the checkpoint still matches the output", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const out = path.join(dir, "ledger.ndjson")
      const checkpoint = path.join(dir, "ledger.checkpoint.json")
      yield* mock.admin.setFault({ endpoint: "*", kind: { _tag: "Delay", millis: 60 } })
      const run = yield* start(["export", "--mock", mock.baseUrl, ...range, "--out", out, "--checkpoint", checkpoint])
      const written = Checkpoint.read(checkpoint).pipe(
        Effect.map(Option.exists((c) => c.records > 0)),
        Effect.orElseSucceed(() => false),
        Effect.provideService(FileSystem.FileSystem, fs)
      )

      const exit = yield* stopWhen(run, "SIGTERM", written)
      expect(exit.code, run.stderr()).toBe(130)
      expect(exit.millis).toBeLessThan(2000)
      expect(run.stderr().trimEnd().split("\n").at(-1)).toBe(`ledgerkit: interrupted; rerun the same command to resume from ${checkpoint}`)
      const last = Option.getOrThrow(yield* Checkpoint.read(checkpoint))
      expect(last.complete).toBe(false)
      // The output holds at least the whole batches the checkpoint records (a rerun cuts
      // it back to them), and they are whole NDJSON lines.
      const text = yield* fs.readFileString(out)
      expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(last.bytes)
      const kept = Buffer.from(text).subarray(0, last.bytes).toString()
      expect(kept.split("\n").filter((l) => l !== "")).toHaveLength(last.records)
      expect(yield* fs.readDirectory(dir)).toEqual(expect.arrayContaining(["ledger.ndjson", "ledger.checkpoint.json"]))
    }).pipe(live))
})
