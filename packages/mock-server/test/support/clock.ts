/**
 * Drives the `TestClock` for a program that waits on it (pauses, Retry-After) while it
 * also does real I/O: whenever the program is asleep, time moves to its next wake-up.
 */
import { Chunk, Clock, Effect, Exit, Fiber, Option, TestClock, TestServices } from "effect"

export const driveClock = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    while (true) {
      const exit = yield* Fiber.poll(fiber)
      if (Option.isSome(exit)) return yield* Exit.match(exit.value, { onFailure: Effect.failCause, onSuccess: Effect.succeed })
      const sleeps = yield* TestClock.sleeps()
      if (Chunk.isNonEmpty(sleeps)) {
        const now = yield* Clock.currentTimeMillis
        yield* TestClock.adjust(Math.max(1, Chunk.reduce(sleeps, Number.POSITIVE_INFINITY, (a, b) => Math.min(a, b)) - now))
      } else {
        yield* TestServices.provideLive(Effect.sleep("2 millis"))
      }
    }
  })
