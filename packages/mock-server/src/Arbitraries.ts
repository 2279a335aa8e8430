/**
 * fast-check arbitraries for each endpoint's records and for whole datasets. The
 * `generated` dataset is one sample of `datasets` for a seed, so property tests and the
 * CLI draw from the same code.
 *
 * The records carry the hard cases on purpose: bursts of records in one millisecond (or
 * one second, where the provider's times have no milliseconds), ids shared across types
 * where the provider's key is (type, id), amounts with 8 and more decimals, every type
 * and status (including the cloud-mining rows that are never served, and UM income rows
 * older than the 3-month retention).
 *
 * @since 0.1.0
 */
import { FastCheck as fc } from "effect"
import * as Datasets from "./Datasets.js"
import * as Records from "./Records.js"

const DAY = 86_400_000

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Exactly this many records, or a range. */
  readonly rows: number | { readonly min: number; readonly max: number }
  /** Records are timed before this instant (epoch millis). */
  readonly anchor: number
  /** How far back from the anchor records go, in milliseconds (default 90 days). */
  readonly spanMillis?: number | undefined
}

const lengthOf = (rows: Options["rows"]) =>
  typeof rows === "number" ? { minLength: rows, maxLength: rows } : { minLength: rows.min, maxLength: rows.max }

// --- amounts ------------------------------------------------------------------------------

/**
 * A decimal string: up to 5 integer digits and 0 to 12 decimals (8 and more often).
 *
 * @since 0.1.0
 * @category amounts
 */
export const decimal = (options: { readonly signed?: boolean; readonly maxScale?: number; readonly trimZeros?: boolean } = {}) =>
  fc.tuple(
    fc.integer({ min: 0, max: 99_999 }),
    fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 8, max: options.maxScale ?? 12 })),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: options.maxScale ?? 12, maxLength: options.maxScale ?? 12 }),
    fc.boolean()
  ).map(([whole, scale, digits, negative]) => {
    let fraction = digits.slice(0, scale).join("")
    if (options.trimZeros === true) fraction = fraction.replace(/0+$/, "")
    const text = fraction.length > 0 ? `${whole}.${fraction}` : `${whole}`
    const zero = /^[0.]+$/.test(text)
    return options.signed === true && negative && !zero ? `-${text}` : text
  })

// --- times --------------------------------------------------------------------------------

/**
 * `n` record times within the span before the anchor, with bursts: a leading block of
 * up to 40 records at one instant, and records that repeat the previous time. With
 * `wholeSeconds`, times are truncated to the second.
 *
 * @since 0.1.0
 * @category times
 */
export const times = (options: Options & { readonly wholeSeconds?: boolean }) => {
  const span = options.spanMillis ?? 90 * DAY
  const fresh = fc.integer({ min: options.anchor - span, max: options.anchor - 1 })
  return fc.tuple(
    fc.array(fc.tuple(fresh, fc.integer({ min: 0, max: 9 })), lengthOf(options.rows)),
    fc.integer({ min: 0, max: 40 }),
    fresh
  ).map(([draws, block, blockTime]) => {
    const out: Array<number> = []
    draws.forEach(([time, repeat], i) => {
      // About one record in three repeats the previous time.
      const t = i < block ? blockTime : i > 0 && repeat < 3 ? out[i - 1] : time
      out.push(options.wholeSeconds === true ? Math.floor(t / 1000) * 1000 : t)
    })
    return out
  })
}

/**
 * Allocates ids for records whose key is (type, id): a record may reuse the previous
 * record's id when its type differs from every type already holding that id.
 *
 * @since 0.1.0
 * @category ids
 */
export const sharedIds = (
  draws: ReadonlyArray<{ readonly type: string; readonly share: boolean; readonly step: number }>,
  base: bigint
): Array<string> => {
  const typesOf = new Map<string, Set<string>>()
  const ids: Array<string> = []
  let next = base
  draws.forEach(({ share, step, type }, i) => {
    const previous = i > 0 ? ids[i - 1] : undefined
    const reusable = share && previous !== undefined && !(typesOf.get(previous)?.has(type) ?? false)
    let id: string
    if (reusable) {
      id = previous
    } else {
      next += BigInt(step)
      id = next.toString()
    }
    ids.push(id)
    const set = typesOf.get(id) ?? new Set<string>()
    set.add(type)
    typesOf.set(id, set)
  })
  return ids
}

