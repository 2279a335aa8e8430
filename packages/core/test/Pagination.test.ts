import { describe, expect, it } from "@effect/vitest"
import { Chunk, DateTime, Duration, Effect, Either, FastCheck as fc, Option, Stream } from "effect"
import * as Errors from "../src/Errors.js"
import * as Pagination from "../src/Pagination.js"
import {
  CursorProvider,
  type Dataset,
  datasets,
  expected,
  firstDenseMillisecond,
  keyOf,
  listings,
  PageNumberProvider,
  picks,
  row,
  type Row,
  TimeWindowProvider
} from "./fakes.js"
import { runs } from "./support.js"

const utc = (millis: number) => DateTime.unsafeMake(millis)
const millis = DateTime.toEpochMillis

/** Page sizes from 1 to `max`, small ones most often, so that walks have many pages. */
const pageSizes = (max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: Math.min(max, 10) }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: Math.min(max, 100) }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max }) }
  )

/**
 * A page size and a dataset of 0 to 2,000 records, at most `pagesPerWalk` pages' worth:
 * small pages get small datasets, which keeps each run fast.
 */
const walks = (maxPageSize: number, pagesPerWalk = 50) =>
  pageSizes(maxPageSize).chain((pageSize) =>
    datasets(Math.min(2000, pageSize * pagesPerWalk)).map((dataset) => ({ pageSize, dataset }))
  )

/**
 * Runs a walk over the fakes to its end or its first failure, keeping what it delivered
 * before. The fakes are synchronous and need no clock, so properties run each walk with
 * `runSync` under `it.prop`: `it.effect.prop` builds a TestContext per run (about 10 ms).
 */
const walk = <E>(stream: Stream.Stream<Row, E>) => {
  const out = Chunk.toReadonlyArray(Effect.runSync(Stream.runCollect(Stream.either(stream))))
  return {
    rows: out.filter(Either.isRight).map((e) => e.right),
    error: Option.fromNullable(out.find(Either.isLeft)?.left)
  }
}

/** Every record of the range was delivered, and none twice (by type + id). */
const expectExactlyOnce = (rows: ReadonlyArray<Row>, dataset: Dataset) => {
  const keys = rows.map(keyOf)
  expect(new Set(keys).size).toBe(keys.length)
  expect(keys.sort()).toStrictEqual(expected(dataset).map(keyOf).sort())
}

const expectIncomplete = <E>(error: Option.Option<E>): Errors.IncompletePagination => {
  const e = Option.getOrThrowWith(error, () => new Error("expected the walk to fail"))
  if (e instanceof Errors.IncompletePagination) return e
  throw new Error(`expected IncompletePagination, got ${String(e)}`)
}

/** A number of windows to split the range into, as a maximum span. */
const spanFor = (dataset: Dataset, windows: number) => Math.ceil((dataset.to - dataset.from + 1) / windows)

