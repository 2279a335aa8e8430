/**
 * The five provider walks against the mock's testkit while its data moves (seeded churn:
 * records arrive at the mock's now, pending ones settle, amounts are corrected, records
 * are removed; UM income's retention moves with the clock). Time passes between requests
 * (each answer is followed by a drawn pause on the `TestClock`, which the mock reads too),
 * so the data moves under the walk. Checked against the mock's truth
 * (`admin.records` before and after, and its `changes` view), a walk either
 *
 * - delivers every record that was present, served and unchanged in the covered range
 *   for the whole walk, each exactly once, with its exact amount; a record that changed
 *   (or arrived) at most once; nothing that was never there; nothing outside the range;
 * - or fails with `IncompletePagination` (or `HistoryUnavailable` for a UM income range
 *   that starts before the retention): never a short history as success.
 */
import { FetchHttpClient, HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import type { Churn, Settings } from "@ledgerkit/mock-server"
import { Arbitraries, Testkit } from "@ledgerkit/mock-server"
import { Cause, Chunk, DateTime, Effect, Either, Exit, FastCheck as fc, Stream, TestClock } from "effect"
import * as History from "../src/binance/History.js"
import type { Ask, ChurnWalk, Row, TruthRow } from "./churnWalks.js"
import * as Walks from "./churnWalks.js"
import { propOptions } from "./httpStub.js"
import { driveClock } from "./mockSupport.js"

/** Runs per walk unless `LEDGERKIT_PROP_RUNS` says otherwise: the whole file then takes 10 to 16 s here. */
const RUNS = 8
const span = 3_600_000
// 2023-05-01 is 89 days after 2023-02-01: the client's retention edge is the mock's.
const bases = fc.constantFrom(Date.UTC(2023, 4, 1, 12), Date.UTC(2024, 5, 1))
// Per minute of mock time: enough that a walk of a few minutes sees records move, not so
// many that nothing stays put for a whole walk.
const maxRates = { arrive: 120, settle: 60, correct: 30, remove: 30 } as const

interface Plan {
  readonly t0: number
  readonly records: ReadonlyArray<unknown>
  readonly ask: Ask
  readonly settings: Settings.Patch
  readonly churn: Churn.Spec
  /** Mock milliseconds between an answer and the next request, used in turn. */
  readonly pauses: ReadonlyArray<number>
}

const planOf = (walk: ChurnWalk): fc.Arbitrary<Plan> =>
  fc.record({
    t0: fc.tuple(bases, fc.integer({ min: 0, max: 1999 })).map(([b, ms]) => b + ms),
    // UM income: half the runs walk from its retention edge, which moves during the walk.
    atEdge: walk.id === "binance.um-income" ? fc.boolean() : fc.constant(false),
    a: fc.integer({ min: 0, max: span - 1 }).noBias(),
    length: fc.integer({ min: 1, max: span + 120_000 }).noBias(),
    pageSize: fc.integer(walk.pageSizes),
    state: walk.states ?? fc.constant(undefined),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    rates: fc.record(Object.fromEntries(walk.kinds.map((k) => [k, fc.integer({ min: 0, max: maxRates[k] })]))),
    pauses: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 })
  }).chain(({ a, atEdge, length, pageSize, pauses, rates, seed, state, t0 }) => {
    // At the edge: the records around the client's earliest time, the range from near it.
    const anchor = atEdge ? DateTime.toEpochMillis(History.defaultEarliest(DateTime.unsafeMake(t0))) + span / 2 : t0
    const from = atEdge ? anchor - span / 2 - 60_000 + (a % (span / 2)) : anchor - span + a
    return fc.record({ records: walk.records(anchor, span), settings: walk.settings(pageSize) }).map(({ records, settings }) => ({
      t0,
      records,
      ask: { from, to: from + length, pageSize, state },
      settings,
      churn: { seed, endpoints: { [walk.id]: rates } },
      pauses
    }))
  })

