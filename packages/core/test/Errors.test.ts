import { describe, expect, it } from "@effect/vitest"
import { DateTime, Duration, Effect, Either, FastCheck as fc, Schema } from "effect"
import * as Errors from "../src/Errors.js"
import { runs } from "./support.js"

const source = "binance.um-income"
const at = DateTime.unsafeMake("2023-08-15T09:47:01Z")

/** One of each, with the fields a caller acts on, and what its message must say. */
const examples: ReadonlyArray<readonly [Errors.LedgerError, ReadonlyArray<string>]> = [
  [
    new Errors.RateLimited({
      source,
      retryAfter: Duration.seconds(30),
      status: 429,
      providerCode: -1003,
      providerMessage: "Too many requests"
    }),
    ["rate limited", "HTTP 429", "code -1003", "Too many requests", "retry after 30s"]
  ],
  [
    new Errors.Banned({ source, until: at, retryAfter: Duration.minutes(2), status: 418 }),
    ["banned", "until 2023-08-15T09:47:01", "HTTP 418"]
  ],
  [new Errors.Banned({ source, retryAfter: Duration.minutes(2) }), ["banned", "for 2m"]],
  [new Errors.Banned({ source }), ["banned", "unknown time"]],
  [
    new Errors.Unauthorized({ source, status: 401, providerCode: -2015, providerMessage: "Invalid API-key" }),
    ["credentials refused", "code -2015", "Invalid API-key"]
  ],
  [new Errors.ClockSkew({ source, providerCode: -1021 }), ["timestamp", "code -1021"]],
  [
    new Errors.InvalidRequest({
      source,
      reason: "startTime after endTime",
      local: false,
      providerCode: -1127,
      fields: { date_from: ["must be a date"] }
    }),
    ["refused the request", "startTime after endTime", "code -1127", "date_from: must be a date"]
  ],
  [Errors.InvalidRequest.localFailure(source, "the range ends before it starts"), [
    "not sent",
    "the range ends before it starts"
  ]],
  [new Errors.Unavailable({ source, reason: "no answer within 10s", status: 503 }), [
    "unavailable",
    "no answer within 10s",
    "HTTP 503"
  ]],
  [new Errors.MalformedResponse({ source, reason: "expected a number at total", excerpt: "{\"total\":\"x\"}" }), [
    "malformed response",
    "expected a number at total",
    "{\\\"total\\\":\\\"x\\\"}"
  ]],
  [
    new Errors.HistoryUnavailable({
      source,
      requestedFrom: DateTime.unsafeMake("2023-01-01T00:00:00Z"),
      earliest: at,
      reason: "only 3 months are kept"
    }),
    ["history unavailable", "only 3 months are kept", "2023-01-01T00:00:00", "2023-08-15T09:47:01"]
  ],
  [new Errors.IncompletePagination({ source, at, reason: "too many records in one millisecond" }), [
    "incomplete pagination",
    "at 2023-08-15T09:47:01",
    "too many records in one millisecond"
  ]]
]

describe("the error family", () => {
  it.each(examples)("%s: the message names the source and what to act on", (error, says) => {
    expect(error.source).toBe(source)
    expect(error.message.startsWith(`${source}: `)).toBe(true)
    for (const text of says) expect(error.message).toContain(text)
    expect(error).toBeInstanceOf(Error)
    expect(String(error)).toContain(error.message)
  })

  it("carries the fields needed to act", () => {
    const rateLimited = new Errors.RateLimited({ source, retryAfter: Duration.seconds(30) })
    expect(rateLimited._tag).toBe("RateLimited")
    expect(Duration.toMillis(rateLimited.retryAfter ?? Duration.zero)).toBe(30_000)
    const banned = new Errors.Banned({ source, until: at })
    expect(banned.until).toStrictEqual(at)
    const refused = new Errors.InvalidRequest({ source, reason: "bad", local: false, providerCode: "INVALID_PARAM" })
    expect([refused.providerCode, refused.local]).toStrictEqual(["INVALID_PARAM", false])
    expect(Errors.InvalidRequest.localFailure(source, "bad").local).toBe(true)
  })

  it("keeps only a short excerpt of a malformed body", () => {
    const body = "x".repeat(1000)
    const excerpt = Errors.MalformedResponse.excerptOf(body)
    expect(excerpt.length).toBe(Errors.MalformedResponse.excerptLength + 1)
    expect(excerpt.endsWith("…")).toBe(true)
    expect(Errors.MalformedResponse.excerptOf("{}")).toBe("{}")
  })

  it.effect("errors are typed failures that can be caught by tag", () =>
    Effect.gen(function*() {
      const failing: Effect.Effect<never, Errors.LedgerError> = new Errors.RateLimited({ source })
      const caught = yield* failing.pipe(
        Effect.catchTag("RateLimited", (e) => Effect.succeed(`waited for ${e.source}`)),
        Effect.either
      )
      expect(caught).toStrictEqual(Either.right(`waited for ${source}`))
    }))

  it("isTransient holds for RateLimited and Unavailable only", () => {
    const transient = examples.filter(([e]) => Errors.isTransient(e)).map(([e]) => e._tag)
    expect(new Set(transient)).toStrictEqual(new Set(["RateLimited", "Unavailable"]))
  })
})

