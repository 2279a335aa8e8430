/**
 * Large datasets, fast: a seeded generator (mulberry32) that writes records in the
 * endpoints' shapes at a steady density, for benchmarks that need 100k to millions of
 * records. The fast-check `generated` dataset draws each record through arbitraries
 * (about 3 s per 10,000 rows); this one writes a million rows in a few seconds.
 *
 * Records are spread evenly over `[anchor - spanMillis, anchor)` (or at `perDay` records
 * a day, so that the span grows with the count and the density does not), with short
 * bursts of records in one instant (at most `burst`, below every page size the clients
 * use) and ids shared across types where the provider's key is (type, id). Every record
 * is one the endpoint serves (cloud-mining status `S`), so an export of the whole span
 * returns exactly `rows` records per endpoint.
 *
 * The same options always give the same records.
 *
 * @since 0.1.0
 */
import * as Datasets from "./Datasets.js"
import * as Records from "./Records.js"

const DAY = 86_400_000

/**
 * One endpoint's size and spread.
 *
 * @since 0.1.0
 * @category models
 */
export interface EndpointSpec {
  readonly rows: number
  /** Records a day; the span is `rows / perDay` days. Wins over `spanMillis`. */
  readonly perDay?: number | undefined
  /** The span the records are spread over (default 80 days). */
  readonly spanMillis?: number | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly seed: number
  /** Records are timed before this instant (epoch millis). */
  readonly anchor: number
  /** Endpoints left out get no records. */
  readonly endpoints: { readonly [K in Records.EndpointId]?: EndpointSpec }
  /** The most records in one instant (default 4). */
  readonly burst?: number | undefined
}

/** A seeded generator: mulberry32, returning floats in [0, 1). */
const generator = (seed: number) => {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Random = () => number

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1))

const pick = <A>(random: Random, values: ReadonlyArray<A>): A => values[Math.floor(random() * values.length)]

const scales = [0, 2, 4, 8, 8, 10, 12] as const

/** `length` random decimal digits (leading zeros kept). */
const digits = (random: Random, length: number) => {
  let out = ""
  while (out.length < length) out += Math.floor(random() * 1e8).toString().padStart(8, "0")
  return out.slice(0, length)
}

/** A decimal string with 0 to 12 decimals (8 and more often); no leading zeros. */
const decimal = (random: Random, options: { readonly signed?: boolean; readonly maxScale?: number; readonly trim?: boolean } = {}) => {
  const whole = int(random, 0, 99_999)
  const scale = Math.min(pick(random, scales), options.maxScale ?? 12)
  let fraction = scale > 0 ? digits(random, scale) : ""
  if (options.trim === true) fraction = fraction.replace(/0+$/, "")
  let text = fraction.length > 0 ? `${whole}.${fraction}` : String(whole)
  if (whole === 0 && fraction.length === 0) text = "1"
  else if (whole === 0 && /^0*$/.test(fraction)) text = "1"
  return options.signed === true && random() < 0.5 ? `-${text}` : text
}

const byteHex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"))

/**
 * Random lower-case hex strings of up to 256 digits, cut from a pool of seeded hex
 * digits: a slice of a flat string is cheap, where building each one digit by digit
 * costs more than the rest of the record.
 */
const hexPool = (random: Random) => {
  const parts = new Array<string>(32_768)
  for (let i = 0; i < parts.length; i++) parts[i] = byteHex[Math.floor(random() * 256)]
  const pool = parts.join("")
  return (length: number) => {
    const offset = Math.floor(random() * (pool.length - length))
    return pool.slice(offset, offset + length)
  }
}

type Hex = (length: number) => string

/**
 * `rows` nondecreasing record times in `[anchor - span, anchor)`, evenly spread, with
 * runs of at most `burst` records in one instant; `unit` truncates (1000: whole seconds).
 */
