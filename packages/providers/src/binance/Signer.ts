/**
 * Binance request signing (SIGNED / USER_DATA): `recvWindow` and `timestamp` are appended
 * to the query, the query string is signed exactly as it will be sent, and `signature`
 * goes last.
 *
 * - HMAC keys sign with hex HMAC-SHA256.
 * - Ed25519 and RSA keys (PKCS#1 v1.5, SHA-256) sign with base64, which the URL encoder
 *   then percent-encodes, as Binance requires.
 *
 * @since 0.1.0
 */
import { UrlParams } from "@effect/platform"
import { Signing } from "@ledgerkit/core"
import { Redacted } from "effect"
import * as Crypto from "node:crypto"

/**
 * How the secret signs: `hmac` (the API secret), or `ed25519` / `rsa` (a PEM private key).
 *
 * @since 0.1.0
 * @category models
 */
export type KeyType = "hmac" | "ed25519" | "rsa"

/**
 * @since 0.1.0
 * @category models
 */
export interface SigningKey {
  readonly type: KeyType
  /** The HMAC secret, or the PEM private key. */
  readonly secret: Redacted.Redacted<string>
}

/**
 * The query string the way the HTTP client writes it (`application/x-www-form-urlencoded`,
 * as `URLSearchParams` does), so the signed bytes are the sent bytes.
 *
 * @since 0.1.0
 * @category signing
 */
export const queryString = (params: ReadonlyArray<readonly [string, string]>): string =>
  UrlParams.toString(UrlParams.fromInput(params))

/**
 * The signature of a payload.
 *
 * @since 0.1.0
 * @category signing
 */
export const sign = (key: SigningKey, payload: string): string => {
  switch (key.type) {
    case "hmac":
      return Signing.hmacSha256Hex(key.secret, payload)
    case "ed25519":
      return Crypto.sign(null, Buffer.from(payload, "utf8"), Redacted.value(key.secret)).toString("base64")
    case "rsa":
      return Crypto.sign("sha256", Buffer.from(payload, "utf8"), Redacted.value(key.secret)).toString("base64")
  }
}

/**
 * The parameters to send: the caller's, then `recvWindow` and `timestamp`, then the
 * `signature` of exactly those.
 *
 * @since 0.1.0
 * @category signing
 */
export const signedParams = (
  key: SigningKey,
  params: ReadonlyArray<readonly [string, string]>,
  options: { readonly recvWindow: number; readonly timestamp: number }
): ReadonlyArray<readonly [string, string]> => {
  const unsigned = [
    ...params,
    ["recvWindow", options.recvWindow.toString()] as const,
    ["timestamp", options.timestamp.toString()] as const
  ]
  return [...unsigned, ["signature", sign(key, queryString(unsigned))] as const]
}
