/**
 * A provider whose data moves while a client walks it, in memory, for property tests of
 * walks (ledgerkit's own and its users'). Between any two requests, a fast-check-driven
 * schedule inserts records (in the past, inside the range, at "now" and in the frozen
 * second), removes them, flips their status into or out of a filter, corrects their time,
 * and moves the retention edge. The store answers in each paging style: page numbers with
 * or without a total, opaque cursors (offset or keyset, repeating across pages or not),
 * and time windows only; and it reads each undocumented bound either way.
 *
 * The invariant every walk must hold is `check`: each record that was in range for the
 * whole walk is delivered exactly once, no record twice, and a record that changed is
 * delivered at most once; otherwise the walk fails with `IncompletePagination`.
 *
 * @since 0.2.0
 */
import { FastCheck as fc, Option } from "effect"

/**
 * One record: unique by `key` (`type:id`, ids shared across types as Binance and WOO X Pro
 * do). `pending` records leave a "settled only" filter, and enter a "pending only" one.
 *
 * @since 0.2.0
 * @category models
 */
export interface Record {
  readonly type: string
  readonly id: string
  readonly key: string
  /** Epoch milliseconds. */
  readonly time: number
  readonly pending: boolean
}

/**
 * @since 0.2.0
 * @category constructors
 */
export const record = (type: string, id: string, time: number, pending = false): Record => ({
  type,
  id,
  key: `${type}:${id}`,
  time,
  pending
})

/**
 * A change to the data. `pick` chooses among the records present when it applies (by key
 * order), so that a schedule drawn before the walk always means something.
 *
 * @since 0.2.0
 * @category models
 */
export type Move =
  | { readonly _tag: "Insert"; readonly record: Record }
  | { readonly _tag: "Remove"; readonly pick: number }
  | { readonly _tag: "Settle"; readonly pick: number }
  | { readonly _tag: "Retime"; readonly pick: number; readonly time: number }
  | { readonly _tag: "AgeOut"; readonly before: number }

/**
 * Which records a listing shows: all, only settled ones, or only pending ones.
 *
 * @since 0.2.0
 * @category models
 */
export type Filter = "all" | "settled" | "pending"

/**
 * A walk's world: the range (both ends inclusive), the records at the start, and the moves,
 * each applied right after the request it names has been answered.
 *
 * @since 0.2.0
 * @category models
 */
export interface Scenario {
  readonly from: number
  readonly to: number
  readonly filter: Filter
  readonly records: ReadonlyArray<Record>
  readonly moves: ReadonlyArray<{ readonly afterRequest: number; readonly move: Move }>
}

/**
 * How a provider reads a bound it does not document: `[` or `(`, `]` or `)`.
 *
 * @since 0.2.0
 * @category models
 */
export interface Bounds {
  readonly start: "inclusive" | "exclusive"
  readonly end: "inclusive" | "exclusive"
}

/**
 * A listing's order: stable across requests, but not necessarily by time.
 *
 * @since 0.2.0
 * @category models
 */
export type Listing = "oldest-first" | "newest-first" | "scrambled"

const byTimeThenKey = (a: Record, b: Record): number => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/** A hash of the key (FNV-1a): an order unrelated to time, the same on every request. */
/** The order a listing serves records in (as `select` sorts them). */
const listingOrder = (listing: Listing) => (a: Record, b: Record): number =>
  listing === "oldest-first"
    ? byTimeThenKey(a, b)
    : listing === "newest-first"
    ? byTimeThenKey(b, a)
    : hash(a.key) - hash(b.key) || byTimeThenKey(a, b)

const hash = (key: string): number => {
  let h = 2166136261
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619)
  return h >>> 0
}

const shows = (filter: Filter, r: Record): boolean =>
  filter === "all" || (filter === "pending" ? r.pending : !r.pending)

/** More requests than any correct walk of these scenarios needs: a looping walk is caught. */
const requestLimit = 20_000

