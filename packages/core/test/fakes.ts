/**
 * In-memory providers that follow each paging style's rules, over seeded datasets with the
 * hard cases: many records in one millisecond, ids shared across types (the key is
 * type + id), records just outside the range, and records appended during the walk with
 * times after the frozen end of the range.
 */
import { Effect, FastCheck as fc, Option } from "effect"
import * as Errors from "../src/Errors.js"
import { seeded } from "../src/LiveData.js"
import type { CursorPage, EndBound, NumberedPage } from "../src/Pagination.js"

/** One record; unique by `type` and `id` together, as Binance income and WOO X Pro are. */
export interface Row {
  readonly type: string
  readonly id: string
  readonly time: number
  /** `type:id`, computed once: walks compare keys a great deal. */
  readonly key: string
}

export const row = (type: string, id: string, time: number): Row => ({ type, id, time, key: `${type}:${id}` })

export const keyOf = (row: Row): string => row.key

const below = (random: () => number, n: number): number => Math.floor(random() * n)

export interface Dataset {
  /** The range, both ends inclusive: `from <= time <= to`. */
  readonly from: number
  readonly to: number
  /** What the provider holds when the walk starts (some of it outside the range). */
  readonly rows: ReadonlyArray<Row>
  /** Records that arrive during the walk, after the given number of requests. */
  readonly late: ReadonlyArray<{ readonly afterRequest: number; readonly rows: ReadonlyArray<Row> }>
}

/** The records a walk of the range must deliver, in time order, then key order. */
export const expected = (dataset: Dataset): ReadonlyArray<Row> => byTimeThenKey(inRange(dataset, dataset.rows))

const inRange = (dataset: Dataset, rows: ReadonlyArray<Row>) =>
  rows.filter((row) => row.time >= dataset.from && row.time <= dataset.to)

const compareByTimeThenKey = (a: Row, b: Row): number => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

const byTimeThenKey = (rows: ReadonlyArray<Row>): Array<Row> => [...rows].sort(compareByTimeThenKey)

/** The first millisecond of the range that holds at least `pageSize` records, if any. */
export const firstDenseMillisecond = (dataset: Dataset, pageSize: number): Option.Option<number> => {
  const counts = new Map<number, number>()
  for (const row of inRange(dataset, dataset.rows)) counts.set(row.time, (counts.get(row.time) ?? 0) + 1)
  const dense = [...counts].filter(([, n]) => n >= pageSize).map(([t]) => t)
  return dense.length === 0 ? Option.none() : Option.some(Math.min(...dense))
}

interface DatasetShape {
  readonly size: number
  /** Milliseconds in the range. */
  readonly span: number
  /** How many distinct types share the ids (1 to 3). */
  readonly types: number
  /** Share of the records put on a few "hot" milliseconds. */
  readonly hotShare: number
  readonly hotCount: number
  readonly lateBatches: ReadonlyArray<{ readonly afterRequest: number; readonly count: number }>
  readonly seed: number
}

const TYPES = ["TRANSFER", "COMMISSION", "FUNDING_FEE"] as const
const FROM = Date.UTC(2024, 0, 1)

/** Builds a dataset deterministically from its shape. */
const build = (shape: DatasetShape): Dataset => {
  const random = seeded(shape.seed)
  const from = FROM
  const to = FROM + shape.span - 1
  // The range's ends are the places where bound rules go wrong, so they are often hot.
  const hot = Array.from({ length: shape.hotCount }, (_, i) => i === 0 ? from : i === 1 ? to : from + below(random, shape.span))
  const timeOf = (): number => {
    const r = random()
    if (r < shape.hotShare) return hot[below(random, hot.length)]
    if (r < shape.hotShare + 0.05) return from - 1 - below(random, 3) // just before the range
    if (r < shape.hotShare + 0.1) return to + 1 + below(random, 3) // just after it
    return from + below(random, shape.span)
  }
  // Ids are shared across types: row i is (TYPES[i % types], floor(i / types)).
  const rows = Array.from({ length: shape.size }, (_, i) => row(TYPES[i % shape.types], String(Math.floor(i / shape.types)), timeOf()))
  const late = shape.lateBatches.map((batch, b) => ({
    afterRequest: batch.afterRequest,
    rows: Array.from({ length: batch.count }, (_, j) => row(TYPES[j % shape.types], `late-${b}-${j}`, to + 1 + below(random, 1000)))
  }))
  return { from, to, rows, late }
}

/** Datasets of 0 to `maxSize` records (often very few), with dense clusters likely. */
export const datasets = (maxSize: number): fc.Arbitrary<Dataset> =>
  fc.record({
    size: fc.oneof(
      { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.min(maxSize, 40) }) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: maxSize }) }
    ),
    span: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 100_000 })),
    types: fc.integer({ min: 1, max: 3 }),
    hotShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.6, noNaN: true })),
    hotCount: fc.integer({ min: 1, max: 4 }),
    lateBatches: fc.array(
      fc.record({ afterRequest: fc.integer({ min: 1, max: 30 }), count: fc.integer({ min: 1, max: 5 }) }),
      { maxLength: 4 }
    ),
    seed: fc.integer()
  }).map(build)

