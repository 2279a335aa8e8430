/**
 * Pagination engines. Each turns a provider's paging style into a `Stream` that delivers
 * every record of the requested range exactly once, or fails: it never silently stops
 * short.
 *
 * @since 0.1.0
 */
import { Chunk, DateTime, Duration, Effect, Option, Order, Stream } from "effect"
import { IncompletePagination } from "./Errors.js"

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
 *   short or empty before that fails with `IncompletePagination`.
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
  return Stream.paginateChunkEffect({ page: first, delivered: 0 }, ({ delivered, page }) =>
    Effect.flatMap(options.fetch(page), ({ items, total }) => {
      const next = { page: page + 1, delivered: delivered + items.length }
      const chunk = Chunk.fromIterable(items)
      if (total === undefined) {
        return Effect.succeed([chunk, items.length < options.pageSize ? Option.none() : Option.some(next)] as const)
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
    }))
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
}): Stream.Stream<A, E | IncompletePagination, R> =>
  Stream.suspend(() => {
    const seen = new Set<string>()
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
        return Effect.succeed([Chunk.fromIterable(items), Option.map(next, Option.some)] as const)
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
// Time-window walking
// ---------------------------------------------------------------------------------------

/**
 * Walks an API that has only a time window and a page size (no page, no cursor).
 *
 * Each request asks for `[start, end]` (both inclusive, in whole milliseconds). A window
 * that comes back with fewer than `pageSize` rows is complete. A full window may have
 * left rows out, whatever order the provider returns, so it is halved and asked again;
 * windows grow again after sparse answers, up to `maxSpan`. Rows are de-duplicated by
 * `keyOf` and delivered in time order (then key order).
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
}): Stream.Stream<A, E | IncompletePagination, R> => {
  const from = DateTime.toEpochMillis(options.range.start)
  const to = DateTime.toEpochMillis(options.range.end)
  const maxSpan = options.maxSpan === undefined
    ? Number.MAX_SAFE_INTEGER
    : Math.max(1, Math.floor(Duration.toMillis(options.maxSpan)))
  type Row = { readonly t: number; readonly k: string; readonly row: A }
  const order = Order.combine(
    Order.mapInput(Order.number, (r: Row) => r.t),
    Order.mapInput(Order.string, (r: Row) => r.k)
  )
  type State = { readonly start: number; readonly span: number }
  const first: Option.Option<State> = from <= to
    ? Option.some({ start: from, span: Math.min(maxSpan, to - from + 1) })
    : Option.none()

  return Stream.paginateChunkEffect(first, (state) => {
    if (Option.isNone(state)) return Effect.succeed([Chunk.empty<A>(), Option.none()] as const)
    const { span, start } = state.value
    const end = Math.min(start + span - 1, to)
    const window = { start: DateTime.unsafeMake(start), end: DateTime.unsafeMake(end) }
    return Effect.flatMap(options.fetch(window), (rows) => {
      if (rows.length >= options.pageSize) {
        if (end === start) {
          return Effect.fail(
            new IncompletePagination({
              source: options.source,
              at: window.start,
              reason: `at least ${options.pageSize} records share this millisecond, more than one page can prove complete`
            })
          )
        }
        const halved = Math.ceil((end - start + 1) / 2)
        return Effect.succeed([Chunk.empty<A>(), Option.some(Option.some({ start, span: halved }))] as const)
      }
      const byKey = new Map<string, Row>()
      for (const row of rows) {
        const t = DateTime.toEpochMillis(options.timeOf(row))
        const k = options.keyOf(row)
        // Rows outside the window belong to a neighbour and would be delivered twice.
        if (t >= start && t <= end && !byKey.has(k)) byKey.set(k, { t, k, row })
      }
      const sorted = Array.from(byKey.values()).sort(order).map((r) => r.row)
      const grown = rows.length < options.pageSize / 2 ? Math.min(maxSpan, span * 2) : span
      const next = end >= to ? Option.none<State>() : Option.some({ start: end + 1, span: grown })
      return Effect.succeed([Chunk.unsafeFromArray(sorted), Option.some(next)] as const)
    })
  })
}

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
    const seen = new Set<string>()
    return Stream.mapEffect(self, (a) => {
      const key = keyOf(a)
      if (seen.has(key)) {
        return Effect.fail(
          new IncompletePagination({
            source,
            reason: `record ${key} came twice: the pages shifted during the walk, so records may be missing; walk again`
          })
        )
      }
      seen.add(key)
      return Effect.succeed(a)
    })
  })
