/**
 * Issue 16, point 1: a running export stops cleanly on SIGINT and SIGTERM within two
 * seconds, with exit 130 and one line saying what is left: stdout holds whole records
 * only (point 4: and nothing but records), `--out` is as it was with no partial file, a
 * checkpoint still describes what the output holds and a rerun completes it.
 *
 * One real process (the signal reaches the runtime's handler); the rest in process:
 * SIGINT and SIGTERM share that one handler, which interrupts the main fiber.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Testkit } from "@ledgerkit/mock-server"
import type * as Source from "@ledgerkit/providers/Source"
import { Effect, Fiber, Layer, Option, type Scope } from "effect"
import * as path from "node:path"
import * as Checkpoint from "../src/Checkpoint.js"
import * as Cli from "../src/Cli.js"
import { csvHeader } from "../src/Format.js"
import * as HttpClientLive from "../src/HttpClientLive.js"
import { anchor, expectDataset, expectedFor, from, iso } from "./dataset.js"
import { start } from "./processKit.js"
import { capturedProgress, parseCsv } from "./support.js"

const mockLayer = Testkit.layer({ dataset: { _tag: "Generated", seed: 29, rows: 240, anchor } })

const live = <A, E>(body: Effect.Effect<A, E, Scope.Scope | NodeContext.NodeContext | Testkit.MockServer>) =>
  body.pipe(Effect.scoped, Effect.provide(Layer.merge(NodeContext.layer, mockLayer)))

// Binance only: its limits are high, so that the time is the injected delay, not a budget.
const sources: ReadonlyArray<Source.SourceId> = ["binance.cloud-mining", "binance.um-income"]

// Every answer a little late, so that the export is still running when stopped.
const slowly = Effect.flatMap(Testkit.MockServer, (mock) =>
  mock.admin.setFault({ endpoint: "*", kind: { _tag: "Delay", millis: 60 } }))

// `ledgerkit export` in process, with its stderr lines kept.
const inProcess = (baseUrl: string, args: ReadonlyArray<string>) => {
  const progress = capturedProgress()
  const argv = ["node", "ledgerkit", "export", "--mock", baseUrl, "--source", sources.join(","), "--from", iso(from), "--to", iso(anchor), ...args]
  return { effect: Cli.run(argv).pipe(Effect.provide(Layer.merge(progress.layer, HttpClientLive.layer))), lines: progress.lines }
}

// Interrupts a forked export once `ready` holds, as the runtime does on SIGINT/SIGTERM.
const interruptWhen = <E, R>(effect: Effect.Effect<void, E, R>, ready: Effect.Effect<boolean>) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    while (!(yield* ready)) yield* Effect.sleep("25 millis")
    return Cli.exitCode(yield* Fiber.interrupt(fiber))
  })

describe("an export, stopped", () => {
  it.live("SIGINT to the process, writing CSV to stdout: exit 130 within 2 s, whole records only, one line", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const { datasets } = yield* mock.state.get
      yield* slowly
      const run = yield* start([
        "export", "--mock", mock.baseUrl, "--source", sources.join(","), "--from", iso(from), "--to", iso(anchor), "--format", "csv"
      ])
      while (parseCsv(run.stdout().slice(0, run.stdout().lastIndexOf("\r\n") + 2)).length < 20) {
        expect(run.child.exitCode, run.stderr()).toBeNull()
        yield* Effect.sleep("25 millis")
      }
      const sent = Date.now()
      run.child.kill("SIGINT")
      const exit = yield* run.exit
      expect(exit.code, run.stderr()).toBe(130)
      expect(Date.now() - sent).toBeLessThan(2000)
      expect(run.stderr().trimEnd().split("\n").at(-1)).toBe("ledgerkit: interrupted; stdout holds whole records only")
      // stdout: the header, then whole rows, the first ones of the export in order.
      expect(run.stdout().startsWith(csvHeader)).toBe(true)
      const keys = parseCsv(run.stdout()).slice(1).map((r) => `${r[1]}/${r[2]}`)
      expect(keys).toEqual(expectedFor(datasets, sources).slice(0, keys.length).map((e) => e.key))
    }).pipe(live), { timeout: 180_000 }) // tsx compiles the sources at start: slow on a loaded machine

  it.live("interrupted, writing to --out: exit 130, one line, --out as it was, no partial file", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const out = path.join(dir, "ledger.ndjson")
      yield* fs.writeFileString(out, "an older export\n")
      yield* slowly
      const run = inProcess(mock.baseUrl, ["--out", out])
      const partial = path.join(dir, `.ledger.ndjson.${process.pid}.partial`)
      const writing = Effect.map(Effect.option(fs.stat(partial)), Option.exists((info) => info.size > 0n))

      expect(yield* interruptWhen(run.effect, writing)).toBe(130)
      expect(run.lines.at(-1)).toBe(`ledgerkit: interrupted; ${out} is left as it was`)
      expect(yield* fs.readDirectory(dir)).toEqual(["ledger.ndjson"])
      expect(yield* fs.readFileString(out)).toBe("an older export\n")
    }).pipe(live))

  it.live("interrupted, checkpointed: one line, the checkpoint matches the output, a rerun completes it exactly once", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const { datasets } = yield* mock.state.get
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const out = path.join(dir, "ledger.ndjson")
      const checkpoint = path.join(dir, "ledger.checkpoint.json")
      yield* slowly
      const args = ["--out", out, "--checkpoint", checkpoint]
      const written = Checkpoint.read(checkpoint).pipe(
        Effect.map(Option.exists((c) => c.records > 0)),
        Effect.orElseSucceed(() => false),
        Effect.provideService(FileSystem.FileSystem, fs)
      )

      const first = inProcess(mock.baseUrl, args)
      expect(yield* interruptWhen(first.effect, written)).toBe(130)
      expect(first.lines.at(-1)).toBe(`ledgerkit: interrupted; rerun the same command to resume from ${checkpoint}`)
      const last = Option.getOrThrow(yield* Checkpoint.read(checkpoint))
      expect(last.complete).toBe(false)
      // The output holds at least the whole batches the checkpoint records, as whole lines.
      const kept = Buffer.from(yield* fs.readFileString(out)).subarray(0, last.bytes).toString()
      expect(kept.split("\n").filter((l) => l !== "")).toHaveLength(last.records)

      yield* mock.admin.clearFaults
      const second = inProcess(mock.baseUrl, args)
      expect(Cli.exitCode(yield* Effect.exit(second.effect)), second.lines.join("\n")).toBe(0)
      expectDataset(datasets, sources, yield* fs.readFileString(out))
    }).pipe(live))
})
