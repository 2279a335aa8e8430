/**
 * Time windows and pages over a table sorted oldest first.
 */
import type * as Endpoint from "../Endpoint.js"

const DAY = 86_400_000

/** First index whose time is >= t (or > t when `after`). */
const bound = (times: ReadonlyArray<number>, t: number, after: boolean): number => {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (after ? times[mid] <= t : times[mid] < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface Window {
  /** None = unbounded. */
  readonly from?: number | undefined
  readonly to?: number | undefined
  /** `from` excludes records at exactly that time (default: it includes them). */
  readonly fromExclusive?: boolean | undefined
  readonly toInclusive: boolean
}

/** The table indices `[start, end)` of a window's records. */
const range = <R>(table: Endpoint.Table<R>, window: Window) => {
  const start = window.from === undefined ? 0 : bound(table.times, window.from, window.fromExclusive === true)
  const end = window.to === undefined ? table.times.length : bound(table.times, window.to, window.toInclusive)
  return { start, end: Math.max(start, end) }
}

/** What a request reads: a window of a table, in an order, through an optional filter. */
export interface View<R> {
  readonly table: Endpoint.Table<R>
  readonly window: Window
  readonly order: Endpoint.Order
  /** None: every record of the window (and pages are cut straight from the table). */
  readonly keep?: ((record: R) => boolean) | undefined
}

/**
 * Calls `f` on the view's records, in its order, until `f` returns false. Reads the table
 * in place: a request costs what it reads, not a copy of its window.
 */
export const each = <R>(view: View<R>, f: (record: R) => boolean): void => {
  const { start, end } = range(view.table, view.window)
  const { keep, table: { records } } = view
  if (view.order === "asc") {
    for (let i = start; i < end; i++) if ((keep === undefined || keep(records[i])) && !f(records[i])) return
  } else {
    for (let i = end - 1; i >= start; i--) if ((keep === undefined || keep(records[i])) && !f(records[i])) return
  }
}

/** How many records the view holds (without a filter, from the bounds alone). */
export const count = <R>(view: View<R>): number => {
  if (view.keep === undefined) {
    const { end, start } = range(view.table, view.window)
    return end - start
  }
  let n = 0
  each(view, () => {
    n++
    return true
  })
  return n
}

/**
 * Page `pageNumber` (from 1) of `size` records of the view: the page of the filtered,
 * ordered window. Without a filter it is cut straight out of the table (O(page)); with
 * one, the pass stops at the page's last record.
 */
export const page = <R>(view: View<R>, pageNumber: number, size: number): ReadonlyArray<R> => {
  const offset = (pageNumber - 1) * size
  if (size < 1) return []
  if (view.keep === undefined) {
    const { end, start } = range(view.table, view.window)
    if (offset >= end - start) return []
    const records = view.table.records
    return view.order === "asc"
      ? records.slice(start + offset, Math.min(end, start + offset + size))
      : records.slice(Math.max(start, end - offset - size), end - offset).reverse()
  }
  const rows: Array<R> = []
  let skipped = 0
  each(view, (record) => {
    if (skipped < offset) skipped++
    else rows.push(record)
    return rows.length < size
  })
  return rows
}

/** A filter keeping the records whose fields equal every value given; none given: no filter. */
export const where = <R>(fields: { readonly [K in keyof R]?: R[K] | undefined }): ((record: R) => boolean) | undefined => {
  const keys = (Object.keys(fields) as Array<keyof R>).filter((key) => fields[key] !== undefined)
  return keys.length === 0 ? undefined : (record) => keys.every((key) => record[key] === fields[key])
}

export const days = (n: number) => n * DAY

/** `now` minus whole calendar months, in UTC. */
export const monthsBefore = (now: number, months: number): number => {
  const date = new Date(now)
  const day = date.getUTCDate()
  date.setUTCDate(1)
  date.setUTCMonth(date.getUTCMonth() - months)
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
  date.setUTCDate(Math.min(day, last))
  return date.getTime()
}
