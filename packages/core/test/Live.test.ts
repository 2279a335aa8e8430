/**
 * The engines against data that moves between any two requests (`LiveData`): inserts
 * anywhere, removals, status flips into and out of the filter, corrected times, the
 * retention edge moving, same-millisecond clusters, repeats across cursor pages, and each
 * undocumented bound read either way. The invariant is `LiveData.check`.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, DateTime, Effect, Either, FastCheck as fc, Option, Stream } from "effect"
import * as Errors from "../src/Errors.js"
import * as LiveData from "../src/LiveData.js"
import * as Pagination from "../src/Pagination.js"
import { runs } from "./support.js"

const utc = (millis: number) => DateTime.unsafeMake(millis)
const millis = DateTime.toEpochMillis
const looping = () => Effect.fail(new Errors.InvalidRequest({ source: "fake", reason: "the walk loops", local: false }))
const served = <A>(answer: A | undefined) => answer === undefined ? looping() : Effect.succeed(answer)

const walk = <E>(stream: Stream.Stream<LiveData.Record, E>) => {
  const out = Chunk.toReadonlyArray(Effect.runSync(Stream.runCollect(Stream.either(stream))))
  return {
    rows: out.filter(Either.isRight).map((e) => e.right),
    error: Option.fromNullable(out.find(Either.isLeft)?.left)
  }
}

/** The invariant, and a failure only where a unit holds more than one answer can. */
const expectInvariant = (
  store: LiveData.Store,
  result: { readonly rows: ReadonlyArray<LiveData.Record>; readonly error: Option.Option<{ readonly _tag: string }> },
  dense: { readonly unit: number; readonly widen: number; readonly capacity: number }
) => {
  expect(LiveData.check(store, result.rows, result.error)).toBeUndefined()
  if (Option.isSome(result.error)) {
    expect(store.densest(dense.unit, dense.widen)).toBeGreaterThanOrEqual(dense.capacity)
  }
}

const pageSizes = fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 60 }))
const range = (s: LiveData.Scenario) => ({ start: utc(s.from), end: utc(s.to) })
const keyOf = (r: LiveData.Record) => r.key
const timeOf = (r: LiveData.Record) => utc(r.time)

// Widened by one unit each side, then filtered: right under either reading of a bound.
const widened = (w: Pagination.Window, unit: number) => ({ start: millis(w.start) - unit, end: millis(w.end) + unit })

describe("live data: pageNumberWindows", () => {
  it.prop(
    "with or without a total, either bound reading, any order: every record of the whole walk once",
    [LiveData.scenarios({ maxSize: 300 }), pageSizes, fc.boolean(), LiveData.bounds, LiveData.listings, fc.option(fc.integer({ min: 1, max: 6 }))],
    ([scenario, pageSize, withTotal, bounds, listing, windows]) => {
      const store = new LiveData.Store(scenario)
      const result = walk(Pagination.pageNumberWindows({
        source: "live",
        range: range(scenario),
        pageSize,
        maxSpan: windows === null ? undefined : Math.ceil((scenario.to - scenario.from + 1) / windows),
        fetch: (window, page) => served(LiveData.page(store, { ...widened(window, 1), page, size: pageSize }, { bounds, listing, withTotal })),
        timeOf,
        keyOf
      }))
      expectInvariant(store, result, { unit: 1, widen: 1, capacity: pageSize })
    },
    runs()
  )
})

