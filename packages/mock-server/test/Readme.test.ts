/**
 * The README's admin API curl examples, run in order against the mock as curl would send
 * them (a `-d` body goes as application/x-www-form-urlencoded, curl's default): each
 * answers 2xx with JSON.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { Testkit } from "@ledgerkit/mock-server"

const readme = Fs.readFileSync(Path.join(import.meta.dirname, "..", "README.md"), "utf8")

/** Splits a shell line into words: plain, '…' and "…" (no escapes needed here). */
const words = (line: string): Array<string> => {
  const out: Array<string> = []
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g
  for (let m = pattern.exec(line); m !== null; m = pattern.exec(line)) out.push(m[1] ?? m[2] ?? m[3])
  return out
}

interface Curl {
  readonly line: string
  readonly method: string
  readonly path: string
  readonly body: string | undefined
}

const parse = (line: string): Curl => {
  const w = words(line)
  let method: string | undefined
  let body: string | undefined
  let url = ""
  for (let i = 1; i < w.length; i++) {
    if (w[i] === "-X") method = w[++i]
    else if (w[i] === "-d") body = w[++i]
    else if (w[i] === "-s") continue
    else url = w[i]
  }
  if (!url.startsWith("$MOCK/")) throw new Error(`not a $MOCK URL: ${line}`)
  return { line, method: method ?? (body === undefined ? "GET" : "POST"), path: url.slice("$MOCK".length), body }
}

const section = readme.slice(readme.indexOf("## Admin API"), readme.indexOf("## Testkit"))
const block = section.slice(section.indexOf("```sh"), section.indexOf("```", section.indexOf("```sh") + 5))
const curls = block.split("\n").filter((l) => l.startsWith("curl ")).map(parse)

describe("README: admin API with curl", () => {
  it("has an example of every admin route", () => {
    const routes = new Set(curls.map((c) => `${c.method} ${c.path.split("?")[0].replace(/\/f\d+$/, "/:id").replace(/\/[a-z]+\.[a-z-]+\/records$/, "/:endpoint/records")}`))
    for (const route of ["GET /__admin", "GET /__admin/dataset", "PUT /__admin/dataset", "PUT /__admin/dataset/:endpoint/records",
      "GET /__admin/counts", "POST /__admin/faults", "PUT /__admin/faults", "GET /__admin/faults", "DELETE /__admin/faults/:id",
      "DELETE /__admin/faults", "GET /__admin/journal", "DELETE /__admin/journal", "GET /__admin/limits", "PATCH /__admin/limits",
      "DELETE /__admin/limits/usage", "GET /__admin/settings", "PATCH /__admin/settings", "GET /__admin/clock", "PUT /__admin/clock",
      "POST /__admin/reset", "GET /__admin/openapi.json"]) {
      expect(routes.has(route), route).toBe(true)
    }
  })

  it.effect("every example runs, in order, and answers 2xx with JSON", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Testkit.MockServer
      const answers: Array<unknown> = []
      for (const curl of curls) {
        const reply = yield* Effect.promise(async () => {
          const response = await fetch(`${baseUrl}${curl.path}`, {
            method: curl.method,
            ...(curl.body === undefined
              ? {}
              : { body: curl.body, headers: { "content-type": "application/x-www-form-urlencoded" } })
          })
          return { status: response.status, body: await response.json() as unknown }
        })
        expect(reply.status, `${curl.line}\n${JSON.stringify(reply.body)}`).toBeGreaterThanOrEqual(200)
        expect(reply.status, curl.line).toBeLessThan(300)
        answers.push(reply.body)
      }
      // A few answers, checked: the uploaded records are counted, and the reset restores the docs.
      const counts = answers[curls.findIndex((c) => c.path === "/__admin/counts")]
      expect(counts).toMatchObject({ "wooxpro.contract-transactions": 1, "binance.um-income": 2 })
      const lastDataset = yield* Effect.promise(() => fetch(`${baseUrl}/__admin/dataset`).then((r) => r.json()))
      expect(lastDataset).toMatchObject({ name: "docs" })
    }).pipe(Effect.provide(Testkit.layer({ now: Date.UTC(2024, 5, 1) }))))
})
