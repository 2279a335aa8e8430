/**
 * The hashing primitives the providers sign with, on `node:crypto`. They are pure and
 * synchronous; secrets are passed as `Redacted` and unwrapped only here.
 *
 * @since 0.1.0
 */
import { Redacted } from "effect"
import * as Crypto from "node:crypto"

/**
 * A secret or a plain string (plain strings are for published test vectors).
 *
 * @since 0.1.0
 * @category models
 */
export type Key = Redacted.Redacted<string> | string

const reveal = (key: Key): string => (Redacted.isRedacted(key) ? Redacted.value(key) : key)

/**
 * Hex HMAC-SHA256 (Binance, Zenlayer).
 *
 * @example
 * ```ts
 * import { Signing } from "@ledgerkit/core"
 * import { Redacted } from "effect"
 *
 * // The secret stays redacted until the moment it keys the HMAC.
 * const secret = Redacted.make("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")
 * const signature = Signing.hmacSha256Hex(secret, "timestamp=1578963600000")
 * ```
 *
 * @since 0.1.0
 * @category signing
 */
export const hmacSha256Hex = (key: Key, data: string | Uint8Array): string =>
  Crypto.createHmac("sha256", reveal(key)).update(data).digest("hex")

/**
 * Hex SHA-256 (Zenlayer's hashed payload and canonical request).
 *
 * @since 0.1.0
 * @category signing
 */
export const sha256Hex = (data: string | Uint8Array): string =>
  Crypto.createHash("sha256").update(data).digest("hex")

/**
 * Hex MD5 (Cryptomus).
 *
 * @since 0.1.0
 * @category signing
 */
export const md5Hex = (data: string | Uint8Array): string => Crypto.createHash("md5").update(data).digest("hex")

/**
 * Standard base64 of a string's UTF-8 bytes, or of raw bytes.
 *
 * @since 0.1.0
 * @category encoding
 */
export const base64 = (data: string | Uint8Array): string =>
  (typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data)).toString("base64")

/**
 * Compares two signatures in constant time (for the side that verifies them). Unequal
 * lengths return false at once: the length of a hex digest is public.
 *
 * @since 0.1.0
 * @category signing
 */
export const constantTimeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a, "utf8")
  const right = Buffer.from(b, "utf8")
  return left.length === right.length && Crypto.timingSafeEqual(left, right)
}
