/**
 * What one provider endpoint of the mock is: where it lives, how it authenticates a
 * request, how it validates and answers it, how it is rate limited and how its provider
 * words an error. Endpoints are pure functions of the request and a context (the clock's
 * time and one snapshot of the state), which the `Pipeline` reads once per request.
 *
 * The kernel sees every provider's part of the state under the provider's (or the
 * endpoint's) id; `Endpoint.view` gives an endpoint its own part, typed.
 *
 * @since 0.1.0
 */
import type { Either } from "effect"
import * as MockHttp from "./MockHttp.js"
import type * as RateLimitRule from "./RateLimitRule.js"

/**
 * Result order: `asc` (oldest first) or `desc` (newest first). Records with the same
 * time are ordered by their id (then type) in the same direction.
 *
 * @since 0.1.0
 * @category models
 */
export type Order = "asc" | "desc"

/**
 * Whether a window's bound includes records at exactly that time.
 *
 * @since 0.1.0
 * @category models
 */
export type Bound = "inclusive" | "exclusive"

/**
 * One endpoint's records, sorted oldest first.
 *
 * @since 0.1.0
 * @category models
 */
export interface Table<R> {
  /** Oldest first. */
  readonly records: ReadonlyArray<R>
  /** `times[i]` is the epoch millis of `records[i]`. */
  readonly times: ReadonlyArray<number>
  /** The documented examples: served whatever the date, examples answered verbatim. */
  readonly documented: boolean
}

/**
 * An endpoint id.
 *
 * @since 0.1.0
 * @category models
 */
export type Id = string

/**
 * The state as the kernel holds it: each data endpoint's table under its id, each
 * provider's settings and credentials under the provider's id.
 *
 * @since 0.1.0
 * @category models
 */
export interface Snapshot {
  readonly datasets: { readonly name: string; readonly tables: { readonly [id: string]: Table<unknown> } }
  readonly settings: {
    readonly auth: boolean
    readonly order: { readonly [id: string]: Order }
    readonly startBound: { readonly [id: string]: Bound }
    readonly endBound: { readonly [id: string]: Bound }
    readonly limits: { readonly enabled: boolean; readonly rules: { readonly [id: string]: RateLimitRule.Rule } }
  }
  readonly credentials: { readonly [provider: string]: unknown }
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Context {
  /** The mock clock when the request arrived, epoch millis. */
  readonly now: number
  readonly snapshot: Snapshot
  /** A fresh id for this request (for providers that echo one, such as a trace id). */
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
 * What the mock answers for the provider instead of the endpoint: "too many requests"
 * (429), "banned" (418), a server error (5xx), or a request body larger than the
 * endpoint accepts (413).
 *
 * @since 0.1.0
 * @category models
 */
export type Problem =
  | { readonly _tag: "TooManyRequests"; readonly rule: RateLimitRule.Rule }
  | { readonly _tag: "Banned"; readonly until: number }
  | { readonly _tag: "ServerError" }
  | { readonly _tag: "PayloadTooLarge"; readonly limit: number }
  /** A request at the endpoint's path with another method (answered 405). */
  | { readonly _tag: "MethodNotAllowed"; readonly method: string }

/**
 * The body cap of endpoints that name none and of paths no endpoint serves (64 KiB).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMaxBodyBytes = 64 * 1024

/**
 * How an endpoint is rate limited: its default rule, whom a request is counted for, and
 * the provider's usage headers.
 *
 * @since 0.1.0
 * @category models
 */
export interface Limit {
  readonly rule: RateLimitRule.Rule
  /** `key:<hash>` or `ip:<address>`: keys are never held in clear. */
  client(request: MockHttp.MockRequest): string
  /** On every counted answer (also on 429 and 418). */
  usageHeaders(rule: RateLimitRule.Rule, counter: RateLimitRule.Counter): Record<string, string>
  /** Added to 429 and 418 answers. */
  rejectionHeaders(outcome: RateLimitRule.Outcome, now: number): Record<string, string>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Endpoint<I extends string = string> {
  readonly id: I
  /** The provider's id. */
  readonly provider: string
  readonly method: "GET" | "POST"
  readonly path: string
  /** Checks the provider's credentials; `Left` is the provider's own rejection. */
  authenticate(request: MockHttp.MockRequest, context: Context): Either.Either<Authenticated, MockHttp.MockResponse>
  /** Validates the parameters and answers by the documented semantics. */
  respond(request: MockHttp.MockRequest, context: Context): MockHttp.MockResponse
  readonly limit: Limit
  /**
   * The largest request body accepted, in bytes (default `defaultMaxBodyBytes`); a
   * larger one is refused with 413 before it is read whole.
   */
  readonly maxBodyBytes?: number | undefined
  /** The provider's own answer to a problem, with this status and these extra headers. */
  problem(status: number, problem: Problem, context: Context, headers: Readonly<Record<string, string>>): MockHttp.MockResponse
}

/**
 * An endpoint's own part of the state, typed by the provider that defines it.
 *
 * @since 0.1.0
 * @category models
 */
export interface View<R, S, C> {
  readonly now: number
  readonly requestId: string
  readonly table: Table<R>
  readonly order: Order
  /** `inclusive` where the docs fix no bound. */
  readonly startBound: Bound
  /** `inclusive` where the docs fix no bound. */
  readonly endBound: Bound
  readonly settings: S
  readonly credentials: C
}

/**
 * The endpoint's part of a context. The kernel stores under a provider's id only what
 * that provider's own definition produced (defaults, patches decoded by its schema), and
 * under an endpoint's id only records decoded by its schema, hence the casts.
 *
 * @since 0.1.0
 * @category accessors
 */
export const view = <R, S, C>(context: Context, provider: string, id: string): View<R, S, C> => {
  const { datasets, settings } = context.snapshot
  return {
    now: context.now,
    requestId: context.requestId,
    table: datasets.tables[id] as Table<R>,
    order: settings.order[id] ?? "asc",
    startBound: settings.startBound[id] ?? "inclusive",
    endBound: settings.endBound[id] ?? "inclusive",
    settings: settingsOf<S>(context, provider),
    credentials: credentialsOf<C>(context, provider)
  }
}

/**
 * A provider's settings in a context (see `view`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const settingsOf = <S>(context: Context, provider: string): S =>
  (context.snapshot.settings as unknown as { readonly [provider: string]: unknown })[provider] as S

/**
 * A provider's credentials in a context (see `view`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const credentialsOf = <C>(context: Context, provider: string): C => context.snapshot.credentials[provider] as C

/**
 * The answer to a problem: the endpoint's provider's own, or a plain one where no
 * endpoint lives at the path.
 *
 * @since 0.1.0
 * @category constructors
 */
export const answer = (
  endpoint: Endpoint | undefined,
  context: Context,
  status: number,
  problem: Problem,
  headers: Readonly<Record<string, string>> = {}
): MockHttp.MockResponse =>
  endpoint === undefined
    ? MockHttp.json(status, { code: status, message: problem._tag }, { headers })
    : endpoint.problem(status, problem, context, headers)
