/**
 * The building blocks of the providers' fast-check arbitraries: decimal amounts, record
 * times with bursts, ids shared across types.
 */
import { FastCheck as fc } from "effect"
import type * as MockProvider from "../MockProvider.js"

const DAY = 86_400_000

type Options = MockProvider.GenerateOptions

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

export const increasingIds = (steps: ReadonlyArray<number>, base: number): Array<number> => {
  let next = base
  return steps.map((step) => (next += step))
}

export const hex = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 15 }), { minLength: length, maxLength: length }).map((ds) =>
    ds.map((d) => d.toString(16)).join("")
  )
