/**
 * What one record costs the library, stage by stage, on the very pages of a throughput
 * pass (their bodies, fetched once): `JSON.parse`, decoding the page with the provider's
 * schema (one compiled parser), `toLedgerEntry`, and, inside it, re-encoding the record
 * as `original`. Each stage runs alone over all the pages, several times; medians per row.
 */
import type { LedgerEntry } from "@ledgerkit/core"
import * as CloudMining from "@ledgerkit/providers/binance/CloudMining"
import * as UmIncome from "@ledgerkit/providers/binance/UmIncome"
import * as CryptomusMapping from "@ledgerkit/providers/cryptomus/Mapping"
import * as CryptomusRecords from "@ledgerkit/providers/cryptomus/Records"
import type * as Source from "@ledgerkit/providers/Source"
import * as WooMapping from "@ledgerkit/providers/wooxpro/Mapping"
import * as WooRecords from "@ledgerkit/providers/wooxpro/Records"
import * as ZenlayerMapping from "@ledgerkit/providers/zenlayer/Mapping"
import * as ZenlayerRecords from "@ledgerkit/providers/zenlayer/Records"
import { Schema } from "effect"
import { median } from "./stats.js"

export interface StageCosts {
  /** Rows in the pages (WOO X Pro's overlapping windows included). */
  readonly rows: number
  /** CPU µs per row, medians. */
  readonly parseMicros: number
  readonly decodeMicros: number
  readonly toLedgerEntryMicros: number
  /** Part of `toLedgerEntryMicros`: `Schema.encodeSync` of the record for `original`. */
  readonly encodeOriginalMicros: number
}

interface Stages {
  readonly decode: (json: unknown) => ReadonlyArray<unknown>
  readonly measure: (jsons: ReadonlyArray<unknown>) => { decode: number; map: number; encode: number; rows: number }
}

const stages = <P, PI, R, RI>(
  page: Schema.Schema<P, PI>,
  rowsOf: (page: P) => ReadonlyArray<R>,
  record: Schema.Schema<R, RI>,
  toLedgerEntry: (record: R) => LedgerEntry.LedgerEntry
): Stages => {
  const decode = Schema.decodeUnknownSync(page, { errors: "first", onExcessProperty: "ignore" })
  const encode = Schema.encodeSync(record)
  return {
    decode: (json) => rowsOf(decode(json)),
    measure: (jsons) => {
      let t = performance.now()
      const rows = jsons.flatMap((json) => rowsOf(decode(json)))
      const decodeMillis = performance.now() - t
      t = performance.now()
      for (const row of rows) toLedgerEntry(row)
      const mapMillis = performance.now() - t
      t = performance.now()
      for (const row of rows) encode(row)
      const encodeMillis = performance.now() - t
      return { decode: decodeMillis, map: mapMillis, encode: encodeMillis, rows: rows.length }
    }
  }
}

const bySource: Record<Source.SourceId, Stages> = {
  "binance.cloud-mining": stages(CloudMining.CloudMiningPage, (p) => p.rows, CloudMining.CloudMiningRecord, CloudMining.toLedgerEntry),
  "binance.um-income": stages(UmIncome.UmIncomePage, (p) => p, UmIncome.UmIncomeRecord, UmIncome.toLedgerEntry),
  "zenlayer.recharge-refund": stages(
    ZenlayerRecords.SuccessEnvelope,
    (p) => p.response.dataSet,
    ZenlayerRecords.RechargeRefund,
    ZenlayerMapping.toLedgerEntry
  ),
  "wooxpro.contract-transactions": stages(WooRecords.SuccessEnvelope, (p) => p.data, WooRecords.Transaction, WooMapping.toLedgerEntry),
  "cryptomus.transactions": stages(
    CryptomusRecords.SuccessEnvelope,
    (p) => p.result.items,
    CryptomusRecords.Transaction,
    CryptomusMapping.toLedgerEntry
  )
}

export const measureStages = (id: Source.SourceId, bodies: ReadonlyArray<string>, rounds = 5): StageCosts => {
  const s = bySource[id]
  const parse: Array<number> = []
  const decode: Array<number> = []
  const map: Array<number> = []
  const encode: Array<number> = []
  let rows = 0
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    const jsons = bodies.map((body) => JSON.parse(body) as unknown)
    const parseMillis = performance.now() - t
    const m = s.measure(jsons)
    rows = m.rows
    const per = (millis: number) => (millis * 1000) / Math.max(1, m.rows)
    parse.push(per(parseMillis))
    decode.push(per(m.decode))
    map.push(per(m.map))
    encode.push(per(m.encode))
  }
  return {
    rows,
    parseMicros: median(parse),
    decodeMicros: median(decode),
    toLedgerEntryMicros: median(map),
    encodeOriginalMicros: median(encode)
  }
}
