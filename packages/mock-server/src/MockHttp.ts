/**
 * The wire model of the mock: every provider request is normalised into a `MockRequest`
 * (method, path, raw query string, lower-cased headers, raw body bytes) and answered with a
 * `MockResponse` (status, headers, body bytes). Responses are bytes, not values, so that the
 * mock controls exactly what a client receives (documented bytes, and later truncated or
 * malformed bodies).
 *
 * @since 0.1.0
 */
import * as Json from "./ExactJson.js"

/**
 * A provider request as received.
 *
 * @since 0.1.0
 * @category models
 */
export interface MockRequest {
  readonly method: string
  /** The path, without the query string (`/papi/v1/um/income`). */
  readonly path: string
  /** The raw query string as sent, without the `?` (still percent-encoded). */
  readonly query: string
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>
  /** The body bytes exactly as received (empty for none, and when `bodyExceeded`). */
  readonly body: Uint8Array
  /**
   * Set when the body is larger than the endpoint accepts: the bytes announced or
   * received before reading stopped. The body itself was never read whole.
   */
  readonly bodyExceeded?: number | undefined
  readonly remoteAddress?: string | undefined
}

/**
 * What authentication concluded, for the journal.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthVerdict =
  | { readonly _tag: "NotRequired" }
  | { readonly _tag: "Disabled" }
  | { readonly _tag: "NotReached" }
  | { readonly _tag: "Passed"; readonly principal: string }
  | { readonly _tag: "Failed"; readonly code: string; readonly reason: string }

/**
 * What parameter validation concluded, for the journal.
 *
 * @since 0.1.0
 * @category models
 */
export type ValidationVerdict =
  | { readonly _tag: "NotReached" }
  | { readonly _tag: "Passed" }
  | { readonly _tag: "Failed"; readonly code: string; readonly reason: string }

/**
 * @since 0.1.0
 * @category models
 */
export interface Verdict {
  readonly auth: AuthVerdict
  readonly validation: ValidationVerdict
}

/**
 * A response as it will be written: status, headers (lower-case names) and the exact body.
 *
 * @since 0.1.0
 * @category models
 */
export interface MockResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
  readonly verdict: Verdict
  /** How the bytes leave the server; absent: written whole. */
  readonly transport?: Transport | undefined
  /** What a fault or a rate limit did to this request, for the journal. */
  readonly applied?: Applied | undefined
}

/**
 * A broken transport, written by the server instead of a whole response:
 * `Reset` destroys the socket before anything is written; `Truncated` announces the
 * whole body's Content-Length, writes only the first `bytes`, then closes the socket.
 *
 * @since 0.1.0
 * @category models
 */
export type Transport =
  | { readonly _tag: "Reset" }
  | { readonly _tag: "Truncated"; readonly bytes: number }

/**
 * The fault (by id and kind) and the rate-limit outcome that shaped a response.
 *
 * @since 0.1.0
 * @category models
 */
export interface Applied {
  readonly fault?: { readonly id: string; readonly kind: string } | undefined
  readonly limit?: { readonly rule: string; readonly outcome: "Counted" | "Limited" | "Banned"; readonly used: number } | undefined
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const notReached: Verdict = {
  auth: { _tag: "NotReached" },
  validation: { _tag: "NotReached" }
}

/**
 * A JSON response written with the exact writer (decimal literals kept).
 *
 * @since 0.1.0
 * @category constructors
 */
export const json = (
  status: number,
  body: Json.Json,
  options: {
    readonly verdict?: Verdict | undefined
    readonly headers?: Readonly<Record<string, string>> | undefined
    readonly contentType?: string | undefined
  } = {}
): MockResponse => ({
  status,
  headers: { "content-type": options.contentType ?? "application/json", ...options.headers },
  body: Json.encode(body),
  verdict: options.verdict ?? notReached
})

/**
 * Replaces the verdict of a response (the stage that decides it records it).
 *
 * @since 0.1.0
 * @category combinators
 */
export const withVerdict = (response: MockResponse, verdict: Partial<Verdict>): MockResponse => ({
  ...response,
  verdict: { ...response.verdict, ...verdict }
})

/**
 * Reads a header (names are matched case-insensitively).
 *
 * @since 0.1.0
 * @category accessors
 */
export const header = (request: MockRequest, name: string): string | undefined => request.headers[name.toLowerCase()]

const decoder = new TextDecoder("utf-8", { fatal: false })

/**
 * The body as UTF-8 text.
 *
 * @since 0.1.0
 * @category accessors
 */
export const bodyText = (request: MockRequest): string => decoder.decode(request.body)
