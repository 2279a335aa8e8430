/**
 * fast-check arbitraries for Zenlayer's records, hard cases included.
 */
import { FastCheck as fc } from "effect"
import * as Arbitrary from "../../internal/arbitrary.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Records from "./records.js"

type Options = MockProvider.GenerateOptions

const paymentMethods = ["REFUND", "BANK_TRANSFER", "CREDIT_CARD", "PAYPAL", "ALIPAY", "USDT"] as const

const isoSeconds = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, "Z")

// Up to 22 whole digits (no leading zero) and up to 8 fraction digits, trailing zeros kept.
const longLiteral = fc.tuple(
  fc.integer({ min: 1, max: 9 }),
  fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 21 }),
  fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 8 })
).map(([lead, whole, fraction]) => `${lead}${whole.join("")}${fraction.length > 0 ? `.${fraction.join("")}` : ""}`)

/**
 * Zenlayer recharge and refund rows: every transaction type and state, times in whole
 * seconds, amounts positive: short ones, and number literals of up to 30 significant
 * digits, trailing zeros kept (`39.050`), which no double holds (the mock writes each
 * literal as drawn, so a client must read the JSON number's text to get it exactly).
 *
 * @since 0.1.0
 * @category records
 */
export const zenlayerRecords = (options: Options): fc.Arbitrary<ReadonlyArray<Records.ZenlayerRecord>> =>
  Arbitrary.times({ ...options, wholeSeconds: true }).chain((ts) =>
    fc.array(
      fc.record({
        step: fc.integer({ min: 1, max: 10_000 }),
        type: fc.constantFrom(...Records.zenlayerTransactionTypes),
        amount: fc.oneof(Arbitrary.decimal({ maxScale: 8, trimZeros: true }), longLiteral),
        method: fc.constantFrom(...paymentMethods),
        state: fc.constantFrom(...Records.rechargeStates),
        account: fc.constantFrom("cccbf4c0-12ab-417a-95ba-0bf8e60a55d1", "0d6f7c2e-5b1a-4c3d-9e8f-112233445566")
      }),
      { minLength: ts.length, maxLength: ts.length }
    ).map((draws) => {
      const ids = Arbitrary.increasingIds(draws.map((d) => d.step), 10_000_000_000_000)
      return draws.map((d, i): Records.ZenlayerRecord => ({
        transactionType: d.type,
        amount: d.amount,
        paymentMethod: d.type === "RECHARGE" ? d.method : "REFUND",
        state: d.state,
        transactionTime: isoSeconds(ts[i]),
        accountUid: d.account,
        transactionId: String(ids[i])
      }))
    })
  )