/**
 * The provider's data, as it moves; every request goes through `serve`.
 *
 * @since 0.2.0
 * @category models
 */
export class Store {
  private readonly rows = new Map<string, Record>()
  private sorted: Array<Record> = []
  private dirty = true
  private cache: { readonly tag: string; readonly rows: ReadonlyArray<Record> } | undefined
  private version = 0
  /**
   * Requests answered so far.
   *
   * @since 0.2.0
   */
  requests = 0
  /**
   * Keys of the records some move touched (added, removed, changed).
   *
   * @since 0.2.0
   */
  readonly touched = new Set<string>()
  /**
   * Keys that were in range and shown at some moment of the walk.
   *
   * @since 0.2.0
   */
  readonly everShown = new Set<string>()
  /**
   * Every record that existed at some moment, by key (for density checks).
   *
   * @since 0.2.0
   */
  readonly ever: Array<Record> = []
  private readonly initial: ReadonlyArray<Record>

  constructor(readonly scenario: Scenario) {
    for (const r of scenario.records) this.rows.set(r.key, r)
    this.initial = scenario.records
    this.noteShown()
    this.ever.push(...scenario.records)
  }

  /**
   * The records in range and shown at the start that no move touched.
   *
   * @since 0.2.0
   */
  stable(): ReadonlyArray<Record> {
    return this.initial.filter((r) => this.inRange(r) && shows(this.scenario.filter, r) && !this.touched.has(r.key))
  }

  /** @since 0.2.0 */
  private inRange(r: Record): boolean {
    return r.time >= this.scenario.from && r.time <= this.scenario.to
  }

  /** @since 0.2.0 */
  private noteShown(): void {
    for (const r of this.rows.values()) if (this.inRange(r) && shows(this.scenario.filter, r)) this.everShown.add(r.key)
  }

  /** @since 0.2.0 */
  private byTime(): Array<Record> {
    if (this.dirty) {
      this.sorted = [...this.rows.values()].filter((r) => shows(this.scenario.filter, r)).sort(byTimeThenKey)
      this.dirty = false
    }
    return this.sorted
  }

