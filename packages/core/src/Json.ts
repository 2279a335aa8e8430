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
