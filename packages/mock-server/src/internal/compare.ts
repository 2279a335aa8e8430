/**
 * Orders and times shared by the providers' record keys.
 */
import { Either } from "effect"
import { Time } from "@ledgerkit/core"

const digits = /^[0-9]+$/

/**
 * A total order on ids: digit strings first, as numbers (no leading zeros assumed:
 * shorter is smaller), then any other string in code-unit order.
 */
export const compareText = (a: string, b: string): number => {
  const da = digits.test(a)
  const db = digits.test(b)
  if (da !== db) return da ? -1 : 1
  if (da && a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** The epoch millis of an ISO-8601 UTC time the record schemas have checked. */
export const isoMillis = (iso: string): number => Either.getOrThrowWith(Time.parseIso(iso), (message) => new Error(message))
