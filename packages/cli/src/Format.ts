/**
 * The output formats: NDJSON and CSV, with exact decimal strings, fixed-width ISO-8601
 * UTC times (always milliseconds, so that they sort as text) and a stable column order.
 * Each function turns whole entries into whole lines, so what is written is always a
 * whole number of records.
 *
 * @since 0.1.0
 */
import { Amount, Json, type LedgerEntry } from "@ledgerkit/core"
import { BigDecimal, DateTime, Duration, Option, Redacted } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export type Format = "ndjson" | "csv"

/**
 * The formats, for the command line.
 *
 * @since 0.1.0
 * @category constants
 */
export const formats = ["ndjson", "csv"] as const

/**
 * The CSV columns, in order. `references` is a JSON object (keys sorted); `original`
 * is left out of CSV (it is nested) and kept in NDJSON.
 *
 * @since 0.1.0
 * @category constants
 */
export const csvColumns = [
  "time",
  "source",
  "id",
  "kind",
  "provider_type",
  "asset",
  "amount",
  "status",
  "symbol",
  "references"
] as const

/**
 * A time as written to an export: ISO-8601 UTC, always with milliseconds
 * (`2024-01-31T12:00:00.000Z`), so that times sort as text.
 *
 * @since 0.1.0
 * @category formatting
 */
export const time = (utc: DateTime.Utc): string => DateTime.formatIso(utc)

/**
 * A value as plain JSON: decimals as exact strings, times as `time` writes them, options as
 * their value or null, records as objects with their own fields.
 *
 * @since 0.1.0
 * @category formatting
 */
export const plain = (value: unknown): unknown => {
  if (value === null || value === undefined) return null
  if (BigDecimal.isBigDecimal(value)) return Amount.format(value)
  if (DateTime.isDateTime(value)) return time(DateTime.toUtc(value))
  if (Option.isOption(value)) return Option.isSome(value) ? plain(value.value) : null
  if (Duration.isDuration(value)) return Duration.toMillis(value)
  // A secret never reaches an output file, even if a record were to carry one.
  if (Redacted.isRedacted(value)) return "<redacted>"
  if (typeof value === "bigint") return value.toString()
  // A JSON number no double holds (Zenlayer's `98160.00`): its exact text, as its toJSON writes it.
  if (Json.isNumberLiteral(value)) return value.text
  if (typeof value === "number") return Number.isFinite(value) ? value : null
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
  }
  return value
}

const sortedReferences = (references: Readonly<Record<string, string>> | undefined) =>
  references === undefined || Object.keys(references).length === 0
    ? null
    : Object.fromEntries(Object.keys(references).sort().map((k) => [k, references[k]]))

/**
 * One entry as a JSON object with the same keys in the same order every time (absent
 * optional fields are `null`).
 *
 * @since 0.1.0
 * @category formatting
 */
export const toJson = (entry: LedgerEntry.LedgerEntry) => ({
  time: time(entry.time),
  source: entry.source,
  id: entry.id,
  kind: entry.kind,
  providerType: entry.providerType,
  asset: entry.asset,
  amount: Amount.format(entry.amount),
  status: entry.status,
  symbol: entry.symbol ?? null,
  references: sortedReferences(entry.references),
  original: plain(entry.original)
})

/**
 * One NDJSON line, with its newline.
 *
 * @since 0.1.0
 * @category formatting
 */
export const ndjsonLine = (entry: LedgerEntry.LedgerEntry): string => `${JSON.stringify(toJson(entry))}\n`

/**
 * Quotes a CSV field when it holds a comma, a quote, a line break or edge spaces
 * (RFC 4180: wrapped in double quotes, quotes doubled).
 *
 * @since 0.1.0
 * @category formatting
 */
export const csvField = (value: string): string =>
  /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll("\"", "\"\"")}"` : value

const csvRecord = (fields: ReadonlyArray<string>): string => `${fields.map(csvField).join(",")}\r\n`

/**
 * The CSV header row, with its line break.
 *
 * @since 0.1.0
 * @category formatting
 */
export const csvHeader: string = csvRecord(csvColumns)

/**
 * One CSV row (CRLF-terminated, as RFC 4180 has it).
 *
 * @since 0.1.0
 * @category formatting
 */
export const csvLine = (entry: LedgerEntry.LedgerEntry): string => {
  const references = sortedReferences(entry.references)
  return csvRecord([
    time(entry.time),
    entry.source,
    entry.id,
    entry.kind,
    entry.providerType,
    entry.asset,
    Amount.format(entry.amount),
    entry.status,
    entry.symbol ?? "",
    references === null ? "" : JSON.stringify(references)
  ])
}

/**
 * What a format writes before the first record.
 *
 * @since 0.1.0
 * @category formatting
 */
export const header = (format: Format): string => (format === "csv" ? csvHeader : "")

/**
 * Whole records, as one string.
 *
 * @since 0.1.0
 * @category formatting
 */
export const lines = (format: Format, entries: Iterable<LedgerEntry.LedgerEntry>): string => {
  const line = format === "csv" ? csvLine : ndjsonLine
  let out = ""
  for (const entry of entries) out += line(entry)
  return out
}
