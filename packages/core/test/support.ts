import { layer, type Vitest } from "@effect/vitest"
import { Effect, Fiber, Layer, Option } from "effect"

/**
 * How many runs each property gets: `LEDGERKIT_PROP_RUNS` (default 200, the CI floor).
 */
export const propRuns = (): number => {
  const raw = process.env.LEDGERKIT_PROP_RUNS
  if (raw === undefined || raw === "") return 200
  const runs = Number(raw)
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`LEDGERKIT_PROP_RUNS must be a positive integer, received ${JSON.stringify(raw)}`)
  }
  return runs
}

/** The options object `it.prop` / `it.effect.prop` take, with the run count applied. */
export const runs = (): { readonly fastCheck: { readonly numRuns: number } } => ({
  fastCheck: { numRuns: propRuns() }
})

/**
 * The outcome of a fiber that must have finished already. `TestClock.adjust` runs every
 * fiber it wakes until it suspends again, so a fiber still running after it is waiting too
 * long: fail at once rather than hang until the test times out.
 */
export const finished = <A, E>(fiber: Fiber.Fiber<A, E>): Effect.Effect<A, E> =>
  Effect.flatMap(Fiber.poll(fiber), (exit) => Option.getOrElse(exit, () => Effect.dieMessage("the fiber is still waiting")))

/**
 * A group of Effect tests sharing one TestContext: for properties, whose runs would
 * otherwise build one each (about 10 ms a run). The TestClock goes on from run to run, and
 * each group has its own, so tests running concurrently elsewhere never move it. Put one
 * property in a group: tests in the same group would move each other's clock.
 */
export const sharedClock = (name: string, tests: (it: Vitest.MethodsNonLive) => void): void =>
  layer(Layer.empty)(name, tests)
