/**
 * Helpers for tests against the mock server's testkit: a real fetch client that also
 * records what it sends, a driver that moves the `TestClock` whenever the program under
 * test is asleep on it, and a logger that keeps every line.
 */
import { FetchHttpClient, HttpClient, type HttpClientRequest } from "@effect/platform"
import { expect } from "@effect/vitest"
import { type Faults, Testkit } from "@ledgerkit/mock-server"
import { Chunk, Clock, DateTime, Effect, Either, Exit, Fiber, Layer, Logger, LogLevel, Option, Stream, TestClock, TestServices } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import type * as Source from "../src/Source.js"

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

/**
 * One injected fault and what a walk must do under it: deliver exactly what a fault-free
 * walk delivers, or fail with `tag` after a single request (no retry).
 */
export interface FaultCase {
  readonly name: string
  readonly kind: Faults.Kind
  readonly times: number
  readonly outcome: { readonly _tag: "Survives" } | { readonly _tag: "Fails"; readonly tag: string }
}

const survives = { _tag: "Survives" } as const

/** The faults of the mock, as each provider's walk must take them. */
export const faultCases: ReadonlyArray<FaultCase> = [
  { name: "429 with Retry-After 5 s, twice", kind: { _tag: "TooManyRequests", retryAfterSeconds: 5 }, times: 2, outcome: survives },
  { name: "500, twice", kind: { _tag: "ServerError", status: 500 }, times: 2, outcome: survives },
  { name: "503, twice", kind: { _tag: "ServerError", status: 503 }, times: 2, outcome: survives },
  { name: "connection reset, twice", kind: { _tag: "Reset" }, times: 2, outcome: survives },
  { name: "truncated body", kind: { _tag: "Truncated" }, times: 1, outcome: survives },
  { name: "a 3 s delay", kind: { _tag: "Delay", millis: 3000 }, times: 1, outcome: survives },
  { name: "418 ban", kind: { _tag: "Banned", retryAfterSeconds: 120 }, times: 1, outcome: { _tag: "Fails", tag: "Banned" } },
  { name: "malformed JSON", kind: { _tag: "MalformedJson" }, times: 1, outcome: { _tag: "Fails", tag: "MalformedResponse" } }
]

/**
 * Walks once without faults (the baseline), then with `fault` set on `endpoint`, and
 * checks the outcome against the mock's journal: the same entries and one request more
 * per fault when it survives (each retry after a 429 no sooner than its Retry-After), or
 * the typed error after exactly one request.
 */
export const checkFault = <E extends { readonly _tag: string }, R>(
  endpoint: Faults.Spec["endpoint"],
  walk: Effect.Effect<ReadonlyArray<string>, E, R>,
  fault: FaultCase
) =>
  Effect.gen(function*() {
    const mock = yield* Testkit.MockServer
    const baseline = yield* driveClock(walk)
    const requests = (yield* mock.admin.journal({ endpoint })).length
    expect(requests).toBeGreaterThan(1)
    yield* mock.admin.clearJournal
    yield* mock.admin.setFault({ endpoint, kind: fault.kind, times: fault.times })
    const result = yield* Effect.either(driveClock(walk))
    const journal = yield* mock.admin.journal({ endpoint })
    if (fault.outcome._tag === "Survives") {
      expect(Either.getOrThrow(result)).toEqual(baseline)
      // A delayed answer is still the answer; every other fault costs one more request.
      expect(journal).toHaveLength(requests + (fault.kind._tag === "Delay" ? 0 : fault.times))
      const wait = fault.kind._tag === "TooManyRequests" ? (fault.kind.retryAfterSeconds ?? 0) * 1000 : 0
      journal.forEach((entry, i) => {
        if (entry.fault !== null && i + 1 < journal.length) {
          expect(journal[i + 1].time - entry.time).toBeGreaterThanOrEqual(wait)
        }
      })
    } else {
      const error = Either.match(result, { onLeft: (e) => e._tag, onRight: () => "none" })
      expect(error).toBe(fault.outcome.tag)
      expect(journal).toHaveLength(1)
    }
  })

/** How many answers of the mock's journal for `endpoint` had this status. */
export const answeredWith = (endpoint: Faults.Spec["endpoint"], status: number) =>
  Effect.flatMap(Testkit.MockServer, (mock) =>
    Effect.map(mock.admin.journal({ endpoint }), (entries) => entries.filter((e) => e.status === status).length))

/** The ids a service's source delivers over the 90 days before `anchor` (a generated dataset's span). */
export const walkSource = <E>(
  service: Effect.Effect<{ readonly source: Source.Source }, E, HttpClient.HttpClient>,
  anchor: number
) =>
  Effect.gen(function*() {
    const { source } = yield* Effect.provide(service, recordingFetch().layer)
    const entries = yield* Stream.runCollect(source.entries({
      from: DateTime.unsafeMake(anchor - 90 * 86_400_000),
      to: DateTime.unsafeMake(anchor)
    }))
    return Chunk.toReadonlyArray(entries).map((e) => e.id)
  })

const testDir = Path.dirname(fileURLToPath(import.meta.url))

/** The first ```ts block under the README heading `## <section>`. */
export const readmeExample = (section: string): string => {
  const readme = Fs.readFileSync(Path.join(testDir, "..", "README.md"), "utf8")
  const start = readme.indexOf(`\n## ${section}\n`)
  if (start < 0) throw new Error(`README.md has no "## ${section}" section`)
  const match = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))
  if (match === null) throw new Error(`README.md has no \`\`\`ts block under ## ${section}`)
  return match[1]
}

/** A test file's text. */
export const testFile = (name: string): string => Fs.readFileSync(Path.join(testDir, name), "utf8")

/** Runs a test file with tsx, in a child process with extra environment variables. */
export const runExample = (name: string, env: Record<string, string>) =>
  Effect.async<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }>((resume) => {
    const tsx = Path.join(testDir, "..", "..", "..", "node_modules", ".bin", "tsx")
    const child = ChildProcess.execFile(
      tsx,
      [Path.join(testDir, name)],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resume(Effect.succeed({ code: error === null ? 0 : (child.exitCode ?? 1), stdout, stderr }))
    )
  })