const increasingIds = (steps: ReadonlyArray<number>, base: number): Array<number> => {
  let next = base
  return steps.map((step) => (next += step))
}

const hex = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 15 }), { minLength: length, maxLength: length }).map((ds) =>
    ds.map((d) => d.toString(16)).join("")
  )

// --- per endpoint -------------------------------------------------------------------------

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
  times(options).chain((ts) =>
    fc.array(
      fc.record({
        step: fc.integer({ min: 1, max: 5_000 }),
        type: fc.constantFrom<248 | 249>(248, 249),
        asset: fc.constantFrom(...assets),
        amount: decimal(),
        status: fc.oneof({ weight: 8, arbitrary: fc.constant("S") }, { weight: 2, arbitrary: fc.constantFrom("F", "P") }),
        client: fc.option(hex(16), { nil: undefined })
      }),
      { minLength: ts.length, maxLength: ts.length }
    ).map((draws) => {
      const ids = increasingIds(draws.map((d) => d.step), 119_000_000_000)
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
  times({ ...options, spanMillis: options.spanMillis ?? 85 * DAY }).chain((recent) =>
    fc.array(
      fc.record({
        step: fc.integer({ min: 1, max: 1_000 }),
        share: fc.boolean(),
        old: fc.integer({ min: 0, max: 19 }),
        oldTime: fc.integer({ min: options.anchor - 135 * DAY, max: options.anchor - 95 * DAY }),
        type: fc.constantFrom(...Records.incomeTypes),
        symbol: fc.constantFrom(...symbols),
        income: decimal({ signed: true }),
        asset: fc.constantFrom(...assets),
        tradeId: fc.integer({ min: 1, max: 99_999_999 })
      }),
      { minLength: recent.length, maxLength: recent.length }
    ).map((draws) => {
      const ids = sharedIds(draws, 9_689_000_000n)
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

const paymentMethods = ["REFUND", "BANK_TRANSFER", "CREDIT_CARD", "PAYPAL", "ALIPAY", "USDT"] as const

const isoSeconds = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, "Z")

/**
 * Zenlayer recharge and refund rows: every transaction type and state, times in whole
 * seconds, amounts positive with at most 13 significant digits (so that a JSON number
 * still holds them exactly) and no trailing zeros (a number literal has no scale).
 *
 * @since 0.1.0
 * @category records
 */
export const zenlayerRecords = (options: Options): fc.Arbitrary<ReadonlyArray<Records.ZenlayerRecord>> =>
  times({ ...options, wholeSeconds: true }).chain((ts) =>
    fc.array(
      fc.record({
        step: fc.integer({ min: 1, max: 10_000 }),
        type: fc.constantFrom(...Records.zenlayerTransactionTypes),
        amount: decimal({ maxScale: 8, trimZeros: true }),
        method: fc.constantFrom(...paymentMethods),
        state: fc.constantFrom(...Records.rechargeStates),
        account: fc.constantFrom("cccbf4c0-12ab-417a-95ba-0bf8e60a55d1", "0d6f7c2e-5b1a-4c3d-9e8f-112233445566")
      }),
      { minLength: ts.length, maxLength: ts.length }
    ).map((draws) => {
      const ids = increasingIds(draws.map((d) => d.step), 10_000_000_000_000)
      return draws.map((d, i): Records.ZenlayerRecord => ({
        transactionType: d.type,
        amount: d.amount,
        paymentMethod: d.type === "RECHARGE" ? d.method : "REFUND",
        state: d.state,
        transactionTime: isoSeconds(ts[i]),
        accountUid: d.account,
        transactionId: String(ids[i])
      }))
    })
  )

/**
 * WOO X Pro contract transactions of every type and both accounts; a `tran_id` is often
 * shared by rows of different types.
 *
 * @since 0.1.0
 * @category records
 */
export const wooxproRecords = (options: Options): fc.Arbitrary<ReadonlyArray<Records.WooxproRecord>> =>
  times(options).chain((ts) =>
    fc.array(
      fc.record({
        step: fc.integer({ min: 1, max: 1_000 }),
        share: fc.boolean(),
        type: fc.constantFrom(...Records.wooxproTypes),
        symbol: fc.constantFrom(...symbols),
        amount: decimal({ signed: true }),
        asset: fc.constantFrom("USDT", "USDC"),
        account: fc.constantFrom(...Records.wooxproAccounts)
      }),
      { minLength: ts.length, maxLength: ts.length }
    ).map((draws) => {
      const ids = sharedIds(draws, 9_689_000_000n)
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

const networks = ["tron", "eth", "bsc", "ton"] as const

/**
 * Cryptomus transactions of every type and status, `created_at` in whole seconds with
 * Laravel's microsecond format, unique uuids.
 *
 * @since 0.1.0
 * @category records
 */
export const cryptomusRecords = (options: Options): fc.Arbitrary<ReadonlyArray<Records.CryptomusRecord>> =>
  times({ ...options, wholeSeconds: true }).chain((ts) =>
    fc.array(
      fc.record({
        head: hex(8),
        mid: hex(4),
        tail: hex(3),
        type: fc.constantFrom(...Records.cryptomusTypes),
        status: fc.constantFrom(...Records.cryptomusStatuses),
        amount: decimal({ maxScale: 8 }),
        equivalent: decimal({ maxScale: 8 }),
        currency: fc.constantFrom("USDT", "BTC", "ETH", "TRX"),
        network: fc.option(fc.constantFrom(...networks), { nil: null }),
        txid: fc.option(hex(64), { nil: null }),
        address: fc.option(hex(34).map((h) => `T${h.slice(0, 33)}`), { nil: null }),
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

/**
 * A whole dataset: every endpoint with the given number of records.
 *
 * @since 0.1.0
 * @category datasets
 */
export const datasets = (options: Options & { readonly name?: string }): fc.Arbitrary<Datasets.Datasets> =>
  fc.record({
    cloudMining: cloudMiningRecords(options),
    umIncome: umIncomeRecords(options),
    zenlayer: zenlayerRecords(options),
    wooxpro: wooxproRecords(options),
    cryptomus: cryptomusRecords(options)
  }).map((r) => ({
    name: options.name ?? "generated",
    tables: {
      "binance.cloud-mining": Datasets.unsafeTable("binance.cloud-mining", r.cloudMining),
      "binance.um-income": Datasets.unsafeTable("binance.um-income", r.umIncome),
      "zenlayer.recharge-refund": Datasets.unsafeTable("zenlayer.recharge-refund", r.zenlayer),
      "wooxpro.contract-transactions": Datasets.unsafeTable("wooxpro.contract-transactions", r.wooxpro),
      "cryptomus.transactions": Datasets.unsafeTable("cryptomus.transactions", r.cryptomus)
    }
  }))

/**
 * The `generated` dataset: one deterministic sample of `datasets` for a seed. The same
 * seed, rows and anchor always give the same records.
 *
 * @since 0.1.0
 * @category datasets
 */
export const generate = (options: { readonly seed: number; readonly rows: number; readonly anchor: number }): Datasets.Datasets =>
  fc.sample(datasets({ rows: options.rows, anchor: options.anchor, name: `generated seed=${options.seed} rows=${options.rows}` }), {
    seed: options.seed,
    numRuns: 1
  })[0]

/**
 * The record arbitrary of each endpoint, by endpoint id.
 *
 * @since 0.1.0
 * @category records
 */
export const recordsOf: { readonly [K in Records.EndpointId]: (options: Options) => fc.Arbitrary<ReadonlyArray<Records.RecordOf[K]>> } = {
  "binance.cloud-mining": cloudMiningRecords,
  "binance.um-income": umIncomeRecords,
  "zenlayer.recharge-refund": zenlayerRecords,
  "wooxpro.contract-transactions": wooxproRecords,
  "cryptomus.transactions": cryptomusRecords
}
