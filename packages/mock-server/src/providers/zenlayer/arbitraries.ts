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

/**
 * Zenlayer recharge and refund rows: every transaction type and state, times in whole
 * seconds, amounts positive with at most 13 significant digits (so that a JSON number
 * still holds them exactly) and no trailing zeros (a number literal has no scale).
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
        amount: Arbitrary.decimal({ maxScale: 8, trimZeros: true }),
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
