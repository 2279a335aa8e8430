/**
 * Zenlayer Cloud API 2.0 request signing, `ZC2-HMAC-SHA256`.
 *
 * - CanonicalRequest = `POST\n/\n\ncontent-type:<ct>\nhost:<host>\n\ncontent-type;host\n` +
 *   hex(SHA256(body)), with `<ct>` and `<host>` exactly as sent (the host with its port
 *   when the URL has one).
 * - StringToSign = `ZC2-HMAC-SHA256\n<timestamp seconds>\n` + hex(SHA256(CanonicalRequest)).
 * - Signature = hex HMAC-SHA256 keyed by the AccessKeyPassword (no derived key).
 *
 * @since 0.1.0
 */
import { Signing } from "@ledgerkit/core"
import type { Redacted } from "effect"

/**
 * The signature method, also sent in `X-ZC-Signature-Method`.
 *
 * @since 0.1.0
 * @category constants
 */
export const algorithm = "ZC2-HMAC-SHA256"

/**
 * The headers the signature covers, in canonical order.
 *
 * @since 0.1.0
 * @category constants
 */
export const signedHeaders = "content-type;host"

/**
 * What one signature covers.
 *
 * @since 0.1.0
 * @category models
 */
export interface Signable {
  /** The `Content-Type` header exactly as sent. */
  readonly contentType: string
  /** The `Host` header exactly as sent: `host` or `host:port`. */
  readonly host: string
  /** The body exactly as sent. */
  readonly body: string
  /** Unix seconds, also sent in `X-ZC-Timestamp`. */
  readonly timestamp: number
}

/**
 * The canonical request (note the blank line after the headers).
 *
 * @since 0.1.0
 * @category signing
 */
export const canonicalRequest = (s: Signable): string =>
  `POST\n/\n\ncontent-type:${s.contentType}\nhost:${s.host}\n\n${signedHeaders}\n${Signing.sha256Hex(s.body)}`

/**
 * The string to sign.
 *
 * @since 0.1.0
 * @category signing
 */
export const stringToSign = (s: Signable): string =>
  `${algorithm}\n${s.timestamp}\n${Signing.sha256Hex(canonicalRequest(s))}`

/**
 * The hex signature, keyed by the AccessKeyPassword.
 *
 * @since 0.1.0
 * @category signing
 */
export const signature = (accessKeyPassword: Redacted.Redacted<string> | string, s: Signable): string =>
  Signing.hmacSha256Hex(accessKeyPassword, stringToSign(s))

/**
 * The `Authorization` header value.
 *
 * @since 0.1.0
 * @category signing
 */
export const authorization = (accessKeyId: string, signatureHex: string): string =>
  `${algorithm} Credential=${accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signatureHex}`
