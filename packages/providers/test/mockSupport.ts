/**
 * Helpers for tests against the mock server's testkit: a real fetch client that also
 * records what it sends, a driver that moves the `TestClock` whenever the program under
 * test is asleep on it, and a logger that keeps every line.
 */
import { FetchHttpClient, HttpClient, type HttpClientRequest } from "@effect/platform"
import { expect } from "@effect/vitest"
import { Chunk, Clock, Effect, Exit, Fiber, Layer, Logger, LogLevel, Option, TestClock, TestServices } from "effect"

/** `FetchHttpClient`, recording each request it sends. */
export const recordingFetch = () => {
  const sent: Array<HttpClientRequest.HttpClientRequest> = []
  const layer = Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) => HttpClient.tapRequest(client, (r) => Effect.sync(() => sent.push(r))))
  ).pipe(Layer.provide(FetchHttpClient.layer))
  return { sent, layer }
}

/**
 * Runs `effect`, advancing the `TestClock` to the next pending sleep whenever the
 * program waits on it (backoff, Retry-After, budget windows), and otherwise letting real
 * I/O proceed. Deterministic: time moves only when something sleeps on it.
 *
 * Sleeps further than `horizon` away are never jumped to: a request's own timeout is
 * pending while it is in flight, and must not fire because the test moved time. Give
 * clients a timeout longer than the horizon.
 */
export const driveClock = <A, E, R>(effect: Effect.Effect<A, E, R>, horizon = 120_000): Effect.Effect<A, E, R> =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    while (true) {
      // Wait (in real time, briefly) for the program to finish or to fall asleep.
      const exit = yield* TestServices.provideLive(Effect.timeout(Fiber.await(fiber), "3 millis")).pipe(Effect.option)
      if (Option.isSome(exit)) return yield* Exit.match(exit.value, { onFailure: Effect.failCause, onSuccess: Effect.succeed })
      const now = yield* Clock.currentTimeMillis
      const next = Chunk.reduce(yield* TestClock.sleeps(), Number.POSITIVE_INFINITY, (a, b) => Math.min(a, b))
      if (next - now <= horizon) yield* TestClock.adjust(Math.max(1, next - now))
    }
  })

/** A client timeout beyond `driveClock`'s horizon. */
export const undrivenTimeout = "1 hour"

/** Every log line at every level, as text, while `effect` runs. */
export const capturingLogs = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const lines: Array<string> = []
    const logger = Logger.make((options) => {
      lines.push(Logger.logfmtLogger.log(options))
    })
    const exit = yield* effect.pipe(
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Logger.withMinimumLogLevel(LogLevel.All),
      Effect.exit
    )
    return { exit, lines }
  })

/** None of `secrets` appears in any of `texts` (error messages, JSON, log lines). */
export const expectNoSecrets = (texts: ReadonlyArray<string>, secrets: ReadonlyArray<string>): void => {
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret)
  }
}
