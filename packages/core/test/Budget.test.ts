import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Exit, FastCheck as fc, TestClock } from "effect"
import * as Budget from "../src/Budget.js"
import { finished, runs, sharedClock } from "./support.js"

/** When each spend went through, in the order it did. */
type Spent = { readonly at: number; readonly weight: number }

const windowOf = (at: number, window: number) => Math.floor(at / window)

/** Weight spent per window (windows aligned to the epoch, as Binance's `1M` counters are). */
const perWindow = (spent: ReadonlyArray<Spent>, window: number) => {
  const sums = new Map<number, number>()
  for (const { at, weight } of spent) sums.set(windowOf(at, window), (sums.get(windowOf(at, window)) ?? 0) + weight)
  return sums
}

const budgets = fc.record({
  limit: fc.integer({ min: 1, max: 20 }),
  window: fc.constantFrom(1_000, 60_000)
})

/**
 * A pause before a step: often none, so that spenders collide. (Each TestClock wake-up
 * costs real milliseconds, so runs keep them few.)
 */
const pauses = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: 1, max }))
const pause = (millis: number) => millis === 0 ? Effect.void : Effect.sleep(Duration.millis(millis))

/** Spenders, each a sequence of (pause, weight) steps; a weight never exceeds the limit. */
const spenders = (limit: number, window: number) =>
  fc.array(
    fc.array(fc.record({ pause: pauses(2 * window), weight: fc.integer({ min: 1, max: limit }) }), {
      minLength: 1,
      maxLength: 3
    }),
    { minLength: 1, maxLength: 3 }
  )

