/**
 * The mock's one clock. Signed requests are checked against it, a provider's server-time
 * endpoint reports it, and the data rules (default windows, retention) run
 * against it.
 *
 * - `System`: Effect's `Clock` (the real time in production; under `@effect/vitest`'s
 *   `layer(...)` it is the `TestClock` that the test's own client also reads).
 * - `Pinned`: a fixed instant (`--now`).
 * - `Scaled`: time that starts at `origin` and runs `rate` times faster than the system
 *   clock (for benchmarks that compress months into seconds).
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer, Ref } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export type ClockMode =
  | { readonly _tag: "System" }
  | { readonly _tag: "Pinned"; readonly millis: number }
  | { readonly _tag: "Scaled"; readonly origin: number; readonly startedAt: number; readonly rate: number }

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The mock's current time in epoch milliseconds. */
  readonly now: Effect.Effect<number>
  readonly mode: Effect.Effect<ClockMode>
  readonly setMode: (mode: ClockMode) => Effect.Effect<void>
  /** Pins the clock at an instant. */
  readonly pin: (millis: number) => Effect.Effect<void>
  /** Starts scaled time at `origin`, running `rate` times faster from now on. */
  readonly scale: (origin: number, rate: number) => Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MockClock extends Context.Tag("@ledgerkit/mock-server/MockClock")<MockClock, Service>() {}

/**
 * The current time under a mode, read from the system clock when the mode needs it.
 *
 * @since 0.1.0
 * @category combinators
 */
export const timeOf = (mode: ClockMode): Effect.Effect<number> => {
  switch (mode._tag) {
    case "Pinned":
      return Effect.succeed(mode.millis)
    case "System":
      return Clock.currentTimeMillis
    case "Scaled":
      return Effect.map(Clock.currentTimeMillis, (system) => Math.floor(mode.origin + (system - mode.startedAt) * mode.rate))
  }
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (initial: ClockMode): Effect.Effect<Service> =>
  Effect.gen(function*() {
    const ref = yield* Ref.make(initial)
    return {
      now: Effect.flatMap(Ref.get(ref), timeOf),
      mode: Ref.get(ref),
      setMode: (mode) => Ref.set(ref, mode),
      pin: (millis) => Ref.set(ref, { _tag: "Pinned", millis }),
      scale: (origin, rate) =>
        Effect.flatMap(Clock.currentTimeMillis, (startedAt) => Ref.set(ref, { _tag: "Scaled", origin, startedAt, rate }))
    }
  })

/**
 * The clock pinned at `now` when given, else the system clock. With `timeScale`, time
 * runs that many times faster than the system clock, from `now` (or from the system
 * time at start): `timeScale: 60` makes a mock minute pass in a real second.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: { readonly now?: number | undefined; readonly timeScale?: number | undefined } = {}
): Layer.Layer<MockClock> =>
  Layer.effect(
    MockClock,
    Effect.gen(function*() {
      const clock = yield* make(options.now === undefined ? { _tag: "System" } : { _tag: "Pinned", millis: options.now })
      if (options.timeScale !== undefined && options.timeScale !== 1) {
        yield* clock.scale(options.now ?? (yield* Clock.currentTimeMillis), options.timeScale)
      }
      return clock
    })
  )
