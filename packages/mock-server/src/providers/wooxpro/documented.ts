/**
 * WOO X Pro's documented examples, copied verbatim from its doc: the records of the `docs`
 * dataset and the example exchange.
 */
import type * as ExactJson from "../../ExactJson.js"
import type * as Records from "./records.js"

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
