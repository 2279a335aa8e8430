/**
 * `ledgerkit export | head -1` and `ledgerkit ledger | head -1`: the reader closes stdout
 * after the first line and the process ends quietly with exit code 0 (no EPIPE trace, no
 * error line, no summary of records it could not write), as a Unix tool does on SIGPIPE.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Testkit } from "@ledgerkit/mock-server"
import type * as Source from "@ledgerkit/providers/Source"
import { Effect, Layer, type Scope } from "effect"
import * as path from "node:path"
import * as Cli from "../src/Cli.js"
import * as HttpClientLive from "../src/HttpClientLive.js"
import { anchor, DAY, from, iso } from "./dataset.js"
import { type Run, start } from "./processKit.js"
import { capturedProgress } from "./support.js"

// Hundreds of kilobytes of NDJSON (each line carries the original record): the reader has
// read one pipe's worth (64 KiB) when it closes, and the process can have written one more
// at most, so it is still writing when its reader goes away.
const mockLayer = Testkit.layer({ dataset: { _tag: "Generated", seed: 31, rows: 600, anchor } })
const sources: ReadonlyArray<Source.SourceId> = ["zenlayer.recharge-refund", "cryptomus.transactions"]

const live = <A, E>(body: Effect.Effect<A, E, Scope.Scope | NodeContext.NodeContext | Testkit.MockServer>) =>
  body.pipe(Effect.scoped, Effect.provide(Layer.merge(NodeContext.layer, mockLayer)))

/** Starts `ledgerkit args` and closes its stdout once the first whole line has arrived. */
const headOne = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const run = yield* start(args)
    run.child.stdout?.on("data", () => {
      if (run.stdout().includes("\n")) run.child.stdout?.destroy()
    })
    return { run, exit: yield* run.exit }
  })

const expectQuietEnd = ({ exit, run }: { readonly run: Run; readonly exit: Effect.Effect.Success<Run["exit"]> }) => {
  expect(exit, run.stderr()).toEqual({ code: 0, signal: null })
  const first = JSON.parse(run.stdout().split("\n")[0])
  expect(sources).toContain(first.source)
  // At most progress lines: no trace, no error line, no "wrote N ..." of a run that finished.
  expect(run.stderr()).not.toMatch(/EPIPE|error|cannot write|wrote|interrupted/i)
}

describe("stdout closed by its reader", () => {
  it.live("ledgerkit export | head -1: exit 0, nothing said", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const result = yield* headOne([
        "export", "--mock", mock.baseUrl, "--source", sources.join(","), "--from", iso(from), "--to", iso(anchor)
      ])
      expectQuietEnd(result)
    }).pipe(live), { timeout: 180_000 }) // tsx compiles the sources at start: slow on a loaded machine

  it.live("ledgerkit ledger | head -1: exit 0, nothing said", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const fs = yield* FileSystem.FileSystem
      const db = path.join(yield* fs.makeTempDirectoryScoped(), "ledger.sqlite")
      const progress = capturedProgress()
      const synced = yield* Cli.run([
        "node", "ledgerkit", "sync", "--db", db, "--once", "--mock", mock.baseUrl, "--since", iso(anchor - 89 * DAY), "--source", sources.join(",")
      ]).pipe(Effect.provide(Layer.merge(progress.layer, HttpClientLive.layer)), Effect.exit)
      expect(Cli.exitCode(synced), progress.lines.join("\n")).toBe(0)

      expectQuietEnd(yield* headOne(["ledger", "--db", db]))
    }).pipe(live), { timeout: 180_000 })
})
