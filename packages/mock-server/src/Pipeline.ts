/**
 * The one path every provider request takes:
 *
 * ```
 * route ─▶ journal ─▶ faults ─▶ rateLimit ─▶ authenticate ─▶ validate + respond
 * ```
 *
 * - **route** finds the endpoint by method and path, and reads the clock and one state
 *   snapshot for the whole request.
 * - **journal**, **faults**, **rateLimit** are `Stage`s (`next => handler`) supplied by the
 *   optional `PipelineStages` service; they are identities by default. The journal
 *   stage wraps everything after routing (it sees unknown paths too, with
 *   `endpoint === undefined`) and reads the verdicts each later stage writes into
 *   `MockResponse.verdict`. A fault or limit stage may answer without calling `next`.
 * - **authenticate** runs the endpoint's own scheme unless `settings.auth` is off.
 * - **validate + respond** is the endpoint's parameter validation and semantics.
 *
 * @since 0.1.0
 */
import { Context, Effect, Either, Layer, Option } from "effect"
import * as Crypto from "node:crypto"
import * as Endpoint from "./Endpoint.js"
import * as MockClock from "./MockClock.js"
import * as MockHttp from "./MockHttp.js"
import * as MockState from "./MockState.js"

/**
 * A request on its way through the pipeline.
 *
 * @since 0.1.0
 * @category models
 */
export interface Exchange {
  readonly request: MockHttp.MockRequest
  /** `undefined` when no endpoint lives at this method and path. */
  readonly endpoint: Endpoint.Endpoint | undefined
  /** Without an endpoint: one that lives at the same path under another method. */
  readonly sibling?: Endpoint.Endpoint | undefined
  readonly context: Endpoint.Context
}

/**
 * @since 0.1.0
 * @category models
 */
export type Handler = (exchange: Exchange) => Effect.Effect<MockHttp.MockResponse>

/**
 * A step that may inspect or answer a request, or pass it on to `next`.
 *
 * @since 0.1.0
 * @category models
 */
export type Stage = (next: Handler) => Handler

/**
 * The insertion points, outermost first.
 *
 * @since 0.1.0
 * @category models
 */
export interface Stages {
  readonly journal: Stage
  readonly faults: Stage
  readonly rateLimit: Stage
}

/**
 * Optional stages; a missing one passes requests through.
 *
 * @since 0.1.0
 * @category tags
 */
export class PipelineStages extends Context.Tag("@ledgerkit/mock-server/PipelineStages")<
  PipelineStages,
  Partial<Stages>
>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly handle: (request: MockHttp.MockRequest) => Effect.Effect<MockHttp.MockResponse>
  /** The largest body the endpoint at this method and path accepts (the server reads no more). */
  readonly maxBodyBytes: (method: string, path: string) => number
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Pipeline extends Context.Tag("@ledgerkit/mock-server/Pipeline")<Pipeline, Service>() {}

const identity: Stage = (next) => next

// A known path with another method is answered in its provider's shape; an unknown
// path in a plain one.
const notFound = (exchange: Exchange): MockHttp.MockResponse => {
  const { method, path } = exchange.request
  return exchange.sibling === undefined
    ? MockHttp.json(404, { code: 404, message: `No mock endpoint at ${method} ${path}` })
    : exchange.sibling.problem(405, { _tag: "MethodNotAllowed", method }, exchange.context, { allow: exchange.sibling.method })
}

// A body over the cap is refused before authentication, as a provider's front end does.
// The answer goes out at once; Node discards the unread rest as it arrives (never stored).
const tooLarge = (exchange: Exchange, limit: number): MockHttp.MockResponse => {
  const { context, endpoint } = exchange
  const response = Endpoint.answer(endpoint, context, 413, { _tag: "PayloadTooLarge", limit })
  const reason = `The request body is larger than ${limit} bytes`
  return MockHttp.withVerdict(response, { validation: { _tag: "Failed", code: "413", reason } })
}

/**
 * Authentication, then validation and the answer.
 *
 * @since 0.1.0
 * @category handlers
 */
export const core: Handler = (exchange) =>
  Effect.sync(() => {
    const { context, endpoint, request } = exchange
    if (request.bodyExceeded !== undefined) {
      return tooLarge(exchange, endpoint?.maxBodyBytes ?? Endpoint.defaultMaxBodyBytes)
    }
    if (endpoint === undefined) return notFound(exchange)
    const auth: Either.Either<MockHttp.AuthVerdict, MockHttp.MockResponse> = context.snapshot.settings.auth
      ? endpoint.authenticate(request, context)
      : Either.right({ _tag: "Disabled" })
    return Either.match(auth, {
      onLeft: (rejection) => rejection,
      onRight: (verdict) => MockHttp.withVerdict(endpoint.respond(request, context), { auth: verdict })
    })
  })

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, MockState.MockState | MockClock.MockClock> = Effect.gen(function*() {
  const state = yield* MockState.MockState
  const clock = yield* MockClock.MockClock
  const stages: Partial<Stages> = Option.getOrElse(yield* Effect.serviceOption(PipelineStages), () => ({}))
  const handler = (stages.journal ?? identity)((stages.faults ?? identity)((stages.rateLimit ?? identity)(core)))
  return {
    handle: (request) =>
      Effect.gen(function*() {
        const now = yield* clock.now
        const snapshot = yield* state.get
        const requestId = Crypto.randomUUID()
        const endpoint = state.registry.find(request.method, request.path)
        const sibling = endpoint === undefined ? state.registry.endpoints.find((e) => e.path === request.path) : undefined
        return yield* handler({ request, endpoint, sibling, context: { now, snapshot, requestId } })
      }),
    maxBodyBytes: (method, path) => state.registry.find(method, path)?.maxBodyBytes ?? Endpoint.defaultMaxBodyBytes
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Pipeline, never, MockState.MockState | MockClock.MockClock> = Layer.effect(Pipeline, make)