describe("pageNumber", () => {
  // Both Binance endpoints need a bounded range, split into windows under their own end rule.
  const windowedStyles = [
    { source: "binance.cloud-mining", end: "exclusive", maxPageSize: 100, total: true },
    { source: "binance.um-income", end: "inclusive", maxPageSize: 1000, total: false }
  ] as const

  for (const style of windowedStyles) {
    it.prop(
      `${style.source}: ${style.total ? "with" : "without"} a total, size <= ${style.maxPageSize}, over ${style.end}-end windows: every record once`,
      [walks(style.maxPageSize), listings, fc.integer({ min: 1, max: 8 })],
      ([{ dataset, pageSize }, listing, windows]) => {
        const provider = new PageNumberProvider(dataset, { ...style, listing })
        // The same records under either rule: [from, to] or [from, to + 1).
        const range = { start: utc(dataset.from), end: utc(style.end === "inclusive" ? dataset.to : dataset.to + 1) }
        const { error, rows } = walk(
          Pagination.windowed(range, { maxSpan: spanFor(dataset, windows), end: style.end }, (window) =>
            Pagination.pageNumber({
              source: style.source,
              pageSize,
              fetch: (page) => provider.page({ start: millis(window.start), end: millis(window.end), page, size: pageSize })
            }))
        )
        expect(error).toStrictEqual(Option.none())
        expectExactlyOnce(rows, dataset)
      },
      runs()
    )
  }

  it.prop(
    "zenlayer.recharge-refund: with a total, pageSize <= 5000: every record once",
    [walks(5000), listings],
    ([{ dataset, pageSize }, listing]) => {
      const provider = new PageNumberProvider(dataset, { maxPageSize: 5000, end: "inclusive", listing, total: true })
      const { error, rows } = walk(Pagination.pageNumber({
      source: "zenlayer.recharge-refund",
      pageSize,
      fetch: (page) => provider.page({ start: dataset.from, end: dataset.to, page, size: pageSize })
      }))
      expect(error).toStrictEqual(Option.none())
      expectExactlyOnce(rows, dataset)
    },
    runs()
  )

  it.prop(
    "with a total that counts records no page returns: fails with IncompletePagination, never stops short",
    [walks(100), listings, fc.integer({ min: 1, max: 3 })],
    ([{ dataset, pageSize }, listing, overReport]) => {
      const provider = new PageNumberProvider(dataset, {
        maxPageSize: 100,
        end: "inclusive",
        listing,
        total: true,
        overReport
      })
      const { error, rows } = walk(Pagination.pageNumber({
        source: "zenlayer.recharge-refund",
        pageSize,
        fetch: (page) => provider.page({ start: dataset.from, end: dataset.to, page, size: pageSize })
      }))
      expect(expectIncomplete(error).source).toBe("zenlayer.recharge-refund")
      // What arrived before the failure is part of the range, once.
      const keys = rows.map(keyOf)
      expect(new Set(keys).size).toBe(keys.length)
      const all = new Set(expected(dataset).map(keyOf))
      expect(keys.filter((k) => !all.has(k))).toStrictEqual([])
    },
    runs()
  )

  const pages = (answers: ReadonlyArray<Pagination.NumberedPage<number>>) => {
    const asked: Array<number> = []
    const stream = Pagination.pageNumber({
      source: "test",
      pageSize: 3,
      fetch: (page) => Effect.sync(() => (asked.push(page), answers[page - 1] ?? { items: [] }))
    })
    return { asked, stream }
  }

  it.effect("a page that comes back short before the total fails, naming the counts", () =>
    Effect.gen(function*() {
      const { asked, stream } = pages([{ items: [1, 2, 3], total: 7 }, { items: [4, 5], total: 7 }])
      const error = yield* Stream.runCollect(stream).pipe(Effect.flip)
      expect(error).toBeInstanceOf(Errors.IncompletePagination)
      expect(error.message).toBe("test: incomplete pagination: page 2 held 2 of 3 records, but only 5 of the 7 reported have arrived")
      expect(asked).toStrictEqual([1, 2])
    }))

  it.effect("an empty page before the total fails too", () =>
    Effect.gen(function*() {
      const { stream } = pages([{ items: [1, 2, 3], total: 4 }, { items: [], total: 4 }])
      expect(yield* Stream.runCollect(stream).pipe(Effect.flip)).toBeInstanceOf(Errors.IncompletePagination)
    }))

  it.effect("stops at the total without asking for another page", () =>
    Effect.gen(function*() {
      const { asked, stream } = pages([{ items: [1, 2, 3], total: 6 }, { items: [4, 5, 6], total: 6 }])
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toStrictEqual([1, 2, 3, 4, 5, 6])
      expect(asked).toStrictEqual([1, 2])
    }))

  it.effect("a total of 0 takes one request", () =>
    Effect.gen(function*() {
      const { asked, stream } = pages([{ items: [], total: 0 }])
      expect(Chunk.size(yield* Stream.runCollect(stream))).toBe(0)
      expect(asked).toStrictEqual([1])
    }))

  it.effect("without a total, a full last page costs one more (empty) request", () =>
    Effect.gen(function*() {
      const { asked, stream } = pages([{ items: [1, 2, 3] }, { items: [4, 5, 6] }])
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toStrictEqual([1, 2, 3, 4, 5, 6])
      expect(asked).toStrictEqual([1, 2, 3])
    }))

  it.effect("firstPage sets where numbering starts (0-based APIs)", () =>
    Effect.gen(function*() {
      const asked: Array<number> = []
      const stream = Pagination.pageNumber({
        source: "test",
        pageSize: 2,
        firstPage: 0,
        fetch: (page) => Effect.sync(() => (asked.push(page), { items: page === 0 ? ["a", "b"] : ["c"] }))
      })
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toStrictEqual(["a", "b", "c"])
      expect(asked).toStrictEqual([0, 1])
    }))
})

