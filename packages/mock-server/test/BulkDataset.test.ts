import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Schema } from "effect"
import * as BulkDataset from "../src/BulkDataset.js"
import * as Datasets from "../src/Datasets.js"
import * as Records from "../src/Records.js"
import * as RecordSchemas from "../src/RecordSchemas.js"

const runs = Number(process.env.LEDGERKIT_PROP_RUNS ?? 25)
const DAY = 86_400_000

const options = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  anchor: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  rows: fc.integer({ min: 0, max: 400 }),
  burst: fc.integer({ min: 1, max: 6 }),
  spanDays: fc.integer({ min: 1, max: 90 })
}).map(({ anchor, burst, rows, seed, spanDays }): BulkDataset.Options => ({
  seed,
  anchor,
  burst,
  endpoints: Object.fromEntries(Records.endpointIds.map((id) => [id, { rows, spanMillis: spanDays * DAY }]))
}))

describe("BulkDataset", () => {
  it.prop("the same options give the same records", [options], ([o]) => {
    expect(BulkDataset.generate(o)).toEqual(BulkDataset.generate(o))
  }, { fastCheck: { numRuns: runs } })

  it.prop(
    "each table holds exactly the rows asked for: valid wire records, sorted, unique keys, inside the span, bursts bounded",
    [options],
    ([o]) => {
      const { tables } = BulkDataset.generate(o)
      for (const id of Records.endpointIds) {
        const spec = o.endpoints[id]!
        const table = tables[id] as Datasets.Table<Records.RecordOf[typeof id]>
        expect(table.records.length).toBe(spec.rows)
        // Datasets.table sorts and rejects a repeated key: the generator's order must survive it.
        const rebuilt = Datasets.unsafeTable(id, table.records)
        expect(rebuilt.records).toEqual(table.records)
        expect(rebuilt.times).toEqual(table.times)
        const decode = Schema.decodeUnknownSync(RecordSchemas.byEndpoint[id] as Schema.Schema<unknown, unknown>)
        const perInstant = new Map<number, number>()
        for (const [i, record] of table.records.entries()) {
          decode(record)
          const t = table.times[i]
          expect(t).toBeLessThan(o.anchor)
          expect(t).toBeGreaterThanOrEqual(o.anchor - spec.spanMillis!)
          perInstant.set(t, (perInstant.get(t) ?? 0) + 1)
        }
        for (const count of perInstant.values()) expect(count).toBeLessThanOrEqual(o.burst!)
      }
    },
    { fastCheck: { numRuns: runs } }
  )

  it("writes a million records in seconds, not minutes (the reason it exists)", () => {
    const { tables } = BulkDataset.generate({
      seed: 7,
      anchor: 1_800_000_000_000,
      endpoints: { "binance.um-income": { rows: 200_000, perDay: 1000 } }
    })
    expect(tables["binance.um-income"].records.length).toBe(200_000)
    expect(tables["binance.cloud-mining"].records.length).toBe(0)
  })
})
