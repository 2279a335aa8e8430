/**
 * The datasets: `generated` is deterministic and carries the hard cases; tables refuse
 * two records with one identity; a generated dataset is served as such.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { Effect, Either, Exit } from "effect"
import { Arbitraries, Datasets, Records, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const anchor = Date.UTC(2024, 5, 1)
const generated = Arbitraries.generate({ seed: 1, rows: 300, anchor })
const tables = generated.tables

const decimals = (amount: string) => amount.split(".")[1]?.length ?? 0
const shareTime = (times: ReadonlyArray<number>) => new Set(times).size < times.length
const maxShared = <A>(items: ReadonlyArray<A>, key: (a: A) => string) => {
  const counts = new Map<string, number>()
  for (const i of items) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1)
  return Math.max(0, ...counts.values())
}
const values = <A, B>(items: ReadonlyArray<A>, f: (a: A) => B) => new Set(items.map(f))

describe("generated datasets", () => {
  it("are deterministic for a seed, rows and anchor", () => {
    expect(Arbitraries.generate({ seed: 1, rows: 300, anchor })).toEqual(generated)
    expect(Arbitraries.generate({ seed: 2, rows: 300, anchor })).not.toEqual(generated)
    expect(Datasets.counts(generated)).toEqual({
      "binance.cloud-mining": 300,
      "binance.um-income": 300,
      "zenlayer.recharge-refund": 300,
      "wooxpro.contract-transactions": 300,
      "cryptomus.transactions": 300
    })
    for (const table of Object.values(tables)) {
      expect(table.times.every((t, i) => i === 0 || table.times[i - 1] <= t)).toBe(true)
      expect(table.times.every((t) => t < anchor && t > anchor - 140 * 86_400_000)).toBe(true)
    }
  })

  it("hold many records in one instant, in every endpoint", () => {
    for (const table of Object.values(tables)) {
      expect(shareTime(table.times)).toBe(true)
      expect(maxShared(table.times, String)).toBeGreaterThanOrEqual(3)
    }
  })

  it("share ids across types where the key is (type, id)", () => {
    expect(maxShared(tables["binance.um-income"].records, (r) => r.tranId)).toBeGreaterThanOrEqual(2)
    expect(maxShared(tables["wooxpro.contract-transactions"].records, (r) => r.tran_id)).toBeGreaterThanOrEqual(2)
  })

  it("have amounts with 8 and more decimals", () => {
    expect(tables["binance.cloud-mining"].records.some((r) => decimals(r.amount) >= 8)).toBe(true)
    expect(tables["binance.um-income"].records.some((r) => decimals(r.income) >= 8)).toBe(true)
    expect(tables["zenlayer.recharge-refund"].records.some((r) => decimals(r.amount) >= 8)).toBe(true)
    expect(tables["wooxpro.contract-transactions"].records.some((r) => decimals(r.amount) >= 8)).toBe(true)
    expect(tables["cryptomus.transactions"].records.some((r) => decimals(r.amount) >= 8)).toBe(true)
    // Zenlayer amounts are JSON number literals, and some are ones no double holds (30
    // digits, trailing zeros): a client must read the literal's text to get them exactly.
    expect(tables["zenlayer.recharge-refund"].records.some((r) => String(Number(r.amount)) !== r.amount)).toBe(true)
  })

  it("have every type and status", () => {
    expect(values(tables["binance.cloud-mining"].records, (r) => r.type)).toEqual(new Set([248, 249]))
    const statuses = values(tables["binance.cloud-mining"].records, (r) => r.status)
    expect(statuses.has("S") && statuses.size > 1).toBe(true)
    expect(values(tables["binance.um-income"].records, (r) => r.incomeType)).toEqual(new Set(Records.incomeTypes))
    expect(values(tables["zenlayer.recharge-refund"].records, (r) => r.state)).toEqual(new Set(Records.rechargeStates))
    expect(values(tables["zenlayer.recharge-refund"].records, (r) => r.transactionType)).toEqual(new Set(Records.zenlayerTransactionTypes))
    expect(values(tables["wooxpro.contract-transactions"].records, (r) => r.type)).toEqual(new Set(Records.wooxproTypes))
    expect(values(tables["wooxpro.contract-transactions"].records, (r) => r.account)).toEqual(new Set(Records.wooxproAccounts))
    expect(values(tables["cryptomus.transactions"].records, (r) => r.type)).toEqual(new Set(Records.cryptomusTypes))
    expect(values(tables["cryptomus.transactions"].records, (r) => r.status)).toEqual(new Set(Records.cryptomusStatuses))
  })

  it("hold UM income rows older than the 3-month retention", () => {
    expect(tables["binance.um-income"].records.some((r) => r.time < anchor - 93 * 86_400_000)).toBe(true)
  })

  it("tables refuse two records with one identity", () => {
    const row = Datasets.docs.tables["binance.um-income"].records[0]
    expect(Either.isLeft(Datasets.table("binance.um-income", [row, { ...row, income: "1" }]))).toBe(true)
    expect(Either.isRight(Datasets.table("binance.um-income", [row, { ...row, incomeType: "COMMISSION" }]))).toBe(true)
  })
})

layer(Testkit.layer({ now: anchor, dataset: { _tag: "Generated", seed: 1, rows: 300 } }))("served", (it) => {
  it.effect("the generated dataset (anchored at the pinned clock) is what the endpoints serve", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const snapshot = yield* mock.state.get
      expect(snapshot.datasets.tables).toEqual(generated.tables)
      const reply = yield* Client.zenlayerPost(mock.baseUrl, { pageSize: 1 }, Client.keys.zenlayer, anchor / 1000)
      expect(reply.body).toMatchObject({ response: { totalCount: 300 } })
    }))

  it.effect("setRecords refuses a duplicate identity and keeps the dataset", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      const row = generated.tables["cryptomus.transactions"].records[0]
      const exit = yield* Effect.exit(mock.state.setRecords("cryptomus.transactions", [row, row]))
      expect(Exit.isFailure(exit)).toBe(true)
      expect((yield* mock.state.get).datasets.tables["cryptomus.transactions"].records).toHaveLength(300)
    }))
})
