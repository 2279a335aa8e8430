/**
 * Building one signed `DescribeRechargeRefundHistory` request: local validation, the body
 * written once, and the signature over exactly those bytes.
 *
 * @since 0.1.0
 */
import { HttpClientRequest } from "@effect/platform"
import type { Errors } from "@ledgerkit/core"
import { type Either, type Redacted, Schema } from "effect"
import * as Query from "../internal/query.js"
import { action, RequestBody, source, version } from "./Records.js"
import * as Signing from "./Signing.js"

/**
 * The `Content-Type` sent (and signed), as in Zenlayer's published signing example.
 *
 * @since 0.1.0
 * @category constants
 */
export const contentType = "application/json; charset=utf-8"

/**
 * The API path; the signature's canonical URI is `/` regardless.
 *
 * @since 0.1.0
 * @category constants
 */
export const path = "/api/v2/zbc"

const encodeBody = Schema.encodeSync(RequestBody)

/**
 * Checks a request body before anything is sent: page number and size in range, known
 * states only, and a start that is not after the end.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate: (body: RequestBody) => Either.Either<RequestBody, Errors.InvalidRequest> = Query.validator(
  source,
  RequestBody,
  { start: "startTime", end: "endTime" }
)

/**
 * The JSON body, written once: it is what is signed and what is sent.
 *
 * @since 0.1.0
 * @category encoding
 */
export const bodyText = (body: RequestBody): string => JSON.stringify(encodeBody(body))

/**
 * Credentials and where to send.
 *
 * @since 0.1.0
 * @category models
 */
export interface Target {
  /** Base URL, such as `https://console.zenlayer.com`. */
  readonly apiUrl: string
  readonly accessKeyId: string
  readonly accessKeyPassword: Redacted.Redacted<string>
}

/**
 * The signed request for a body, at a time in Unix milliseconds. The signed host is the
 * URL's `host[:port]`, which is the `Host` header an HTTP client sends for that URL.
 *
 * @since 0.1.0
 * @category requests
 */
export const signed = (target: Target, body: string, nowMillis: number): HttpClientRequest.HttpClientRequest => {
  const base = target.apiUrl.replace(/\/+$/, "")
  const timestamp = Math.floor(nowMillis / 1000)
  const host = new URL(base).host
  const signature = Signing.signature(target.accessKeyPassword, { contentType, host, body, timestamp })
  return HttpClientRequest.post(`${base}${path}`).pipe(
    HttpClientRequest.bodyText(body, contentType),
    HttpClientRequest.setHeaders({
      "x-zc-timestamp": timestamp.toString(),
      "x-zc-version": version,
      "x-zc-action": action,
      "x-zc-signature-method": Signing.algorithm,
      authorization: Signing.authorization(target.accessKeyId, signature)
    }),
    HttpClientRequest.acceptJson
  )
}
