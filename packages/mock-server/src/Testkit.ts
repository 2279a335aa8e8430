/**
 * A Layer for tests: the mock served on a free port of 127.0.0.1, with a handle that
 * yields its base URL, its state, and a typed admin handle (datasets, faults, journal,
 * rate limits, clock, reset: `AdminClient.Admin`). Rate limits start off (see
 * `testSettings`).
 *
 * ```ts
 * import { layer } from "@effect/vitest"
 * import { Testkit } from "@ledgerkit/mock-server"
 *
 * layer(Testkit.layer({ dataset: { _tag: "Generated", seed: 7, rows: 200 } }))((it) => {
 *   it.effect("pages", () => Effect.gen(function*() {
 *     const mock = yield* Testkit.MockServer
 *     yield* mock.admin.setFault({ endpoint, kind: { _tag: "TooManyRequests" }, times: 1 })
 *     // point the client at mock.baseUrl with Testkit's default credentials, then:
 *     const sent = yield* mock.admin.journal({ endpoint })
 *   }))
 * })
 * ```
 *
 * Unless `now` pins it, the mock's clock is Effect's `Clock` of the layer: inside
 * `@effect/vitest`'s `layer(...)` that is the same `TestClock` the test's own client
 * reads, so signed timestamps agree (`TestClock.setTime` moves both).
 *
 * @since 0.1.0
 */
import { FetchHttpClient, type HttpServerError } from "@effect/platform"
import { Context, Effect, Layer, type Redacted } from "effect"
import * as AdminClient from "./AdminClient.js"
import type * as Control from "./Control.js"
import * as Credentials from "./Credentials.js"
import * as MockClock from "./MockClock.js"
import * as MockState from "./MockState.js"
import * as Server from "./Server.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Handle {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly baseUrl: string
  readonly port: number
  /** Datasets, settings and credentials: read or replace them. */
  readonly state: MockState.Service
  readonly clock: MockClock.Service
  /** The credentials in force when the layer started. */
  readonly credentials: Credentials.Credentials
  /** The admin API, typed: datasets, faults, journal, limits, clock, reset. */
  readonly admin: AdminClient.Admin
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MockServer extends Context.Tag("@ledgerkit/mock-server/MockServer")<MockServer, Handle>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends MockState.Options, Control.Options {
  /** Pins the mock clock (epoch millis). */
  readonly now?: number | undefined
  /** Requires this token on admin calls (the handle's `admin` sends it). */
  readonly adminToken?: Redacted.Redacted<string> | undefined
}

/**
 * The settings a test starts with: rate limits are off unless `settings.limits.enabled`
 * says otherwise, because a test's clock usually stands still (a `TestClock` or a pinned
 * `now`), so a window would never roll and a budget would run out across unrelated
 * tests. Turn them on per layer, or later with `admin.setLimits({ enabled: true })`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const testSettings = (settings: Options["settings"]): Options["settings"] => ({
  ...settings,
  limits: { ...settings?.limits, enabled: settings?.limits?.enabled ?? false }
})

/**
 * The mock on a free port, with its handle, state and clock.
 *
 * @example
 * ```ts
 * import { Testkit } from "@ledgerkit/mock-server"
 * import { Console, Effect } from "effect"
 *
 * // A generated dataset; a fault on the next UM income request; the journal afterwards.
 * const program = Effect.gen(function*() {
 *   const mock = yield* Testkit.MockServer
 *   yield* Console.log(`mock at ${mock.baseUrl}`)
 *   yield* mock.admin.setFault({ endpoint: "binance.um-income", kind: { _tag: "TooManyRequests" }, times: 1 })
 *   // ... point a client at mock.baseUrl with mock.credentials, run it, then:
 *   const sent = yield* mock.admin.journal({ endpoint: "binance.um-income" })
 *   yield* Console.log(`${sent.length} requests`)
 * })
 *
 * program.pipe(
 *   Effect.provide(Testkit.layer({ dataset: { _tag: "Generated", seed: 7, rows: 200 } })),
 *   Effect.runPromise
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<
  MockServer | AdminClient.MockAdmin | MockState.MockState | MockClock.MockClock,
  HttpServerError.ServeError
> => {
  const handle = Layer.effect(
    MockServer,
    Effect.gen(function*() {
      const baseUrl = yield* Server.baseUrl
      const state = yield* MockState.MockState
      const clock = yield* MockClock.MockClock
      const snapshot = yield* state.get
      const admin = yield* AdminClient.make(baseUrl, { token: options.adminToken }).pipe(Effect.provide(FetchHttpClient.layer))
      return { baseUrl, port: Number(new URL(baseUrl).port), state, clock, credentials: snapshot.credentials, admin }
    })
  )
  const adminTag = Layer.effect(AdminClient.MockAdmin, Effect.map(MockServer, (mock) => mock.admin))
  return adminTag.pipe(
    Layer.provideMerge(handle),
    Layer.provideMerge(
      Server.serverLayer({ ...options, settings: testSettings(options.settings), host: "127.0.0.1", port: 0 })
    )
  )
}
