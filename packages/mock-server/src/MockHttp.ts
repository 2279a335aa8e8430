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
  /** The body bytes exactly as received (empty for none). */
  readonly body: Uint8Array
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
