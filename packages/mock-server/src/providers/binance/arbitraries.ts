/**
 * fast-check arbitraries for Binance's records, hard cases included.
 */
import { FastCheck as fc } from "effect"
import * as Arbitrary from "../../internal/arbitrary.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Records from "./records.js"

const DAY = 86_400_000

type Options = MockProvider.GenerateOptions

const assets = ["USDT", "BTC", "ETH", "BNB", "FDUSD"] as const
const symbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT"] as const

/**
 * Cloud-mining rows: types 248 and 249, mostly status `S`, some `F` and `P` that the
 * endpoint never serves; unique `tranId`s not in time order.
 *
 * @since 0.1.0
 * @category records
 */
export const cloudMiningRecords = (options: Options): fc.Arbitrary<ReadonlyArray<Records.CloudMiningRecord>> =>
  Arbitrary.times(options).chain((ts) =>
    fc.array(
      fc.record({
        step: fc.integer({ min: 1, max: 5_000 }),
        type: fc.constantFrom<248 | 249>(248, 249),
        asset: fc.constantFrom(...assets),
        amount: Arbitrary.decimal(),
        status: fc.oneof({ weight: 8, arbitrary: fc.constant("S") }, { weight: 2, arbitrary: fc.constantFrom("F", "P") }),
        client: fc.option(Arbitrary.hex(16), { nil: undefined })
      }),
      { minLength: ts.length, maxLength: ts.length }
    ).map((draws) => {
      const ids = Arbitrary.increasingIds(draws.map((d) => d.step), 119_000_000_000)
      return draws.map((d, i): Records.CloudMiningRecord => ({
        createTime: ts[i],
        tranId: ids[i],
        type: d.type,
        asset: d.asset,
        amount: d.amount,
        status: d.status,
        clientTranId: d.client === undefined ? undefined : `ct-${ids[i]}-${d.client}`
      }))
    })
  )

/**
 * UM income rows of all 19 types; a `tranId` is often shared by rows of different types;
 * about one row in twenty is older than the 3-month retention (so never served).
 *
 * @since 0.1.0
 * @category records
 */
export const umIncomeRecords = (options: Options): fc.Arbitrary<ReadonlyArray<Records.UmIncomeRecord>> =>
  Arbitrary.times({ ...options, spanMillis: options.spanMillis ?? 85 * DAY }).chain((recent) =>
    fc.array(
      fc.record({
        step: fc.integer({ min: 1, max: 1_000 }),
        share: fc.boolean(),
        old: fc.integer({ min: 0, max: 19 }),
        oldTime: fc.integer({ min: options.anchor - 135 * DAY, max: options.anchor - 95 * DAY }),
        type: fc.constantFrom(...Records.incomeTypes),
        symbol: fc.constantFrom(...symbols),
        income: Arbitrary.decimal({ signed: true }),
        asset: fc.constantFrom(...assets),
        tradeId: fc.integer({ min: 1, max: 99_999_999 })
      }),
      { minLength: recent.length, maxLength: recent.length }
    ).map((draws) => {
      const ids = Arbitrary.sharedIds(draws, 9_689_000_000n)
      return draws.map((d, i): Records.UmIncomeRecord => {
        const traded = d.type === "COMMISSION" || d.type === "REALIZED_PNL" || d.type === "FUNDING_FEE"
        return {
          symbol: d.type === "TRANSFER" || d.type === "INTERNAL_TRANSFER" ? "" : d.symbol,
          incomeType: d.type,
          income: d.income,
          asset: d.asset,
          info: d.type,
          time: d.old === 0 ? d.oldTime : recent[i],
          tranId: ids[i],
          tradeId: traded ? String(d.tradeId) : ""
        }
      })
    })
  )
