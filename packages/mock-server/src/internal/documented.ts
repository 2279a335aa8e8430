/**
 * The documented examples of the five seed docs, copied verbatim: the records of the
 * `docs` dataset, and the two example responses (WOO X Pro, Cryptomus) whose records lie
 * outside their own example request and are therefore replayed as they are.
 */
import * as ExactJson from "../ExactJson.js"
import type * as Records from "../Records.js"

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

export const zenlayer: ReadonlyArray<Records.ZenlayerRecord> = [
  {
    transactionType: "ORDER_REFUND",
    amount: "39.05",
    paymentMethod: "REFUND",
    state: "PAY_SUCCESS",
    transactionTime: "2023-08-15T09:47:01Z",
    accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
    transactionId: "10000000893685"
  }
]

/** The example request body of DescribeRechargeRefundHistory, and its documented requestId. */
export const zenlayerExample = {
  request: {
    endTime: "2023-09-05T14:26:18Z",
    startTime: "2023-08-05T14:26:18Z",
    pageSize: 10,
    pageNum: 1,
    state: ["PAY_SUCCESS"]
  },
  requestId: "TB11F9883-9134-460B-AA54-7079B3DAD308"
} as const

export const wooxpro: ReadonlyArray<Records.WooxproRecord> = [
  {
    symbol: "",
    type: "Transfer",
    amount: "-0.37500000",
    asset: "USDT",
    account: "futures",
    time: "1570608000000",
    tran_id: "9689322392"
  },
  {
    symbol: "BTCUSDT",
    type: "Commission Fee",
    amount: "-0.01000000",
    asset: "USDT",
    account: "futures",
    time: "1570636800000",
    tran_id: "9689322392"
  }
]

/** The example request's query parameters and the documented response, verbatim. */
export const wooxproExample = {
  query: { symbol: "BTCUSDT", start_time: "1662368173000", end_time: "1662368179000" },
  response: {
    code: 1000,
    message: "Ok",
    data: wooxpro.map((r): ExactJson.Json => ({ ...r })),
    trace: "80ba1f07-1b6f-46ad-81dd-78ac7e9bbccd"
  }
} as const

export const cryptomus: ReadonlyArray<Records.CryptomusRecord> = [
  {
    uuid: "3a3efbe5-4835-48f3-95c0-7b63e2c8a0b6",
    type: "transfer",
    status: "paid",
    created_at: "2022-07-22T15:11:46.000000Z",
    amount: "10.00",
    amount_equivalent: "10.1679",
    currency_equivalent: "USD",
    currency: "USDT",
    network: null,
    txid: null,
    address: null,
    comment: null
  },
  {
    uuid: "d4953ea1-6f55-46f1-b1c9-f72c04badc45",
    type: "payout",
    status: "paid",
    created_at: "2022-09-01T14:46:44.000000Z",
    amount: "10.00",
    amount_equivalent: "10.1679",
    currency_equivalent: "USD",
    currency: "USDT",
    network: "tron",
    txid: null,
    address: "TSV1JBNzp71tucPrEsRPG5iLD1DkftzWzF",
    comment: null
  },
  {
    uuid: "690f745a-6b0c-42e1-a6ee-0de34485cab7",
    type: "payment",
    status: "fail",
    created_at: "2022-09-02T08:32:03.000000Z",
    amount: "2.00",
    amount_equivalent: "10.63359",
    currency_equivalent: "USD",
    currency: "USDT",
    network: "tron",
    txid: null,
    address: "TSV1JBNzp71tucPrEsRPG5iLD1DkftzWzF",
    comment: null
  }
]

/**
 * The example request body (the doc's JSON lacks commas; this is what it means) and the
 * documented response. Its `nextCursor` leads to an empty last page.
 */
export const cryptomusExample = {
  request: { date_from: "2023-05-16 00:00:00", date_to: "2023-05-16 23:59:59", type: "payment" },
  nextCursor:
    "eyJpdiI6IlFIZnd5Lzd0VUN3TGtUNUF6ckV5TEE9PSIsInZhbHVlIjoiUHcvZm1rWmRqdDVKL25NMW5EVEQ1OW9JS0NiSjhJcHd1byt5SGhmVG95UjhGaUlCa3djT1ZSOU5Lc29Id3B3bC80T0VBSnhhZEZBWk1yZUN5RTByN2pKK0dNVUZ0QnFlcThwMU93d0NSR2pXMHJOQWZIa3N6cStmT0YxOG9VVDJyT1Q2NmVhbU9JU1N6cTJsM3JLTitRPT0iLCJtYWMiOiI2M2E4OWVmZTk3MDNjYzUwNjY0ZWY4ZjcxMjUyOGUzMmI4NzNkNWU4YzNlYmUxNmNmMThhM2JhN2RjNTkyYjgxIiwidGFnIjoiIn0=",
  perPage: 15
} as const
