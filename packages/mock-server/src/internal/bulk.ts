/**
 * The building blocks of the providers' bulk generators: a seeded generator (mulberry32)
 * and fast draws of integers, choices, decimals and hex.
 */

const DAY = 86_400_000

export interface EndpointSpec {
  readonly rows: number
  /** Records a day; the span is `rows / perDay` days. Wins over `spanMillis`. */
  readonly perDay?: number | undefined
  /** The span the records are spread over (default 80 days). */
  readonly spanMillis?: number | undefined
}

/** A seeded generator: mulberry32, returning floats in [0, 1). */
export const generator = (seed: number) => {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export type Random = () => number

export const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1))

export const pick = <A>(random: Random, values: ReadonlyArray<A>): A => values[Math.floor(random() * values.length)]

const scales = [0, 2, 4, 8, 8, 10, 12] as const

/** `length` random decimal digits (leading zeros kept). */
const digits = (random: Random, length: number) => {
  let out = ""
  while (out.length < length) out += Math.floor(random() * 1e8).toString().padStart(8, "0")
  return out.slice(0, length)
}

/**
 * One flat string of `parts`. A string built with `+` or a template is a tree of pieces
 * (a cons string) that keeps every piece alive; a million records of such trees are
 * millions of objects for the garbage collector to copy. `join` writes one flat string.
 */
export const flat = (...parts: ReadonlyArray<string>): string => parts.join("")

/** A decimal string with 0 to 12 decimals (8 and more often); no leading zeros. */
export const decimal = (random: Random, options: { readonly signed?: boolean; readonly maxScale?: number; readonly trim?: boolean } = {}) => {
  const whole = int(random, 0, 99_999)
  const scale = Math.min(pick(random, scales), options.maxScale ?? 12)
  let fraction = scale > 0 ? digits(random, scale) : ""
  if (options.trim === true) fraction = fraction.replace(/0+$/, "")
  const one = whole === 0 && /^0*$/.test(fraction)
  const sign = options.signed === true && random() < 0.5 ? "-" : ""
  return one ? flat(sign, "1") : fraction.length > 0 ? flat(sign, String(whole), ".", fraction) : flat(sign, String(whole))
}

const byteHex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"))

/**
 * Random lower-case hex strings of up to 256 digits, cut from a pool of seeded hex
 * digits: a slice of a flat string is cheap, where building each one digit by digit
 * costs more than the rest of the record.
 */
export const hexPool = (random: Random) => {
  const parts = new Array<string>(32_768)
  for (let i = 0; i < parts.length; i++) parts[i] = byteHex[Math.floor(random() * 256)]
  const pool = parts.join("")
  return (length: number) => {
    const offset = Math.floor(random() * (pool.length - length))
    return pool.slice(offset, offset + length)
  }
}

export type Hex = (length: number) => string

/**
 * `rows` nondecreasing record times in `[anchor - span, anchor)`, evenly spread, with
 * runs of at most `burst` records in one instant; `unit` truncates (1000: whole seconds).
 */
export const timesOf = (random: Random, rows: number, anchor: number, span: number, burst: number, unit: number) => {
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

export const spanOf = (spec: EndpointSpec) =>
  spec.perDay !== undefined ? Math.max(1, Math.ceil((spec.rows / spec.perDay) * DAY)) : spec.spanMillis ?? 80 * DAY

const twoDigits = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"))
let day = Number.NaN
let dayPrefix = ""

/**
 * `millis` in ISO-8601 UTC to the second, `suffix` after the seconds (`Z`, or Laravel's
 * `.000000Z`). Written from a cached date and two-digit strings, as one flat string: a
 * `Date` and a regular expression per record cost more than the rest of a record.
 */
export const isoSeconds = (millis: number, suffix = "Z"): string => {
  const d = Math.floor(millis / DAY)
  if (d !== day) {
    day = d
    dayPrefix = new Date(d * DAY).toISOString().slice(0, 11)
  }
  const second = Math.floor((millis - d * DAY) / 1000)
  const hh = twoDigits[Math.floor(second / 3600)]
  const mm = twoDigits[Math.floor(second / 60) % 60]
  return flat(dayPrefix, hh, ":", mm, ":", twoDigits[second % 60], suffix)
}

/**
 * Ids for records keyed by (type, id): each record either shares the previous record's id
 * (about one in four, when that id does not have its type yet) or takes a new, larger one.
 */
export const sharedIds = (random: Random) => {
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
