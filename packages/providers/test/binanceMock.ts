/**
 * The Binance client against the real mock server (`@ledgerkit/mock-server`'s testkit),
 * over real HTTP (`FetchHttpClient`). Each use starts its own mock on a free port, so
 * tests never share state or clocks.
 */
import { FetchHttpClient, HttpClient } from "@effect/platform"
import type { HttpServerError } from "@effect/platform"
import type { Journal } from "@ledgerkit/mock-server"
import { Testkit } from "@ledgerkit/mock-server"
import { Effect, Redacted, TestClock } from "effect"
import * as Binance from "../src/Binance.js"

/** The instant the mock is pinned at (and the client's TestClock starts at): 2025-05-01. */
export const T = Date.UTC(2025, 4, 1)
export const DAY = 86_400_000

export interface MockContext {
  readonly binance: Binance.Service
  readonly mock: Testkit.Handle
  /** Every request the client sent (URL with query), in order. */
  readonly sent: ReadonlyArray<string>
  /** The mock's journal of Binance requests (data endpoints and `/api/v3/time`). */
  readonly journal: Effect.Effect<ReadonlyArray<Journal.Entry>>
}

/**
 * Runs `f` with a fresh mock and a client pointed at it with the mock's credentials. The
 * mock is pinned at `T`, unless `mock.now` is `undefined`: then it reads the test's own
 * TestClock, as the client does, and both move together. The client's TestClock is set
 * to `clientTime` (default `T`); the budget is off unless `client` turns it on.
 */
export const withMock = <A, E>(
  f: (context: MockContext) => Effect.Effect<A, E>,
  options: {
    readonly mock?: Testkit.Options | undefined
    readonly client?: Partial<Binance.Options> | undefined
    readonly clientTime?: number | undefined
  } = {}
): Effect.Effect<A, E | HttpServerError.ServeError> =>
  Effect.gen(function*() {
    yield* TestClock.setTime(options.clientTime ?? T)
    const mock = yield* Testkit.MockServer
    const sent: Array<string> = []
    const http = (yield* HttpClient.HttpClient).pipe(
      HttpClient.tapRequest((request) => Effect.sync(() => sent.push(request.url)))
    )
    const binance = yield* Binance.make({
      apiKey: Redacted.make(mock.credentials.binance.apiKey),
      apiSecret: mock.credentials.binance.apiSecret,
      sapiUrl: mock.baseUrl,
      papiUrl: mock.baseUrl,
      budget: { enabled: false },
      ...options.client
    }).pipe(Effect.provideService(HttpClient.HttpClient, http))
    const journal = Effect.orDie(mock.admin.journal()).pipe(
      Effect.map((entries) => entries.filter((e) => e.endpoint?.startsWith("binance.") ?? false))
    )
    return yield* f({ binance, mock, sent, journal })
  }).pipe(
    Effect.provide(Testkit.layer({ now: T, ...options.mock })),
    Effect.provide(FetchHttpClient.layer)
  )
