/**
 * The one request pipeline every provider uses. One attempt:
 *
 * 1. spends the call's weight from the rate budget (waiting while it is spent);
 * 2. signs: `sign` builds the request as sent, afresh for each attempt (so a signature
 *    carries the attempt's time);
 * 3. sends it (`send`: transport failures and timeouts become `Unavailable`);
 * 4. re-syncs the budget from the answer's `usage` header;
 * 5. maps an answer that is not a success to a typed error (`errorOf`);
 * 6. parses the body (number literals kept exact with `exactNumbers`), maps a refusal in
 *    a success's body to its error (`errorOfBody`), and decodes it with
 *    the call's schema (its `fastDecode` first, where it has one): a body that does not
 *    decode is `MalformedResponse`, unless it is a `refusal` sent with a success status.
 *
 * `run` makes attempts under core's retry schedule; with `syncClock`, an attempt refused
 * with `ClockSkew` first re-learns the provider's clock and is made once more. Headers in
 * `redactedHeaders` stay redacted in logs and traces while an attempt runs.
 */
import type { HttpClient, HttpClientRequest } from "@effect/platform"
import type { Errors } from "@ledgerkit/core"
import { Budget, Retry } from "@ledgerkit/core"
import { Clock, type Duration, Effect, Option, type Schema } from "effect"
import type { FastDecode, Reply } from "./http.js"
import { decode, integerHeader, parseJson, redactHeaders, send } from "./http.js"

/** Where answers say how much of the provider's rate limit is spent. */
export interface Usage {
  /** The header holding a count (lower case). */
  readonly header: string
  /** Whether it counts what is used or what is left. */
  readonly counts: "used" | "left"
  /** The header holding the provider's own limit; without one, it is the budget's. */
  readonly limitHeader?: string | undefined
}

/** What differs from one provider to another; `R` is its request before signing. */
export interface Hooks<R> {
  /** The request as sent for one attempt: URL, headers, body and signature. */
  readonly sign: (request: R) => Effect.Effect<HttpClientRequest.HttpClientRequest>
  /** The error an answer stands for, or `None` for a body to decode; `arrivedMillis` is when it came. */
  readonly errorOf: (reply: Reply, arrivedMillis: number, source: string) => Option.Option<Errors.LedgerError>
  /**
   * The error a success's parsed body stands for, or `None` to decode it: for a provider
   * that sends refusals with a success status, so that `errorOf` need not parse the body.
   */
  readonly errorOfBody?:
    | ((json: unknown, reply: Reply, arrivedMillis: number, source: string) => Option.Option<Errors.LedgerError>)
    | undefined
  /** A refusal sent with a success status: a body that does not decode and holds the error shape. */
  readonly refusal?: {
    readonly when: (json: unknown) => boolean
    readonly error: (reply: Reply, arrivedMillis: number) => Errors.LedgerError
  } | undefined
  /** Spent before each attempt (default: unlimited). */
  readonly budget?: Budget.Budget | undefined
  readonly usage?: Usage | undefined
  /** Keep JSON number literals a double would change as their text (core's `Json.parsePlain`). */
  readonly exactNumbers?: boolean | undefined
  /** Re-learns the provider's clock after a `ClockSkew`, before one more attempt. */
  readonly syncClock?: ((source: string) => Effect.Effect<unknown, Errors.LedgerError>) | undefined
  /** Header names redacted beyond the defaults (`authorization`, `x-api-key`). */
  readonly redactedHeaders?: ReadonlyArray<string> | undefined
  /** How long one attempt may wait for its answer (default 30 s). */
  readonly timeout?: Duration.DurationInput | undefined
  readonly retry?: Retry.RetryOptions | undefined
}

/** One call: the request, its source (named in errors), its schema and its weight (default 1). */
export interface Call<R, A, I> {
  readonly source: string
  readonly request: R
  readonly schema: Schema.Schema<A, I>
  /** A fast twin of `schema`'s decode (`wire.ts`), tried first. */
  readonly fastDecode?: FastDecode<A> | undefined
  readonly weight?: number | undefined
}

/** A provider's exchange. */
export interface Exchange<R> {
  /** One attempt, without retries. */
  readonly attempt: <A, I>(call: Call<R, A, I>) => Effect.Effect<A, Errors.LedgerError>
  /** Attempts under the retry schedule (and the clock re-sync). */
  readonly run: <A, I>(call: Call<R, A, I>) => Effect.Effect<A, Errors.LedgerError>
}

/**
 * The budget's new use from an answer's usage header. A provider limit other than the
 * budget's is carried over: what is left of theirs is what is left of ours.
 */
const resync = (budget: Budget.Budget, usage: Usage, reply: Reply): Effect.Effect<void> =>
  Option.match(integerHeader(reply.headers, usage.header), {
    onNone: () => Effect.void,
    onSome: (count) => {
      const theirs = usage.limitHeader === undefined
        ? budget.limit
        : Option.getOrElse(integerHeader(reply.headers, usage.limitHeader), () => budget.limit)
      const used = usage.counts === "used" ? count : theirs - count
      // (Compared first: an unlimited budget's limit is infinite.)
      return budget.report(Math.max(0, theirs === budget.limit ? used : used + budget.limit - theirs))
    }
  })

/** `errorOf` for a provider whose every success is a 200: any other answer is `error`'s. */
export const unless200 = (error: (reply: Reply, arrivedMillis: number) => Errors.LedgerError) =>
(reply: Reply, arrivedMillis: number): Option.Option<Errors.LedgerError> =>
  reply.status === 200 ? Option.none() : Option.some(error(reply, arrivedMillis))

/** Builds a provider's exchange on an `HttpClient`. */
export const make = <R>(client: HttpClient.HttpClient, hooks: Hooks<R>): Exchange<R> => {
  const budget = hooks.budget ?? Budget.unlimited
  const redact = redactHeaders(hooks.redactedHeaders ?? [])

  const fail = (error: Option.Option<Errors.LedgerError>) =>
    Option.match(error, { onNone: () => Effect.void, onSome: Effect.fail })

  const attempt = <A, I>(call: Call<R, A, I>): Effect.Effect<A, Errors.LedgerError> =>
    Effect.gen(function*() {
      yield* budget.spend(call.weight ?? 1)
      const request = yield* hooks.sign(call.request)
      const reply = yield* send(client, call.source, request, hooks.timeout)
      if (hooks.usage !== undefined) yield* resync(budget, hooks.usage, reply)
      const arrived = yield* Clock.currentTimeMillis
      yield* fail(hooks.errorOf(reply, arrived, call.source))
      const json = yield* parseJson(call.source, reply, hooks.exactNumbers ?? false)
      if (hooks.errorOfBody !== undefined) yield* fail(hooks.errorOfBody(json, reply, arrived, call.source))
      return yield* decode(call.schema, call.source, reply, call.fastDecode)(json).pipe(
        Effect.mapError((malformed) => hooks.refusal?.when(json) === true ? hooks.refusal.error(reply, arrived) : malformed)
      )
    }).pipe(redact)

  const syncClock = hooks.syncClock
  const withClockSync = <A, I>(call: Call<R, A, I>): Effect.Effect<A, Errors.LedgerError> =>
    syncClock === undefined
      ? attempt(call)
      : Effect.catchTag(attempt(call), "ClockSkew", () => Effect.zipRight(syncClock(call.source), attempt(call)))

  return { attempt, run: (call) => Retry.retry(hooks.retry)(withClockSync(call)) }
}
