/**
 * How Zenlayer's records move: recharges arrive `PAYING` and settle to `PAY_SUCCESS` or
 * `PAY_FAILED`; amounts are corrected.
 */
import * as Bulk from "../../internal/bulk.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Generators from "./bulk.js"
import type * as Records from "./records.js"

// Above every generated id.
const base = 90_000_000_000_000

export const churn: MockProvider.Churn<Records.ZenlayerRecord> = {
  arrive: (random, time, n) => ({
    ...Generators.zenlayer(random, [time])[0],
    state: "PAYING",
    transactionId: String(base + n)
  }),
  pending: (record) => record.state === "PAYING",
  settle: (record, random) => ({ ...record, state: random() < 0.8 ? "PAY_SUCCESS" : "PAY_FAILED" }),
  correct: (record, random) => ({ ...record, amount: Bulk.decimal(random, { maxScale: 8, trim: true }) })
}
