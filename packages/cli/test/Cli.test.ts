/**
 * The command line in process: bad input gets one clear line and exit code 2 with
 * nothing sent and nothing written; typed errors get one line naming the source, the
 * provider's code and message, and what to do; every command has --help.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { expect, layer } from "@effect/vitest"
import { ConfigProvider, DateTime, Duration, Effect, Inspectable, Layer, Logger, TestClock } from "effect"
import { Errors } from "@ledgerkit/core"
import * as Ledger from "@ledgerkit/providers/Ledger"
import * as path from "node:path"
import * as Cli from "../src/Cli.js"
import { render } from "../src/Failure.js"
import { capturedProgress, capturingConsole, countingClient, driveClock } from "./support.js"

// The clock of every run: --to may not be later.
const now = Date.parse("2025-01-01T12:00:00.500Z")

const runCli = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(now)
    const progress = capturedProgress()
    const http = countingClient()
    const { exit, lines: console } = yield* capturingConsole(
      Cli.run(["node", "ledgerkit", ...args]).pipe(Effect.provide(Layer.merge(progress.layer, http.layer)))
    )
    return { code: Cli.exitCode(exit), stderr: progress.lines, console, sent: http.sent }
  })

const valid = ["--source", "all", "--from", "2024-01-01", "--to", "2024-02-01", "--mock", "http://127.0.0.1:9"]
const replace = (flag: string, value: string) => {
  const args = [...valid]
  args[args.indexOf(flag) + 1] = value
  return args
}

layer(NodeContext.layer)("ledgerkit export: bad input", (it) => {
  const cases: ReadonlyArray<readonly [string, (dir: string) => ReadonlyArray<string>, string]> = [
    [
      "an unknown source",
      () => replace("--source", "paypal.payments"),
      "--source: unknown source \"paypal.payments\"; use all or one of binance.cloud-mining, binance.um-income, zenlayer.recharge-refund, wooxpro.contract-transactions, cryptomus.transactions"
    ],
    [
      "--from after --to",
      () => replace("--from", "2024-03-01T00:00:00Z"),
      "--from 2024-03-01T00:00:00Z is after --to 2024-02-01T00:00:00Z"
    ],
    [
      "a --to in the future",
      () => replace("--to", "2025-01-01T12:00:01Z"),
      "--to 2025-01-01T12:00:01Z is in the future; use a time up to now, such as --to 2025-01-01T12:00:00Z"
    ],
    [
      "a malformed date",
      () => replace("--to", "2024-02-30"),
      "--to: expected an ISO-8601 UTC time such as 2024-01-31T00:00:00Z or a date such as 2024-01-31, received \"2024-02-30\""
    ],
    [
      "a time with an offset",
      () => replace("--from", "2024-01-01T00:00:00+02:00"),
      "--from: expected an ISO-8601 UTC time such as 2024-01-31T00:00:00Z or a date such as 2024-01-31, received \"2024-01-01T00:00:00+02:00\""
    ],
    [
      "--out in a folder that does not exist",
      (dir) => [...valid, "--out", path.join(dir, "missing", "out.ndjson")],
      "cannot write --out DIR/missing/out.ndjson: the folder DIR/missing does not exist"
    ],
    [
      "--out that is a folder",
      (dir) => [...valid, "--out", dir],
      "cannot write --out DIR: it is not a regular file"
    ],
    [
      "--out below a file",
      (dir) => [...valid, "--out", path.join(dir, "file.txt", "out.ndjson")],
      "cannot write --out DIR/file.txt/out.ndjson: DIR/file.txt is not a folder"
    ],
    [
      "--checkpoint without --out",
      (dir) => [...valid, "--checkpoint", path.join(dir, "cp.json")],
      "--checkpoint needs --out FILE: the checkpoint records how much of FILE is written"
    ],
    [
      "a malformed --mock URL",
      () => replace("--mock", "127.0.0.1:4010"),
      "--mock: expected a URL such as http://127.0.0.1:4010, received \"127.0.0.1:4010\""
    ],
    [
      "a malformed --window",
      () => [...valid, "--window", "soon"],
      "--window: expected a duration of at least 1 second such as \"1 day\" or \"6 hours\", received \"soon\""
    ]
  ]

  for (const [name, args, message] of cases) {
    it.scoped(`${name}: one line, exit 2, nothing sent, nothing written`, () =>
      Effect.gen(function*() {
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        yield* fs.writeFileString(path.join(dir, "file.txt"), "")
        const result = yield* runCli(["export", ...args(dir)])
        expect(result.stderr).toEqual([`ledgerkit: ${message.replaceAll("DIR", dir)}`])
        expect(result.code).toBe(2)
        expect(result.sent).toEqual([])
        expect(yield* fs.readDirectory(dir)).toEqual(["file.txt"])
      }))
  }

  it.effect("what the parser refuses (an unknown argument, missing options, a bad choice, an unknown command): one ledgerkit: line, exit 2, nothing sent", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["export", ...valid, "extra"], "Received unknown argument: 'extra'"],
        [["export", "--source", "all", "--from", "2024-01-01"], "Expected to find option: '--to'"],
        [["export", "--source", "all"], "Expected to find option: '--from'; Expected to find option: '--to'"],
        [["export", ...valid, "--format", "xml"], "Expected one of the following cases: ndjson, csv"],
        [["ledger", "--db", "x.sqlite", "--bogus"], "Received unknown argument: '--bogus'"],
        [["frobnicate"], "Invalid subcommand for ledgerkit - use one of 'export', 'sync', 'ledger'"]
      ]
      for (const [args, line] of cases) {
        const result = yield* runCli(args)
        expect(result.stderr, args.join(" ")).toEqual([`ledgerkit: ${line}`])
        expect(result.console, args.join(" ")).toEqual([])
        expect(result.code).toBe(2)
        expect(result.sent).toEqual([])
      }
    }))

  it.effect("--cryptomus-time-zone that names no zone fails before anything is sent", () =>
    Effect.gen(function*() {
      const result = yield* runCli(["export", ...replace("--source", "cryptomus.transactions"), "--cryptomus-time-zone", "Mars/Olympus"])
      expect(result.code).not.toBe(0)
      expect(result.sent).toEqual([])
      expect(result.stderr.join("\n")).toContain("timeZone")
    }))

  it.effect("--wooxpro-end-bound takes inclusive or exclusive only", () =>
    Effect.gen(function*() {
      const result = yield* runCli(["export", ...valid, "--wooxpro-end-bound", "sideways"])
      expect(result.code).toBe(2)
      expect(result.sent).toEqual([])
    }))

  it.effect("no provider configured: says which variables to set, exit 2, nothing sent", () =>
    Effect.gen(function*() {
      // An environment without any credentials.
      const result = yield* runCli(["export", "--source", "all", "--from", "2024-01-01", "--to", "2024-01-02"]).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
      )
      expect(result.stderr).toEqual([
        "ledgerkit: no provider is configured; set BINANCE_API_KEY, BINANCE_API_SECRET, ZENLAYER_ACCESS_KEY_ID, ZENLAYER_ACCESS_KEY_PASSWORD, WOOXPRO_API_KEY, CRYPTOMUS_USER_ID, CRYPTOMUS_API_KEY, or use --mock URL"
      ])
      expect(result.code).toBe(2)
      expect(result.sent).toEqual([])
    }))

  it.scoped("the same command with valid input does send (so the cases above prove something)", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const out = path.join(dir, "out.ndjson")
      // After the range: a walk sends nothing for a range that has not passed yet.
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00Z"))
      const result = yield* driveClock(runCli(["export", ...replace("--source", "zenlayer.recharge-refund"), "--out", out]))
      // The refusing client: the first request and its 5 retries, then one line.
      expect(result.sent).toHaveLength(6)
      expect(result.stderr.at(-1)).toMatch(/^ledgerkit: zenlayer\.recharge-refund: provider unavailable: .*retries exhausted; check the provider's URL and the network, then rerun the same command to resume/)
      expect(result.code).toBe(1)
      expect(yield* fs.readDirectory(dir)).toEqual([])
    }))

  it.effect("a half-configured provider: names the missing variable, exit 2, nothing sent", () =>
    Effect.gen(function*() {
      const result = yield* runCli(["export", "--source", "all", "--from", "2024-01-01", "--to", "2024-01-02"]).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["BINANCE_API_KEY", "key"]])))
      )
      expect(result.stderr).toEqual(["ledgerkit: configuration: BINANCE_API_SECRET is not set; set it, or use --mock URL"])
      expect(result.code).toBe(2)
      expect(result.sent).toEqual([])
    }))

  // Issue 16, point 5: a corrupt checkpoint was an 840-character schema dump.
  for (const [name, text, why] of [
    ["not JSON", "{\"ledgerkitCheckpoint\": 1, ", "not a JSON object with the checkpoint's fields"],
    ["a field missing", "{\"ledgerkitCheckpoint\": 1, \"plan\": {}}", "plan.sources: is missing"]
  ] as const) {
    it.scoped(`a corrupt checkpoint (${name}): one short line, exit 1, nothing sent; the decode tree at --log-level debug`, () =>
      Effect.gen(function*() {
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const checkpoint = path.join(dir, "cp.json")
        yield* fs.writeFileString(checkpoint, text)
        const logs: Array<string> = []
        const keep = Logger.make(({ logLevel, message }) => void logs.push(`${logLevel.label} ${Inspectable.format(message)}`))
        // --log-level after the command's options: help offers it there.
        const result = yield* runCli(["export", ...valid, "--out", path.join(dir, "out.ndjson"), "--checkpoint", checkpoint, "--log-level", "debug"]).pipe(
          Effect.provide(Logger.replace(Logger.defaultLogger, keep))
        )
        expect(result.stderr).toEqual([
          `ledgerkit: checkpoint ${checkpoint}: not a ledgerkit checkpoint (${why}); delete it and the output to export again`
        ])
        expect(result.code).toBe(1)
        expect(result.sent).toEqual([])
        expect(logs.some((l) => l.startsWith("DEBUG") && l.includes("└─"))).toBe(true)
      }))
  }

  it.effect("--log-level is read wherever it stands", () =>
    Effect.sync(() => {
      expect(Cli.hoistLogLevel(["node", "ledgerkit", "export", "--from", "x", "--log-level", "debug", "--to", "y"]))
        .toEqual(["node", "ledgerkit", "--log-level", "debug", "export", "--from", "x", "--to", "y"])
      expect(Cli.hoistLogLevel(["node", "ledgerkit", "export", "--log-level=info"]))
        .toEqual(["node", "ledgerkit", "--log-level=info", "export"])
      expect(Cli.hoistLogLevel(["node", "ledgerkit", "export"])).toEqual(["node", "ledgerkit", "export"])
    }))

  it.effect("--help on every command", () =>
    Effect.gen(function*() {
      for (const args of [["--help"], ["export", "--help"]]) {
        const result = yield* runCli(args)
        expect(result.code).toBe(0)
        expect(result.sent).toEqual([])
        const help = result.console.join("\n")
        expect(help).toContain("export")
        if (args[0] === "export") {
          for (const flag of ["--source", "--from", "--to", "--format", "--out", "--checkpoint", "--mock"]) {
            expect(help).toContain(flag)
          }
          // Issue 16, point 6: where credentials come from.
          for (const variable of Ledger.providers.flatMap((p) => [...p.credentials, ...p.urls])) {
            expect(help).toContain(variable)
          }
        }
      }
    }))
})

layer(NodeContext.layer)("typed errors", (it) => {
  it.effect("each is one line: the source, the provider's code and message, and what to do", () =>
    Effect.sync(() => {
      const until = DateTime.unsafeMake("2024-06-01T12:00:00Z")
      const lines = [
        new Errors.Unauthorized({ source: "binance.um-income", status: 401, providerCode: -2015, providerMessage: "Invalid API-key, IP, or permissions for action." }),
        new Errors.HistoryUnavailable({
          source: "binance.um-income",
          requestedFrom: DateTime.unsafeMake("2023-01-01T00:00:00Z"),
          earliest: DateTime.unsafeMake("2024-03-01T00:00:00Z"),
          reason: "UM income is kept for the last three months"
        }),
        new Errors.Banned({ source: "binance.cloud-mining", status: 418, providerCode: -1003, providerMessage: "Way too many requests; IP banned until 1717243200000.", until }),
        new Errors.RateLimited({ source: "wooxpro.contract-transactions", status: 429, providerCode: 30013, providerMessage: "Too many requests", retryAfter: Duration.seconds(2) }),
        new Errors.MalformedResponse({ source: "cryptomus.transactions", status: 200, reason: "Expected string\n  at [\"result\"]", excerpt: "{\"state\":0" })
      ].map((e) => render(e))
      expect(lines.map((l) => l.code)).toEqual([1, 1, 1, 1, 1])
      for (const { line } of lines) expect(line).not.toContain("\n")
      expect(lines[0].line).toBe(
        "binance.um-income: credentials refused (HTTP 401, code -2015, Invalid API-key, IP, or permissions for action.); check the API key, secret and permissions"
      )
      // Only what the command offers: no "ask for clamping".
      expect(lines[1].line).toBe(
        "binance.um-income: history unavailable: UM income is kept for the last three months; requested from 2023-01-01T00:00:00Z, earliest kept 2024-03-01T00:00:00Z; use --from 2024-03-01T00:00:00Z or later"
      )
      expect(lines[2].line).toBe(
        "binance.cloud-mining: banned by the provider until 2024-06-01T12:00:00.000Z (HTTP 418, code -1003, Way too many requests; IP banned until 1717243200000.); stop calling it until then; then rerun the same command to resume (with --checkpoint nothing is fetched twice)"
      )
      expect(lines[3].line).toContain("wooxpro.contract-transactions: rate limited by the provider (HTTP 429, code 30013, Too many requests); retry after 2s; retries exhausted")
      expect(lines[4].line).toContain("cryptomus.transactions: malformed response: Expected string at [\"result\"]")
    }))
})
