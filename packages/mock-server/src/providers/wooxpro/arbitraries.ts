/**
 * fast-check arbitraries for WOO X Pro's records, hard cases included.
 */
import { FastCheck as fc } from "effect"
import * as Arbitrary from "../../internal/arbitrary.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Records from "./records.js"

type Options = MockProvider.GenerateOptions

const symbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT"] as const

/**
 * WOO X Pro contract transactions of every type and both accounts; a `tran_id` is often
 * shared by rows of different types.
 *
 * @since 0.1.0
 * @category records
 */
export const wooxproRecords = (options: Options): fc.Arbitrary<ReadonlyArray<Records.WooxproRecord>> =>
  Arbitrary.times(options).chain((ts) =>
    fc.array(
      fc.record({
        step: fc.integer({ min: 1, max: 1_000 }),
        share: fc.boolean(),
        type: fc.constantFrom(...Records.wooxproTypes),
        symbol: fc.constantFrom(...symbols),
        amount: Arbitrary.decimal({ signed: true }),
        asset: fc.constantFrom("USDT", "USDC"),
        account: fc.constantFrom(...Records.wooxproAccounts)
      }),
      { minLength: ts.length, maxLength: ts.length }
    ).map((draws) => {
      const ids = Arbitrary.sharedIds(draws, 9_689_000_000n)
      return draws.map((d, i): Records.WooxproRecord => ({
        symbol: d.type === "Transfer" ? "" : d.symbol,
        type: d.type,
        amount: d.amount,
        asset: d.asset,
        account: d.account,
        time: String(ts[i]),
        tran_id: ids[i]
      }))
    })
  )
