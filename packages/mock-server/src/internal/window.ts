/**
 * Time windows and pages over a table sorted oldest first.
 */
import type * as Datasets from "../Datasets.js"
import type * as Settings from "../Settings.js"

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
  /** Inclusive; none = unbounded. */
  readonly from?: number | undefined
  readonly to?: number | undefined
  readonly toInclusive: boolean
}

/** The records of a window, oldest first. */
export const select = <R>(table: Datasets.Table<R>, window: Window): ReadonlyArray<R> => {
  const start = window.from === undefined ? 0 : bound(table.times, window.from, false)
  const end = window.to === undefined ? table.times.length : bound(table.times, window.to, window.toInclusive)
  return start < end ? table.records.slice(start, end) : []
}

export const ordered = <R>(rows: ReadonlyArray<R>, order: Settings.Order): ReadonlyArray<R> =>
  order === "asc" ? rows : rows.slice().reverse()

/** Page `page` (from 1) of `size` rows. */
export const page = <R>(rows: ReadonlyArray<R>, pageNumber: number, size: number): ReadonlyArray<R> => {
  const offset = (pageNumber - 1) * size
  return offset >= rows.length ? [] : rows.slice(offset, offset + size)
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
