/**
 * The OpenAPI document as served lints clean with Redocly's recommended rules (no error,
 * no warning), offline, and names the address it was served from.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import { createRequire } from "node:module"
import * as Os from "node:os"
import * as Path from "node:path"
import { Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const redocly = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js")

interface Lint {
  readonly totals: { readonly errors: number; readonly warnings: number }
  readonly problems: ReadonlyArray<{ readonly ruleId: string; readonly message: string }>
}

const lint = (file: string) =>
  Effect.async<Lint, Error>((resume) => {
    ChildProcess.execFile(
      process.execPath,
      [redocly, "lint", "--format=json", file],
      // No telemetry, no update check: the lint runs offline.
      { env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" }, timeout: 60_000 },
      (error, stdout) => {
        const start = stdout.indexOf("{")
        if (start < 0) return resume(Effect.fail(error ?? new Error("redocly printed no report")))
        resume(Effect.succeed(JSON.parse(stdout.slice(start)) as Lint))
      }
    )
  })

describe("OpenAPI document, linted", () => {
  it.effect("Redocly recommended: no error, no warning; servers is the address served", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Testkit.MockServer
      const reply = yield* Client.request(`${baseUrl}/__admin/openapi.json`)
      const doc = reply.body as { readonly servers: ReadonlyArray<{ readonly url: string }> }
      expect(doc.servers.map((s) => s.url)).toEqual([baseUrl])
      const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "ledgerkit-openapi-"))
      const file = Path.join(dir, "openapi.json")
      Fs.writeFileSync(file, reply.text)
      const report = yield* Effect.ensuring(lint(file), Effect.sync(() => Fs.rmSync(dir, { recursive: true })))
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([])
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 })
    }).pipe(Effect.provide(Testkit.layer())))
})