/** `FetchHttpClient`, pausing on the clock after each answer, counting requests. */
const pacedFetch = (pauses: ReadonlyArray<number>) => {
  const counter = { requests: 0 }
  const client = Effect.map(HttpClient.HttpClient, (http) =>
    HttpClient.tap(http, () => Effect.sleep(pauses[counter.requests++ % pauses.length]))).pipe(
      Effect.provide(FetchHttpClient.layer)
    )
  return { counter, client }
}

/** What one run saw. */
interface Outcome {
  readonly requests: number
  /** The failure's tag, if the walk failed (typed). */
  readonly failed?: string | undefined
  readonly delivered: number
  /** Changes during a complete walk to records inside its covered range. */
  readonly changesInRange: number
}

const typedFailures = new Set(["IncompletePagination", "HistoryUnavailable"])

/** What the mock served before and after the walk, and what changed in between. */
interface Truth {
  readonly before: ReadonlyArray<TruthRow>
  readonly after: ReadonlyMap<string, TruthRow>
  readonly changed: ReadonlySet<string>
  /** The mock's clock when the walk ended. */
  readonly end: number
}

/** Checks what a complete walk delivered against the truth; the number of changes it had to cope with. */
const verify = (walk: ChurnWalk, plan: Plan, truth: Truth, delivered: ReadonlyArray<Row>): number => {
  const lo = plan.ask.from
  const hi = walk.lastCovered(plan.ask, plan.t0)
  const covers = (t: number) => t >= lo && t <= hi
  const matches = (r: TruthRow) => walk.matches?.(r, plan.ask) ?? true
  const { after, before, changed, end } = truth
  const first = new Map(before.map((r) => [r.id, r]))
  // Present, served and unchanged in the range for the whole walk: each must come once.
  const expected = before.filter((r) => !changed.has(r.id) && after.has(r.id) && r.served(end) && covers(r.time) && matches(r))
  const context = `t0 ${plan.t0}, ask ${JSON.stringify(plan.ask)}, churn ${JSON.stringify(plan.churn)}, pauses ${
    JSON.stringify(plan.pauses)
  }, settings ${JSON.stringify(plan.settings)}`
  const ids = delivered.map((r) => r.id)
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), `delivered twice (${context})`).toEqual([])
  const got = new Set(ids)
  expect(expected.filter((r) => !got.has(r.id)).map((r) => r.id), `lost (${context})`).toEqual([])
  for (const row of delivered) {
    expect(covers(row.time), `${row.id} at ${row.time} is outside [${lo}, ${hi}] (${context})`).toBe(true)
    if (changed.has(row.id)) continue
    const served = first.get(row.id)
    if (served === undefined) return expect.fail(`${row.id} was never in the dataset (${context})`)
    expect(row, `${row.id} is not as served (${context})`).toEqual({ id: served.id, time: served.time, amount: served.amount })
    expect(matches(served), `${row.id} does not match the filter (${context})`).toBe(true)
  }
  return Array.from(changed).filter((id) => {
    const r = first.get(id) ?? after.get(id)
    return r !== undefined && covers(r.time)
  }).length
}

/** One run: the dataset and settings, churn from the walk's start, the walk, the check. */
const checkRun = (walk: ChurnWalk, plan: Plan): Effect.Effect<Outcome, unknown> =>
  Effect.gen(function*() {
    yield* TestClock.setTime(plan.t0)
    const mock = yield* Testkit.MockServer
    yield* mock.state.setRecords(walk.id, plan.records as never)
    yield* mock.state.patchSettings(plan.settings)
    const before = (yield* mock.admin.records(walk.id)).map(walk.truth)
    yield* mock.admin.churn(plan.churn)

    const paced = pacedFetch(plan.pauses)
    const http = yield* paced.client
    const result = yield* driveClock(
      Effect.either(Stream.runCollect(walk.walk(mock, plan.ask)).pipe(Effect.provideService(HttpClient.HttpClient, http)))
    )
    const end = DateTime.toEpochMillis(yield* DateTime.now)
    const changed = new Set((yield* mock.admin.changes(walk.id)).map((c) => c.identity))
    const after = new Map((yield* mock.admin.records(walk.id)).map(walk.truth).map((r) => [r.id, r]))
    const requests = paced.counter.requests
    if (Either.isLeft(result)) {
      const tag = result.left._tag
      expect(typedFailures.has(tag), `${tag}: ${result.left.message}`).toBe(true)
      return { requests, failed: tag, delivered: 0, changesInRange: 0 }
    }
    const delivered = Chunk.toReadonlyArray(result.right)
    const changesInRange = verify(walk, plan, { before, after, changed, end }, delivered)
    return { requests, delivered: delivered.length, changesInRange }
  }).pipe(Effect.provide(Testkit.layer()))

