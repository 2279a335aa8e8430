import { describe, expect, it } from "@effect/vitest"
import { Clock, DateTime, Duration, Effect, Either, FastCheck as fc, TestClock } from "effect"
import * as Errors from "../src/Errors.js"
import * as Retry from "../src/Retry.js"
import { finished, runs, sharedClock } from "./support.js"

const source = "binance.um-income"

/**
 * An effect that fails with `errors[i]` on attempt i and then succeeds, recording the
 * (TestClock) time of every attempt.
 */
const failingWith = (errors: ReadonlyArray<Errors.LedgerError>) => {
  const attempts: Array<number> = []
  const effect = Effect.flatMap(Clock.currentTimeMillis, (now) => {
    attempts.push(now)
    const error = errors[attempts.length - 1]
    return error === undefined ? Effect.succeed("done") : Effect.fail(error)
  })
  return { attempts, effect }
}

describe("Retry", () => {
  it.effect("a RateLimited with Retry-After 30 s is not retried before 30 s", () =>
    Effect.gen(function*() {
      const { attempts, effect } = failingWith([new Errors.RateLimited({ source, retryAfter: Duration.seconds(30) })])
      const fiber = yield* Effect.fork(Retry.retry()(effect))
      yield* TestClock.adjust("29 seconds")
      expect(attempts.length).toBe(1)
      yield* TestClock.adjust("999 millis")
      expect(attempts.length).toBe(1)
      yield* TestClock.adjust("1 millis")
      expect(attempts).toStrictEqual([0, 30_000])
      expect(yield* finished(fiber)).toBe("done")
    }))

  it.effect("Unavailable is retried with jittered exponential backoff, then gives up with the last error", () =>
    Effect.gen(function*() {
      const errors = Array.from({ length: 10 }, (_, i) => new Errors.Unavailable({ source, reason: `attempt ${i + 1}` }))
      const { attempts, effect } = failingWith(errors)
      const fiber = yield* Effect.fork(Effect.either(Retry.retry({ maxRetries: 4, base: "1 second" })(effect)))
      yield* TestClock.adjust("1 hour")
      const result = yield* finished(fiber)
      // 1 attempt + 4 retries; the error is the fifth one.
      expect(attempts.length).toBe(5)
      expect(result).toStrictEqual(Either.left(errors[4]))
      attempts.slice(1).forEach((at, i) => {
        const gap = at - attempts[i]
        expect(gap).toBeGreaterThanOrEqual(0.8 * 1000 * 2 ** i)
        expect(gap).toBeLessThanOrEqual(1.2 * 1000 * 2 ** i)
      })
    }))

  it.effect("backoff is capped at maxBackoff, but a longer Retry-After still wins", () =>
    Effect.gen(function*() {
      const errors = [
        new Errors.Unavailable({ source, reason: "502" }),
        new Errors.Unavailable({ source, reason: "502" }),
        new Errors.Unavailable({ source, reason: "502" }),
        new Errors.RateLimited({ source, retryAfter: Duration.minutes(2) })
      ]
      const { attempts, effect } = failingWith(errors)
      const fiber = yield* Effect.fork(Retry.retry({ base: "10 seconds", maxBackoff: "15 seconds" })(effect))
      yield* TestClock.adjust("1 hour")
      expect(yield* finished(fiber)).toBe("done")
      const gaps = attempts.slice(1).map((at, i) => at - attempts[i])
      expect(gaps[0]).toBeGreaterThanOrEqual(8_000)
      expect(gaps[1]).toBe(15_000)
      expect(gaps[2]).toBe(15_000)
      expect(gaps[3]).toBe(120_000)
    }))

  const neverRetried: ReadonlyArray<Errors.LedgerError> = [
    new Errors.Unauthorized({ source, status: 401, providerCode: -2015 }),
    new Errors.InvalidRequest({ source, reason: "bad window", local: false, providerCode: -1127 }),
    Errors.InvalidRequest.localFailure(source, "from after to"),
    new Errors.ClockSkew({ source, providerCode: -1021 }),
    new Errors.MalformedResponse({ source, reason: "not JSON", excerpt: "<html>" }),
    new Errors.HistoryUnavailable({ source, requestedFrom: DateTime.unsafeMake(0), earliest: DateTime.unsafeMake(1), reason: "3 months" }),
    new Errors.IncompletePagination({ source, reason: "dense" }),
    new Errors.Banned({ source, retryAfter: Duration.minutes(2) })
  ]

  it.effect.each(neverRetried.map((e) => [e._tag, e] as const))("%s is tried exactly once", ([, error]) =>
    Effect.gen(function*() {
      const { attempts, effect } = failingWith([error])
      const fiber = yield* Effect.fork(Effect.either(Retry.retry({ maxRetries: 5 })(effect)))
      yield* TestClock.adjust("1 day")
      expect(yield* finished(fiber)).toStrictEqual(Either.left(error))
      expect(attempts).toStrictEqual([0])
    }))

  it.effect("a ban shorter than waitOutBansUpTo is waited out; a longer or open-ended one stops", () =>
    Effect.gen(function*() {
      const short = failingWith([new Errors.Banned({ source, retryAfter: Duration.minutes(2) })])
      const waited = yield* Effect.fork(Retry.retry({ waitOutBansUpTo: "5 minutes" })(short.effect))
      yield* TestClock.adjust("119 seconds")
      expect(short.attempts.length).toBe(1)
      yield* TestClock.adjust("1 second")
      expect(yield* finished(waited)).toBe("done")
      expect(short.attempts).toStrictEqual([0, 120_000])

      for (const ban of [new Errors.Banned({ source, retryAfter: Duration.minutes(10) }), new Errors.Banned({ source })]) {
        const long = failingWith([ban])
        const stopped = yield* Effect.fork(Effect.either(Retry.retry({ waitOutBansUpTo: "5 minutes" })(long.effect)))
        yield* TestClock.adjust("1 hour")
        expect(yield* finished(stopped)).toStrictEqual(Either.left(ban))
        expect(long.attempts.length).toBe(1)
      }
    }))

  it("isRetried and retryAfterOf", () => {
    expect(Retry.isRetried()(new Errors.RateLimited({ source }))).toBe(true)
    expect(Retry.isRetried()(new Errors.Unavailable({ source, reason: "reset" }))).toBe(true)
    expect(Retry.isRetried()(new Errors.Unauthorized({ source }))).toBe(false)
    expect(Duration.toMillis(Retry.retryAfterOf(new Errors.RateLimited({ source, retryAfter: Duration.seconds(3) }))))
      .toBe(3000)
    expect(Duration.toMillis(Retry.retryAfterOf(new Errors.Unavailable({ source, reason: "reset" })))).toBe(0)
  })

  const anyError: fc.Arbitrary<Errors.LedgerError> = fc.oneof(
    fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }).map((ms) =>
      new Errors.RateLimited({ source, retryAfter: ms === undefined ? undefined : Duration.millis(ms) })
    ),
    fc.constant(new Errors.Unavailable({ source, reason: "503" })),
    fc.constant(new Errors.Unauthorized({ source })),
    fc.constant(new Errors.InvalidRequest({ source, reason: "bad", local: false })),
    fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: undefined }).map((ms) =>
      new Errors.Banned({ source, retryAfter: ms === undefined ? undefined : Duration.millis(ms) })
    )
  )

  sharedClock("retry property", (it) => {
    it.effect.prop(
      "retries exactly the retryable errors, at most maxRetries times, never sooner than Retry-After",
      [
        fc.array(anyError, { maxLength: 5 }),
        fc.record({
          maxRetries: fc.integer({ min: 0, max: 4 }),
          waitOutBansUpTo: fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: undefined })
        })
      ],
      ([errors, { maxRetries, waitOutBansUpTo }]) =>
        Effect.gen(function*() {
          const options = { maxRetries, waitOutBansUpTo, base: "100 millis", maxBackoff: "2 seconds" } as const
          const { attempts, effect } = failingWith(errors)
          const fiber = yield* Effect.fork(Effect.either(Retry.retry(options)(effect)))
          yield* TestClock.adjust("1 day")
          const result = yield* finished(fiber)

          // The spec, written out: stop at the first error that is not retried or that
          // finds no retries left.
          const retried = (e: Errors.LedgerError) =>
            e._tag === "RateLimited" || e._tag === "Unavailable" ||
            (e._tag === "Banned" && e.retryAfter !== undefined && waitOutBansUpTo !== undefined &&
              Duration.toMillis(e.retryAfter) <= waitOutBansUpTo)
          const stop = errors.findIndex((e, i) => !retried(e) || i === maxRetries)
          expect(result).toStrictEqual(stop === -1 ? Either.right("done") : Either.left(errors[stop]))
          expect(attempts.length).toBe(stop === -1 ? errors.length + 1 : stop + 1)

          attempts.slice(1).forEach((at, i) => {
            const retryAfter = Duration.toMillis(Retry.retryAfterOf(errors[i]))
            const backoff = Math.min(1.2 * 100 * 2 ** i, 2000)
            expect(at - attempts[i]).toBeGreaterThanOrEqual(retryAfter)
            expect(at - attempts[i]).toBeLessThanOrEqual(Math.max(retryAfter, backoff))
          })
        }),
      runs()
    )
  })
})