describe("live data: cursorWindows", () => {
  it.prop(
    "offset or keyset cursors, repeating or not, whole seconds or milliseconds: every record of the whole walk once",
    [
      fc.constantFrom(1, 1000).chain((unit) => LiveData.scenarios({ maxSize: 300, unit }).map((s) => ({ s, unit }))),
      pageSizes,
      fc.constantFrom("offset" as const, "keyset" as const),
      fc.boolean(),
      LiveData.bounds,
      LiveData.listings
    ],
    ([{ s: scenario, unit }, perPage, cursor, repeat, bounds, listing]) => {
      const store = new LiveData.Store(scenario)
      const result = walk(Pagination.cursorWindows({
        source: "live",
        range: range(scenario),
        resolution: unit,
        fetch: (window, c: Option.Option<string>) =>
          served(LiveData.cursorPage(store, { ...widened(window, unit), cursor: c }, { bounds, listing, perPage, cursor, repeat })),
        timeOf,
        keyOf
      }))
      // Dense units are walked by cursor; the walk gives up only when they keep moving.
      expectInvariant(store, result, { unit, widen: unit, capacity: perPage })
    },
    runs()
  )
})

describe("live data: cursorWindows over keyset cursors", () => {
  it.prop(
    "each window's keyset pages followed, repeating or not, whole seconds or milliseconds: every record of the whole walk once, never a failure",
    [
      fc.constantFrom(1, 1000).chain((unit) => LiveData.scenarios({ maxSize: 300, unit }).map((s) => ({ s, unit }))),
      pageSizes,
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
      LiveData.bounds,
      LiveData.listings
    ],
    ([{ s: scenario, unit }, perPage, pages, repeat, bounds, listing]) => {
      const store = new LiveData.Store(scenario)
      const result = walk(Pagination.cursorWindows({
        source: "live",
        range: range(scenario),
        resolution: unit,
        cursor: "keyset",
        // Windows of a few pages at most, so that splits happen.
        maxPages: pages,
        fetch: (window, c: Option.Option<string>) =>
          served(LiveData.cursorPage(store, { ...widened(window, unit), cursor: c }, { bounds, listing, perPage, cursor: "keyset", repeat })),
        timeOf,
        keyOf
      }))
      expect(LiveData.check(store, result.rows, result.error)).toBeUndefined()
      expect(result.error).toEqual(Option.none())
    },
    runs()
  )
})

describe("live data: timeWindows", () => {
  it.prop(
    "whatever rows the provider picks, either bound reading: every record of the whole walk once, or a dense millisecond",
    [LiveData.scenarios({ maxSize: 300 }), pageSizes, LiveData.bounds, fc.constantFrom("oldest" as const, "newest" as const, "random" as const), fc.integer()],
    ([scenario, pageSize, bounds, pick, seed]) => {
      const store = new LiveData.Store(scenario)
      const random = LiveData.seeded(seed)
      const result = walk(Pagination.timeWindows({
        source: "live",
        range: range(scenario),
        pageSize,
        fetch: (window) => served(LiveData.windowPage(store, { ...widened(window, 1), pageSize }, { bounds, pick, random })),
        timeOf,
        keyOf
      }))
      expectInvariant(store, result, { unit: 1, widen: 1, capacity: pageSize })
    },
    runs()
  )
})

