/**
 * Whole histories as streams, built on core's engines from one-page effects:
 *
 * - the end of the range is frozen when the stream starts (`min(to, now)`, the clock read
 *   once), so records that arrive during the walk neither repeat nor shift pages;
 * - the range is walked in time windows of at most `maxSpan`, each read as ONE page that
 *   proves itself complete (core's `pageNumberWindows`: `total` for cloud-mining, a short
 *   page for UM income), so data that moves between requests cannot shift pages;
 * - UM income's 3-month retention fails with `HistoryUnavailable`, or clamps, or is not
 *   checked;
 * - invalid input fails with a local `InvalidRequest` before anything is sent.
 *
 * @since 0.1.0
 */
import { Errors, Pagination, Time } from "@ledgerkit/core"
import { DateTime, Duration, Effect, Stream } from "effect"
import { halfOpen } from "../internal/range.js"
import type { Range, Source } from "../Source.js"
import * as CloudMining from "./CloudMining.js"
import * as UmIncome from "./UmIncome.js"

/**
 * What a UM income range that starts before the retention does: fail with
 * `HistoryUnavailable`, start at the earliest kept time instead, or go as asked (for a
 * mock that serves old documented records).
 *
 * @since 0.1.0
 * @category models
 */
export type RetentionMode = "fail" | "clamp" | "off"

/**
 * @since 0.1.0
 * @category models
 */
export interface Retention {
  readonly mode: RetentionMode
  /** How far back the provider keeps records; default `defaultEarliest`. */
  readonly period?: Duration.DurationInput | undefined
}

/**
 * The earliest time Binance surely still keeps: "the last three months", read the
 * shortest way, as the later of three calendar months (day clamped to the month's end)
 * and 90 days. Starting later than the provider's real limit only refuses a little too
 * much; starting earlier would return a silently short history.
 *
 * @since 0.1.0
 * @category ranges
 */
export const defaultEarliest = (now: DateTime.Utc): DateTime.Utc =>
  DateTime.max(DateTime.subtract(now, { months: 3 }), DateTime.subtract(now, { days: 90 }))

const notAfter = (source: string, from: DateTime.Utc, to: DateTime.Utc) =>
  DateTime.greaterThan(from, to)
    ? Effect.fail(
      Errors.InvalidRequest.localFailure(source, `from ${Time.formatIso(from)} is after to ${Time.formatIso(to)}`)
    )
    : Effect.void

/**
 * The cloud-mining history of `[from, to)`.
 *
 * @since 0.1.0
 * @category streams
 */
export const cloudMining = (options: {
  readonly page: (query: CloudMining.CloudMiningPageQuery) => Effect.Effect<CloudMining.CloudMiningPage, Errors.LedgerError>
  /** The server's time in milliseconds, as far as the client knows. */
  readonly now: Effect.Effect<number>
  readonly maxSpan: Duration.DurationInput
}) =>
(query: CloudMining.CloudMiningQuery): Stream.Stream<CloudMining.CloudMiningRecord, Errors.LedgerError> =>
  Stream.unwrap(Effect.gen(function*() {
    const size = query.pageSize ?? CloudMining.maxPageSize
    yield* notAfter(CloudMining.source, query.from, query.to)
    yield* CloudMining.validateSize(size)
    yield* CloudMining.validateFilters(query)
    // `now` itself has not fully passed: [from, min(to, now)) holds only passed milliseconds.
    const end = DateTime.min(query.to, Time.fromMillis(yield* options.now))
    const { asset, clientTranId, tranId } = query
    // Each window is read as one page (core's `pageNumberWindows`): a record added or
    // removed between two requests cannot shift a page under the walk. Binance documents
    // [startTime, endTime), so the engine's [s, e] is asked as [s, e + 1 ms).
    return Pagination.pageNumberWindows({
      source: CloudMining.source,
      range: { start: query.from, end: DateTime.subtract(end, { millis: 1 }) },
      pageSize: size,
      maxSpan: options.maxSpan,
      fetch: (window, current) =>
        Effect.map(
          options.page({
            startTime: window.start,
            endTime: DateTime.add(window.end, { millis: 1 }),
            current,
            size,
            asset,
            clientTranId,
            tranId
          }),
          (page) => ({ items: page.rows, total: page.total })
        ),
      timeOf: (record) => record.createTime,
      keyOf: (record) => record.tranId.toString()
    })
  }))

