/**
 * Pagination engines. Each turns a provider's paging style into a `Stream` that delivers
 * every record of the requested range exactly once, or fails: it never silently stops
 * short.
 *
 * @since 0.1.0
 */
import { Chunk, DateTime, Duration, Effect, Option, Stream } from "effect"
import { IncompletePagination } from "./Errors.js"
import { KeySet } from "./internal/KeySet.js"

// How full a snapshot window is aimed to be, of what one answer holds: fuller windows
// take fewer requests, and overflow (one request asked again, smaller) more often.
const fill = 0.9

// ---------------------------------------------------------------------------------------
// Page number
// ---------------------------------------------------------------------------------------

/**
 * One page of a page-numbered listing; `total` where the provider reports one.
 *
 * @since 0.1.0
 * @category models
 */
export interface NumberedPage<A> {
  readonly items: ReadonlyArray<A>
  readonly total?: number | undefined
}

/**
 * Walks `page = first, first+1, ...`.
 *
 * - With a `total`: stops once `total` records have arrived; a page that comes back
 *   short or empty before that, or a total that changes between pages, fails with
 *   `IncompletePagination`.
 * - Without one: stops at the first page with fewer than `pageSize` records.
 *
 * @since 0.1.0
 * @category engines
 */
export const pageNumber = <A, E, R>(options: {
  readonly source: string
  readonly pageSize: number
  readonly firstPage?: number
  readonly fetch: (page: number) => Effect.Effect<NumberedPage<A>, E, R>
}): Stream.Stream<A, E | IncompletePagination, R> => {
  const first = options.firstPage ?? 1
  type State = { readonly page: number; readonly delivered: number; readonly total?: number | undefined }
  return Stream.paginateChunkEffect<State, A, E | IncompletePagination, R>(
    { page: first, delivered: 0 },
    ({ delivered, page, total: before }) =>
      Effect.flatMap(options.fetch(page), ({ items, total }) => {
        const next = { page: page + 1, delivered: delivered + items.length, total }
        const chunk = Chunk.fromIterable(items)
        if (total === undefined) {
          return Effect.succeed([chunk, items.length < options.pageSize ? Option.none() : Option.some(next)] as const)
        }
        // A total that moves between pages means records were added or removed in the
        // listing: the pages shifted, and a record may have been skipped.
        if (before !== undefined && before !== total) {
          return Effect.fail(
            new IncompletePagination({
              source: options.source,
              reason: `the total moved from ${before} to ${total} between pages ${page - 1} and ${page}: records were added or removed during the walk`
            })
          )
        }
        if (next.delivered >= total) {
          return Effect.succeed([chunk, Option.none()] as const)
        }
        if (items.length < options.pageSize) {
          return Effect.fail(
            new IncompletePagination({
              source: options.source,
              reason: `page ${page} held ${items.length} of ${options.pageSize} records, but only ${next.delivered} of the ${total} reported have arrived`
            })
          )
        }
        return Effect.succeed([chunk, Option.some(next)] as const)
      })
  )
}

// ---------------------------------------------------------------------------------------
// Cursor
// ---------------------------------------------------------------------------------------

/**
 * One page of a cursor listing: the cursor of the next page, if any.
 *
 * @since 0.1.0
 * @category models
 */
export interface CursorPage<A, C> {
  readonly items: ReadonlyArray<A>
  readonly next: Option.Option<C>
}

/**
 * Walks opaque cursors from the first page (`None`) until the provider gives no next
 * cursor. A cursor that comes back a second time would loop forever, so it fails with
 * `IncompletePagination`.
 *
 * @since 0.1.0
 * @category engines
 */
