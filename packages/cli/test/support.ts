/**
 * Test helpers: in-memory sources, a progress sink that keeps its lines, a client that
 * counts (and refuses) every request, output parsers, and a driver for the TestClock.
 */
import { HttpClient, HttpClientError } from "@effect/platform"
import { Amount, type Errors, LedgerEntry } from "@ledgerkit/core"
import type * as Source from "@ledgerkit/providers/Source"
import { Chunk, Clock, Console, DateTime, Effect, Exit, Fiber, Layer, Option, Stream, TestClock, TestServices } from "effect"
import * as Progress from "../src/Progress.js"

/** How many runs each property gets (`LEDGERKIT_PROP_RUNS`, modest by default). */
export const propRuns = (fallback: number): number => {
  const raw = process.env.LEDGERKIT_PROP_RUNS
  return raw === undefined || raw === "" ? fallback : Math.max(1, Number(raw))
}

export const entry = (source: string, id: string, millis: number, amount = "1.5"): LedgerEntry.LedgerEntry =>
  new LedgerEntry.LedgerEntry({
    source,
    id,
    time: DateTime.unsafeMake(millis),
    kind: "payment",
    providerType: "TEST",
    asset: "USDT",
    amount: Amount.unsafe(amount),
    status: "succeeded",
    references: { note: `a "quoted", comma\nand a line break ${id}` },
    original: { id, amount: Amount.unsafe(amount), at: DateTime.unsafeMake(millis) }
  })

/** A source answering from memory in a scrambled order, recording each range asked. */
export interface FakeSource {
  readonly source: Source.Source
  readonly asked: Array<readonly [number, number]>
  /** Makes the next request for a window starting at or after `from` fail once. */
  readonly failOnceFrom: (from: number, error: Errors.LedgerError) => void
  /** Drops a failure that has not happened yet. */
  readonly heal: () => void
}

export const fakeSource = (id: Source.SourceId, all: ReadonlyArray<LedgerEntry.LedgerEntry>): FakeSource => {
  const asked: Array<readonly [number, number]> = []
  let failure: { readonly from: number; readonly error: Errors.LedgerError } | undefined
  const source: Source.Source = {
    id,
    entries: (range) =>
      Stream.suspend(() => {
        const lo = DateTime.toEpochMillis(range.from)
        const hi = DateTime.toEpochMillis(range.to)
        asked.push([lo, hi])
        const inRange = all.filter((e) => {
          const t = DateTime.toEpochMillis(e.time)
          return t >= lo && t < hi
        })
        // Newest first: no order is promised, so the Ledger must sort.
        const unordered = [...inRange].reverse()
        if (failure !== undefined && lo >= failure.from) {
          const error = failure.error
          failure = undefined
          return Stream.concat(Stream.fromIterable(unordered.slice(0, 1)), Stream.fail(error))
        }
        return Stream.fromIterable(unordered).pipe(Stream.rechunk(2))
      })
  }
  return {
    source,
    asked,
    failOnceFrom: (from, error) => {
      failure = { from, error }
    },
    heal: () => {
      failure = undefined
    }
  }
}

/** Progress whose lines are kept (as a non-terminal stderr would show them). */
export const capturedProgress = () => {
  const lines: Array<string> = []
  let pending = ""
  const layer = Layer.effect(
    Progress.Progress,
    Progress.make({
      tty: false,
      interval: "1 hour",
      write: (text) =>
        Effect.sync(() => {
          const parts = (pending + text).split("\n")
          pending = parts.pop() ?? ""
          lines.push(...parts)
        })
    })
  )
  return { lines, layer }
}

/** A client that refuses every request, counting them: for proving nothing was sent. */
export const countingClient = () => {
  const sent: Array<string> = []
  const layer = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() => sent.push(request.url)).pipe(
        Effect.zipRight(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", description: "refused by the test" })))
      )
    )
  )
  return { sent, layer }
}

/** The lines written with `Console.log` while `effect` runs (help, @effect/cli errors). */
export const capturingConsole = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Console.consoleWith((console) => {
    const lines: Array<string> = []
    const keep = (...args: ReadonlyArray<unknown>) => Effect.sync(() => void lines.push(args.map(String).join(" ")))
    const capturing: Console.Console = { ...console, log: keep, error: keep }
    return Effect.map(Effect.exit(Console.withConsole(effect, capturing)), (exit) => ({ exit, lines }))
  })

/** RFC 4180 CSV: rows of fields (quoted fields may hold commas, quotes and line breaks). */
export const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === "\"" && text[i + 1] === "\"") {
        field += "\""
        i++
      } else if (c === "\"") quoted = false
      else field += c
    } else if (c === "\"") quoted = true
    else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      i++
    } else field += c
  }
  if (field !== "" || row.length > 0) throw new Error(`CSV ends inside a row: ${JSON.stringify(text.slice(-80))}`)
  return rows
}

/** NDJSON: one object per line; every line must end with a newline. */
export const parseNdjson = (text: string): Array<Record<string, unknown>> => {
  if (text !== "" && !text.endsWith("\n")) throw new Error("NDJSON does not end with a newline")
  return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>)
}

/** `source/id` of each output record, in output order. */
export const keysOf = (format: "ndjson" | "csv", text: string): Array<string> =>
  format === "ndjson"
    ? parseNdjson(text).map((r) => `${String(r.source)}/${String(r.id)}`)
    : parseCsv(text).slice(1).map((r) => `${r[1]}/${r[2]}`)

/**
 * Runs `effect`, moving the TestClock to the next pending sleep whenever the program
 * waits on it (budgets, backoff, Retry-After) and letting real I/O proceed otherwise.
 */
export const driveClock = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    while (true) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) return yield* Exit.match(done.value, { onFailure: Effect.failCause, onSuccess: Effect.succeed })
      const sleeps = yield* TestClock.sleeps()
      if (Chunk.isNonEmpty(sleeps)) {
        const now = yield* Clock.currentTimeMillis
        yield* TestClock.adjust(Math.max(1, Chunk.reduce(sleeps, Number.POSITIVE_INFINITY, (a, b) => Math.min(a, b)) - now))
      } else {
        yield* TestServices.provideLive(Effect.sleep("2 millis"))
      }
    }
  })
