/**
 * Cryptomus request signing: `sign` = hex md5(base64(body) + API key), over exactly the
 * bytes sent. The body is written once, signed, and those bytes are sent.
 *
 * Clients differ in how they write `/`: PHP's `json_encode` escapes it as `\/` (the
 * official SDK), Python's `json.dumps` does not. Either is fine as long as the bytes
 * signed are the bytes sent; `escapeSlashes` writes the PHP form.
 *
 * @since 0.1.0
 */
import { Signing } from "@ledgerkit/core"
import { Redacted } from "effect"

/**
 * The `sign` header for a body exactly as sent (`""` when there is no body).
 *
 * @since 0.1.0
 * @category signing
 */
export const sign = (body: string, apiKey: Signing.Key): string =>
  Signing.md5Hex(Signing.base64(body) + reveal(apiKey))

const reveal = (key: Signing.Key): string => typeof key === "string" ? key : Redacted.value(key)

/**
 * Writes `/` as `\/`, as PHP's `json_encode` does (valid JSON for the same value).
 *
 * @since 0.1.0
 * @category encoding
 */
export const escapeSlashes = (json: string): string => json.replace(/\//g, "\\/")
