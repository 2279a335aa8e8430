/**
 * The README's WOO X Pro example is `test/wooxpro.example.ts`, verbatim, and running it
 * against the mock (here the testkit's, on a free port) prints the documented rows.
 */
import { describe, expect, it } from "@effect/vitest"
import { Testkit } from "@ledgerkit/mock-server"
import { Effect, Redacted } from "effect"
import { readmeExample, runExample, testFile } from "./mockSupport.js"

describe("WOO X Pro README", () => {
  it("shows the example program verbatim", () => {
    expect(readmeExample("WOO X Pro")).toBe(testFile("wooxpro.example.ts"))
  })

  it.live("the example prints the documented rows from the mock", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const result = yield* runExample("wooxpro.example.ts", {
        WOOXPRO_API_KEY: Redacted.value(mock.credentials.wooxpro.apiKey),
        WOOXPRO_API_URL: mock.baseUrl
      })
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)
      expect(result.stdout.trimEnd().split("\n")).toStrictEqual([
        "2019-10-09T08:00:00Z Transfer:9689322392 transfer -0.37500000 USDT succeeded",
        "2019-10-09T16:00:00Z Commission Fee:9689322392 commission -0.01000000 USDT succeeded"
      ])
    }).pipe(Effect.provide(Testkit.layer())), { timeout: 90_000 })
})
