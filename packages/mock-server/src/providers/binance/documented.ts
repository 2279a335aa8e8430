/**
 * Binance's documented examples, copied verbatim from its doc: the records of the `docs`
 * dataset and the example exchange.
 */
import type * as Records from "./records.js"

export const cloudMining: ReadonlyArray<Records.CloudMiningRecord> = [
  { createTime: 1667880112000, tranId: 121230610120, type: 248, asset: "USDT", amount: "25.0068", status: "S" },
  { createTime: 1666776366000, tranId: 119991507468, type: 249, asset: "USDT", amount: "0.027", status: "S" },
  { createTime: 1666764505000, tranId: 119977966327, type: 248, asset: "USDT", amount: "0.027", status: "S" },
  { createTime: 1666758189000, tranId: 119973601721, type: 248, asset: "USDT", amount: "0.018", status: "S" },
  { createTime: 1666757278000, tranId: 119973028551, type: 248, asset: "USDT", amount: "0.018", status: "S" }
]

export const umIncome: ReadonlyArray<Records.UmIncomeRecord> = [
  {
    symbol: "",
    incomeType: "TRANSFER",
    income: "-0.37500000",
    asset: "USDT",
    info: "TRANSFER",
    time: 1570608000000,
    tranId: "9689322392",
    tradeId: ""
  },
  {
    symbol: "BTCUSDT",
    incomeType: "COMMISSION",
    income: "-0.01000000",
    asset: "USDT",
    info: "COMMISSION",
    time: 1570636800000,
    tranId: "9689322392",
    tradeId: "2059192"
  }
]