  /** @since 0.2.0 */
  private firstAtOrAfter(rows: ReadonlyArray<Record>, time: number): number {
    let lo = 0
    let hi = rows.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (rows[mid].time < time) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /**
   * The shown records a request for `[start, end]` gets under `bounds`, in `listing` order.
   *
   * @since 0.2.0
   */
  select(start: number, end: number, bounds: Bounds, listing: Listing): ReadonlyArray<Record> {
    const rows = this.byTime()
    const lo = bounds.start === "inclusive" ? start : start + 1
    const hi = bounds.end === "inclusive" ? end + 1 : end
    const slice = rows.slice(this.firstAtOrAfter(rows, lo), this.firstAtOrAfter(rows, hi))
    if (listing === "oldest-first") return slice
    const tag = `${this.version}/${lo}/${hi}/${listing}`
    if (this.cache?.tag !== tag) {
      this.cache = {
        tag,
        rows: listing === "newest-first"
          ? slice.reverse()
          : slice.map((r) => ({ r, h: hash(r.key) })).sort((a, b) => a.h - b.h || byTimeThenKey(a.r, b.r)).map((x) => x.r)
      }
    }
    return this.cache.rows
  }

  /**
   * Answers one request: `answer` reads the data as it stands; then the moves due after
   * this request apply. Fails (as `undefined`) past the request limit: the walk loops.
   *
   * @since 0.2.0
   */
  serve<A>(answer: () => A): A | undefined {
    if (this.requests >= requestLimit) return undefined
    const out = answer()
    this.requests++
    for (const { afterRequest, move } of this.scenario.moves) {
      if (afterRequest === this.requests) this.apply(move)
    }
    return out
  }

  /** @since 0.2.0 */
  private present(pick: number): Record | undefined {
    if (this.rows.size === 0) return undefined
    const keys = [...this.rows.keys()].sort()
    return this.rows.get(keys[((pick % keys.length) + keys.length) % keys.length])
  }

  /** @since 0.2.0 */
  private apply(move: Move): void {
    const change = (r: Record | undefined, next: Record | undefined) => {
      if (r === undefined) return
      this.touched.add(r.key)
      if (next === undefined) this.rows.delete(r.key)
      else {
        this.rows.set(r.key, next)
        this.ever.push(next)
      }
    }
    switch (move._tag) {
      case "Insert":
        this.touched.add(move.record.key)
        this.rows.set(move.record.key, move.record)
        this.ever.push(move.record)
        break
      case "Remove":
        change(this.present(move.pick), undefined)
        break
      case "Settle": {
        const r = this.present(move.pick)
        change(r, r === undefined ? undefined : { ...r, pending: !r.pending })
        break
      }
      case "Retime": {
        const r = this.present(move.pick)
        change(r, r === undefined ? undefined : { ...r, time: move.time })
        break
      }
      case "AgeOut":
        for (const r of [...this.rows.values()]) if (r.time < move.before) change(r, undefined)
        break
    }
    this.dirty = true
    this.version++
    this.noteShown()
  }

  /**
   * The most records that ever shared one `unit`-aligned span widened by `widen` ms each side.
   *
   * @since 0.2.0
   */
  densest(unit: number, widen: number): number {
    const times = this.ever.map((r) => r.time).sort((a, b) => a - b)
    let best = 0
    // Every span whose widened reach holds a record, not only the spans that hold one
    // themselves: a widened ask can fill a page from its neighbours alone.
    const align = (x: number) => Math.floor(x / unit) * unit
    for (const t of new Set(times.flatMap((x) => [align(x - widen), align(x), align(x + widen)]))) {
      const lo = t - widen
      const hi = t + unit - 1 + widen
      best = Math.max(best, times.filter((x) => x >= lo && x <= hi).length)
    }
    return best
  }
}

/**
 * What a walk delivered, checked against the store: `undefined` when the invariant holds,
 * else what broke it.
 *
 * - success: no key twice, every stable record delivered, nothing that was never in range;
 * - failure: allowed only as `IncompletePagination`, with no key twice before it.
 *
 * @since 0.2.0
 * @category invariant
 */
export const check = (
  store: Store,
  delivered: ReadonlyArray<{ readonly key: string }>,
  error: Option.Option<{ readonly _tag: string }>
): string | undefined => {
  const keys = delivered.map((d) => d.key)
  const seen = new Set<string>()
  for (const k of keys) {
    if (seen.has(k)) return `record ${k} was delivered twice`
    seen.add(k)
  }
  const stray = keys.find((k) => !store.everShown.has(k))
  if (stray !== undefined) return `record ${stray} was never in the range`
  if (Option.isSome(error)) {
    return error.value._tag === "IncompletePagination" ? undefined : `the walk failed with ${error.value._tag}`
  }
  const missing = store.stable().find((r) => !seen.has(r.key))
  return missing === undefined ? undefined : `record ${missing.key} (at ${missing.time}) was in range for the whole walk and never delivered`
}

const TYPES = ["TRANSFER", "COMMISSION", "FUNDING_FEE"] as const
const FROM = Date.UTC(2024, 0, 1)

/**
 * Scenarios of up to `maxSize` records over a range of 1 ms to `maxSpan` ms, with hot
 * milliseconds (page edges fall on them), records just outside the range, and up to
 * `maxMoves` moves between requests 1 to 40.
 *
 * @since 0.2.0
 * @category arbitraries
 */
export const scenarios = (options: {
  readonly maxSize: number
  readonly maxSpan?: number | undefined
  readonly maxMoves?: number | undefined
  /** Align record times to this many ms (1000 for whole-second providers). */
  readonly unit?: number | undefined
}): fc.Arbitrary<Scenario> => {
  const unit = options.unit ?? 1
  return fc.record({
    span: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: options.maxSpan ?? 100_000 })),
    size: fc.oneof(fc.integer({ min: 0, max: Math.min(40, options.maxSize) }), fc.integer({ min: 0, max: options.maxSize })),
    filter: fc.constantFrom<Filter>("all", "settled", "pending"),
    hot: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
    hotShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.6, noNaN: true })),
    seed: fc.integer(),
    moves: fc.array(
      fc.record({
        afterRequest: fc.integer({ min: 1, max: 40 }),
        kind: fc.constantFrom("insert-past", "insert-range", "insert-now", "remove", "settle", "retime", "age-out"),
        a: fc.double({ min: 0, max: 1, noNaN: true }),
        pick: fc.nat()
      }),
      { maxLength: options.maxMoves ?? 12 }
    )
  }).map(({ filter, hot, hotShare, moves, seed, size, span }) => {
    const from = FROM
    const to = FROM + span * unit - 1
    const random = seeded(seed)
    const align = (t: number) => Math.floor(t / unit) * unit
    const hotTimes = hot.map((h, i) => i === 0 ? from : i === 1 ? align(to) : align(from + Math.floor(h * span * unit)))
    const timeOf = (): number => {
      const r = random()
      if (r < hotShare) return hotTimes[Math.floor(random() * hotTimes.length)]
      if (r < hotShare + 0.05) return align(from - 1 - Math.floor(random() * 3) * unit)
      if (r < hotShare + 0.1) return align(to + 1 + Math.floor(random() * 3) * unit)
      return align(from + Math.floor(random() * span * unit))
    }
    const records = Array.from({ length: size }, (_, i) => record(TYPES[i % 3], String(Math.floor(i / 3)), timeOf(), random() < 0.3))
    const scheduled = moves.map(({ a, afterRequest, kind, pick }, i) => {
      const at = (lo: number, hi: number) => align(lo + Math.floor(a * (hi - lo + 1)))
      const fresh = (time: number) => record(TYPES[i % 3], `moved-${i}`, time, a < 0.3)
      const move: Move = kind === "insert-past"
        ? { _tag: "Insert", record: fresh(at(from - 5 * unit, from - 1)) }
        : kind === "insert-range"
        ? { _tag: "Insert", record: fresh(at(from, to)) }
        : kind === "insert-now"
        // At the frozen end, in its last unit, or just after it (arriving at "now").
        ? { _tag: "Insert", record: fresh(at(to - unit + 1, to + 2 * unit)) }
        : kind === "remove"
        ? { _tag: "Remove", pick }
        : kind === "settle"
        ? { _tag: "Settle", pick }
        : kind === "retime"
        ? { _tag: "Retime", pick, time: at(from - unit, to + unit) }
        : { _tag: "AgeOut", before: at(from - 2 * unit, from + Math.ceil(span * unit / 4)) }
      return { afterRequest, move }
    })
    // The retention edge only moves forwards.
    let edge = Number.NEGATIVE_INFINITY
    const ordered = [...scheduled].sort((x, y) => x.afterRequest - y.afterRequest).map((m) => {
      if (m.move._tag !== "AgeOut") return m
      edge = Math.max(edge, m.move.before)
      return { afterRequest: m.afterRequest, move: { _tag: "AgeOut" as const, before: edge } }
    })
    return { from, to, filter, records, moves: ordered }
  })
}

