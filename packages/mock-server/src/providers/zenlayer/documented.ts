/**
 * Zenlayer's documented examples, copied verbatim from its doc: the records of the `docs`
 * dataset and the example exchange.
 */
import type * as Records from "./records.js"

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
