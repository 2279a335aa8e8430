/**
 * `ledgerkit sync` and `ledgerkit ledger` against the mock server's testkit, with the
 * real providers and real time: a first sync fills a SQLite file with the dataset, exact
 * amounts, in time order; a second finds everything unchanged with a handful of
 * requests; records that settle on the provider are revised. As a process SIGKILLed
 * mid-sync, then run again, the ledger ends equal to the dataset, each record once.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { type Records, Testkit } from "@ledgerkit/mock-server"
import type * as Source from "@ledgerkit/providers/Source"
import { Database } from "@ledgerkit/sync"
import { Effect, Layer, type Scope } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Cli from "../src/Cli.js"
import * as HttpClientLive from "../src/HttpClientLive.js"
import { anchor, expectDataset, from, iso } from "./dataset.js"
import { capturedProgress } from "./support.js"

const sources: ReadonlyArray<Source.SourceId> = ["zenlayer.recharge-refund", "cryptomus.transactions"]

const cli = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const progress = capturedProgress()
    const exit = yield* Cli.run(["node", "ledgerkit", ...args]).pipe(
      Effect.provide(Layer.merge(progress.layer, HttpClientLive.layer)),
      Effect.exit
    )
    return { code: Cli.exitCode(exit), stderr: progress.lines }
  })

const mockLayer = Testkit.layer({ dataset: { _tag: "Generated", seed: 29, rows: 240, anchor } })

const live = <A, E>(body: Effect.Effect<A, E, Scope.Scope | NodeContext.NodeContext | Testkit.MockServer>) =>
  body.pipe(Effect.scoped, Effect.provide(Layer.merge(NodeContext.layer, mockLayer)))

const setupFor = (sources: ReadonlyArray<Source.SourceId>) => Effect.gen(function*() {
  const mock = yield* Testkit.MockServer
  const { datasets } = yield* mock.state.get
  const fs = yield* FileSystem.FileSystem
  const dir = yield* fs.makeTempDirectoryScoped()
  const db = path.join(dir, "ledger.sqlite")
  const syncArgs = ["sync", "--db", db, "--once", "--mock", mock.baseUrl, "--since", iso(from), "--source", sources.join(",")]
  // The stored ledger as NDJSON.
  const ledger = Effect.gen(function*() {
    const out = path.join(dir, `ledger-${Math.random().toString(36).slice(2)}.ndjson`)
    const result = yield* cli(["ledger", "--db", db, "--out", out])
    expect(result.code, result.stderr.join("\n")).toBe(0)
    return yield* fs.readFileString(out)
  })
  return { mock, datasets, fs, dir, db, syncArgs, ledger }
})
const setup = setupFor(sources)

const revisionsOf = (db: string) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    return yield* sql<{ id: string; n: number }>`SELECT id, COUNT(*) AS n FROM ledgerkit_revisions GROUP BY source, id`
  }).pipe(Effect.provide(Database.layer(db)))

describe("ledgerkit sync", () => {
  it.live("fills the database, then finds it up to date, then revises the records that settled", () =>
    Effect.gen(function*() {
      const { datasets, db, ledger, mock, syncArgs } = yield* setup
      const first = yield* cli(syncArgs)
      expect(first.code, first.stderr.join("\n")).toBe(0)
      expect(first.stderr.at(-1)).toMatch(/^ledgerkit: synced default into .*ledger\.sqlite up to .*: \d+ new, 0 changed, 0 unchanged \(2 sources\)$/)
      expectDataset(datasets, sources, yield* ledger)

      // Up to date: only the horizons are read again, in a few requests.
      yield* mock.admin.clearJournal
      const second = yield* cli(syncArgs)
      expect(second.code, second.stderr.join("\n")).toBe(0)
      expect(second.stderr.at(-1)).toMatch(/: 0 new, 0 changed, [1-9]\d* unchanged \(2 sources\)$/)
      expect((yield* mock.admin.journal()).length).toBeLessThan(12)

      // Three recent recharges settle on the provider (with a corrected amount).
      const zenlayer = datasets.tables["zenlayer.recharge-refund"].records as ReadonlyArray<Records.ZenlayerRecord>
      const settled = zenlayer.slice(-3).map((r) => r.transactionId)
      yield* mock.admin.putRecords(
        "zenlayer.recharge-refund",
        zenlayer.map((r) => settled.includes(r.transactionId) ? { ...r, state: "PAY_FAILED" as const, amount: "0.12345678" } : r)
      )
      const third = yield* cli(syncArgs)
      expect(third.stderr.at(-1)).toMatch(/: 0 new, 3 changed, [1-9]\d* unchanged \(2 sources\)$/)
      const stored = (yield* ledger).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>)
      for (const id of settled) {
        expect(stored.filter((e) => e.id === id).map((e) => [e.status, e.amount])).toEqual([["failed", "0.12345678"]])
      }
      const revisions = yield* revisionsOf(db)
      expect(revisions.filter((r) => Number(r.n) === 2).map((r) => r.id).sort()).toEqual([...settled].sort())
      expect(revisions.every((r) => Number(r.n) <= 2)).toBe(true)
    }).pipe(live), { timeout: 180_000 })

  it.live("bad options exit 2 with one line and send nothing", () =>
    Effect.gen(function*() {
      const { mock, syncArgs } = yield* setup
      for (
        const [args, line] of [
          [[...syncArgs, "--every", "1 hour"], "ledgerkit: --once and --every exclude each other"],
          [[...syncArgs.filter((a) => a !== "--once"), "--every", "0 s"], "ledgerkit: --every: expected a duration of at least 1 second such as \"1 hour\", received \"0 s\""],
          [syncArgs.map((a) => a === iso(from) ? "2999-01-01" : a), "ledgerkit: since 2999-01-01T00:00:00.000Z is after "]
        ] as const
      ) {
        const result = yield* cli(args)
        expect(result.code).toBe(2)
        expect(result.stderr.at(-1)?.startsWith(line), result.stderr.join("\n")).toBe(true)
      }
      expect(yield* mock.admin.journal()).toEqual([])
    }).pipe(live))
})

// The sources under tsx, as Process.test.ts runs them (slow to start on a loaded machine:
// the tests that start processes have long timeouts).
const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url))

const spawnCli = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", bin, ...args], { stdio: ["ignore", "ignore", "pipe"] })
      let stderr = ""
      child.stderr?.setEncoding("utf8").on("data", (text: string) => {
        stderr += text
      })
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("close", (code, signal) => resolve({ code, signal }))
      )
      return { child, stderr: () => stderr, exit: Effect.promise(() => exited) }
    }),
    (run) => Effect.sync(() => run.child.exitCode === null && run.child.kill("SIGKILL"))
  )

describe("the ledgerkit sync process", () => {
  it.live("SIGKILLed mid-sync and run again: the ledger equals the dataset, each record once", () =>
    Effect.gen(function*() {
      // One source (Zenlayer: no rate limit to wait out), so the two processes are quick.
      const only: ReadonlyArray<Source.SourceId> = ["zenlayer.recharge-refund"]
      const { datasets, db, ledger, mock, syncArgs } = yield* setupFor(only)
      // Daily windows, each answer a little late: the sync is still running when killed.
      yield* mock.admin.setFault({ endpoint: "*", kind: { _tag: "Delay", millis: 20 } })
      const args = [...syncArgs, "--window", "1 day"]
      const first = yield* spawnCli(args)
      const count = Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const rows = yield* sql<{ n: number }>`SELECT COUNT(*) AS n FROM ledgerkit_entries`
        return Number(rows[0].n)
      }).pipe(Effect.provide(Database.layer(db)), Effect.orElseSucceed(() => 0))
      let stored = 0
      while (stored < 10 && first.child.exitCode === null) {
        yield* Effect.sleep("50 millis")
        stored = yield* count
      }
      first.child.kill("SIGKILL")
      expect((yield* first.exit).signal, first.stderr()).toBe("SIGKILL")
      expect(stored).toBeGreaterThanOrEqual(10)

      // The rerun in this process (one process start is slow enough).
      yield* mock.admin.clearFaults
      const second = yield* cli(args)
      expect(second.code, second.stderr.join("\n")).toBe(0)
      expectDataset(datasets, only, yield* ledger)
      expect((yield* revisionsOf(db)).every((r) => Number(r.n) === 1)).toBe(true)
    }).pipe(live), { timeout: 180_000 })
})
