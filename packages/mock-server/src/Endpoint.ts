/**
 * What one provider endpoint of the mock is: where it lives, how it authenticates a
 * request, and how it validates and answers it. Endpoints are pure functions of the
 * request and a context (the clock's time and one snapshot of the state), which the
 * `Pipeline` reads once per request.
 *
 * @since 0.1.0
 */
import type { Either } from "effect"
import type * as MockHttp from "./MockHttp.js"
import type * as MockState from "./MockState.js"
import type * as Records from "./Records.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Provider = "binance" | "zenlayer" | "wooxpro" | "cryptomus"

/**
 * The data endpoints plus Binance's server time.
 *
 * @since 0.1.0
 * @category models
 */
export type Id = Records.EndpointId | "binance.time"

/**
 * @since 0.1.0
 * @category models
 */
export interface Context {
  /** The mock clock when the request arrived, epoch millis. */
  readonly now: number
  readonly snapshot: MockState.Snapshot
  /** A fresh id for this request (Zenlayer's `requestId`, WOO X Pro's `trace`). */
  readonly requestId: string
}

/**
 * The principal an authenticated request acts as, or why none was needed.
 *
 * @since 0.1.0
 * @category models
 */
export type Authenticated = Extract<MockHttp.AuthVerdict, { readonly _tag: "Passed" | "NotRequired" }>

/**
 * @since 0.1.0
 * @category models
 */
export interface Endpoint {
  readonly id: Id
  readonly provider: Provider
  readonly method: "GET" | "POST"
  readonly path: string
  /** Checks the provider's credentials; `Left` is the provider's own rejection. */
  readonly authenticate: (request: MockHttp.MockRequest, context: Context) => Either.Either<Authenticated, MockHttp.MockResponse>
  /** Validates the parameters and answers by the documented semantics. */
  readonly respond: (request: MockHttp.MockRequest, context: Context) => MockHttp.MockResponse
}
