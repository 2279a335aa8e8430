/**
 * Cryptomus's bulk generator: records at a steady density, fast (see `BulkDataset`).
 */
import * as Bulk from "../../internal/bulk.js"
import * as Records from "./records.js"

const networks = ["tron", "eth", "bsc", "ton"] as const

/**
 * Cryptomus transactions of every type and status, unique uuids.
 *
 * @since 0.1.0
 * @category records
 */
export const cryptomus = (random: Bulk.Random, times: ReadonlyArray<number>): Array<Records.CryptomusRecord> => {
  const hex: Bulk.Hex = Bulk.hexPool(random)
  return times.map((time, i) => {
    const type = Bulk.pick(random, Records.cryptomusTypes)
    const transfer = type === "transfer"
    return {
      uuid: Bulk.flat(hex(8), "-", hex(4), "-4", hex(3), "-8", hex(3), "-", i.toString(16).padStart(12, "0")),
      type,
      status: Bulk.pick(random, Records.cryptomusStatuses),
      created_at: Bulk.isoSeconds(time, ".000000Z"),
      amount: Bulk.decimal(random, { maxScale: 8 }),
      amount_equivalent: Bulk.decimal(random, { maxScale: 8 }),
      currency_equivalent: "USD",
      currency: Bulk.pick(random, ["USDT", "BTC", "ETH", "TRX"] as const),
      network: transfer ? null : Bulk.pick(random, networks),
      txid: transfer ? null : hex(64),
      address: transfer ? null : Bulk.flat("T", hex(33)),
      comment: random() < 0.2 ? "invoice 42" : null
    }
  })
}
