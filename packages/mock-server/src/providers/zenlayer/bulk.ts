/**
 * Zenlayer's bulk generator: records at a steady density, fast (see `BulkDataset`).
 */
import * as Bulk from "../../internal/bulk.js"
import * as Records from "./records.js"

const paymentMethods = ["BANK_TRANSFER", "CREDIT_CARD", "PAYPAL", "ALIPAY", "USDT"] as const

/**
 * Zenlayer recharges and refunds, every state; amounts as exact number literals.
 *
 * @since 0.1.0
 * @category records
 */
export const zenlayer = (random: Bulk.Random, times: ReadonlyArray<number>): Array<Records.ZenlayerRecord> => {
  let id = 10_000_000_000_000
  return times.map((time) => {
    const type = Bulk.pick(random, Records.zenlayerTransactionTypes)
    return {
      transactionType: type,
      amount: Bulk.decimal(random, { maxScale: 8, trim: true }),
      paymentMethod: type === "RECHARGE" ? Bulk.pick(random, paymentMethods) : "REFUND",
      state: Bulk.pick(random, Records.rechargeStates),
      transactionTime: Bulk.isoSeconds(time),
      accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
      transactionId: String((id += Bulk.int(random, 1, 50)))
    }
  })
}
