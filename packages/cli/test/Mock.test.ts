/**
 * `ledgerkit export --mock` against the mock server's testkit with the real providers and
 * real time (the providers' own budgets and backoffs wait for real): each source and `all`
 * equal the generated dataset entry for entry, with exact amounts and in time order, also
 * with 429s, 5xx and connection resets injected; a ban, wrong credentials and a range
 * outside retention end with one line.
 *
 * The dataset is generated for the 90 days before today (the mock's default anchor), so
 * the providers' retention rules, which read today's date, apply as they would for real.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Time } from "@ledgerkit/core"
import { Credentials, Testkit } from "@ledgerkit/mock-server"
import * as Source from "@ledgerkit/providers/Source"
import { Effect, Layer, Redacted, type Scope } from "effect"
import * as path from "node:path"
import * as Cli from "../src/Cli.js"
import * as HttpClientLive from "../src/HttpClientLive.js"
import * as Setup from "../src/Setup.js"
import { anchor, DAY, expectDataset, from, iso, summaryOf } from "./dataset.js"
import { capturedProgress, parseCsv, parseNdjson } from "./support.js"

const exportWith = (baseUrl: string, args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const progress = capturedProgress()
    const exit = yield* Cli.run(["node", "ledgerkit", "export", "--mock", baseUrl, ...args]).pipe(
      Effect.provide(Layer.merge(progress.layer, HttpClientLive.layer)),
      Effect.exit
    )
    return { code: Cli.exitCode(exit), stderr: progress.lines }
  })

const mockLayer = Testkit.layer({ dataset: { _tag: "Generated", seed: 11, rows: 240, anchor } })

// Each test has its own mock (tests run concurrently, and some change its state), and
// runs in real time.
const live = <A, E>(body: Effect.Effect<A, E, Scope.Scope | NodeContext.NodeContext | Testkit.MockServer>) =>
  body.pipe(Effect.scoped, Effect.provide(Layer.merge(NodeContext.layer, mockLayer)))

// The mock, its dataset, and a scratch folder.
const setup = Effect.gen(function*() {
  const mock = yield* Testkit.MockServer
  const { datasets } = yield* mock.state.get
  const fs = yield* FileSystem.FileSystem
  const dir = yield* fs.makeTempDirectoryScoped()
  return { mock, datasets, fs, dir }
})

describe("export --mock", () => {
  it.live("each source and all equal the dataset entry for entry, exact amounts, in time order", () =>
    Effect.gen(function*() {
      const { datasets, dir, fs, mock } = yield* setup
      // Whole-range windows: the default one-day windows cost WOO X Pro a request a day
      // (6 per 2 s); the fault and ban tests below keep the default.
      const range = ["--from", iso(from), "--to", iso(anchor), "--window", "31 days"]
      for (const source of [...Source.ids, "all"] as const) {
        const out = path.join(dir, `${source}.ndjson`)
        const result = yield* exportWith(mock.baseUrl, ["--source", source, ...range, "--out", out])
        expect(result.code, result.stderr.join("\n")).toBe(0)
        expectDataset(datasets, source, yield* fs.readFileString(out))
        expect(result.stderr.at(-1)).toBe(summaryOf(datasets, source, out))
      }
      // The same export as CSV holds the same rows.
      const csvOut = path.join(dir, "all.csv")
      expect((yield* exportWith(mock.baseUrl, ["--source", "all", ...range, "--format", "csv", "--out", csvOut])).code).toBe(0)
      const rows = parseCsv(yield* fs.readFileString(csvOut)).slice(1)
      const ndjson = parseNdjson(yield* fs.readFileString(path.join(dir, "all.ndjson")))
      expect(rows.map((r) => [r[0], r[1], r[2], r[6]])).toEqual(ndjson.map((r) => [r.time, r.source, r.id, r.amount]))
    }).pipe(live))

  it.live("429s, 5xx and connection resets during an export leave the output complete and exact", () =>
    Effect.gen(function*() {
      const { datasets, dir, fs, mock } = yield* setup
      // Each kind once per endpoint, in a row: the first request of every endpoint fails
      // three times (429, 503, reset) before it passes, within what the retries absorb.
      const kinds = [
        { _tag: "TooManyRequests", retryAfterSeconds: 1 },
        { _tag: "ServerError", status: 503 },
        { _tag: "Reset" }
      ] as const
      yield* mock.admin.setFaults(Source.ids.flatMap((endpoint) =>
        kinds.map((kind) => ({ endpoint, kind, times: 1 }))
      ))
      const out = path.join(dir, "all.ndjson")
      const checkpoint = path.join(dir, "all.checkpoint.json")
      const result = yield* exportWith(mock.baseUrl, [
        "--source", "all", "--from", iso(from), "--to", iso(anchor), "--window", "10 days", "--out", out, "--checkpoint", checkpoint
      ])
      expect(result.code, result.stderr.join("\n")).toBe(0)
      expectDataset(datasets, "all", yield* fs.readFileString(out))
      // Every fault fired, and the progress said so.
      const faults = yield* mock.admin.faults
      expect(faults.map((f) => f.fired)).toEqual(faults.map(() => 1))
      const log = result.stderr.join("\n")
      for (const id of Source.ids) {
        expect(log).toContain(`${id}: rate limited (HTTP 429, Retry-After 1s); waiting`)
        expect(log).toContain(`${id}: HTTP 503 from the provider`)
        expect(log).toMatch(new RegExp(`${id.replace(".", "\\.")}: connection failed`))
      }
      expect(log).toMatch(/binance\.um-income \d+ records, \d+ pages, 1 rate-limit wait, 3 retries/)
    }).pipe(live))

  it.live("a ban: one line saying until when, and the checkpoint resumes after it", () =>
    Effect.gen(function*() {
      const { datasets, dir, fs, mock } = yield* setup
      const out = path.join(dir, "um.ndjson")
      const checkpoint = path.join(dir, "um.checkpoint.json")
      const args = ["--source", "binance.um-income", "--from", iso(from), "--to", iso(anchor), "--out", out, "--checkpoint", checkpoint]
      // Banned at the third request, for two minutes.
      yield* mock.admin.setFault({ endpoint: "binance.um-income", kind: { _tag: "Banned", retryAfterSeconds: 120 }, times: 1, probability: 0.5, seed: 3 })
      const banned = yield* exportWith(mock.baseUrl, args)
      expect(banned.code).toBe(1)
      expect(banned.stderr.at(-1)).toMatch(
        /^ledgerkit: binance\.um-income: banned by the provider until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z \(HTTP 418, code -1003, .+\); stop calling it until then; then rerun the same command to resume \(with --checkpoint nothing is fetched twice\)$/
      )
      const resumed = yield* exportWith(mock.baseUrl, args)
      expect(resumed.code, resumed.stderr.join("\n")).toBe(0)
      expectDataset(datasets, "binance.um-income", yield* fs.readFileString(out))
    }).pipe(live))

  it.live("wrong credentials: one line per provider naming the source, its code and message, and what to do", () =>
    Effect.gen(function*() {
      const { dir, fs, mock } = yield* setup
      const wrong = Redacted.make("not-the-mock-key")
      yield* mock.state.setCredentials({
        binance: { ...Credentials.defaults.binance, apiSecret: wrong },
        zenlayer: { ...Credentials.defaults.zenlayer, accessKeyPassword: wrong },
        wooxpro: { apiKey: wrong },
        cryptomus: { ...Credentials.defaults.cryptomus, apiKey: wrong }
      })
      const lines: Array<string> = []
      for (const source of Source.ids) {
        const out = path.join(dir, `${source}.ndjson`)
        const result = yield* exportWith(mock.baseUrl, ["--source", source, "--from", iso(from), "--to", iso(anchor), "--out", out])
        expect(result.code).toBe(1)
        lines.push(result.stderr.at(-1) ?? "")
      }
      yield* mock.state.reset
      for (const [i, line] of lines.entries()) {
        expect(line).toMatch(new RegExp(`^ledgerkit: ${Source.ids[i].replace(".", "\\.")}: credentials refused \\(HTTP \\d+, code [^,]+, .+\\); check the API key, secret and permissions$`))
      }
      expect(yield* fs.readDirectory(dir)).toEqual([])
    }).pipe(live))

  it.live("a range outside UM income's retention: one line saying how far back history goes, nothing written", () =>
    Effect.gen(function*() {
      const { dir, fs, mock } = yield* setup
      const out = path.join(dir, "um.ndjson")
      const result = yield* exportWith(mock.baseUrl, [
        "--source", "binance.um-income", "--from", iso(anchor - 200 * DAY), "--to", iso(anchor), "--out", out
      ])
      expect(result.code).toBe(1)
      expect(result.stderr.at(-1)).toMatch(
        new RegExp(`^ledgerkit: binance\\.um-income: history unavailable: .*requested from ${Time.formatIso(Time.fromMillis(anchor - 200 * DAY)).replaceAll(".", "\\.")}, earliest kept (\\S+); use --from \\1 or later$`)
      )
      expect(yield* fs.readDirectory(dir)).toEqual([])
    }).pipe(live))

  it("the mock credentials of --mock are the mock's defaults", () => {
    const d = Credentials.defaults
    expect(Setup.mockCredentials).toEqual({
      BINANCE_API_KEY: d.binance.apiKey,
      BINANCE_API_SECRET: Redacted.value(d.binance.apiSecret),
      ZENLAYER_ACCESS_KEY_ID: d.zenlayer.accessKeyId,
      ZENLAYER_ACCESS_KEY_PASSWORD: Redacted.value(d.zenlayer.accessKeyPassword),
      WOOXPRO_API_KEY: Redacted.value(d.wooxpro.apiKey),
      CRYPTOMUS_USER_ID: d.cryptomus.userId,
      CRYPTOMUS_API_KEY: Redacted.value(d.cryptomus.apiKey)
    })
  })
})