/**
 * Where a UM income walk starts, given the retention; `HistoryUnavailable` when it must
 * not start at all.
 *
 * @since 0.1.0
 * @category ranges
 */
export const retainedStart = (
  retention: Retention,
  from: DateTime.Utc,
  now: DateTime.Utc
): Effect.Effect<DateTime.Utc, Errors.HistoryUnavailable> => {
  const earliest = retention.period === undefined
    ? defaultEarliest(now)
    : DateTime.subtractDuration(now, retention.period)
  if (retention.mode === "off" || !DateTime.lessThan(from, earliest)) return Effect.succeed(from)
  return retention.mode === "clamp"
    ? Effect.succeed(earliest)
    : Effect.fail(
      new Errors.HistoryUnavailable({
        source: UmIncome.source,
        requestedFrom: from,
        earliest,
        reason: `Binance keeps UM income for ${
          retention.period === undefined ? "the last three months" : Duration.format(retention.period)
        } only`
      })
    )
}

/**
 * The UM income history of `[from, to]` (both inclusive), each record once by
 * (incomeType, tranId).
 *
 * @since 0.1.0
 * @category streams
 */
export const umIncome = (options: {
  readonly page: (query: UmIncome.UmIncomePageQuery) => Effect.Effect<ReadonlyArray<UmIncome.UmIncomeRecord>, Errors.LedgerError>
  readonly now: Effect.Effect<number>
  readonly maxSpan: Duration.DurationInput
  readonly retention: Retention
}) =>
(query: UmIncome.UmIncomeQuery): Stream.Stream<UmIncome.UmIncomeRecord, Errors.LedgerError> =>
  Stream.unwrap(Effect.gen(function*() {
    const limit = query.pageSize ?? UmIncome.maxPageSize
    yield* notAfter(UmIncome.source, query.from, query.to)
    yield* UmIncome.validateLimit(limit)
    yield* UmIncome.validateFilters(query)
    const now = Time.fromMillis(yield* options.now)
    const start = yield* retainedStart(options.retention, query.from, now)
    // Both ends are inclusive; the end is frozen at `now` (a millisecond resolution).
    const end = DateTime.min(query.to, now)
    const { incomeType, symbol } = query
    // Each window is read as one page (core's `pageNumberWindows`): rows aging out of the
    // retention, or arriving, between two requests cannot shift a page under the walk.
    return Pagination.pageNumberWindows({
      source: UmIncome.source,
      range: { start, end },
      pageSize: limit,
      maxSpan: options.maxSpan,
      fetch: (window, page) =>
        Effect.map(
          options.page({ startTime: window.start, endTime: window.end, page, limit, incomeType, symbol }),
          (items) => ({ items })
        ),
      timeOf: (record) => record.time,
      keyOf: UmIncome.keyOf
    })
  }))

/**
 * `binance.cloud-mining` as a `Source` (its range is already `[from, to)`).
 *
 * @since 0.1.0
 * @category sources
 */
export const cloudMiningSource = (
  stream: (query: CloudMining.CloudMiningQuery) => Stream.Stream<CloudMining.CloudMiningRecord, Errors.LedgerError>
): Source => ({
  id: CloudMining.source,
  entries: (range: Range) => Stream.map(stream({ from: range.from, to: range.to }), CloudMining.toLedgerEntry)
})

/**
 * `binance.um-income` as a `Source`: `[from, to)` is asked as `[from, to - 1 ms]`.
 *
 * @since 0.1.0
 * @category sources
 */
export const umIncomeSource = (
  stream: (query: UmIncome.UmIncomeQuery) => Stream.Stream<UmIncome.UmIncomeRecord, Errors.LedgerError>
): Source => ({
  id: UmIncome.source,
  // The stream freezes its own end, on the server's clock as the client knows it.
  entries: (range: Range) =>
    halfOpen(
      UmIncome.source,
      range,
      () =>
        Stream.map(
          stream({ from: range.from, to: DateTime.subtractDuration(range.to, Duration.millis(1)) }),
          UmIncome.toLedgerEntry
        )
    )
})