/**
 * A small seeded generator (mulberry32): reproducible arbitrary choices.
 *
 * @since 0.2.0
 * @category arbitraries
 */
export const seeded = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * @since 0.2.0
 * @category arbitraries
 */
export const listings: fc.Arbitrary<Listing> = fc.constantFrom("oldest-first", "newest-first", "scrambled")

/**
 * @since 0.2.0
 * @category arbitraries
 */
export const bounds: fc.Arbitrary<Bounds> = fc.record({
  start: fc.constantFrom("inclusive" as const, "exclusive" as const),
  end: fc.constantFrom("inclusive" as const, "exclusive" as const)
})

/**
 * A page-number answer: page `page` of `size` over `[start, end]`, with the total when
 * `withTotal`. `undefined` when the walk loops.
 *
 * @since 0.2.0
 * @category paging
 */
export const page = (
  store: Store,
  query: { readonly start: number; readonly end: number; readonly page: number; readonly size: number },
  options: { readonly bounds: Bounds; readonly listing: Listing; readonly withTotal: boolean }
) =>
  store.serve(() => {
    const rows = store.select(query.start, query.end, options.bounds, options.listing)
    const items = rows.slice((query.page - 1) * query.size, query.page * query.size)
    return options.withTotal ? { items, total: rows.length } : { items }
  })

