/**
 * Shared pieces of the Binance tests: a scripted `HttpClient` that journals what it is
 * sent (with the time of Effect's `Clock`, so `TestClock` tests can see when), fixed
 * credentials, and the documented example bodies.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import { Chunk, Clock, Duration, Effect, Exit, Fiber, Layer, Option, Redacted, TestClock, TestServices } from "effect"
import * as Binance from "../src/Binance.js"

export const apiKey = "unit-test-binance-api-key-7f3a"
export const apiSecret = "unit-test-binance-secret-c9e1d2"

/** A request as it left the client. */
export interface Seen {
  readonly url: URL
  /** The query exactly as written on the wire (without `?`). */
  readonly rawQuery: string
  readonly headers: Readonly<Record<string, string>>
  /** Effect's clock when it was sent. */
  readonly at: number
}

export type Answer = (seen: Seen, index: number) => Response | Effect.Effect<Response>

/** A client that answers from `answer` and journals every request. */
export const scripted = (answer: Answer) => {
  const journal: Array<Seen> = []
  const client = HttpClient.make((request, url) =>
    Effect.gen(function*() {
      const seen: Seen = {
        url,
        rawQuery: url.search.replace(/^\?/, ""),
        headers: { ...request.headers },
        at: yield* Clock.currentTimeMillis
      }
      journal.push(seen)
      const reply = answer(seen, journal.length - 1)
      return HttpClientResponse.fromWeb(request, Effect.isEffect(reply) ? yield* reply : reply)
    })
  )
  return { journal, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

export const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers })

/** Options for unit tests: fixed credentials, local hosts, no budget unless asked. */
export const options = (overrides: Partial<Binance.Options> = {}): Binance.Options => ({
  apiKey: Redacted.make(apiKey),
  apiSecret: Redacted.make(apiSecret),
  sapiUrl: "http://sapi.test",
  papiUrl: "http://papi.test",
  budget: { enabled: false },
  retention: "off",
  ...overrides
})

/** The service over a scripted client. */
export const service = (answer: Answer, overrides: Partial<Binance.Options> = {}) => {
  const { journal, layer } = scripted(answer)
  return { journal, binance: Effect.provide(Binance.make(options(overrides)), layer) }
}

/** Property-test run count: `LEDGERKIT_PROP_RUNS`, else a modest default (each run does HTTP). */
export const propRuns = (fallback = 20): number => {
  const raw = process.env.LEDGERKIT_PROP_RUNS
  const runs = raw === undefined || raw === "" ? fallback : Number(raw)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`LEDGERKIT_PROP_RUNS must be a positive integer, received ${raw}`)
  return runs
}

/** The documented cloud-mining response (seed 000). */
export const documentedCloudMining = {
  total: 5,
  rows: [
    { createTime: 1667880112000, tranId: 121230610120, type: 248, asset: "USDT", amount: "25.0068", status: "S" },
    { createTime: 1666776366000, tranId: 119991507468, type: 249, asset: "USDT", amount: "0.027", status: "S" },
    { createTime: 1666764505000, tranId: 119977966327, type: 248, asset: "USDT", amount: "0.027", status: "S" },
    { createTime: 1666758189000, tranId: 119973601721, type: 248, asset: "USDT", amount: "0.018", status: "S" },
    { createTime: 1666757278000, tranId: 119973028551, type: 248, asset: "USDT", amount: "0.018", status: "S" }
  ]
} as const

/** The documented UM income response (seed 003). */
export const documentedUmIncome = [
  {
    symbol: "",
    incomeType: "TRANSFER",
    income: "-0.37500000",
    asset: "USDT",
    info: "TRANSFER",
    time: 1570608000000,
    tranId: "9689322392",
    tradeId: ""
  },
  {
    symbol: "BTCUSDT",
    incomeType: "COMMISSION",
    income: "-0.01000000",
    asset: "USDT",
    info: "COMMISSION",
    time: 1570636800000,
    tranId: "9689322392",
    tradeId: "2059192"
  }
] as const

/**
 * Waits (on the real clock, in 1 ms steps) until some fiber sleeps on the `TestClock`, so
 * that a following `TestClock.adjust` is measured from the moment it fell asleep. What is
 * asserted never depends on how long this takes.
 */
export const untilSleeping: Effect.Effect<void> = Effect.gen(function*() {
  while (Chunk.isEmpty(yield* TestClock.sleeps())) {
    yield* TestServices.provideLive(Effect.sleep("1 millis"))
  }
})

/**
 * Runs a forked fiber to its end on the `TestClock`: whenever a fiber sleeps until at
 * most `horizon` from now (a backoff, a Retry-After, a budget window), the clock jumps
 * to that moment; meanwhile real I/O (the mock server) runs on the real clock. Sleeps
 * beyond the horizon (request timeouts) are never reached. Only the order of events is
 * simulated, so no outcome depends on how fast anything runs.
 */
export const drive = <A, E>(
  fiber: Fiber.Fiber<A, E>,
  horizon: Duration.DurationInput = "10 minutes"
): Effect.Effect<Exit.Exit<A, E>> =>
  Effect.gen(function*() {
    const limit = Duration.toMillis(horizon)
    while (true) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) return done.value
      const now = yield* Clock.currentTimeMillis
      const due = Chunk.filter(yield* TestClock.sleeps(), (deadline) => deadline <= now + limit)
      if (Chunk.isNonEmpty(due)) {
        yield* TestClock.adjust(Duration.millis(Math.max(0, Math.min(...due) - now)))
      } else {
        yield* TestServices.provideLive(Effect.sleep("1 millis"))
      }
    }
  })