export const cursor = <A, C extends string, E, R>(options: {
  readonly source: string
  readonly fetch: (cursor: Option.Option<C>) => Effect.Effect<CursorPage<A, C>, E, R>
  /** With a key, a record that comes again on a later page (ties, offset cursors) is dropped. */
  readonly keyOf?: ((a: A) => string) | undefined
}): Stream.Stream<A, E | IncompletePagination, R> =>
  Stream.suspend(() => {
    const seen = new Set<string>()
    const delivered = new KeySet()
    const keyOf = options.keyOf
    const fresh = (items: ReadonlyArray<A>): ReadonlyArray<A> =>
      keyOf === undefined ? items : items.filter((a) => delivered.add(keyOf(a)))
    return Stream.paginateChunkEffect(Option.none<C>(), (current) =>
      Effect.flatMap(options.fetch(current), ({ items, next }) => {
        if (Option.isSome(next)) {
          if (seen.has(next.value)) {
            return Effect.fail(
              new IncompletePagination({ source: options.source, reason: `the provider returned cursor ${next.value} twice` })
            )
          }
          seen.add(next.value)
        }
        return Effect.succeed([Chunk.fromIterable(fresh(items)), Option.map(next, Option.some)] as const)
      }))
  })

// ---------------------------------------------------------------------------------------
// Windows
// ---------------------------------------------------------------------------------------

/**
 * How a provider reads the end of a time range: `[start, end]` or `[start, end)`.
 *
 * @since 0.1.0
 * @category models
 */
export type EndBound = "inclusive" | "exclusive"

/**
 * A span of time; `end` is read with the range's `EndBound`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Window {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc
}

/**
 * Splits a range into consecutive windows of at most `maxSpan`, with no gap and no
 * overlap under the given end rule (time is counted in whole milliseconds):
 * - `inclusive`: `[s, s + span - 1ms]`, and the next window starts 1 ms later;
 * - `exclusive`: `[s, s + span)`, and the next window starts at the previous end.
 *
 * An empty range gives no windows.
 *
 * @since 0.1.0
 * @category windows
 */
export const splitRange = (
  range: Window,
  options: { readonly maxSpan: Duration.DurationInput; readonly end: EndBound }
): ReadonlyArray<Window> => {
  const span = Math.max(1, Math.floor(Duration.toMillis(options.maxSpan)))
  const from = DateTime.toEpochMillis(range.start)
  const to = DateTime.toEpochMillis(range.end)
  const windows: Array<Window> = []
  if (options.end === "inclusive") {
    for (let s = from; s <= to; s += span) {
      windows.push({ start: DateTime.unsafeMake(s), end: DateTime.unsafeMake(Math.min(s + span - 1, to)) })
    }
  } else {
    for (let s = from; s < to; s += span) {
      windows.push({ start: DateTime.unsafeMake(s), end: DateTime.unsafeMake(Math.min(s + span, to)) })
    }
  }
  return windows
}

/**
 * Streams each window of a split range through `f`, one window after the other.
 *
 * @since 0.1.0
 * @category windows
 */
export const windowed = <A, E, R>(
  range: Window,
  options: { readonly maxSpan: Duration.DurationInput; readonly end: EndBound },
  f: (window: Window) => Stream.Stream<A, E, R>
): Stream.Stream<A, E, R> => Stream.flatMap(Stream.fromIterable(splitRange(range, options)), f)

// ---------------------------------------------------------------------------------------
// Snapshot windows: exact while the data moves
// ---------------------------------------------------------------------------------------

/**
 * One answer for a window: its records, and whether they provably are all the records the
 * window holds (a page that is not full, a `total` that the page reaches, no next cursor).
 *
 * @since 0.2.0
 * @category models
 */
export interface Snapshot<A> {
  readonly items: ReadonlyArray<A>
  readonly complete: boolean
  /** How many records the provider says the window holds, where it says: sizes the next window. */
  readonly total?: number | undefined
}

/**
 * The options every snapshot walk takes.
 *
 * @since 0.2.0
 * @category models
 */
export interface SnapshotOptions<A> {
  readonly source: string
  /** The range, both ends inclusive. Freeze `end` at a time that has fully passed. */
  readonly range: Window
  /** The most records one answer holds (the page size), where it is known. */
  readonly capacity?: number | undefined
  /** The longest window one request may ask for. */
  readonly maxSpan?: Duration.DurationInput | undefined
  /**
   * The provider's time resolution (default 1 ms; 1 second for whole-second filters):
   * windows are whole units, aligned on multiples of it.
   */
  readonly resolution?: Duration.DurationInput | undefined
  readonly timeOf: (a: A) => DateTime.Utc
  readonly keyOf: (a: A) => string
}

