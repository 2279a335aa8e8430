/**
 * The README's Zenlayer example is `test/zenlayer.example.ts`, verbatim, and running it
 * against the mock (here the testkit's, on a free port) prints the documented record.
 */
import { describe, expect, it } from "@effect/vitest"
import { Testkit } from "@ledgerkit/mock-server"
import { Effect, Redacted } from "effect"
import { readmeExample, runExample, testFile } from "./mockSupport.js"

describe("Zenlayer README", () => {
  it("shows the example program verbatim", () => {
    expect(readmeExample("Zenlayer")).toBe(testFile("zenlayer.example.ts"))
  })

  // Live: the example signs with the real clock, and the mock reads the same one.
  it.live("the example prints the documented record from the mock", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const result = yield* runExample("zenlayer.example.ts", {
        ZENLAYER_ACCESS_KEY_ID: mock.credentials.zenlayer.accessKeyId,
        ZENLAYER_ACCESS_KEY_PASSWORD: Redacted.value(mock.credentials.zenlayer.accessKeyPassword),
        ZENLAYER_API_URL: mock.baseUrl
      })
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)
      expect(result.stdout.trimEnd().split("\n")).toStrictEqual([
        "2023-08-15T09:47:01Z 10000000893685 refund 39.05 USD succeeded"
      ])
    }).pipe(Effect.provide(Testkit.layer())), { timeout: 90_000 })
})
