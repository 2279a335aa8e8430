/**
 * The README's Cryptomus example is `test/cryptomus.example.ts`, verbatim, and running it
 * against the mock (here the testkit's, on a free port) prints the documented
 * transactions.
 */
import { describe, expect, it } from "@effect/vitest"
import { Testkit } from "@ledgerkit/mock-server"
import { Effect, Redacted } from "effect"
import { readmeExample, runExample, testFile } from "./mockSupport.js"

describe("Cryptomus README", () => {
  it("shows the example program verbatim", () => {
    expect(readmeExample("Cryptomus")).toBe(testFile("cryptomus.example.ts"))
  })

  it.live("the example prints the documented transactions from the mock", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const result = yield* runExample("cryptomus.example.ts", {
        CRYPTOMUS_USER_ID: mock.credentials.cryptomus.userId,
        CRYPTOMUS_API_KEY: Redacted.value(mock.credentials.cryptomus.apiKey),
        CRYPTOMUS_API_URL: mock.baseUrl
      })
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)
      expect(result.stdout.trimEnd().split("\n")).toStrictEqual([
        "2022-07-22T15:11:46Z 3a3efbe5-4835-48f3-95c0-7b63e2c8a0b6 transfer 10.00 USDT succeeded",
        "2022-09-01T14:46:44Z d4953ea1-6f55-46f1-b1c9-f72c04badc45 payout -10.00 USDT succeeded",
        "2022-09-02T08:32:03Z 690f745a-6b0c-42e1-a6ee-0de34485cab7 payment 2.00 USDT failed"
      ])
    }).pipe(Effect.provide(Testkit.layer())), { timeout: 90_000 })
})