/** A provider's sort order: stable across requests, but not necessarily by time. */
type Listing = "oldest-first" | "newest-first" | "scrambled"
export const listings: fc.Arbitrary<Listing> = fc.constantFrom("oldest-first", "newest-first", "scrambled")

/** A hash of the key (FNV-1a): an order unrelated to time, the same on every request. */
const scrambled = (row: Row): number => {
  let h = 2166136261
  for (let i = 0; i < row.key.length; i++) h = Math.imul(h ^ row.key.charCodeAt(i), 16777619)
  return h >>> 0
}

const sortBy = (rows: Array<Row>, listing: Listing): Array<Row> => {
  switch (listing) {
    case "oldest-first":
      return rows.sort(compareByTimeThenKey)
    case "newest-first":
      return rows.sort((a, b) => compareByTimeThenKey(b, a))
    case "scrambled":
      return rows.map((row) => ({ row, rank: scrambled(row) }))
        .sort((a, b) => a.rank - b.rank || compareByTimeThenKey(a.row, b.row))
        .map(({ row }) => row)
  }
}

const refuse = (reason: string) => Effect.fail(new Errors.InvalidRequest({ source: "fake", reason, local: false }))

/** More requests than any correct walk of these datasets needs: a walk that loops fails. */
const requestLimit = 50_000

/** What every fake shares: the data as it grows during the walk, and a request count. */
class Store {
  private rows: Array<Row>
  /** The rows in time order, rebuilt when records arrive. */
  private byTime: Array<Row>
  private cached: { readonly tag: string; readonly rows: ReadonlyArray<Row> } | undefined
  requests = 0

  constructor(private readonly dataset: Dataset) {
    this.rows = [...dataset.rows]
    this.byTime = byTimeThenKey(this.rows)
  }

  /** The records in `[start, end]` or `[start, end)`, in the listing's order. */
  select(start: number, end: number, bound: EndBound, listing: Listing): ReadonlyArray<Row> {
    const slice = this.byTime.slice(this.firstAtOrAfter(start), this.firstAtOrAfter(bound === "inclusive" ? end + 1 : end))
    if (listing === "oldest-first") return slice
    // Page-number walks ask for the same window page after page: sort it once.
    const tag = `${this.rows.length}/${start}/${end}/${bound}/${listing}`
    if (this.cached?.tag !== tag) this.cached = { tag, rows: sortBy(slice, listing) }
    return this.cached.rows
  }

  private firstAtOrAfter(time: number): number {
    let lo = 0
    let hi = this.byTime.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.byTime[mid].time < time) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Refuses the request when the walk has asked far too often (it loops). */
  refuseLooping(): Effect.Effect<void, Errors.InvalidRequest> {
    return this.requests >= requestLimit ? refuse(`more than ${requestLimit} requests: the walk loops`) : Effect.void
  }

  /** Counts a request, then appends the records due after it. */
  served(): void {
    this.requests++
    const due = this.dataset.late.filter((batch) => batch.afterRequest === this.requests)
    if (due.length > 0) {
      for (const batch of due) this.rows.push(...batch.rows)
      this.byTime = byTimeThenKey(this.rows)
    }
  }
}

/** A fake provider: its data, and how many requests it has answered. */
abstract class Fake {
  protected readonly store: Store
  constructor(dataset: Dataset) {
    this.store = new Store(dataset)
  }

  get requests(): number {
    return this.store.requests
  }
}

/**
 * Page-number paging (Binance cloud-mining: `[start, end)`, size <= 100, `total`;
 * Zenlayer: size <= 5000, `totalCount`; Binance UM income: `[start, end]`, limit <= 1000,
 * no total).
 */
export class PageNumberProvider extends Fake {
  constructor(
    dataset: Dataset,
    private readonly options: {
      readonly maxPageSize: number
      readonly end: EndBound
      readonly listing: Listing
      readonly total: boolean
      /** Counts records in `total` that no page returns (a provider bug). */
      readonly overReport?: number
    }
  ) {
    super(dataset)
  }

  page(query: {
    readonly start: number
    readonly end: number
    readonly page: number
    readonly size: number
  }): Effect.Effect<NumberedPage<Row>, Errors.InvalidRequest> {
    const { end, page, size, start } = query
    if (!Number.isInteger(size) || size < 1 || size > this.options.maxPageSize) return refuse(`size ${size}`)
    if (!Number.isInteger(page) || page < 1) return refuse(`page ${page}`)
    if (start > end) return refuse(`start ${start} after end ${end}`)
    return Effect.zipRight(this.store.refuseLooping(), Effect.sync(() => {
      const rows = this.store.select(start, end, this.options.end, this.options.listing)
      const items = rows.slice((page - 1) * size, page * size)
      this.store.served()
      return this.options.total ? { items, total: rows.length + (this.options.overReport ?? 0) } : { items }
    }))
  }
}