const timesOf = (random: Random, rows: number, anchor: number, span: number, burst: number, unit: number) => {
  const start = anchor - span
  // Whole units inside [start, anchor): rounding to a second must not step out of the span.
  const first = Math.ceil(start / unit) * unit
  const last = Math.floor((anchor - 1) / unit) * unit
  const out = new Array<number>(rows)
  let run = 0
  for (let i = 0; i < rows; i++) {
    const base = Math.min(last, Math.max(first, Math.floor((start + Math.floor((i * span) / rows)) / unit) * unit))
    const previous = i > 0 ? out[i - 1] : Number.NEGATIVE_INFINITY
    let t = i > 0 && run < burst && random() < 0.15 ? previous : Math.max(base, previous)
    run = t === previous ? run + 1 : 1
    if (run > burst) {
      t = previous + unit
      run = 1
    }
    out[i] = t
  }
  return out
}

const spanOf = (spec: EndpointSpec) =>
  spec.perDay !== undefined ? Math.max(1, Math.ceil((spec.rows / spec.perDay) * DAY)) : spec.spanMillis ?? 80 * DAY

const assets = ["USDT", "BTC", "ETH", "BNB", "FDUSD"] as const
const symbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT"] as const
const paymentMethods = ["BANK_TRANSFER", "CREDIT_CARD", "PAYPAL", "ALIPAY", "USDT"] as const
const networks = ["tron", "eth", "bsc", "ton"] as const

const isoSeconds = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, "Z")

/**
 * Cloud-mining rows (all status `S`).
 *
 * @since 0.1.0
 * @category records
 */
export const cloudMining = (random: Random, times: ReadonlyArray<number>): Array<Records.CloudMiningRecord> => {
  let id = 119_000_000_000
  return times.map((createTime) => ({
    createTime,
    tranId: (id += int(random, 1, 50)),
    type: random() < 0.8 ? 248 : 249,
    asset: pick(random, assets),
    amount: decimal(random),
    status: "S"
  }))
}

/**
 * Ids for records keyed by (type, id): each record either shares the previous record's id
 * (about one in four, when that id does not have its type yet) or takes a new, larger one.
 */
const sharedIds = (random: Random) => {
  let id = 968_900_000_000
  const typesOfId = new Set<string>()
  return (type: string): string => {
    const share = typesOfId.size > 0 && !typesOfId.has(type) && random() < 0.25
    if (!share) {
      id += int(random, 1, 50)
      typesOfId.clear()
    }
    typesOfId.add(type)
    return String(id)
  }
}

/**
 * UM income rows of all 19 types; about one in four shares the previous row's `tranId`
 * under a type that id does not have yet.
 *
 * @since 0.1.0
 * @category records
 */
export const umIncome = (random: Random, times: ReadonlyArray<number>): Array<Records.UmIncomeRecord> => {
  const idFor = sharedIds(random)
  return times.map((time) => {
    const type = pick(random, Records.incomeTypes)
    const tranId = idFor(type)
    const traded = type === "COMMISSION" || type === "REALIZED_PNL" || type === "FUNDING_FEE"
    return {
      symbol: type === "TRANSFER" || type === "INTERNAL_TRANSFER" ? "" : pick(random, symbols),
      incomeType: type,
      income: decimal(random, { signed: true }),
      asset: pick(random, assets),
      info: type,
      time,
      tranId,
      tradeId: traded ? String(int(random, 1, 99_999_999)) : ""
    }
  })
}

/**
 * Zenlayer recharges and refunds, every state; amounts as exact number literals.
 *
 * @since 0.1.0
 * @category records
 */
export const zenlayer = (random: Random, times: ReadonlyArray<number>): Array<Records.ZenlayerRecord> => {
  let id = 10_000_000_000_000
  return times.map((time) => {
    const type = pick(random, Records.zenlayerTransactionTypes)
    return {
      transactionType: type,
      amount: decimal(random, { maxScale: 8, trim: true }),
      paymentMethod: type === "RECHARGE" ? pick(random, paymentMethods) : "REFUND",
      state: pick(random, Records.rechargeStates),
      transactionTime: isoSeconds(time),
      accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
      transactionId: String((id += int(random, 1, 50)))
    }
  })
}

/**
 * WOO X Pro contract transactions; about one in four shares the previous row's
 * `tran_id` under a type that id does not have yet.
 *
 * @since 0.1.0
 * @category records
 */