// Each run costs about 0.1 to 0.5 s over HTTP; a failure is reported as found (its plan
// replays it: fast-check prints the seed), not shrunk through more walks over HTTP.
const options = (() => {
  const base = propOptions(RUNS)
  return { ...base, fastCheck: { ...base.fastCheck, endOnFailure: true } }
})()

/** A plan with no churn over a generated dataset, for checking the check. */
const stillPlan = (walk: ChurnWalk): Plan => {
  const t0 = Date.UTC(2024, 5, 1)
  return {
    t0,
    records: Arbitraries.generate({ seed: 3, rows: 40, anchor: t0 }).tables[walk.id].records,
    ask: { from: t0 - 90 * 86_400_000, to: t0, pageSize: 50 },
    settings: {},
    churn: { seed: 0, endpoints: {} },
    pauses: [1000]
  }
}

/** A fixed busy plan: 150 records in the hour, every kind of churn at its most. */
const busyPlan = (walk: ChurnWalk): Plan => {
  const t0 = Date.UTC(2024, 5, 1)
  const arbitrary: fc.Arbitrary<ReadonlyArray<unknown>> = Arbitraries.recordsOf[walk.id]({ rows: 150, anchor: t0, spanMillis: span })
  const [records] = fc.sample(arbitrary, { seed: 42, numRuns: 1 })
  return {
    t0,
    records,
    // Clear of the span's first and last instants, where the arbitraries gather dozens of
    // records (a second that keeps moving while walked page by page fails, typed).
    ask: { from: t0 - span + 5000, to: t0 - 5000, pageSize: Math.ceil((walk.pageSizes.min + walk.pageSizes.max) / 2) },
    settings: {},
    churn: { seed: 7, endpoints: { [walk.id]: Object.fromEntries(walk.kinds.map((k) => [k, maxRates[k]])) } },
    pauses: [5000]
  }
}

describe.sequential("the walks while the mock's data moves", () => {
  for (const walk of Walks.all) {
    it.effect.prop(
      `${walk.id}: every record present for the whole walk exactly once, or a typed failure`,
      [planOf(walk)],
      ([plan]) => Effect.asVoid(checkRun(walk, plan)),
      options
    )

    // Not vacuous: a walk of many requests completes while records move inside its range.
    it.effect(`${walk.id}: a busy walk completes exactly once while records move inside its range`, () =>
      Effect.gen(function*() {
        const outcome = yield* checkRun(walk, busyPlan(walk))
        expect(outcome.failed).toBeUndefined()
        expect(outcome.requests).toBeGreaterThanOrEqual(3)
        expect(outcome.delivered).toBeGreaterThan(20)
        expect(outcome.changesInRange).toBeGreaterThan(3)
      }))
  }

  // The check itself: a walk that drops or repeats a record does not pass.
  it.effect("a walk that loses a record, or delivers one twice, fails the check", () =>
    Effect.gen(function*() {
      const walk = Walks.zenlayer
      const plan = stillPlan(walk)
      const honest = yield* checkRun(walk, plan)
      expect(honest.delivered).toBeGreaterThan(1)
      const lossy = yield* Effect.exit(checkRun({ ...walk, walk: (m, a) => Stream.drop(walk.walk(m, a), 1) }, plan))
      const twice = yield* Effect.exit(checkRun({ ...walk, walk: (m, a) => Stream.flatMap(walk.walk(m, a), (r) => Stream.make(r, r)) }, plan))
      expect(Exit.isFailure(lossy) && Cause.pretty(lossy.cause)).toContain("lost")
      expect(Exit.isFailure(twice) && Cause.pretty(twice.cause)).toContain("delivered twice")
    }))
})