/** Opaque-cursor paging (Cryptomus: `?cursor=`, `paginate.nextCursor`). */
export class CursorProvider extends Fake {
  constructor(
    dataset: Dataset,
    private readonly options: {
      readonly perPage: number
      readonly listing: Listing
      /** `offset` cursors count rows; `keyset` cursors name the last row sent. */
      readonly cursor: "offset" | "keyset"
      /** Whether a full last page still gets a cursor (to an empty page). */
      readonly nextOnFullPage: boolean
    }
  ) {
    super(dataset)
  }

  list(query: {
    readonly start: number
    readonly end: number
    readonly cursor: Option.Option<string>
  }): Effect.Effect<CursorPage<Row, string>, Errors.InvalidRequest> {
    return Effect.zipRight(this.store.refuseLooping(), Effect.suspend(() => {
      const rows = this.store.select(query.start, query.end, "inclusive", this.options.listing)
      const offset = Option.match(query.cursor, {
        onNone: () => 0,
        onSome: (cursor) => this.offsetOf(rows, cursor)
      })
      if (offset === undefined) return refuse(`unknown cursor`)
      const items = rows.slice(offset, offset + this.options.perPage)
      const after = offset + items.length
      const more = after < rows.length || (this.options.nextOnFullPage && items.length === this.options.perPage)
      const next = more && items.length > 0 ? Option.some(this.cursorAt(after, items[items.length - 1])) : Option.none()
      this.store.served()
      return Effect.succeed({ items, next })
    }))
  }

  private cursorAt(offset: number, last: Row): string {
    const body = this.options.cursor === "offset" ? { o: offset } : { k: keyOf(last) }
    return Buffer.from(JSON.stringify(body)).toString("base64url")
  }

  private offsetOf(rows: ReadonlyArray<Row>, cursor: string): number | undefined {
    const body: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
    if (typeof body !== "object" || body === null) return undefined
    if ("o" in body && typeof body.o === "number") return body.o
    if ("k" in body) {
      const index = rows.findIndex((row) => keyOf(row) === body.k)
      return index < 0 ? undefined : index + 1
    }
    return undefined
  }
}

/** Which rows a time-window provider returns when a window holds more than a page. */
type Pick = "newest" | "oldest" | "random"
export const picks: fc.Arbitrary<Pick> = fc.constantFrom("newest", "oldest", "random")

/**
 * Time-window-only paging (WOO X Pro: `start_time`/`end_time` inclusive, `page_size` <=
 * 1000, no page and no cursor): up to `page_size` rows of the window, in an order and a
 * subset of the fake's choosing.
 */
export class TimeWindowProvider extends Fake {
  private readonly random: () => number
  constructor(
    dataset: Dataset,
    private readonly options: {
      readonly maxPageSize: number
      readonly pick: Pick
      readonly seed: number
      /** The longest window accepted, in milliseconds. */
      readonly maxSpan?: number | undefined
    }
  ) {
    super(dataset)
    this.random = seeded(options.seed)
  }

  window(query: {
    readonly start: number
    readonly end: number
    readonly pageSize: number
  }): Effect.Effect<ReadonlyArray<Row>, Errors.InvalidRequest> {
    const { end, pageSize, start } = query
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > this.options.maxPageSize) {
      return refuse(`page_size ${pageSize}`)
    }
    if (start > end) return refuse(`start_time ${start} after end_time ${end}`)
    if (this.options.maxSpan !== undefined && end - start + 1 > this.options.maxSpan) {
      return refuse(`window of ${end - start + 1} ms is longer than ${this.options.maxSpan} ms`)
    }
    return Effect.zipRight(this.store.refuseLooping(), Effect.sync(() => {
      const rows = this.store.select(start, end, "inclusive", "oldest-first")
      this.store.served()
      switch (this.options.pick) {
        case "oldest":
          return rows.slice(0, pageSize)
        case "newest":
          return rows.slice(Math.max(0, rows.length - pageSize)).reverse()
        case "random":
          return this.sample(rows, Math.min(pageSize, rows.length))
      }
    }))
  }

  /** `count` distinct rows in a random order (a partial Fisher-Yates over indices). */
  private sample(rows: ReadonlyArray<Row>, count: number): Array<Row> {
    const swapped = new Map<number, number>()
    const out: Array<Row> = []
    for (let i = 0; i < count; i++) {
      const j = i + below(this.random, rows.length - i)
      const pickedIndex = swapped.get(j) ?? j
      swapped.set(j, swapped.get(i) ?? i)
      out.push(rows[pickedIndex])
    }
    return out
  }
}
