/**
 * Whom a request is counted for, for the providers' rate limits: a hashed key from a
 * header, or the remote address. Keys are held as hashes only.
 */
import { Signing } from "@ledgerkit/core"
import * as MockHttp from "../MockHttp.js"
import type * as RateLimitRule from "../RateLimitRule.js"

export const hash = (text: string) => Signing.sha256Hex(text).slice(0, 16)

export const remote = (request: MockHttp.MockRequest) => `ip:${request.remoteAddress ?? "unknown"}`

/** The first of these headers that is set, hashed; else the remote address. */
export const keyed = (request: MockHttp.MockRequest, ...headers: ReadonlyArray<string>) => {
  for (const name of headers) {
    const value = MockHttp.header(request, name)
    if (value !== undefined && value !== "") return `key:${hash(value)}`
  }
  return remote(request)
}

export const none = (): Record<string, string> => ({})

export const rule = (
  limit: number,
  weight: number,
  windowMillis: number,
  banAfter: number,
  banMillis: number
): RateLimitRule.Rule => ({ enabled: true, limit, weight, windowMillis, banAfter, banMillis })
