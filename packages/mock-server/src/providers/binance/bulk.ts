/**
 * Binance's bulk generator: records at a steady density, fast (see `BulkDataset`).
 */
import * as Bulk from "../../internal/bulk.js"
import * as Records from "./records.js"

const assets = ["USDT", "BTC", "ETH", "BNB", "FDUSD"] as const
const symbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT"] as const

/**
 * Cloud-mining rows (all status `S`).
 *
 * @since 0.1.0
 * @category records
 */
export const cloudMining = (random: Bulk.Random, times: ReadonlyArray<number>): Array<Records.CloudMiningRecord> => {
  let id = 119_000_000_000
  return times.map((createTime) => ({
    createTime,
    tranId: (id += Bulk.int(random, 1, 50)),
    type: random() < 0.8 ? 248 : 249,
    asset: Bulk.pick(random, assets),
    amount: Bulk.decimal(random),
    status: "S"
  }))
}

/**
 * UM income rows of all 19 types; about one in four shares the previous row's `tranId`
 * under a type that id does not have yet.
 *
 * @since 0.1.0
 * @category records
 */
export const umIncome = (random: Bulk.Random, times: ReadonlyArray<number>): Array<Records.UmIncomeRecord> => {
  const idFor = Bulk.sharedIds(random)
  return times.map((time) => {
    const type = Bulk.pick(random, Records.incomeTypes)
    const tranId = idFor(type)
    const traded = type === "COMMISSION" || type === "REALIZED_PNL" || type === "FUNDING_FEE"
    return {
      symbol: type === "TRANSFER" || type === "INTERNAL_TRANSFER" ? "" : Bulk.pick(random, symbols),
      incomeType: type,
      income: Bulk.decimal(random, { signed: true }),
      asset: Bulk.pick(random, assets),
      info: type,
      time,
      tranId,
      tradeId: traded ? String(Bulk.int(random, 1, 99_999_999)) : ""
    }
  })
}
