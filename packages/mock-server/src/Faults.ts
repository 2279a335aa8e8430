/**
 * Faults on demand, per endpoint: for the next N matching requests, with a probability
 * (drawn from the fault's own seeded generator, so a run is reproducible), or both.
 *
 * | kind | what the client gets |
 * |---|---|
 * | `TooManyRequests` | 429 in the provider's shape, `Retry-After: retryAfterSeconds` (default 1; `null` sends none) |
 * | `Banned` | 418 in the provider's shape, `Retry-After: retryAfterSeconds` (default 120) |
 * | `ServerError` | `status` (default 500, any 5xx) in the provider's shape |
 * | `Delay` | the normal answer, `millis` later (on the server's Effect clock) |
 * | `Reset` | the connection reset (TCP RST) before any byte of a response |
 * | `Truncated` | the normal status and headers, `Content-Length` of the whole body, the first `bytes` (default half) of it, then the connection closed |
 * | `MalformedJson` | the normal status and headers, and the body without its last byte (not JSON) |
 *
 * Faults are checked in the order they were set; the first whose endpoint matches (`*`
 * matches every provider endpoint), that has uses left, and whose draw succeeds, applies.
 * Its draw happens only for matching requests, so the sequence of outcomes depends only
 * on the seed and on the order of the requests to that endpoint. A fault answers before
 * rate limits and authentication (a faulted request is not counted against a budget),
 * except `Delay`, `Truncated` and `MalformedJson`, which alter the normal answer.
 *
 * @since 0.1.0
 */
import { Context, Effect, Either, Layer, ParseResult, Ref, Schema } from "effect"
import * as Endpoint from "./Endpoint.js"
import * as Limits from "./Limits.js"
import * as MockHttp from "./MockHttp.js"
import type * as RateLimitRule from "./RateLimitRule.js"
import type * as Pipeline from "./Pipeline.js"

const RetryAfter = Schema.optional(Schema.NullOr(Schema.Int.pipe(Schema.nonNegative())))

/**
 * @since 0.1.0
 * @category schemas
 */
export const Kind = Schema.Union(
  Schema.TaggedStruct("TooManyRequests", { retryAfterSeconds: RetryAfter }),
  Schema.TaggedStruct("Banned", { retryAfterSeconds: RetryAfter }),
  Schema.TaggedStruct("ServerError", { status: Schema.optional(Schema.Int.pipe(Schema.between(500, 599))) }),
  Schema.TaggedStruct("Delay", { millis: Schema.Int.pipe(Schema.between(0, 600_000)) }),
  Schema.TaggedStruct("Reset", {}),
  Schema.TaggedStruct("Truncated", { bytes: Schema.optional(Schema.Int.pipe(Schema.nonNegative())) }),
  Schema.TaggedStruct("MalformedJson", {})
)

/**
 * @since 0.1.0
 * @category models
 */
export type Kind = Schema.Schema.Type<typeof Kind>

/**
 * The endpoints a fault can target: one endpoint id, or `*` for all.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Target = Schema.Literal(...Limits.ruleIds, "*")

/**
 * A fault to set.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Spec = Schema.Struct({
  endpoint: Target,
  kind: Kind,
  /** Applies to at most this many requests (absent: no limit). */
  times: Schema.optional(Schema.Int.pipe(Schema.positive())),
  /** Chance of applying to each matching request (absent: 1). */
  probability: Schema.optional(Schema.Number.pipe(Schema.between(0, 1))),
  /** Seed of the fault's generator (absent: 0). */
  seed: Schema.optional(Schema.Int)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Spec = Schema.Schema.Type<typeof Spec>

/**
 * A fault as listed: its spec, its id, and what it has done so far.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Fault = Schema.Struct({
  ...Spec.fields,
  id: Schema.String,
  /** Uses left (`null`: no limit). */
  remaining: Schema.NullOr(Schema.Int),
  /** Requests that matched its endpoint while it had uses left. */
  matched: Schema.Int,
  /** Requests it applied to. */
  fired: Schema.Int
})

/**
 * @since 0.1.0
 * @category models
 */
export type Fault = Schema.Schema.Type<typeof Fault>

/**
 * A fault with the state of its generator.
 *
 * @since 0.1.0
 * @category models
 */
export interface Entry {
  readonly fault: Fault
  /** The generator's state (mulberry32). */
  readonly random: number
}

/** mulberry32: a small, well-mixed 32-bit generator; pure, so a Ref can hold its state. */
const draw = (state: number): readonly [number, number] => {
  const next = (state + 0x6d2b79f5) | 0
  let t = next
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return [((t ^ (t >>> 14)) >>> 0) / 4_294_967_296, next]
}

/**
 * Picks the fault for a request to `endpoint`: the entries afterwards and the fault
 * that applies, if any.
 *
 * @since 0.1.0
 * @category combinators
 */
