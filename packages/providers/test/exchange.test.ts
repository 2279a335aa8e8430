/**
 * The shared request pipeline on its own, against a scripted client: the budget spent and
 * re-synced from usage headers, a fresh signature per attempt, errors before decoding,
 * refusals sent as 200s, exact numbers and the one clock re-sync after `ClockSkew`.
 */
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { type Budget, Errors, Json } from "@ledgerkit/core"
import { Duration, Effect, Option, Schema } from "effect"
import * as Exchange from "../src/internal/exchange.js"
import type { Handler } from "./httpStub.js"
import { json, stub, text } from "./httpStub.js"

const source = "test.exchange"
const Body = Schema.Struct({ ok: Schema.Literal(true) })

/** A budget of `limit` that records what it is told. */
const recording = (limit: number) => {
  const spent: Array<number> = []
  const reported: Array<number> = []
  const budget: Budget.Budget = {
    limit,
    window: Duration.seconds(1),
    spend: (weight) => Effect.sync(() => void spent.push(weight)),
    report: (used) => Effect.sync(() => void reported.push(used)),
    used: Effect.succeed(0)
  }
  return { budget, spent, reported }
}

const errorOf = (reply: { readonly status: number }) =>
  reply.status === 200 ? Option.none() : Option.some(new Errors.Unavailable({ source, reason: `HTTP ${reply.status}` }))

/** An exchange on a scripted client; `sign` counts its calls. */
const exchange = (handler: Handler, hooks: Partial<Exchange.Hooks<string>> = {}) => {
  const http = stub(handler)
  const signed: Array<string> = []
  const run = Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    return Exchange.make<string>(client, {
      sign: (path) => Effect.sync(() => (signed.push(path), HttpClientRequest.get(`http://test.invalid${path}`))),
      errorOf,
      retry: { base: "1 millis", maxBackoff: "1 millis" },
      ...hooks
    })
  }).pipe(Effect.provide(http.layer))
  return { run, sent: http.sent, signed }
}

const call = <A, I>(schema: Schema.Schema<A, I>, weight?: number) => ({ source, request: "/page", schema, weight })

describe("Exchange: the rate budget", () => {
  const usageCases = [
    { name: "a used count, as is", usage: { header: "x-used", counts: "used" }, headers: { "x-used": "4" }, expected: [4] },
    {
      name: "a used count out of another limit, carried over",
      usage: { header: "x-used", counts: "used", limitHeader: "x-limit" },
      headers: { "x-used": "10", "x-limit": "12" },
      expected: [4]
    },
    { name: "a count left of the budget's limit", usage: { header: "x-left", counts: "left" }, headers: { "x-left": "2" }, expected: [4] },
    { name: "more left than the budget holds", usage: { header: "x-left", counts: "left" }, headers: { "x-left": "9" }, expected: [0] },
    { name: "no usage header", usage: { header: "x-used", counts: "used" }, headers: {}, expected: [] }
  ] as const
  for (const c of usageCases) {
    it.effect(`re-syncs from ${c.name}`, () =>
      Effect.gen(function*() {
        const { budget, reported, spent } = recording(6)
        const ex = yield* exchange(() => json(200, { ok: true }, c.headers), { budget, usage: c.usage }).run
        yield* ex.run(call(Body, 3))
        expect(spent).toStrictEqual([3])
        expect(reported).toStrictEqual(c.expected)
      }))
  }

  it.live("spends, signs and re-syncs again on every attempt of a retry", () =>
    Effect.gen(function*() {
      const { budget, reported, spent } = recording(6)
      const ex = exchange((_, i) => i < 2 ? text(503, "busy", { "x-used": String(i + 1) }) : json(200, { ok: true }), {
        budget,
        usage: { header: "x-used", counts: "used" }
      })
      expect(yield* (yield* ex.run).run(call(Body))).toStrictEqual({ ok: true })
      expect(spent).toStrictEqual([1, 1, 1])
      expect(ex.signed).toHaveLength(3)
      expect(reported).toStrictEqual([1, 2])
    }))
})

describe("Exchange: answers", () => {
  it.effect("an answer mapped to an error is not decoded, nor retried when the error is not retried", () =>
    Effect.gen(function*() {
      const ex = exchange(() => json(400, { ok: true }), {
        errorOf: () => Option.some(new Errors.InvalidRequest({ source, reason: "refused", local: false }))
      })
      const error = yield* Effect.flip((yield* ex.run).run(call(Body)))
      expect(error._tag).toBe("InvalidRequest")
      expect(ex.sent).toHaveLength(1)
    }))

  it.effect("a 200 that does not decode is a refusal when it holds the error shape, else MalformedResponse", () =>
    Effect.gen(function*() {
      const refusal = {
        when: (body: unknown) => "code" in Object(body),
        error: () => new Errors.Unauthorized({ source, providerCode: "AUTH" })
      }
      const refused = exchange(() => json(200, { code: "AUTH" }), { refusal })
      expect((yield* Effect.flip((yield* refused.run).run(call(Body))))._tag).toBe("Unauthorized")
      const malformed = exchange(() => json(200, { ok: false }), { refusal })
      const error = yield* Effect.flip((yield* malformed.run).run(call(Body)))
      expect(error).toBeInstanceOf(Errors.MalformedResponse)
      expect(error).toMatchObject({ source, status: 200 })
    }))

  it.effect("exactNumbers keeps a number literal that a double would round", () =>
    Effect.gen(function*() {
      const Exact = Schema.Struct({ amount: Schema.declare(Json.isNumberLiteral) })
      const body = "{\"amount\": 0.30000000000000000001}"
      const exact = exchange(() => text(200, body), { exactNumbers: true })
      expect((yield* (yield* exact.run).run(call(Exact))).amount.text).toBe("0.30000000000000000001")
      const rounded = exchange(() => text(200, body))
      expect(yield* Effect.flip((yield* rounded.run).run(call(Exact)))).toBeInstanceOf(Errors.MalformedResponse)
    }))
})

describe("Exchange: the clock", () => {
  const skew = () => new Errors.ClockSkew({ source })
  const skewed = (reply: { readonly status: number }) => reply.status === 409 ? Option.some(skew()) : Option.none()

  it.effect("after a ClockSkew, syncClock runs once and the call is attempted once more, signed afresh", () =>
    Effect.gen(function*() {
      const synced: Array<string> = []
      const ex = exchange((_, i) => i === 0 ? text(409, "") : json(200, { ok: true }), {
        errorOf: skewed,
        syncClock: (s) => Effect.sync(() => synced.push(s))
      })
      expect(yield* (yield* ex.run).run(call(Body))).toStrictEqual({ ok: true })
      expect(synced).toStrictEqual([source])
      expect(ex.signed).toHaveLength(2)
    }))

  it.effect("a second ClockSkew fails the call", () =>
    Effect.gen(function*() {
      let syncs = 0
      const ex = exchange(() => text(409, ""), { errorOf: skewed, syncClock: () => Effect.sync(() => syncs++) })
      expect((yield* Effect.flip((yield* ex.run).run(call(Body))))._tag).toBe("ClockSkew")
      expect(syncs).toBe(1)
      expect(ex.sent).toHaveLength(2)
    }))

  it.effect("without syncClock, a ClockSkew fails after one request", () =>
    Effect.gen(function*() {
      const ex = exchange(() => text(409, ""), { errorOf: skewed })
      expect((yield* Effect.flip((yield* ex.run).run(call(Body))))._tag).toBe("ClockSkew")
      expect(ex.sent).toHaveLength(1)
    }))
})
