/**
 * How Cryptomus' records move: transactions arrive pending (`check`) and settle to `paid`
 * or `fail`; amounts are corrected.
 */
import * as Bulk from "../../internal/bulk.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Documented from "./documented.js"
import type * as Records from "./records.js"

// A documented payment, as the shape of the new ones.
const [, , payment] = Documented.cryptomus

export const churn: MockProvider.Churn<Records.CryptomusRecord> = {
  arrive: (random, time, n) => ({
    ...payment,
    status: "check",
    created_at: new Date(time).toISOString().replace(/\.\d{3}Z$/, ".000000Z"),
    amount: Bulk.decimal(random, { maxScale: 8 }),
    // A version-4 uuid no generated one has (their third group is random hex).
    uuid: `c4a7c0de-0000-4000-8000-${n.toString(16).padStart(12, "0")}`
  }),
  pending: (record) => record.status === "check",
  settle: (record, random) => ({ ...record, status: random() < 0.8 ? "paid" : "fail" }),
  correct: (record, random) => ({ ...record, amount: Bulk.decimal(random, { maxScale: 8 }) })
}
