/**
 * The control plane of the mock: the journal, the faults and the rate limits, plugged
 * into the `Pipeline` as its stages, and a `reset` that puts everything back to where
 * the server started (dataset, settings, credentials, clock, faults; journal and rate
 * counters emptied).
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"
import * as Faults from "./Faults.js"
import * as Journal from "./Journal.js"
import * as MockClock from "./MockClock.js"
import * as MockState from "./MockState.js"
import * as Pipeline from "./Pipeline.js"
import * as RateLimits from "./RateLimits.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Faults in force at start (and after a reset). */
  readonly faults?: ReadonlyArray<Faults.Spec> | undefined
  /** Journal entries kept (default 1000). */
  readonly journalCapacity?: number | undefined
  /** Body bytes kept per journal entry (default 16 KiB). */
  readonly journalBodyBytes?: number | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Everything back to start. */
  readonly reset: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Control extends Context.Tag("@ledgerkit/mock-server/Control")<Control, Service>() {}

const stagesLayer = Layer.effect(
  Pipeline.PipelineStages,
  Effect.gen(function*() {
    const journal = yield* Journal.Journal
    const faults = yield* Faults.Faults
    const limits = yield* RateLimits.RateLimits
    return { journal: journal.stage, faults: faults.stage, rateLimit: limits.stage }
  })
)

const controlLayer = (options: Options) =>
  Layer.effect(
    Control,
    Effect.gen(function*() {
      const state = yield* MockState.MockState
      const clock = yield* MockClock.MockClock
      const journal = yield* Journal.Journal
      const faults = yield* Faults.Faults
      const limits = yield* RateLimits.RateLimits
      const initialClock = yield* clock.mode
      const initialFaults = options.faults ?? []
      yield* faults.replace(initialFaults)
      return {
        reset: Effect.all([
          state.reset,
          clock.setMode(initialClock),
          faults.replace(initialFaults),
          journal.clear,
          limits.clear
        ], { discard: true })
      }
    })
  )

/**
 * The journal, faults and rate limits as services, their stages as
 * `Pipeline.PipelineStages`, and `Control`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<
  Control | Pipeline.PipelineStages | Journal.Journal | Faults.Faults | RateLimits.RateLimits,
  never,
  MockState.MockState | MockClock.MockClock
> =>
  Layer.mergeAll(controlLayer(options), stagesLayer).pipe(
    Layer.provideMerge(Layer.mergeAll(Journal.layer({ capacity: options.journalCapacity, bodyBytes: options.journalBodyBytes }), Faults.layer, RateLimits.layer))
  )