/**
 * Walks a time range in windows, each read by ONE request whose answer proves itself
 * complete. Every record that stays in the range for the whole walk is then delivered
 * exactly once, however the data moves between requests (records added anywhere,
 * removed, leaving or entering a filter, aging out): no page is ever read after the
 * listing under it could have shifted. A window whose answer is not complete is split and
 * asked again (in proportion to its `total` where one is reported, else halved); windows
 * grow again after sparse answers, up to `maxSpan`.
 *
 * Records are kept only inside the window asked and the range, de-duplicated by `keyOf`
 * over the whole walk (a record whose time was corrected comes at most once), and
 * delivered in time order, then key order.
 *
 * A single unit of time that one answer cannot hold goes to `dense` when given (a page or
 * cursor walk of that unit); without it the walk fails with `IncompletePagination`
 * naming the unit.
 *
 * @since 0.2.0
 * @category engines
 */
export const snapshots = <A, E, R, E2 = never, R2 = never>(
  options: SnapshotOptions<A> & {
    readonly fetch: (window: Window) => Effect.Effect<Snapshot<A>, E, R>
    readonly dense?: ((window: Window) => Stream.Stream<A, E2, R2>) | undefined
  }
): Stream.Stream<A, E | E2 | IncompletePagination, R | R2> => {
  const unit = options.resolution === undefined ? 1 : Math.max(1, Math.floor(Duration.toMillis(options.resolution)))
  const from = DateTime.toEpochMillis(options.range.start)
  const to = DateTime.toEpochMillis(options.range.end)
  const firstUnit = Math.floor(from / unit)
  const lastUnit = Math.floor(to / unit)
  const maxUnits = options.maxSpan === undefined
    ? Number.MAX_SAFE_INTEGER
    : Math.max(1, Math.floor(Duration.toMillis(options.maxSpan) / unit))
  type Row = { readonly t: number; readonly k: string; readonly row: A }
  // Time, then key: a plain comparator, since it runs for every record.
  const order = (a: Row, b: Row): number => a.t - b.t || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)
  // `start` and `span` count units; `capacity` is learnt from full answers when not given.
  type State = { readonly start: number; readonly span: number; readonly capacity: number }
  const initial: Option.Option<State> = from <= to
    ? Option.some({ start: firstUnit, span: Math.min(maxUnits, lastUnit - firstUnit + 1), capacity: options.capacity ?? 0 })
    : Option.none()

  return Stream.suspend(() => {
    const delivered = new KeySet()
    // Keeps the rows of one window that are inside it and the range, new to the walk.
    const keep = (rows: Iterable<A>, start: number, end: number): Array<A> => {
      const lo = Math.max(start, from)
      const hi = Math.min(end, to)
      const fresh: Array<Row> = []
      for (const row of rows) {
        const t = DateTime.toEpochMillis(options.timeOf(row))
        if (t < lo || t > hi) continue
        const k = options.keyOf(row)
        // Marked at once: a key seen twice in one answer is kept the first time.
        if (delivered.add(k)) fresh.push({ t, k, row })
      }
      return fresh.sort(order).map((r) => r.row)
    }
    // Within one window's length of it (asks may be a unit wider on each side).
    const near = (start: number, span: number) => (row: A): boolean => {
      const t = DateTime.toEpochMillis(options.timeOf(row))
      return t >= (start - span) * unit && t < (start + 2 * span) * unit
    }
    const windowOf = (start: number, span: number): Window => ({
      start: DateTime.unsafeMake(start * unit),
      end: DateTime.unsafeMake((start + span) * unit - 1)
    })

    return Stream.paginateChunkEffect(initial, (state) => {
      if (Option.isNone(state)) return Effect.succeed([Chunk.empty<A>(), Option.none()] as const)
      const { capacity, span, start } = state.value
      const window = windowOf(start, span)
      const next = (grown: number, learnt: number) =>
        start + span > lastUnit
          ? Option.none<State>()
          : Option.some({ start: start + span, span: Math.min(grown, maxUnits, lastUnit - start - span + 1), capacity: learnt })
      return Effect.flatMap(options.fetch(window), (answer): Effect.Effect<
        readonly [Chunk.Chunk<A>, Option.Option<Option.Option<State>>],
        E | E2 | IncompletePagination,
        R | R2
      > => {
        const learnt = Math.max(capacity, answer.complete ? 0 : answer.items.length)
        if (!answer.complete && !answer.items.some(near(start, span))) {
          // Splitting cannot help a provider that does not apply the time filter.
          return Effect.fail(
            new IncompletePagination({
              source: options.source,
              at: window.start,
              reason: `the answer for ${DateTime.formatIso(window.start)} to ${DateTime.formatIso(window.end)} holds no record near that window: the provider does not filter by time`
            })
          )
        }
        if (!answer.complete) {
          if (span === 1) {
            if (options.dense === undefined) {
              return Effect.fail(
                new IncompletePagination({
                  source: options.source,
                  at: window.start,
                  reason: `more records share this ${unit === 1 ? "millisecond" : `${unit} ms unit`} than one answer holds (${answer.items.length} came back), so no answer can prove it complete`
                })
              )
            }
            return Effect.map(
              Stream.runCollect(options.dense(window)),
              (rows) => [Chunk.unsafeFromArray(keep(rows, start * unit, (start + 1) * unit - 1)), Option.some(next(1, learnt))] as const
            )
          }
          // Sized from the reported total, aiming at `fill` of a page; else from
          // where the answer's records lie (see `narrowed`).
          const sized = answer.total !== undefined && learnt > 0 && answer.total > 0
            ? Math.floor((span * learnt * fill) / answer.total)
            : narrowed(answer.items.map((row) => Math.floor(DateTime.toEpochMillis(options.timeOf(row)) / unit)), start, span)
          const smaller = Math.max(1, Math.min(span - 1, sized))
          return Effect.succeed([Chunk.empty<A>(), Option.some(Option.some({ start, span: smaller, capacity: learnt }))] as const)
        }
        const rows = keep(answer.items, start * unit, (start + span) * unit - 1)
        // Grow towards `fill` of a page, at most fourfold at once.
        const target = learnt === 0 || answer.items.length === 0
          ? span * 4
          : Math.floor((span * learnt * fill) / answer.items.length)
        const grown = Math.max(span, Math.min(span * 4, target))
        return Effect.succeed([Chunk.unsafeFromArray(rows), Option.some(next(grown, learnt))] as const)
      })
    })
  })
}