describe("cursor", () => {
  it.prop(
    "opaque cursors (Cryptomus): every record once, whatever the cursor encodes",
    [walks(1000), listings, fc.constantFrom("offset" as const, "keyset" as const), fc.boolean()],
    ([{ dataset, pageSize }, listing, cursor, nextOnFullPage]) => {
      const provider = new CursorProvider(dataset, { perPage: pageSize, listing, cursor, nextOnFullPage })
      const { error, rows } = walk(Pagination.cursor({
        source: "cryptomus.transactions",
        fetch: (cursor) => provider.list({ start: dataset.from, end: dataset.to, cursor })
      }))
      expect(error).toStrictEqual(Option.none())
      expectExactlyOnce(rows, dataset)
      const pages = Math.max(1, Math.ceil(expected(dataset).length / pageSize))
      expect(provider.requests - pages).toBeLessThanOrEqual(1)
    },
    runs()
  )

  const scripted = (answers: ReadonlyArray<Pagination.CursorPage<string, string>>) => {
    const asked: Array<Option.Option<string>> = []
    const stream = Pagination.cursor({
      source: "cryptomus.transactions",
      fetch: (cursor: Option.Option<string>) =>
        Effect.sync(() => (asked.push(cursor), answers[asked.length - 1] ?? { items: [], next: Option.none() }))
    })
    return { asked, stream }
  }

  it.effect("follows cursors until there is none", () =>
    Effect.gen(function*() {
      const { asked, stream } = scripted([
        { items: ["a"], next: Option.some("c1") },
        { items: ["b"], next: Option.some("c2") },
        { items: ["c"], next: Option.none() }
      ])
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toStrictEqual(["a", "b", "c"])
      expect(asked).toStrictEqual([Option.none(), Option.some("c1"), Option.some("c2")])
    }))

  it.effect("a cursor returned twice in a row fails instead of looping", () =>
    Effect.gen(function*() {
      const { asked, stream } = scripted([
        { items: ["a"], next: Option.some("c1") },
        { items: ["b"], next: Option.some("c1") }
      ])
      const error = yield* Stream.runCollect(stream).pipe(Effect.flip)
      expect(error).toBeInstanceOf(Errors.IncompletePagination)
      expect(error.message).toContain("cursor c1 twice")
      expect(asked.length).toBe(2)
    }))

  it.effect("a cursor that comes back after others (a cycle) fails too", () =>
    Effect.gen(function*() {
      const { asked, stream } = scripted([
        { items: ["a"], next: Option.some("c1") },
        { items: ["b"], next: Option.some("c2") },
        { items: ["c"], next: Option.some("c1") }
      ])
      expect(yield* Stream.runCollect(stream).pipe(Effect.flip)).toBeInstanceOf(Errors.IncompletePagination)
      expect(asked.length).toBe(3)
    }))

  it.effect("each run of the stream starts afresh", () =>
    Effect.gen(function*() {
      let calls = 0
      const stream = Pagination.cursor({
        source: "test",
        fetch: (cursor: Option.Option<string>) =>
          Effect.sync(() => {
            calls++
            return Option.isNone(cursor) ? { items: [1], next: Option.some("c1") } : { items: [2], next: Option.none() }
          })
      })
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toStrictEqual([1, 2])
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toStrictEqual([1, 2])
      expect(calls).toBe(4)
    }))
})

