/**
 * A rate-limit budget: request weights per fixed window (aligned to the epoch, as
 * Binance's `1M` counters are), spent before each call and re-synced from the count of
 * used weight the provider reports.
 *
 * @since 0.1.0
 */
import { Clock, Duration, Effect, Ref } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export interface Budget {
  readonly limit: number
  readonly window: Duration.Duration
  /** Waits until `weight` fits in the current window, then spends it. */
  readonly spend: (weight: number) => Effect.Effect<void>
  /** The provider's own count of weight used in the current window (usage headers). */
  readonly report: (used: number) => Effect.Effect<void>
  /** Weight spent so far in the current window. */
  readonly used: Effect.Effect<number>
}

interface State {
  readonly window: number
  readonly used: number
}

/**
 * A budget of `limit` weight per `window`. Callers are served one at a time, in order.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: {
  readonly limit: number
  readonly window: Duration.DurationInput
}): Effect.Effect<Budget> =>
  Effect.gen(function*() {
    const window = Duration.decode(options.window)
    const windowMillis = Math.max(1, Duration.toMillis(window))
    const state = yield* Ref.make<State>({ window: -1, used: 0 })
    const lock = yield* Effect.makeSemaphore(1)
    const current = Effect.map(Clock.currentTimeMillis, (now) => ({ now, index: Math.floor(now / windowMillis) }))
    const usedIn = (s: State, index: number) => (s.window === index ? s.used : 0)

    const attempt = (weight: number): Effect.Effect<void> =>
      Effect.gen(function*() {
        const { index, now } = yield* current
        const spent = yield* Ref.modify(state, (s) => {
          const used = usedIn(s, index)
          return used + weight <= options.limit
            ? [true, { window: index, used: used + weight }] as const
            : [false, s] as const
        })
        if (!spent) {
          yield* Effect.sleep(Duration.millis((index + 1) * windowMillis - now))
          yield* attempt(weight)
        }
      })

    const spend = (weight: number): Effect.Effect<void> =>
      weight > options.limit
        ? Effect.dieMessage(`a request of weight ${weight} can never fit a budget of ${options.limit}`)
        : lock.withPermits(1)(attempt(weight))

    const report = (used: number): Effect.Effect<void> =>
      Effect.flatMap(current, ({ index }) =>
        Ref.update(state, (s) => ({ window: index, used: Math.max(usedIn(s, index), used) })))

    const used = Effect.flatMap(current, ({ index }) => Effect.map(Ref.get(state), (s) => usedIn(s, index)))

    return { limit: options.limit, window, spend, report, used }
  })

/**
 * A budget that never waits, for providers without a known limit.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unlimited: Budget = {
  limit: Number.POSITIVE_INFINITY,
  window: Duration.infinity,
  spend: () => Effect.void,
  report: () => Effect.void,
  used: Effect.succeed(0)
}