describe("Budget", () => {
  sharedClock("forked spenders", (it) => {
    it.effect.prop(
      "forked spenders never spend more than the limit in any window, and all get through",
      [budgets.chain(({ limit, window }) => spenders(limit, window).map((s) => ({ limit, window, spenders: s })))],
      ([{ limit, spenders, window }]) =>
        Effect.gen(function*() {
          const budget = yield* Budget.make({ limit, window: Duration.millis(window) })
          const spent: Array<Spent> = []
          const fibers = yield* Effect.forEach(spenders, (steps) =>
            Effect.fork(Effect.forEach(steps, ({ pause: pauseMillis, weight }) =>
              Effect.gen(function*() {
                yield* pause(pauseMillis)
                yield* budget.spend(weight)
                spent.push({ at: yield* Clock.currentTimeMillis, weight })
              }))))
          // Long enough for every step to pause and, at worst, wait a window of its own.
          const steps = spenders.flat()
          yield* TestClock.adjust(Duration.millis(steps.reduce((t, s) => t + s.pause + window, window)))
          yield* Effect.forEach(fibers, finished)
          expect(spent.length).toBe(steps.length)
          for (const sum of perWindow(spent, window).values()) expect(sum).toBeLessThanOrEqual(limit)
        }),
      runs()
    )
  })

  sharedClock("reported usage", (it) => {
    it.effect.prop(
      "after the provider reports its usage, the rest of that window holds at most limit - usage",
      [
        budgets.chain(({ limit, window }) =>
          fc.array(
            fc.record({
              pause: pauses(window),
              step: fc.oneof(
                fc.record({ spend: fc.integer({ min: 1, max: limit }) }),
                fc.record({ report: fc.integer({ min: 0, max: 2 * limit }) })
              )
            }),
            { minLength: 1, maxLength: 6 }
          ).map((steps) => ({ limit, window, steps }))
        )
      ],
      ([{ limit, steps, window }]) =>
        Effect.gen(function*() {
          const budget = yield* Budget.make({ limit, window: Duration.millis(window) })
          const log: Array<{ readonly at: number; readonly spend?: number; readonly report?: number }> = []
          const fiber = yield* Effect.fork(Effect.forEach(steps, ({ pause: pauseMillis, step }) =>
            Effect.gen(function*() {
              yield* pause(pauseMillis)
              if ("spend" in step) yield* budget.spend(step.spend)
              else yield* budget.report(step.report)
              log.push({ at: yield* Clock.currentTimeMillis, ...step })
            })))
          yield* TestClock.adjust(Duration.millis(steps.reduce((t, s) => t + s.pause + window, window)))
          yield* finished(fiber)
          expect(log.length).toBe(steps.length)
          // From each report on (and from each window's start, at usage 0), the weight spent in
          // the rest of that window fits what the provider said was left.
          log.forEach((entry, i) => {
            const usage = entry.report ?? (i === 0 || windowOf(log[i - 1].at, window) !== windowOf(entry.at, window) ? 0 : undefined)
            if (usage === undefined) return
            const rest = log.slice(entry.report === undefined ? i : i + 1)
              .filter((e) => windowOf(e.at, window) === windowOf(entry.at, window))
              .reduce((sum, e) => sum + (e.spend ?? 0), 0)
            expect(rest).toBeLessThanOrEqual(Math.max(0, limit - usage))
          })
        }),
      runs()
    )
  })

  it.effect("spends without waiting while the window has room, and tracks what was used", () =>
    Effect.gen(function*() {
      const budget = yield* Budget.make({ limit: 10, window: "1 minute" })
      yield* budget.spend(4)
      yield* budget.spend(6)
      expect(yield* budget.used).toBe(10)
      expect(yield* Clock.currentTimeMillis).toBe(0)
    }))

  it.effect("a spend that does not fit waits for the next window", () =>
    Effect.gen(function*() {
      const budget = yield* Budget.make({ limit: 10, window: "1 minute" })
      yield* TestClock.adjust("20 seconds")
      yield* budget.spend(8)
      const fiber = yield* Effect.fork(budget.spend(3))
      yield* TestClock.adjust("39999 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      yield* finished(fiber)
      expect(yield* Clock.currentTimeMillis).toBe(60_000)
      expect(yield* budget.used).toBe(3)
    }))

  it.effect("a reported usage above the local count makes the next call wait until the next window", () =>
    Effect.gen(function*() {
      const budget = yield* Budget.make({ limit: 1200, window: "1 minute" })
      yield* budget.spend(5)
      yield* TestClock.adjust("10 seconds")
      // Other clients on the same key used most of the minute.
      yield* budget.report(1199)
      expect(yield* budget.used).toBe(1199)
      const fiber = yield* Effect.fork(budget.spend(5))
      yield* TestClock.adjust("49999 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      yield* finished(fiber)
      expect(yield* Clock.currentTimeMillis).toBe(60_000)
    }))

  it.effect("a reported usage below the local count changes nothing", () =>
    Effect.gen(function*() {
      const budget = yield* Budget.make({ limit: 10, window: "1 minute" })
      yield* budget.spend(7)
      yield* budget.report(2)
      expect(yield* budget.used).toBe(7)
    }))

  it.effect("callers that wait are served in order", () =>
    Effect.gen(function*() {
      const budget = yield* Budget.make({ limit: 10, window: "1 second" })
      const served: Array<string> = []
      yield* budget.spend(10)
      const fibers = yield* Effect.forEach([["a", 10], ["b", 1], ["c", 10]] as const, ([name, weight]) =>
        Effect.fork(Effect.zipRight(budget.spend(weight), Effect.sync(() => served.push(name)))))
      yield* TestClock.adjust("3 seconds")
      yield* Effect.forEach(fibers, finished)
      expect(served).toStrictEqual(["a", "b", "c"])
    }))

  it.effect("a weight larger than the whole limit is a defect, not a wait forever", () =>
    Effect.gen(function*() {
      const budget = yield* Budget.make({ limit: 10, window: "1 minute" })
      const exit = yield* Effect.exit(budget.spend(11))
      expect(Exit.isFailure(exit) && !Exit.isInterrupted(exit)).toBe(true)
    }))

  it.effect("unlimited never waits", () =>
    Effect.gen(function*() {
      yield* Budget.unlimited.spend(1_000_000)
      expect(yield* Budget.unlimited.used).toBe(0)
      expect(yield* Clock.currentTimeMillis).toBe(0)
    }))
})
