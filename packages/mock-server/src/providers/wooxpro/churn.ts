/**
 * How WOO X Pro's records move: transactions arrive at now, amounts are corrected (no
 * status to settle).
 */
import * as Bulk from "../../internal/bulk.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Generators from "./bulk.js"
import type * as Records from "./records.js"

// Above every generated id.
const base = 9_000_000_000_000

export const churn: MockProvider.Churn<Records.WooxproRecord> = {
  arrive: (random, time, n) => ({ ...Generators.wooxpro(random, [time])[0], tran_id: String(base + n) }),
  correct: (record, random) => ({ ...record, amount: Bulk.decimal(random, { signed: true }) })
}