describe("timeWindows", () => {
  it.prop(
    "(WOO X Pro) fails exactly when a millisecond holds a page or more, else delivers every record once in time order",
    [walks(1000, 30), picks, fc.option(fc.integer({ min: 1, max: 8 })), fc.integer()],
    ([{ dataset, pageSize }, pick, windows, seed]) => {
      const maxSpan = windows === null ? undefined : spanFor(dataset, windows)
      const provider = new TimeWindowProvider(dataset, { maxPageSize: 1000, pick, seed, maxSpan })
      const { error, rows } = walk(Pagination.timeWindows({
        source: "wooxpro.contract-transactions",
        range: { start: utc(dataset.from), end: utc(dataset.to) },
        pageSize,
        maxSpan,
        fetch: (window) => provider.window({ start: millis(window.start), end: millis(window.end), pageSize }),
        timeOf: (row) => utc(row.time),
        keyOf
      }))
      const all = expected(dataset)
      const dense = firstDenseMillisecond(dataset, pageSize)
      if (Option.isNone(dense)) {
        expect(error).toStrictEqual(Option.none())
        // Exactly once, and in the promised order: time, then key.
        expect(rows.map(keyOf)).toStrictEqual(all.map(keyOf))
      } else {
        const incomplete = expectIncomplete(error)
        expect(incomplete.at === undefined ? undefined : millis(incomplete.at)).toBe(dense.value)
        expect(incomplete.source).toBe("wooxpro.contract-transactions")
        // Everything before that millisecond arrived first, once and in order.
        expect(rows.map(keyOf)).toStrictEqual(all.filter((row) => row.time < dense.value).map(keyOf))
      }
    },
    runs()
  )

  const rowsAt = (time: number, count: number): ReadonlyArray<Row> =>
    Array.from({ length: count }, (_, i) => row("Transfer", String(i), time))
  const run = (rows: ReadonlyArray<Row>, pageSize: number) => {
    const dataset: Dataset = { from: 1000, to: 2000, rows, late: [] }
    const provider = new TimeWindowProvider(dataset, { maxPageSize: 1000, pick: "newest", seed: 1 })
    return Pagination.timeWindows({
      source: "wooxpro.contract-transactions",
      range: { start: utc(dataset.from), end: utc(dataset.to) },
      pageSize,
      fetch: (window) => provider.window({ start: millis(window.start), end: millis(window.end), pageSize }),
      timeOf: (row) => utc(row.time),
      keyOf
    })
  }

  it.effect("a page's worth of records in one millisecond fails, naming the millisecond", () =>
    Effect.gen(function*() {
      const error = yield* Stream.runCollect(run(rowsAt(1500, 3), 3)).pipe(Effect.flip)
      expect(error).toBeInstanceOf(Errors.IncompletePagination)
      expect(error._tag === "IncompletePagination" && error.at).toStrictEqual(utc(1500))
      expect(error.message).toContain("1970-01-01T00:00:01.500Z")
    }))

  it.effect("one fewer is delivered in full", () =>
    Effect.gen(function*() {
      const rows = yield* Stream.runCollect(run(rowsAt(1500, 2), 3))
      expect(Chunk.toReadonlyArray(rows).map(keyOf)).toStrictEqual(["Transfer:0", "Transfer:1"])
    }))

  it.effect("an empty range asks nothing", () =>
    Effect.gen(function*() {
      let asked = 0
      const stream = Pagination.timeWindows({
        source: "test",
        range: { start: utc(10), end: utc(9) },
        pageSize: 10,
        fetch: () => Effect.sync(() => (asked++, [])),
        timeOf: (n: number) => utc(n),
        keyOf: String
      })
      expect(Chunk.size(yield* Stream.runCollect(stream))).toBe(0)
      expect(asked).toBe(0)
    }))

  it.effect("rows outside the asked window (sloppy bounds) are dropped, not delivered twice", () =>
    Effect.gen(function*() {
      const data = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
      const stream = Pagination.timeWindows({
        source: "test",
        range: { start: utc(0), end: utc(9) },
        pageSize: 100,
        maxSpan: Duration.millis(3),
        // Answers one millisecond either side of the window.
        fetch: (w) => Effect.succeed(data.filter((n) => n >= millis(w.start) - 1 && n <= millis(w.end) + 1)),
        timeOf: (n: number) => utc(n),
        keyOf: String
      })
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toStrictEqual(data)
    }))
})

