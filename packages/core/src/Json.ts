/**
 * JSON parsing that keeps number literals exact. `JSON.parse` turns every number into a
 * double, so `12345678.123456789` arrives as `12345678.12345679` and `39.050` loses its
 * scale before any schema can see it. `parse` keeps each such literal as its text.
 *
 * @since 0.2.0
 */
import { parse as parseLossless } from "lossless-json"

/**
 * A JSON number kept as the text it was written as (`39.050`, `9007199254740993`).
 *
 * @since 0.2.0
 * @category models
 */
export class NumberLiteral {
  /** @since 0.2.0 */
  readonly _tag = "NumberLiteral"
  constructor(readonly text: string) {}
  /**
   * Written as its text: a JSON string holds it without loss.
   *
   * @since 0.2.0
   */
  toJSON(): string {
    return this.text
  }
}

/**
 * Whether a value is a `NumberLiteral`.
 *
 * @since 0.2.0
 * @category guards
 */
export const isNumberLiteral = (u: unknown): u is NumberLiteral => u instanceof NumberLiteral

const safeInteger = /^-?(?:0|[1-9][0-9]{0,14})$/

/**
 * Parses JSON text. Integers of at most 15 digits (which a double holds exactly, and which
 * carry no scale) become numbers, as with `JSON.parse`; every other number becomes a
 * `NumberLiteral` holding its exact text. Throws a `SyntaxError` on invalid JSON.
 *
 * @since 0.2.0
 * @category parsing
 */
export const parse = (text: string): unknown =>
  parseLossless(text, null, (literal) => safeInteger.test(literal) ? Number(literal) : new NumberLiteral(literal))

/**
 * A parsed value with each `NumberLiteral` that a double writes back as the same text
 * (`39.05`, not `39.050` or `9007199254740993`) made a plain number, inside objects and
 * arrays too: what `JSON.parse` would have given wherever it loses nothing. Returns the
 * value itself when nothing changes.
 *
 * @since 0.2.0
 * @category parsing
 */
export const plainNumbers = (value: unknown): unknown => {
  if (isNumberLiteral(value)) {
    const n = Number(value.text)
    return String(n) === value.text ? n : value
  }
  if (typeof value !== "object" || value === null) return value
  if (Array.isArray(value)) {
    let out: Array<unknown> | undefined
    for (let i = 0; i < value.length; i++) {
      const item = plainNumbers(value[i])
      if (item !== value[i]) (out ??= value.slice())[i] = item
    }
    return out ?? value
  }
  let out: Record<string, unknown> | undefined
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key]
    const plain = plainNumbers(field)
    // Defined, not assigned: a key `__proto__` stays an own field.
    if (plain !== field) Object.defineProperty(out ??= { ...value }, key, { value: plain, enumerable: true, writable: true, configurable: true })
  }
  return out ?? value
}

/**
 * Parses JSON text to what `plainNumbers(parse(text))` gives: a number wherever a double
 * writes the literal back as the same text (`39.05`, `1234567890123456`), a
 * `NumberLiteral` for any other (`39.050`, `9007199254740993`, `1e5`). Throws what
 * `parse` throws.
 *
 * A body whose every number literal is plain (most are) is read by the native
 * `JSON.parse`, several times faster than `parse`; the others, and bodies with duplicate
 * keys (which `parse` refuses and `JSON.parse` does not), are read by `parse`.
 *
 * @since 0.2.0
 * @category parsing
 */
export const parsePlain = (text: string): unknown => {
  const scan = scanPlain(text)
  if (scan !== undefined) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      value = undefined
    }
    // As many keys as the text has `:`s: no key was written twice.
    if (value !== undefined && keyCount(value) === scan.keys) return value
  }
  return plainNumbers(parse(text))
}

const quote = 34 // "
const backslash = 92
const colon = 58
const minus = 45
const digit0 = 48
const digit9 = 57

/** Outside strings: the number of `:`s, or `undefined` at the first literal that is not plain. */
const scanPlain = (text: string): { readonly keys: number } | undefined => {
  let keys = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === quote) {
      let end = text.indexOf("\"", i + 1)
      // A quote after an odd run of backslashes is escaped.
      while (end !== -1 && escaped(text, end)) end = text.indexOf("\"", end + 1)
      if (end === -1) return undefined
      i = end + 1
    } else if (c === colon) {
      keys++
      i++
    } else if (c === minus || (c >= digit0 && c <= digit9)) {
      let end = i + 1
      while (end < n && isNumberChar(text.charCodeAt(end))) end++
      if (!surelyPlain(text, i, end)) {
        const literal = text.slice(i, end)
        if (String(Number(literal)) !== literal) return undefined
      }
      i = end
    } else {
      i++
    }
  }
  return { keys }
}

/**
 * Whether `text[start, end)` is a literal that a double surely writes back the same, read
 * from its characters alone (no string, no conversion): plain decimal notation with at most
 * 15 significant digits (a double holds any such decimal and writes its shortest form), no
 * trailing zero in a fraction, not `-0`, and under six zeros after `0.` (from 1e-7 down,
 * `String` writes an exponent). `false` leaves the literal to the full check.
 */
const surelyPlain = (text: string, start: number, end: number): boolean => {
  const first = text.charCodeAt(start) === minus ? start + 1 : start
  if (first === end || !isDigit(text.charCodeAt(first))) return false
  const zero = text.charCodeAt(first) === digit0
  let at = first + 1
  if (zero) {
    if (at === end) return first === start // "0", not "-0"
  } else {
    while (at < end && isDigit(text.charCodeAt(at))) at++
  }
  let significant = zero ? 0 : at - first
  if (at === end) return significant <= 15
  if (text.charCodeAt(at) !== 46 || at + 1 === end) return false // "."
  at++
  let leadingZeros = 0
  if (zero) {
    while (at < end && text.charCodeAt(at) === digit0) {
      at++
      leadingZeros++
    }
  }
  const digitsFrom = at
  while (at < end && isDigit(text.charCodeAt(at))) at++
  significant += at - digitsFrom
  return at === end && at > digitsFrom && text.charCodeAt(end - 1) !== digit0 && significant <= 15 && leadingZeros <= 5
}

const isDigit = (c: number): boolean => c >= digit0 && c <= digit9

const escaped = (text: string, at: number): boolean => {
  let run = 0
  while (text.charCodeAt(at - 1 - run) === backslash) run++
  return run % 2 === 1
}

// Digits, `.`, `e`, `E`, `+`, `-`.
const isNumberChar = (c: number): boolean =>
  (c >= digit0 && c <= digit9) || c === 46 || c === 101 || c === 69 || c === 43 || c === minus

/** The keys of every object in a parsed value. */
const keyCount = (value: unknown): number => {
  if (typeof value !== "object" || value === null) return 0
  let count = 0
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) count += keyCount(value[i])
    return count
  }
  for (const key in value) count += 1 + keyCount((value as Record<string, unknown>)[key])
  return count
}
