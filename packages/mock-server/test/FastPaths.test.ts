/**
 * The mock's fast paths answer exactly what the straightforward code did:
 *
 * - `Window.page` / `Window.count` (pages cut from the table's bounds, filters read in
 *   place) equal filtering the whole window, ordering it and slicing the page;
 * - `ExactJson.stringify` (native `JSON.stringify` for every part without an exact
 *   literal) writes the bytes, and throws where, the value-by-value writer did.
 */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { Arbitraries, Datasets, ExactJson, Records } from "@ledgerkit/mock-server"
import * as Window from "../src/internal/window.js"
import * as Client from "./support/client.js"

const anchor = Date.UTC(2024, 5, 1)
const DAY = 86_400_000
const options = { fastCheck: { numRuns: Client.propRuns() } }

describe("Window: pages without copying the window", () => {
  // A bound: none, a record's time (where inclusive and exclusive differ), or any instant.
  const boundArb = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.nat().map((i) => ({ record: i })), weight: 3 },
    { arbitrary: fc.integer({ min: anchor - 140 * DAY, max: anchor + DAY }).map((t) => ({ instant: t })), weight: 1 }
  )
  const boundOf = (times: ReadonlyArray<number>, b: { record: number } | { instant: number } | undefined) =>
    b === undefined ? undefined : "instant" in b ? b.instant : times.length === 0 ? anchor : times[b.record % times.length]

  it.prop(
    "every page, and the count, equal filter, order and slice of the whole window",
    {
      records: fc.integer({ min: 0, max: 60 }).chain((rows) => Arbitraries.umIncomeRecords({ rows, anchor })),
      bounds: fc.tuple(boundArb, boundArb),
      reversed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      // Half the time no filter; otherwise the values of one record (so that some match).
      filter: fc.option(fc.tuple(fc.nat(), fc.constantFrom("symbol", "incomeType", "both")), { nil: undefined, freq: 2 }),
      size: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 7 }), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 1 })
    },
    ({ bounds, filter, records, reversed, size }) => {
      const table = Datasets.unsafeTable("binance.um-income", records)
      const [a, b] = bounds.map((bound) => boundOf(table.times, bound))
      // Mostly from <= to; sometimes reversed (an empty window).
      const swap = a !== undefined && b !== undefined && a > b !== reversed
      const chosen = filter === undefined || records.length === 0 ? undefined : records[filter[0] % records.length]
      const symbol = filter?.[1] === "incomeType" ? undefined : chosen?.symbol
      const incomeType = filter?.[1] === "symbol" ? undefined : chosen?.incomeType
      for (const toInclusive of [true, false]) {
        for (const order of ["asc", "desc"] as const) {
          const window = { from: swap ? b : a, to: swap ? a : b, toInclusive }
          const view: Window.View<Records.UmIncomeRecord> = {
            table,
            window,
            order,
            keep: Window.where<Records.UmIncomeRecord>({ symbol, incomeType })
          }
          // The straightforward answer: every record of the window that passes, in order.
          const inWindow = (t: number) =>
            (window.from === undefined || t >= window.from) &&
            (window.to === undefined || (toInclusive ? t <= window.to : t < window.to))
          const matching = table.records.filter((r, i) =>
            inWindow(table.times[i]) && (symbol === undefined || r.symbol === symbol) &&
            (incomeType === undefined || r.incomeType === incomeType)
          )
          const ordered = order === "asc" ? matching : [...matching].reverse()

          expect(Window.count(view)).toBe(matching.length)
          const seen: Array<Records.UmIncomeRecord> = []
          Window.each(view, (r) => {
            seen.push(r)
            return true
          })
          expect(seen).toEqual(ordered)
          // Every page up to one past the last, and one far beyond.
          const last = Math.ceil(matching.length / size) + 1
          for (const pageNumber of [...Array.from({ length: last }, (_, i) => i + 1), Number.MAX_SAFE_INTEGER]) {
            const offset = (pageNumber - 1) * size
            const expected = offset >= ordered.length ? [] : ordered.slice(offset, offset + size)
            expect(Window.page(view, pageNumber, size)).toEqual(expected)
          }
        }
      }
    },
    options
  )
})

// --- ExactJson ------------------------------------------------------------------------

/** The value-by-value writer as it was before the native fast path: the reference. */
const reference = (value: ExactJson.Json): string => {
  if (value === null) return "null"
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value)
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as JSON`)
    return JSON.stringify(value)
  }
  if (value instanceof ExactJson.RawNumber) return value.literal
  if (Array.isArray(value)) return "[" + value.map(reference).join(",") + "]"
  const fields: Array<string> = []
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) fields.push(JSON.stringify(key) + ":" + reference(field))
  }
  return "{" + fields.join(",") + "}"
}

const outcome = (write: (value: ExactJson.Json) => string, value: ExactJson.Json) => {
  try {
    return { written: write(value) }
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) }
  }
}

/** An object of these own keys and values, with `Object.prototype` or no prototype. */
const objectOf = (entries: ReadonlyArray<readonly [string, ExactJson.Json | undefined]>, bare: boolean) => {
  const object: Record<string, ExactJson.Json | undefined> = bare ? Object.create(null) : {}
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
  return object
}

const { json } = fc.letrec<{ json: ExactJson.Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme-ascii" }),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e21, 5e-324),
    fc.integer(),
    Arbitraries.decimal({ signed: true }).map((literal) => new ExactJson.RawNumber(literal)),
    fc.array(tie("json"), { maxLength: 5 }),
    fc.sparseArray(tie("json"), { maxLength: 5 }),
    fc.tuple(
      fc.array(fc.tuple(fc.oneof(fc.string(), fc.constantFrom("__proto__", "0", "10", "toJSON")), fc.option(tie("json"), { nil: undefined })), {
        maxLength: 5
      }),
      fc.boolean()
    ).map(([entries, bare]) => objectOf(entries, bare))
  )
}))

describe("ExactJson: the native fast path writes the same bytes", () => {
  it.prop("stringify equals the value-by-value writer (and throws where it threw)", { value: json }, ({ value }) => {
    expect(outcome(ExactJson.stringify, value)).toEqual(outcome(reference, value))
  }, options)

  it.prop(
    "pages of every endpoint's records are written as before",
    { datasets: Arbitraries.datasets({ rows: { min: 0, max: 30 }, anchor }) },
    ({ datasets }) => {
      const t = datasets.tables
      const bodies: ReadonlyArray<ExactJson.Json> = [
        { total: t["binance.cloud-mining"].records.length, rows: t["binance.cloud-mining"].records.map(Records.renderCloudMining) },
        t["binance.um-income"].records.map(Records.renderUmIncome),
        { requestId: "T1", response: { requestId: "T1", totalCount: 1, dataSet: t["zenlayer.recharge-refund"].records.map(Records.renderZenlayer) } },
        { code: 1000, message: "Ok", data: t["wooxpro.contract-transactions"].records.map(Records.renderWooxpro), trace: "x" },
        { state: 0, result: { items: t["cryptomus.transactions"].records.map(Records.renderCryptomus), paginate: { nextCursor: null } } }
      ]
      for (const body of bodies) expect(new TextDecoder().decode(ExactJson.encode(body))).toBe(reference(body))
    },
    options
  )
})
