/**
 * What `ledgerkit sync` does once its options are parsed (loaded on demand by
 * SyncCommand).
 */
import { Database, Sync } from "@ledgerkit/sync"
import { DateTime, Duration, Effect, Either, Layer, Option, Schedule } from "effect"
import { InvalidInput } from "../Failure.js"
import * as Input from "../Input.js"
import * as Progress from "../Progress.js"
import { reported } from "./reported.js"
import { ledgerLayer, renderFailure, summary } from "../SyncCommand.js"

const describeSource = (s: Sync.SourceReport) =>
  s.outcome === "skipped"
    ? `${s.source}: skipped (another sync holds it)`
    : `${s.source}: ${s.inserted} new, ${s.changed} changed, ${s.unchanged} unchanged over [${DateTime.formatIso(s.from)}, ${
      DateTime.formatIso(s.to)
    })`

export interface Raw {
  readonly db: string
  readonly account: string
  readonly source: string
  readonly since: Option.Option<string>
  readonly once: boolean
  readonly every: Option.Option<string>
  readonly lock: "wait" | "skip"
  readonly window: string
  readonly mock: Option.Option<string>
}

const parse = (raw: Raw) =>
  Effect.gen(function*() {
    if (raw.once && Option.isSome(raw.every)) {
      return yield* new InvalidInput({ reason: "--once and --every exclude each other" })
    }
    const sources = yield* Input.parseSources(raw.source)
    const start = yield* Option.match(raw.since, {
      onNone: () => Effect.map(DateTime.now, (now) => DateTime.subtract(now, { days: 90 })),
      onSome: (text) => Input.parseTime("--since", text)
    })
    const every = yield* Option.match(raw.every, {
      onNone: () => Either.right(Option.none<Duration.Duration>()),
      onSome: (text) =>
        Either.map(
          Either.mapLeft(Input.parseWindow(text), () =>
            new InvalidInput({ reason: `--every: expected a duration of at least 1 second such as "1 hour", received ${JSON.stringify(text)}` })),
          Option.some
        )
    })
    const window = yield* Input.parseWindow(raw.window)
    const mockUrl = yield* Option.match(raw.mock, {
      onNone: () => Either.right(Option.none<string>()),
      onSome: (url) => Either.map(Input.parseMock(url), Option.some)
    })
    if (raw.account.trim() === "") return yield* new InvalidInput({ reason: "--account: the name is empty" })
    return { sources, start, every, window, mockUrl }
  })

export const handler = (raw: Raw) =>
  Effect.gen(function*() {
    const progress = yield* Progress.Progress
    const input = yield* parse(raw)
    const where = Database.describe(raw.db)
    const runOnce = Effect.gen(function*() {
      const sync = yield* Sync.Sync
      const report = yield* sync.run({
        account: raw.account,
        since: input.start,
        sources: input.sources === "all" ? undefined : input.sources,
        window: input.window,
        lock: raw.lock,
        onEvent: (event) => {
          switch (event._tag) {
            case "Batch":
              return progress.records(event.source, event.counts.inserted + event.counts.changed + event.counts.unchanged)
            case "Started":
              return Effect.void
            case "Skipped":
              return progress.note(`${event.source}: another sync holds it; skipped`)
          }
        }
      })
      yield* progress.done
      for (const s of report.sources) yield* progress.note(describeSource(s))
      yield* progress.note(summary(report, where))
    })
    const layer = Sync.layer().pipe(
      Layer.provide(Layer.merge(
        Database.layer(raw.db),
        ledgerLayer(input.mockUrl).pipe(Layer.provide(Progress.layerHttpClient))
      ))
    )
    const loop = Option.match(input.every, {
      onNone: () => runOnce,
      onSome: (interval) =>
        // A failed run is reported; the next one comes after the interval.
        runOnce.pipe(
          Effect.catchAll((error) => progress.note(renderFailure(error).line)),
          Effect.repeat(Schedule.spaced(interval)),
          Effect.asVoid
        )
    })
    yield* Effect.provide(loop, layer)
  }).pipe(
    Effect.catchAll(reported(renderFailure))
  )

