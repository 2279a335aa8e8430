/**
 * An exact JSON writer. Responses are written by the mock's own writer (a generic
 * serializer only for the parts it writes identically) so that amounts keep their scale:
 * a string stays `"-0.37500000"`, and an amount sent as a JSON number is written as the
 * number literal `39.05` or `0.12345678`, never through a binary double.
 *
 * @since 0.1.0
 */

/**
 * A number written verbatim: the literal must be a plain JSON number (no exponent).
 *
 * @since 0.1.0
 * @category models
 */
export class RawNumber {
  /**
   * @since 0.1.0
   */
  readonly _tag = "RawNumber"
  constructor(readonly literal: string) {
    if (!/^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/.test(literal)) {
      throw new Error(`Not a plain JSON number literal: ${JSON.stringify(literal)}`)
    }
  }
}

/**
 * A JSON value whose numbers may be exact literals.
 *
 * @since 0.1.0
 * @category models
 */
export type Json =
  | null
  | boolean
  | string
  | number
  | RawNumber
  | ReadonlyArray<Json>
  | { readonly [key: string]: Json | undefined }

/**
 * Whether `JSON.stringify` writes this value exactly as `stringify` below would: no
 * `RawNumber` inside, every number finite, and only plain arrays (no holes) and objects
 * (no `toJSON`, no class instances). Both then write keys in insertion order, leave
 * `undefined` fields out, and escape strings and write numbers the same way; anything
 * else takes the writer, which keeps its own behaviour (and its errors).
 */
const isPlain = (value: Json | undefined): boolean => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true
    case "number":
      return Number.isFinite(value)
    case "object": {
      if (value === null) return true
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false
        for (let i = 0; i < value.length; i++) if (!isPlain(value[i])) return false // a hole reads as undefined
        return true
      }
      const prototype: unknown = Object.getPrototypeOf(value)
      if (prototype !== Object.prototype && prototype !== null) return false
      // for-in (no key array): it also sees inherited enumerable keys, which only makes
      // the answer more cautious.
      for (const key in value) {
        const field = (value as { readonly [key: string]: Json | undefined })[key]
        if (field !== undefined && !isPlain(field)) return false
      }
      return true
    }
    default:
      return false
  }
}

/**
 * Writes compact JSON (keys in insertion order, `undefined` fields left out). A part
 * without exact literals is written by `JSON.stringify` (native, and the bulk of every
 * page); only the objects and arrays around a `RawNumber` are written here.
 *
 * @since 0.1.0
 * @category encoding
 */
export const stringify = (value: Json): string => {
  if (isPlain(value)) return JSON.stringify(value)
  // What follows is the writer as it always was (the first lines only narrow the type now).
  if (value === null) return "null"
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value)
  if (typeof value === "number") throw new Error(`Cannot write ${value} as JSON`) // a finite one was plain
  if (value instanceof RawNumber) return value.literal
  if (Array.isArray(value)) return "[" + value.map(stringify).join(",") + "]"
  const fields: Array<string> = []
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) fields.push(JSON.stringify(key) + ":" + stringify(field))
  }
  return "{" + fields.join(",") + "}"
}

const encoder = new TextEncoder()

/**
 * Writes compact JSON as UTF-8 bytes.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = (value: Json): Uint8Array => encoder.encode(stringify(value))