const text = fc.string({ maxLength: 20 })
const code = fc.oneof(fc.integer({ min: -99999, max: 99999 }), fc.stringMatching(/^[A-Z_]{1,20}$/))
const utc = fc.integer({ min: 0, max: 4102444800000 }).map((ms) => DateTime.unsafeMake(ms))
const duration = fc.integer({ min: 0, max: 3 * 86_400_000 }).map(Duration.millis)
const fromProvider = { source: text, providerCode: code, providerMessage: text, status: fc.integer({ min: 100, max: 599 }) }
const required = { requiredKeys: ["source" as const] }

/** Every member of the union, with optional fields present or absent. */
const anyError: fc.Arbitrary<Errors.LedgerError> = fc.oneof(
  fc.record({ ...fromProvider, retryAfter: duration }, required).map((f) => new Errors.RateLimited(f)),
  fc.record({ ...fromProvider, retryAfter: duration, until: utc }, required).map((f) => new Errors.Banned(f)),
  fc.record(fromProvider, required).map((f) => new Errors.Unauthorized(f)),
  fc.record(fromProvider, required).map((f) => new Errors.ClockSkew(f)),
  fc.record(
    { ...fromProvider, reason: text, local: fc.boolean(), fields: fc.dictionary(text, fc.array(text, { maxLength: 3 })) },
    { requiredKeys: ["source", "reason", "local"] }
  ).map((f) => new Errors.InvalidRequest(f)),
  fc.record({ ...fromProvider, reason: text }, { requiredKeys: ["source", "reason"] }).map((f) =>
    new Errors.Unavailable(f)
  ),
  fc.record({ source: text, status: fc.integer({ min: 100, max: 599 }), reason: text, excerpt: text }, {
    requiredKeys: ["source", "reason", "excerpt"]
  }).map((f) => new Errors.MalformedResponse(f)),
  fc.record({ source: text, requestedFrom: utc, earliest: utc, reason: text }).map((f) =>
    new Errors.HistoryUnavailable(f)
  ),
  fc.record({ source: text, reason: text, at: utc }, { requiredKeys: ["source", "reason"] }).map((f) =>
    new Errors.IncompletePagination(f)
  )
)

describe("LedgerError schema", () => {
  const encode = Schema.encodeSync(Errors.LedgerError)
  const decode = Schema.decodeUnknownSync(Errors.LedgerError)

  it.prop("encodes to JSON and decodes back to an equal error of the same class", [anyError], ([error]) => {
    const json: unknown = JSON.parse(JSON.stringify(encode(error)))
    const back = decode(json)
    expect(back).toBeInstanceOf(error.constructor)
    expect(back).toStrictEqual(error)
    expect(back.message).toBe(error.message)
  }, runs())

  it("encodes durations as milliseconds and times as ISO-8601 UTC", () => {
    expect(encode(new Errors.Banned({ source, retryAfter: Duration.seconds(120), until: at }))).toStrictEqual({
      _tag: "Banned",
      source,
      retryAfter: 120_000,
      until: "2023-08-15T09:47:01Z"
    })
  })

  it("rejects an unknown tag or a missing source", () => {
    expect(() => decode({ _tag: "Teapot", source })).toThrow()
    expect(() => decode({ _tag: "Unauthorized" })).toThrow()
  })
})