/**
 * The span to ask next after a full answer for `span` units from `start`, from the units
 * the answer's records fall in. It only sizes windows (each is still proven complete by
 * its own answer), so it may assume nothing of the provider's order:
 * - all in one unit: a crowded unit, reached in one step (the units before it, then it
 *   alone) instead of by halving down to it;
 * - else halved, or less when three quarters of the answer lie in the first half (an
 *   oldest-first answer: the window then holds about three quarters of a page).
 */
const narrowed = (units: ReadonlyArray<number>, start: number, span: number): number => {
  const inside = units.filter((u) => u >= start && u < start + span).sort((a, b) => a - b)
  const half = Math.ceil(span / 2)
  if (inside.length === 0) return half
  const first = inside[0]!
  if (first === inside[inside.length - 1]) return first > start ? first - start : 1
  return Math.max(1, Math.min(half, inside[Math.floor(inside.length * 0.75)]! - start))
}

/**
 * Walks a page-numbered API (`page`/`size`, with or without a `total`) over a time range
 * in snapshot windows (see `snapshots`): each window is read as its first page only, which
 * is complete when it is not full, or when it holds the whole `total`. A millisecond that
 * holds more than a page is walked page by page, and a total that moves during that walk
 * is walked again until two walks agree (see `settled` below), or fails with
 * `IncompletePagination`.
 *
 * @since 0.2.0
 * @category engines
 */
