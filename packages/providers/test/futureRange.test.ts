/**
 * Issue 16, point 1: a range that reaches past now. The walk ends at now, so windows that
 * start later hold nothing and must send nothing; before, Zenlayer and Cryptomus sent one
 * request per future window of the Ledger (one a day up to `--to`, each waiting on the
 * provider's rate limit), and an export to 2100 never ended.
 */
import { describe, expect, it } from "@effect/vitest"
import type { HttpClient } from "@effect/platform"
import { DateTime, Effect, Redacted, Stream } from "effect"
import * as Cryptomus from "../src/Cryptomus.js"
import * as Ledger from "../src/Ledger.js"
import type * as Source from "../src/Source.js"
import * as Zenlayer from "../src/Zenlayer.js"
import { json, stub } from "./httpStub.js"

const apiUrl = "http://127.0.0.1:4010"
const day = 86_400_000

// Each provider with a client that answers every request with an empty page.
const providers: ReadonlyArray<{
  readonly name: string
  readonly answer: () => Response
  readonly source: Effect.Effect<Source.Source, never, HttpClient.HttpClient>
}> = [
  {
    name: "zenlayer.recharge-refund",
    answer: () => json(200, { requestId: "r", response: { requestId: "r", totalCount: 0, dataSet: [] } }),
    source: Effect.map(
      Zenlayer.make({ accessKeyId: "id", accessKeyPassword: Redacted.make("password"), apiUrl, retry: { maxRetries: 0 } }),
      (z) => z.source
    )
  },
  {
    name: "cryptomus.transactions",
    answer: () =>
      json(200, {
        state: 0,
        result: { items: [], paginate: { count: 0, hasPages: false, nextCursor: null, previousCursor: null, perPage: 100 } }
      }),
    source: Effect.map(
      Cryptomus.make({ userId: "user", apiKey: Redacted.make("key"), apiUrl, retry: { maxRetries: 0 } }),
      (c) => c.source
    )
  }
]

// What a Ledger over [now - 2 days, to) sends.
const requestsUpTo = (provider: (typeof providers)[number], now: number, to: number) => {
  const http = stub(provider.answer)
  return Effect.gen(function*() {
    const source = yield* provider.source
    const range = { from: DateTime.unsafeMake(now - 2 * day), to: DateTime.unsafeMake(to) }
    yield* Stream.runDrain(Ledger.entries([source], range))
    return http.sent.length
  }).pipe(Effect.provide(http.layer))
}

describe("a range past now", () => {
  for (const provider of providers) {
    it.live(`${provider.name}: a range that starts after now sends nothing`, () =>
      Effect.gen(function*() {
        const http = stub(provider.answer)
        const now = Date.now()
        const source = yield* Effect.provide(provider.source, http.layer)
        const future = { from: DateTime.unsafeMake(now + day), to: DateTime.unsafeMake(now + 400 * day) }
        yield* Stream.runDrain(source.entries(future))
        expect(http.sent).toHaveLength(0)
      }))

    it.live(`${provider.name}: a Ledger to 30 days ahead sends what a Ledger to tomorrow sends`, () =>
      Effect.gen(function*() {
        // One walk per source, frozen at now: the days after now cost nothing.
        const now = Date.now() - 5_000
        const tomorrow = yield* requestsUpTo(provider, now, now + day)
        const ahead = yield* requestsUpTo(provider, now, now + 30 * day)
        expect(tomorrow).toBe(1)
        expect(ahead).toBe(tomorrow)
      }))
  }
})
