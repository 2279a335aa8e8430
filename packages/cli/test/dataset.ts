/**
 * What the mock serves, as the export must write it: the generated dataset of each
 * endpoint over a range, in output order, with the amounts as the provider wrote them.
 */
import { Datasets, type Records } from "@ledgerkit/mock-server"
import * as Source from "@ledgerkit/providers/Source"
import { DateTime } from "effect"
import { expect } from "vitest"
import { parseNdjson } from "./support.js"

export const DAY = 86_400_000
export const anchor = Math.floor(Date.now() / DAY) * DAY
// A month: enough records for every hard case, few enough requests to stay fast.
export const from = anchor - 30 * DAY
/** A time as the exports write it (always milliseconds); also a valid --from/--to. */
export const iso = (millis: number) => DateTime.formatIso(DateTime.unsafeMake(millis))

interface Expected {
  readonly key: string
  readonly time: number
  /** The amount as the provider wrote it (unsigned where the provider does not sign). */
  readonly amount: string
}

// The amount each endpoint's record carries on the wire.
const amountOf: { readonly [K in Records.EndpointId]: (r: Records.RecordOf[K]) => string } = {
  "binance.cloud-mining": (r) => r.amount,
  "binance.um-income": (r) => r.income,
  "zenlayer.recharge-refund": (r) => r.amount,
  "wooxpro.contract-transactions": (r) => r.amount,
  "cryptomus.transactions": (r) => r.amount
}

// What the mock serves for a source over [from, anchor): cloud-mining only shows status S.
export const expectedOf = <K extends Records.EndpointId>(datasets: Datasets.Datasets, id: K): Array<Expected> => {
  const table = datasets.tables[id] as Datasets.Table<Records.RecordOf[K]>
  const keys = Datasets.keys[id] as Datasets.Keys<Records.RecordOf[K]>
  return table.records.flatMap((record) => {
    const time = keys.time(record)
    const shown = id !== "binance.cloud-mining" || (record as Records.CloudMiningRecord).status === "S"
    return shown && time >= from && time < anchor
      ? [{ key: `${id}/${keys.identity(record)}`, time, amount: (amountOf[id] as (r: Records.RecordOf[K]) => string)(record) }]
      : []
  })
}

// Output order: time, then source, then id (string order).
const byOutputOrder = (a: Expected, b: Expected) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/** Which sources an export asked for: one, several, or `all`. */
export type Selection = Source.SourceId | "all" | ReadonlyArray<Source.SourceId>

const idsOf = (selection: Selection): ReadonlyArray<Source.SourceId> =>
  selection === "all" ? Source.ids : typeof selection === "string" ? [selection] : selection

export const expectedFor = (datasets: Datasets.Datasets, selection: Selection) =>
  idsOf(selection).flatMap((id) => expectedOf(datasets, id)).sort(byOutputOrder)

/** The summary line of an export of `selection` written to `out`. */
export const summaryOf = (datasets: Datasets.Datasets, selection: Selection, out: string, verb = "wrote") =>
  `ledgerkit: ${verb} ${expectedFor(datasets, selection).length} records to ${out} (${
    idsOf(selection).map((id) => `${id} ${expectedOf(datasets, id).length}`).join(", ")
  })`

export const expectDataset = (datasets: Datasets.Datasets, selection: Selection, text: string) => {
  const expected = expectedFor(datasets, selection)
  expect(expected.length).toBeGreaterThan(30 * idsOf(selection).length)
  const records = parseNdjson(text)
  expect(records.map((r) => `${String(r.source)}/${String(r.id)}`)).toEqual(expected.map((e) => e.key))
  records.forEach((r, i) => {
    expect(r.time).toBe(iso(expected[i].time))
    const amount = String(r.amount)
    // Cloud mining and Cryptomus send unsigned amounts that the ledger signs.
    const signed = r.source === "binance.cloud-mining" || r.source === "cryptomus.transactions"
    expect(signed ? amount.replace(/^-/, "") : amount, String(r.id)).toBe(expected[i].amount)
  })
}

