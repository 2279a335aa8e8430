/**
 * The `serve` command as a user runs it, through `npm start`: a child process printing
 * the base URL first, then the credentials in force (flags over environment over file
 * over defaults), serving requests, and shutting down cleanly on SIGTERM, its port freed
 * (npm's SIGTERM used to stop only the shell and leave the server running).
 */
import { describe, expect, it } from "@effect/vitest"
import { NodeContext } from "@effect/platform-node"
import { Console, Effect, Either, Exit } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { Cli } from "@ledgerkit/mock-server"

const root = Path.join(import.meta.dirname, "..", "..", "..")

interface Run {
  readonly lines: ReadonlyArray<string>
  readonly code: number | null
  /** After the exit, a request to the base URL: `refused` once the port is free. */
  readonly after: "answered" | "refused"
}

const bannerDone = (lines: ReadonlyArray<string>) => lines.some((l) => l.startsWith("end bound"))

/**
 * Runs the CLI until it exits; once the start banner is printed, `whileServing` runs with
 * it, then the process gets SIGTERM.
 */
const runCli = (
  args: ReadonlyArray<string>,
  options: {
    readonly env?: Record<string, string>
    readonly whileServing?: (lines: ReadonlyArray<string>) => Promise<void>
  } = {}
) =>
  Effect.async<Run>((resume) => {
    // `npm start` runs `serve`: the first argument is dropped.
    const child = ChildProcess.spawn("npm", ["start", "--silent", "--", ...args.slice(1)], {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let started = false
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
      const lines = out.split("\n")
      if (options.whileServing !== undefined && !started && bannerDone(lines)) {
        started = true
        options.whileServing(lines).finally(() => child.kill("SIGTERM"))
      }
    })
    child.on("exit", (code) => {
      const lines = out.split("\n")
      fetch(`${lines[0]}/api/v3/time`).then(() => "answered" as const, () => "refused" as const)
        .then((after) => resume(Effect.succeed({ lines, code, after })))
    })
    return Effect.sync(() => child.kill("SIGKILL"))
  })

describe("ledgerkit-mock serve", () => {
  it.live("npm start prints the base URL first, then the credentials in force; serves; exits 0 on SIGTERM, port freed", () =>
    Effect.gen(function*() {
      const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "ledgerkit-mock-"))
      const file = Path.join(dir, "credentials.json")
      Fs.writeFileSync(file, JSON.stringify({
        binance: { apiKey: "file-key", apiSecret: "file-secret" },
        wooxpro: { apiKey: "file-woo" },
        cryptomus: { userId: "file-user" }
      }))
      const replies: Array<unknown> = []
      const run = yield* runCli(
        ["serve", "--port", "0", "--now", "2024-06-01T00:00:00Z", "--credentials", file, "--binance-api-key", "flag-key", "--dataset", "generated", "--seed", "3", "--rows", "20"],
        {
          env: { LEDGERKIT_MOCK_BINANCE_API_SECRET: "env-secret", LEDGERKIT_MOCK_WOOXPRO_API_KEY: "env-woo" },
          whileServing: async (lines) => {
            replies.push(await fetch(`${lines[0]}/api/v3/time`).then((r) => r.json()))
            replies.push(await fetch(`${lines[0]}/contract/private/transaction-history?start_time=0&page_size=1000`, {
              headers: { "X-API-KEY": "env-woo" }
            }).then((r) => r.json()))
          }
        }
      )
      Fs.rmSync(dir, { recursive: true })
      const [url, binance, zenlayer, wooxpro, cryptomus, dataset, auth, clock] = run.lines
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      // flag > environment > file > default
      expect(binance).toBe("binance    apiKey=flag-key apiSecret=env-secret")
      expect(zenlayer).toBe("zenlayer   accessKeyId=mock-zenlayer-key-id accessKeyPassword=mock-zenlayer-key-password")
      expect(wooxpro).toBe("wooxpro    apiKey=env-woo")
      expect(cryptomus).toBe("cryptomus  userId=file-user apiKey=mock-cryptomus-api-key")
      expect(dataset).toBe("dataset    generated seed=3 rows=20")
      expect(auth).toBe("auth       on")
      expect(clock).toBe("clock      pinned at 2024-06-01T00:00:00.000Z")
      expect(replies[0]).toEqual({ serverTime: Date.UTC(2024, 5, 1) })
      expect(replies[1]).toMatchObject({ code: 1000, message: "Ok" })
      expect((replies[1] as { data: Array<unknown> }).data).toHaveLength(20)
      expect(run.code).toBe(0)
      expect(run.after).toBe("refused")
    }), 60_000)

  it.effect("--help describes serve's flags; a bad flag fails with a message (in process)", () =>
    Effect.gen(function*() {
      const printed: Array<string> = []
      const capture = (effect: Effect.Effect<void, unknown, NodeContext.NodeContext>) =>
        Console.consoleWith((console) =>
          Effect.withConsole(effect, {
            ...console,
            log: (...args: ReadonlyArray<unknown>) => Effect.sync(() => void printed.push(args.join(" "))),
            error: (...args: ReadonlyArray<unknown>) => Effect.sync(() => void printed.push(args.join(" ")))
          })
        ).pipe(Effect.provide(NodeContext.layer))
      yield* capture(Cli.run(["node", "ledgerkit-mock", "serve", "--help"]))
      const help = printed.join("\n")
      for (const flag of ["--port", "--host", "--dataset", "--seed", "--rows", "--now", "--no-auth", "--credentials", "--order", "--end-bound", "--cryptomus-utc-offset", "--cryptomus-per-page", "--binance-api-key"]) {
        expect(help).toContain(flag)
      }
      printed.length = 0
      const bad = yield* Effect.exit(capture(Cli.run(["node", "ledgerkit-mock", "serve", "--order", "binance.cloud-mining=sideways"])))
      expect(Exit.isFailure(bad)).toBe(true)
      expect(printed.join("\n")).toContain("expected asc or desc")
    }))

  it("parses --now as epoch millis or ISO-8601 UTC", () => {
    expect(Cli.parseNow("1499827319559")).toEqual(Either.right(1499827319559))
    expect(Cli.parseNow("2024-06-01T00:00:00Z")).toEqual(Either.right(Date.UTC(2024, 5, 1)))
    expect(Either.isLeft(Cli.parseNow("tomorrow"))).toBe(true)
  })
})