export const wooxpro = (random: Random, times: ReadonlyArray<number>): Array<Records.WooxproRecord> => {
  const idFor = sharedIds(random)
  return times.map((time): Records.WooxproRecord => {
    const type = pick(random, Records.wooxproTypes)
    return {
      symbol: type === "Transfer" ? "" : pick(random, symbols),
      type,
      amount: decimal(random, { signed: true }),
      asset: random() < 0.9 ? "USDT" : "USDC",
      account: random() < 0.8 ? "futures" : "copy_trading",
      time: String(time),
      tran_id: idFor(type)
    }
  })
}

/**
 * Cryptomus transactions of every type and status, unique uuids.
 *
 * @since 0.1.0
 * @category records
 */
export const cryptomus = (random: Random, times: ReadonlyArray<number>): Array<Records.CryptomusRecord> => {
  const hex: Hex = hexPool(random)
  return times.map((time, i) => {
    const type = pick(random, Records.cryptomusTypes)
    const transfer = type === "transfer"
    return {
      uuid: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${i.toString(16).padStart(12, "0")}`,
      type,
      status: pick(random, Records.cryptomusStatuses),
      created_at: new Date(time).toISOString().replace(/\.\d{3}Z$/, ".000000Z"),
      amount: decimal(random, { maxScale: 8 }),
      amount_equivalent: decimal(random, { maxScale: 8 }),
      currency_equivalent: "USD",
      currency: pick(random, ["USDT", "BTC", "ETH", "TRX"] as const),
      network: transfer ? null : pick(random, networks),
      txid: transfer ? null : hex(64),
      address: transfer ? null : `T${hex(33)}`,
      comment: random() < 0.2 ? "invoice 42" : null
    }
  })
}

// Zenlayer and Cryptomus times have no milliseconds.
const unitOf = (id: Records.EndpointId) => id === "zenlayer.recharge-refund" || id === "cryptomus.transactions" ? 1000 : 1

/**
 * A table from records whose times are nondecreasing: only the runs of records in one
 * instant are sorted (by the endpoint's tie-break), which is what `Datasets.table` would
 * do with a full sort, at a fraction of the cost for a million rows.
 */
const tableOf = <K extends Records.EndpointId>(
  id: K,
  records: Array<Records.RecordOf[K]>,
  times: ReadonlyArray<number>
): Datasets.Table<Records.RecordOf[K]> => {
  const keys = Datasets.keys[id] as Datasets.Keys<Records.RecordOf[K]>
  let start = 0
  for (let i = 1; i <= records.length; i++) {
    if (i === records.length || times[i] !== times[start]) {
      if (i - start > 1) {
        const run = records.slice(start, i).sort(keys.tieBreak)
        for (let j = 0; j < run.length; j++) records[start + j] = run[j]
      }
      start = i
    }
  }
  return { records, times, documented: false }
}

/**
 * The dataset: each endpoint's records, sorted into tables (endpoints without a spec
 * are empty).
 *
 * @since 0.1.0
 * @category constructors
 */
export const generate = (options: Options): Datasets.Datasets => {
  const sizes: Array<string> = []
  const build = <K extends Records.EndpointId>(
    id: K,
    make: (random: Random, times: ReadonlyArray<number>) => Array<Records.RecordOf[K]>
  ): Datasets.Table<Records.RecordOf[K]> => {
    const spec = options.endpoints[id]
    const random = generator(options.seed * 31 + Records.endpointIds.indexOf(id))
    const times = spec === undefined ? [] : timesOf(random, spec.rows, options.anchor, spanOf(spec), options.burst ?? 4, unitOf(id))
    sizes.push(`${id}=${times.length}`)
    return tableOf(id, make(random, times), times)
  }
  const tables: Datasets.Tables = {
    "binance.cloud-mining": build("binance.cloud-mining", cloudMining),
    "binance.um-income": build("binance.um-income", umIncome),
    "zenlayer.recharge-refund": build("zenlayer.recharge-refund", zenlayer),
    "wooxpro.contract-transactions": build("wooxpro.contract-transactions", wooxpro),
    "cryptomus.transactions": build("cryptomus.transactions", cryptomus)
  }
  return { name: `bulk seed=${options.seed} ${sizes.join(" ")}`, tables }
}