export const pick = (
  entries: ReadonlyArray<Entry>,
  endpoint: string
): readonly [Fault | undefined, ReadonlyArray<Entry>] => {
  let chosen: Fault | undefined
  const after = entries.map((entry): Entry => {
    const { fault } = entry
    if (chosen !== undefined || fault.remaining === 0 || (fault.endpoint !== "*" && fault.endpoint !== endpoint)) {
      return entry
    }
    const probability = fault.probability ?? 1
    const [value, random] = probability >= 1 ? [0, entry.random] as const : draw(entry.random)
    const fires = value < probability
    const updated: Fault = {
      ...fault,
      matched: fault.matched + 1,
      fired: fault.fired + (fires ? 1 : 0),
      remaining: fires && fault.remaining !== null ? fault.remaining - 1 : fault.remaining
    }
    if (fires) chosen = updated
    return { fault: updated, random }
  })
  return [chosen, after]
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly stage: Pipeline.Stage
  /** Adds a fault after the others; returns it (with its id). */
  readonly add: (spec: Spec) => Effect.Effect<Fault>
  /** Replaces every fault. */
  readonly replace: (specs: ReadonlyArray<Spec>) => Effect.Effect<ReadonlyArray<Fault>>
  readonly list: Effect.Effect<ReadonlyArray<Fault>>
  /** Removes one fault; false when no fault has this id. */
  readonly remove: (id: string) => Effect.Effect<boolean>
  readonly clear: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Faults extends Context.Tag("@ledgerkit/mock-server/Faults")<Faults, Service>() {}

const kindName = (kind: Kind): string =>
  kind._tag === "ServerError" ? `ServerError ${kind.status ?? 500}` : kind._tag

const retryAfterHeader = (seconds: number | null | undefined, fallback: number): Record<string, string> => {
  const value = seconds === undefined ? fallback : seconds
  return value === null ? {} : { "retry-after": String(value) }
}

const empty = new Uint8Array(0)

// The rule a 429 names where no endpoint lives at the path (its answer names none).
const unlimited: RateLimitRule.Rule = { enabled: false, limit: 1, weight: 1, windowMillis: 60_000, banAfter: 0, banMillis: 120_000 }

/**
 * The answer a fault gives, `next` being the normal handling of the request.
 *
 * @since 0.1.0
 * @category combinators
 */
export const apply = (fault: Fault, exchange: Pipeline.Exchange, next: Pipeline.Handler): Effect.Effect<MockHttp.MockResponse> => {
  const { context, endpoint } = exchange
  const applied = { fault: { id: fault.id, kind: kindName(fault.kind) } }
  const kind = fault.kind
  const rule = endpoint === undefined ? unlimited : context.snapshot.settings.limits.rules[endpoint.id] ?? endpoint.limit.rule
  const answered = (status: number, problem: Endpoint.Problem, headers: Record<string, string> = {}) =>
    Effect.succeed({ ...Endpoint.answer(endpoint, context, status, problem, headers), applied })
  const altered = (f: (response: MockHttp.MockResponse) => MockHttp.MockResponse) =>
    Effect.map(next(exchange), (response) => ({ ...f(response), applied: { ...response.applied, ...applied } }))
  switch (kind._tag) {
    case "TooManyRequests":
      return answered(429, { _tag: "TooManyRequests", rule }, retryAfterHeader(kind.retryAfterSeconds, 1))
    case "Banned": {
      const seconds = kind.retryAfterSeconds === undefined ? 120 : kind.retryAfterSeconds
      return answered(418, { _tag: "Banned", until: context.now + (seconds ?? 0) * 1000 }, retryAfterHeader(seconds, 120))
    }
    case "ServerError":
      return answered(kind.status ?? 500, { _tag: "ServerError" })
    case "Delay":
      return Effect.zipRight(Effect.sleep(kind.millis), altered((r) => r))
    case "Reset":
      return Effect.succeed({
        status: 500,
        headers: {},
        body: empty,
        verdict: MockHttp.notReached,
        transport: { _tag: "Reset" },
        applied
      })
    case "Truncated":
      return altered((r) => ({
        ...r,
        transport: { _tag: "Truncated", bytes: Math.min(kind.bytes ?? Math.floor(r.body.length / 2), Math.max(0, r.body.length - 1)) }
      }))
    case "MalformedJson":
      return altered((r) => ({ ...r, body: r.body.slice(0, Math.max(0, r.body.length - 1)) }))
  }
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service> = Effect.gen(function*() {
  const entries = yield* Ref.make<ReadonlyArray<Entry>>([])
  const counter = yield* Ref.make(0)
  const create = (spec: Spec) =>
    Effect.map(Ref.updateAndGet(counter, (n) => n + 1), (n): Entry => ({
      fault: { ...spec, id: `f${n}`, remaining: spec.times ?? null, matched: 0, fired: 0 },
      random: spec.seed ?? 0
    }))
  const stage: Pipeline.Stage = (next) => (exchange) =>
    Effect.gen(function*() {
      const endpoint = exchange.endpoint
      if (endpoint === undefined) return yield* next(exchange)
      const fault = yield* Ref.modify(entries, (current) => pick(current, endpoint.id))
      return fault === undefined ? yield* next(exchange) : yield* apply(fault, exchange, next)
    })
  return {
    stage,
    add: (spec) =>
      Effect.flatMap(create(spec), (entry) => Effect.as(Ref.update(entries, (list) => [...list, entry]), entry.fault)),
    replace: (specs) =>
      Effect.flatMap(Effect.forEach(specs, create), (created) =>
        Effect.as(Ref.set(entries, created), created.map((e) => e.fault))),
    list: Effect.map(Ref.get(entries), (list) => list.map((e) => e.fault)),
    remove: (id) =>
      Ref.modify(entries, (list) => {
        const kept = list.filter((e) => e.fault.id !== id)
        return [kept.length !== list.length, kept]
      }),
    clear: Ref.set(entries, [])
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Faults> = Layer.effect(Faults, make)

const kinds: Readonly<Record<string, (args: Readonly<Record<string, number>>) => Kind | string>> = {
  "429": (a) => ({ _tag: "TooManyRequests", ...(a.retryAfter === undefined ? {} : { retryAfterSeconds: a.retryAfter }) }),
  "418": (a) => ({ _tag: "Banned", ...(a.retryAfter === undefined ? {} : { retryAfterSeconds: a.retryAfter }) }),
  "5xx": (a) => ({ _tag: "ServerError", ...(a.status === undefined ? {} : { status: a.status }) }),
  delay: (a) => a.millis === undefined ? "delay needs millis=N" : { _tag: "Delay", millis: a.millis },
  reset: () => ({ _tag: "Reset" }),
  truncated: (a) => ({ _tag: "Truncated", ...(a.bytes === undefined ? {} : { bytes: a.bytes }) }),
  malformed: () => ({ _tag: "MalformedJson" })
}

const argumentNames = new Set(["times", "probability", "seed", "retryAfter", "status", "millis", "bytes"])

/**
 * Reads a fault from the command line: the admin API's JSON, or the short form
 * `ENDPOINT=KIND[,key=value…]` with KIND one of `429`, `418`, `5xx` or a status 500–599,
 * `delay`, `reset`, `truncated`, `malformed`, and keys `times`, `probability`, `seed`,
 * `retryAfter` (seconds), `status`, `millis`, `bytes`. Examples:
 * `ENDPOINT=429,times=3,retryAfter=5`, `*=reset,probability=0.05,seed=7`,
 * `ENDPOINT=delay,millis=2000`, `ENDPOINT=503`, ENDPOINT being an endpoint id.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (text: string): Either.Either<Spec, string> => {
  const decode = (u: unknown) =>
    Either.mapLeft(
      Schema.decodeUnknownEither(Spec, { onExcessProperty: "error" })(u),
      (e) => `--fault ${text}: ${ParseResult.TreeFormatter.formatErrorSync(e)}`
    )
  if (text.trimStart().startsWith("{")) {
    try {
      return decode(JSON.parse(text))
    } catch {
      return Either.left(`--fault ${text}: not JSON`)
    }
  }
  const m = /^([^=]+)=([^,]+)((?:,[A-Za-z]+=[^,]+)*)$/.exec(text.trim())
  if (m === null) return Either.left(`--fault ${text}: expected ENDPOINT=KIND[,key=value...]`)
  const args: Record<string, number> = {}
  for (const pair of m[3].split(",").filter((p) => p !== "")) {
    const [key, value] = pair.split("=")
    if (!argumentNames.has(key)) return Either.left(`--fault ${text}: unknown key ${key}`)
    if (!/^-?[0-9]+(\.[0-9]+)?$/.test(value)) return Either.left(`--fault ${text}: ${key} must be a number`)
    args[key] = Number(value)
  }
  const name = /^5[0-9]{2}$/.test(m[2]) ? "5xx" : m[2]
  const build = kinds[name]
  if (build === undefined) return Either.left(`--fault ${text}: unknown kind ${m[2]} (429, 418, 5xx, 500-599, delay, reset, truncated, malformed)`)
  const kind = build(name === "5xx" && m[2] !== "5xx" ? { ...args, status: Number(m[2]) } : args)
  if (typeof kind === "string") return Either.left(`--fault ${text}: ${kind}`)
  const { probability, seed, times } = args
  return decode({
    endpoint: m[1],
    kind,
    ...(times === undefined ? {} : { times }),
    ...(probability === undefined ? {} : { probability }),
    ...(seed === undefined ? {} : { seed })
  })
}
