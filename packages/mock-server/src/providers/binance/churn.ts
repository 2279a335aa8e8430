/**
 * How Binance's records move: rows arrive at now, amounts are corrected. Neither endpoint
 * serves a pending status (cloud-mining serves `S` rows only), so nothing settles;
 * UM income's retention moves with the clock on its own.
 */
import * as Bulk from "../../internal/bulk.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Generators from "./bulk.js"
import type * as Records from "./records.js"

// Above every generated id.
const base = 900_000_000_000

export const cloudMining: MockProvider.Churn<Records.CloudMiningRecord> = {
  arrive: (random, time, n) => ({ ...Generators.cloudMining(random, [time])[0], tranId: base + n }),
  correct: (record, random) => ({ ...record, amount: Bulk.decimal(random) })
}

export const umIncome: MockProvider.Churn<Records.UmIncomeRecord> = {
  arrive: (random, time, n) => ({ ...Generators.umIncome(random, [time])[0], tranId: String(base * 10 + n) }),
  correct: (record, random) => ({ ...record, income: Bulk.decimal(random, { signed: true }) })
}
