/**
 * An exact JSON writer. Responses are written byte by byte by the mock (not by a generic
 * serializer) so that amounts keep their scale: a string stays `"-0.37500000"`, and a
 * Zenlayer amount is written as the number literal `39.05` or `0.12345678`, never
 * through a binary double.
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
 * Writes compact JSON (keys in insertion order, `undefined` fields left out).
 *
 * @since 0.1.0
 * @category encoding
 */
export const stringify = (value: Json): string => {
  if (value === null) return "null"
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value)
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as JSON`)
    return JSON.stringify(value)
  }
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