export const pageNumberWindows = <A, E, R>(
  options: SnapshotOptions<A> & {
    readonly pageSize: number
    readonly fetch: (window: Window, page: number) => Effect.Effect<NumberedPage<A>, E, R>
  }
): Stream.Stream<A, E | IncompletePagination, R> =>
  snapshots({
    ...options,
    capacity: options.pageSize,
    fetch: (window) =>
      Effect.map(options.fetch(window, 1), ({ items, total }) => ({
        items,
        total,
        complete: total === undefined ? items.length < options.pageSize : items.length >= total
      })),
    dense: (window) =>
      settled(
        options.source,
        window,
        options.keyOf,
        pageNumber({ source: options.source, pageSize: options.pageSize, fetch: (page) => options.fetch(window, page) })
      )
  })

/**
 * A page or cursor walk of one crowded unit of time, which no single answer holds: walked
 * again until two walks in a row give the same records (four walks at most), and the
 * union delivered. A record that stays put is skipped by a walk only when something
 * moved behind its cursor during that walk, which changes what the walks see; so two
 * equal walks mean nothing moved under the second. Otherwise `IncompletePagination`.
 */
const settled = <A, E, R>(
  source: string,
  window: Window,
  keyOf: (a: A) => string,
  walk: Stream.Stream<A, E | IncompletePagination, R>
): Stream.Stream<A, E | IncompletePagination, R> =>
  Stream.unwrap(Effect.gen(function*() {
    const union = new Map<string, A>()
    let previous: string | undefined
    for (let attempt = 0; attempt < 4; attempt++) {
      const rows = yield* Stream.runCollect(walk).pipe(
        Effect.map(Chunk.toReadonlyArray),
        // A total that moved during the walk is one more reason to walk again.
        Effect.catchIf((e): e is IncompletePagination => e instanceof IncompletePagination, () => Effect.succeed(undefined))
      )
      if (rows === undefined) {
        previous = undefined
        continue
      }
      for (const row of rows) if (!union.has(keyOf(row))) union.set(keyOf(row), row)
      const keys = Array.from(new Set(rows.map(keyOf))).sort().join("\n")
      if (keys === previous) return Stream.fromIterable(union.values())
      previous = keys
    }
    return yield* Effect.fail(
      new IncompletePagination({
        source,
        at: window.start,
        reason: "more records share this instant than one page holds, and they kept moving while it was walked page by page"
      })
    )
  }))

/**
 * What a provider's cursor is: `keyset` (it holds the last record's sort values, as
 * Laravel's `CursorPaginator` does: the next page is `WHERE (sort, key) > cursor`, which no
 * insert or removal elsewhere can shift) or `opaque` (it may count records, as an offset
 * does: a removal behind it shifts every later record up by one).
 *
 * @since 0.2.0
 * @category models
 */
export type CursorKind = "keyset" | "opaque"

/**
 * Walks a cursor API over a time range in snapshot windows (see `snapshots`).
 *
 * - `opaque` cursors (the default): each window is read as its first page, complete when
 *   there is no next cursor; a fuller window is split. A unit of time that holds more than
 *   a page is walked by its cursors, repeats dropped by key, again until two walks agree.
 * - `keyset` cursors: each window is read by following its cursors, since a keyset page
 *   cannot shift under the walk: one request per page, not one per split. A window of more
 *   than `maxPages` pages (10 by default) is split, and the windows after it are sized to
 *   hold less: a window is read whole or not at all, so it is kept to a few pages (a fault
 *   on its last page costs the others, and memory holds one window).
 *
 * A cursor that comes back twice within a window fails with `IncompletePagination`.
 *
 * @since 0.2.0
 * @category engines
 */
