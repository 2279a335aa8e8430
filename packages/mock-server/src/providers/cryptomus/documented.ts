/**
 * Cryptomus's documented examples, copied verbatim from its doc: the records of the `docs`
 * dataset and the example exchange.
 */
import type * as Records from "./records.js"

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
