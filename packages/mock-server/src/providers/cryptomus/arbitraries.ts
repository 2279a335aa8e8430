/**
 * fast-check arbitraries for Cryptomus's records, hard cases included.
 */
import { FastCheck as fc } from "effect"
import * as Arbitrary from "../../internal/arbitrary.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Records from "./records.js"

type Options = MockProvider.GenerateOptions

const networks = ["tron", "eth", "bsc", "ton"] as const

/**
 * Cryptomus transactions of every type and status, `created_at` in whole seconds with
 * Laravel's microsecond format, unique uuids.
 *
 * @since 0.1.0
 * @category records
 */
export const cryptomusRecords = (options: Options): fc.Arbitrary<ReadonlyArray<Records.CryptomusRecord>> =>
  Arbitrary.times({ ...options, wholeSeconds: true }).chain((ts) =>
    fc.array(
      fc.record({
        head: Arbitrary.hex(8),
        mid: Arbitrary.hex(4),
        tail: Arbitrary.hex(3),
        type: fc.constantFrom(...Records.cryptomusTypes),
        status: fc.constantFrom(...Records.cryptomusStatuses),
        amount: Arbitrary.decimal({ maxScale: 8 }),
        equivalent: Arbitrary.decimal({ maxScale: 8 }),
        currency: fc.constantFrom("USDT", "BTC", "ETH", "TRX"),
        network: fc.option(fc.constantFrom(...networks), { nil: null }),
        txid: fc.option(Arbitrary.hex(64), { nil: null }),
        address: fc.option(Arbitrary.hex(34).map((h) => `T${h.slice(0, 33)}`), { nil: null }),
        comment: fc.option(fc.constantFrom("invoice 42", "refund / \"quoted\"", "ünïcode ✓"), { nil: null })
      }),
      { minLength: ts.length, maxLength: ts.length }
    ).map((draws) =>
      draws.map((d, i): Records.CryptomusRecord => ({
        uuid: `${d.head}-${d.mid}-4${d.tail}-8${i.toString(16).padStart(3, "0").slice(-3)}-${i.toString(16).padStart(12, "0")}`,
        type: d.type,
        status: d.status,
        created_at: new Date(ts[i]).toISOString().replace(/\.\d{3}Z$/, ".000000Z"),
        amount: d.amount,
        amount_equivalent: d.equivalent,
        currency_equivalent: "USD",
        currency: d.currency,
        network: d.type === "transfer" ? null : d.network,
        txid: d.type === "transfer" ? null : d.txid,
        address: d.type === "transfer" ? null : d.address,
        comment: d.comment
      }))
    )
  )