export const cursorWindows = <A, C extends string, E, R>(
  options: SnapshotOptions<A> & {
    readonly fetch: (window: Window, cursor: Option.Option<C>) => Effect.Effect<CursorPage<A, C>, E, R>
    readonly cursor?: CursorKind | undefined
    readonly maxPages?: number | undefined
  }
): Stream.Stream<A, E | IncompletePagination, R> => {
  const walkOf = (window: Window) =>
    cursor({ source: options.source, keyOf: options.keyOf, fetch: (c: Option.Option<C>) => options.fetch(window, c) })
  if (options.cursor === "keyset") {
    const maxPages = Math.max(1, options.maxPages ?? 10)
    return snapshots({
      ...options,
      fetch: (window) => keysetPages(options.source, maxPages, (c: Option.Option<C>) => options.fetch(window, c)),
      // A unit that holds more than `maxPages` pages: its cursor walk, whole.
      dense: walkOf
    })
  }
  return snapshots({
    ...options,
    fetch: (window) =>
      Effect.map(options.fetch(window, Option.none()), ({ items, next }) => ({ items, complete: Option.isNone(next) })),
    dense: (window) => settled(options.source, window, options.keyOf, walkOf(window))
  })
}

/** One window's keyset pages, up to `maxPages`: complete when the last has no next cursor. */
const keysetPages = <A, C extends string, E, R>(
  source: string,
  maxPages: number,
  fetch: (cursor: Option.Option<C>) => Effect.Effect<CursorPage<A, C>, E, R>
): Effect.Effect<Snapshot<A>, E | IncompletePagination, R> =>
  Effect.gen(function*() {
    const items: Array<A> = []
    const seen = new Set<string>()
    let next = Option.none<C>()
    for (let page = 0; page < maxPages; page++) {
      const answer: CursorPage<A, C> = yield* fetch(next)
      items.push(...answer.items)
      if (Option.isNone(answer.next)) return { items, complete: true }
      if (seen.has(answer.next.value)) {
        return yield* Effect.fail(
          new IncompletePagination({ source, reason: `the provider returned cursor ${answer.next.value} twice` })
        )
      }
      seen.add(answer.next.value)
      next = answer.next
    }
    return { items, complete: false }
  })

/**
 * Walks an API that has only a time window and a page size (no page, no cursor), in
 * snapshot windows (see `snapshots`): each request asks for `[start, end]` (both
 * inclusive, in whole milliseconds), and an answer with fewer than `pageSize` rows is
 * complete. A full answer may have left rows out, whatever order the provider returns, so
 * the window is halved and asked again.
 *
 * A full answer for a single millisecond cannot prove it is complete: the walk fails
 * with `IncompletePagination` naming that millisecond. This happens exactly when one
 * millisecond holds at least `pageSize` rows.
 *
 * @since 0.1.0
 * @category engines
 */
export const timeWindows = <A, E, R>(options: {
  readonly source: string
  /** The range, both ends inclusive. Freeze `end` before walking. */
  readonly range: Window
  /** The largest page the provider returns. */
  readonly pageSize: number
  /** The longest window one request may ask for. */
  readonly maxSpan?: Duration.DurationInput | undefined
  readonly fetch: (window: Window) => Effect.Effect<ReadonlyArray<A>, E, R>
  readonly timeOf: (a: A) => DateTime.Utc
  readonly keyOf: (a: A) => string
}): Stream.Stream<A, E | IncompletePagination, R> =>
  snapshots({
    ...options,
    capacity: options.pageSize,
    fetch: (window) => Effect.map(options.fetch(window), (items) => ({ items, complete: items.length < options.pageSize }))
  })

// ---------------------------------------------------------------------------------------
// Guards
// ---------------------------------------------------------------------------------------

/**
 * Fails with `IncompletePagination` when a record arrives twice in one walk. With page
 * numbers, a record seen twice means the pages shifted under the walk (records were added
 * or removed inside the range), so others may have been skipped: walking again is the
 * only safe answer. Keeps the keys of one walk in memory.
 *
 * @since 0.1.0
 * @category guards
 */
export const failOnRepeat = <A>(source: string, keyOf: (a: A) => string) =>
<E, R>(self: Stream.Stream<A, E, R>): Stream.Stream<A, E | IncompletePagination, R> =>
  Stream.suspend(() => {
    const seen = new KeySet()
    return Stream.mapEffect(self, (a) => {
      const key = keyOf(a)
      if (!seen.add(key)) {
        return Effect.fail(
          new IncompletePagination({
            source,
            reason: `record ${key} came twice: the pages shifted during the walk, so records may be missing; walk again`
          })
        )
      }
      return Effect.succeed(a)
    })
  })