describe("splitRange", () => {
  const ranges = fc.record({
    from: fc.integer({ min: 0, max: 4e12 }),
    length: fc.integer({ min: -3, max: 1_000_000 }),
    windows: fc.integer({ min: 1, max: 200 }),
    jitter: fc.integer({ min: -2, max: 2 })
  }).map(({ from, jitter, length, windows }) => ({
    from,
    to: from + length,
    maxSpan: Math.max(1, Math.ceil(Math.abs(length) / windows) + jitter)
  }))

  it.prop("inclusive: [s, e] windows cover the range with no gap and no overlap, each at most maxSpan", [ranges], ([r]) => {
    const windows = Pagination.splitRange({ start: utc(r.from), end: utc(r.to) }, { maxSpan: r.maxSpan, end: "inclusive" })
      .map((w) => [millis(w.start), millis(w.end)] as const)
    if (r.to < r.from) {
      expect(windows).toStrictEqual([])
      return
    }
    expect(windows[0][0]).toBe(r.from)
    expect(windows[windows.length - 1][1]).toBe(r.to)
    windows.forEach(([s, e], i) => {
      expect(s <= e && e - s + 1 <= r.maxSpan).toBe(true)
      if (i > 0) expect(s).toBe(windows[i - 1][1] + 1)
    })
    expect(windows.length).toBe(Math.ceil((r.to - r.from + 1) / r.maxSpan))
  }, runs())

  it.prop("exclusive: [s, e) windows cover the range with no gap and no overlap, each at most maxSpan", [ranges], ([r]) => {
    const windows = Pagination.splitRange({ start: utc(r.from), end: utc(r.to) }, { maxSpan: r.maxSpan, end: "exclusive" })
      .map((w) => [millis(w.start), millis(w.end)] as const)
    if (r.to <= r.from) {
      expect(windows).toStrictEqual([])
      return
    }
    expect(windows[0][0]).toBe(r.from)
    expect(windows[windows.length - 1][1]).toBe(r.to)
    windows.forEach(([s, e], i) => {
      expect(s < e && e - s <= r.maxSpan).toBe(true)
      if (i > 0) expect(s).toBe(windows[i - 1][1])
    })
    expect(windows.length).toBe(Math.ceil((r.to - r.from) / r.maxSpan))
  }, runs())

  it.prop("every millisecond belongs to exactly one window under its rule, and none outside the range", [
    ranges,
    fc.constantFrom("inclusive" as const, "exclusive" as const),
    fc.array(fc.integer({ min: -5, max: 1_000_005 }), { minLength: 1, maxLength: 20 })
  ], ([r, end, offsets]) => {
    const windows = Pagination.splitRange({ start: utc(r.from), end: utc(r.to) }, { maxSpan: r.maxSpan, end })
    for (const t of offsets.map((o) => r.from + o)) {
      const holders = windows.filter((w) =>
        t >= millis(w.start) && (end === "inclusive" ? t <= millis(w.end) : t < millis(w.end))
      )
      const inRange = t >= r.from && (end === "inclusive" ? t <= r.to : t < r.to)
      expect(holders.length).toBe(inRange ? 1 : 0)
    }
  }, runs())

  it("splits 15 days into 7-day windows under each rule", () => {
    const start = DateTime.unsafeMake("2024-01-01T00:00:00Z")
    const end = DateTime.unsafeMake("2024-01-16T00:00:00Z")
    const iso = (ws: ReadonlyArray<Pagination.Window>) => ws.map((w) => [DateTime.formatIso(w.start), DateTime.formatIso(w.end)])
    expect(iso(Pagination.splitRange({ start, end }, { maxSpan: "7 days", end: "exclusive" }))).toStrictEqual([
      ["2024-01-01T00:00:00.000Z", "2024-01-08T00:00:00.000Z"],
      ["2024-01-08T00:00:00.000Z", "2024-01-15T00:00:00.000Z"],
      ["2024-01-15T00:00:00.000Z", "2024-01-16T00:00:00.000Z"]
    ])
    expect(iso(Pagination.splitRange({ start, end }, { maxSpan: "7 days", end: "inclusive" }))).toStrictEqual([
      ["2024-01-01T00:00:00.000Z", "2024-01-07T23:59:59.999Z"],
      ["2024-01-08T00:00:00.000Z", "2024-01-14T23:59:59.999Z"],
      ["2024-01-15T00:00:00.000Z", "2024-01-16T00:00:00.000Z"]
    ])
  })
})

describe("failOnRepeat", () => {
  it.effect("passes distinct records and fails on the first repeated key, naming it", () =>
    Effect.gen(function*() {
      const guard = Pagination.failOnRepeat("test.source", (n: number) => String(n))
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(guard(Stream.make(1, 2, 3))))).toEqual([1, 2, 3])
      const error = yield* Stream.runCollect(guard(Stream.make(1, 2, 1, 3))).pipe(Effect.flip)
      expect(error._tag).toBe("IncompletePagination")
      expect(error.source).toBe("test.source")
      expect(error.reason).toContain("record 1 came twice")
    }))
})