/**
 * A cursor answer over `[start, end]`: `perPage` records from the cursor on. `offset`
 * cursors count records (a removal behind them shifts the rest), `keyset` cursors name the
 * last record's (time, key); `repeat` makes each page start again with the previous page's
 * last record (keyset on a column with ties, as Laravel's cursor paginator over
 * `created_at` alone does).
 *
 * @since 0.2.0
 * @category paging
 */
export const cursorPage = (
  store: Store,
  query: { readonly start: number; readonly end: number; readonly cursor: Option.Option<string> },
  options: {
    readonly bounds: Bounds
    readonly listing: Listing
    readonly perPage: number
    readonly cursor: "offset" | "keyset"
    readonly repeat: boolean
  }
) =>
  store.serve(() => {
    const rows = store.select(query.start, query.end, options.bounds, options.listing)
    const offset = Option.match(query.cursor, {
      onNone: () => 0,
      onSome: (c) => {
        const body = JSON.parse(Buffer.from(c, "base64url").toString("utf8")) as {
          o?: number
          k?: string
          t?: number
        }
        if (body.o !== undefined) return body.o
        // Keyset: the first record after the cursor's (time, key) in the listing's order,
        // from the values the cursor holds (as `WHERE (t, k) > (?, ?)`), wherever the
        // record it was taken from has gone since.
        const named: Record = { type: "", id: "", key: body.k ?? "", time: body.t ?? 0, pending: false }
        const after = rows.findIndex((r) => listingOrder(options.listing)(r, named) > 0)
        return after < 0 ? rows.length : after
      }
    })
    // (A page of one that repeats its predecessor would never move on: no provider does.)
    const start = options.repeat && offset > 0 && options.perPage > 1 ? offset - 1 : offset
    const items = rows.slice(start, start + options.perPage)
    const end = start + items.length
    const last = items[items.length - 1]
    const cursor = options.cursor === "offset" ? { o: end } : { k: last?.key ?? "", t: last?.time ?? 0 }
    const next = end < rows.length && items.length > 0
      ? Option.some(Buffer.from(JSON.stringify(cursor)).toString("base64url"))
      : Option.none<string>()
    return { items, next }
  })

/**
 * A time-window answer: at most `pageSize` records of `[start, end]`, the oldest, the
 * newest or a seeded sample when more match.
 *
 * @since 0.2.0
 * @category paging
 */
export const windowPage = (
  store: Store,
  query: { readonly start: number; readonly end: number; readonly pageSize: number },
  options: { readonly bounds: Bounds; readonly pick: "oldest" | "newest" | "random"; readonly random: () => number }
) =>
  store.serve(() => {
    const rows = store.select(query.start, query.end, options.bounds, "oldest-first")
    if (rows.length <= query.pageSize) return options.pick === "newest" ? [...rows].reverse() : rows
    switch (options.pick) {
      case "oldest":
        return rows.slice(0, query.pageSize)
      case "newest":
        return rows.slice(rows.length - query.pageSize).reverse()
      case "random": {
        const copy = [...rows]
        for (let i = 0; i < query.pageSize; i++) {
          const j = i + Math.floor(options.random() * (copy.length - i))
          ;[copy[i], copy[j]] = [copy[j], copy[i]]
        }
        return copy.slice(0, query.pageSize)
      }
    }
  })