describe("live data: the old page walk loses records (why the engines read each window once)", () => {
  it("a record leaving the listing behind the cursor shifts the rest: one is never served", () => {
    const records = Array.from({ length: 6 }, (_, i) => LiveData.record("T", String(i), 1000 + i, true))
    // After page 1, the first record settles and leaves a "pending only" filter.
    const scenario: LiveData.Scenario = {
      from: 1000,
      to: 2000,
      filter: "pending",
      records,
      moves: [{ afterRequest: 1, move: { _tag: "Settle", pick: 0 } }]
    }
    const options = { bounds: { start: "inclusive", end: "inclusive" }, listing: "oldest-first", withTotal: false } as const
    const old = new LiveData.Store(scenario)
    const before = walk(Pagination.pageNumber({
      source: "live",
      pageSize: 3,
      fetch: (page) => served(LiveData.page(old, { start: 1000, end: 2000, page, size: 3 }, options))
    }))
    expect(LiveData.check(old, before.rows, before.error)).toContain("never delivered")

    const store = new LiveData.Store(scenario)
    const after = walk(Pagination.pageNumberWindows({
      source: "live",
      range: { start: utc(1000), end: utc(2000) },
      pageSize: 3,
      fetch: (window, page) => served(LiveData.page(store, { start: millis(window.start), end: millis(window.end), page, size: 3 }, options)),
      timeOf,
      keyOf
    }))
    expect(LiveData.check(store, after.rows, after.error)).toBeUndefined()
  })

  it("a total that moves between pages fails the page walk, naming the totals", () => {
    const records = Array.from({ length: 6 }, (_, i) => LiveData.record("T", String(i), 1000 + i))
    const store = new LiveData.Store({
      from: 1000,
      to: 2000,
      filter: "all",
      records,
      moves: [{ afterRequest: 1, move: { _tag: "Remove", pick: 0 } }]
    })
    const { error } = walk(Pagination.pageNumber({
      source: "live",
      pageSize: 3,
      fetch: (page) =>
        served(LiveData.page(store, { start: 1000, end: 2000, page, size: 3 }, {
          bounds: { start: "inclusive", end: "inclusive" },
          listing: "oldest-first",
          withTotal: true
        }))
    }))
    const e = Option.getOrThrow(error)
    expect(e).toBeInstanceOf(Errors.IncompletePagination)
    expect(e.message).toContain("the total moved from 6 to 5 between pages 1 and 2")
  })

  it("the cursor engine drops a record repeated on the next page (keyOf)", () => {
    const records = Array.from({ length: 5 }, (_, i) => LiveData.record("T", String(i), 1000 + i))
    const store = new LiveData.Store({ from: 1000, to: 2000, filter: "all", records, moves: [] })
    const { error, rows } = walk(Pagination.cursor({
      source: "live",
      keyOf,
      fetch: (c: Option.Option<string>) =>
        served(LiveData.cursorPage(store, { start: 1000, end: 2000, cursor: c }, {
          bounds: { start: "inclusive", end: "inclusive" },
          listing: "oldest-first",
          perPage: 2,
          cursor: "offset",
          repeat: true
        }))
    }))
    expect(error).toStrictEqual(Option.none())
    expect(rows.map(keyOf)).toStrictEqual(records.map(keyOf))
  })
})

describe("live data: records corrected to a later time after they were delivered", () => {
  // Every move retimes a record to the range's last millisecond, one after another from the
  // first request on: walks go forward in time, so a record read early is read again in the
  // last window, and only the walk's memory of delivered keys keeps it from coming twice.
  const postponed = fc.tuple(LiveData.scenarios({ maxSize: 120 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 })).map(
    ([scenario, picks]): LiveData.Scenario => ({
      ...scenario,
      moves: picks.map((pick, i) => ({ afterRequest: i + 1, move: { _tag: "Retime", pick, time: scenario.to } }))
    })
  )

  it.prop(
    "pageNumberWindows and timeWindows deliver each once, the moved ones at most once",
    [postponed, pageSizes, LiveData.bounds, LiveData.listings],
    ([scenario, pageSize, bounds, listing]) => {
      const byPage = new LiveData.Store(scenario)
      expectInvariant(byPage, walk(Pagination.pageNumberWindows({
        source: "live",
        range: range(scenario),
        pageSize,
        fetch: (window, page) => served(LiveData.page(byPage, { ...widened(window, 1), page, size: pageSize }, { bounds, listing, withTotal: true })),
        timeOf,
        keyOf
      })), { unit: 1, widen: 1, capacity: pageSize })
      const byWindow = new LiveData.Store(scenario)
      expectInvariant(byWindow, walk(Pagination.timeWindows({
        source: "live",
        range: range(scenario),
        pageSize,
        fetch: (window) => served(LiveData.windowPage(byWindow, { ...widened(window, 1), pageSize }, { bounds, pick: "oldest", random: LiveData.seeded(1) })),
        timeOf,
        keyOf
      })), { unit: 1, widen: 1, capacity: pageSize })
    },
    runs()
  )
})
