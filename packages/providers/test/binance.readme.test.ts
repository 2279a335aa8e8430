/**
 * The README's Binance example is `test/binance.example.ts`, verbatim, and running it
 * against the mock (here the testkit's, on a free port) prints the documented records.
 */
import { describe, expect, it } from "@effect/vitest"
import { Testkit } from "@ledgerkit/mock-server"
import { Effect, Redacted } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"

const here = Path.dirname(fileURLToPath(import.meta.url))
const examplePath = Path.join(here, "binance.example.ts")
const readmePath = Path.join(here, "..", "README.md")
const tsx = Path.join(here, "..", "..", "..", "node_modules", ".bin", "tsx")

/** The first ```ts block of the README's "## Binance" section. */
const readmeExample = (readme: string): string => {
  const section = readme.slice(readme.indexOf("\n## Binance\n"))
  const match = /```ts\n([\s\S]*?)```/.exec(section)
  if (match === null) throw new Error("README.md has no ```ts block under ## Binance")
  return match[1]
}

const run = (env: Record<string, string>) =>
  Effect.async<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }>((resume) => {
    const child = ChildProcess.execFile(
      tsx,
      [examplePath],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resume(Effect.succeed({ code: error === null ? 0 : (child.exitCode ?? 1), stdout, stderr }))
    )
  })

describe("Binance README", () => {
  it("shows the example program verbatim", () => {
    const readme = Fs.readFileSync(readmePath, "utf8")
    expect(readmeExample(readme)).toBe(Fs.readFileSync(examplePath, "utf8"))
  })

  // Live: the example signs with the real clock, and the mock reads the same one.
  it.live("the example prints the documented records from the mock", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const result = yield* run({
        BINANCE_API_KEY: mock.credentials.binance.apiKey,
        BINANCE_API_SECRET: Redacted.value(mock.credentials.binance.apiSecret),
        BINANCE_SAPI_URL: mock.baseUrl,
        BINANCE_PAPI_URL: mock.baseUrl
      })
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)
      expect(result.stdout.trimEnd().split("\n")).toStrictEqual([
        "2022-10-26T04:07:58Z 119973028551 payment -0.018 USDT",
        "2022-10-26T04:23:09Z 119973601721 payment -0.018 USDT",
        "2022-10-26T06:08:25Z 119977966327 payment -0.027 USDT",
        "2022-10-26T09:26:06Z 119991507468 refund 0.027 USDT",
        "2022-11-08T04:01:52Z 121230610120 payment -25.0068 USDT",
        "2019-10-09T08:00:00Z TRANSFER:9689322392 transfer -0.37500000 USDT",
        "2019-10-09T16:00:00Z COMMISSION:9689322392 commission -0.01000000 USDT"
      ])
    }).pipe(Effect.provide(Testkit.layer())), { timeout: 90_000 })
})
