/**
 * WOO X Pro's bulk generator: records at a steady density, fast (see `BulkDataset`).
 */
import * as Bulk from "../../internal/bulk.js"
import * as Records from "./records.js"

const symbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT"] as const

/**
 * WOO X Pro contract transactions; about one in four shares the previous row's
 * `tran_id` under a type that id does not have yet.
 *
 * @since 0.1.0
 * @category records
 */
export const wooxpro = (random: Bulk.Random, times: ReadonlyArray<number>): Array<Records.WooxproRecord> => {
  const idFor = Bulk.sharedIds(random)
  return times.map((time): Records.WooxproRecord => {
    const type = Bulk.pick(random, Records.wooxproTypes)
    return {
      symbol: type === "Transfer" ? "" : Bulk.pick(random, symbols),
      type,
      amount: Bulk.decimal(random, { signed: true }),
      asset: random() < 0.9 ? "USDT" : "USDC",
      account: random() < 0.8 ? "futures" : "copy_trading",
      time: String(time),
      tran_id: idFor(type)
    }
  })
}
