/**
 * The two clients the benchmarks compare, pointed at the mock with its default
 * credentials:
 *
 * - the library: each provider's `Source` (request, decode, normalise to `LedgerEntry`),
 *   on an `HttpClient` that can record every request it sends;
 * - the raw baseline: the recorded requests sent again with plain `fetch` and read with
 *   `JSON.parse`, nothing decoded. Binance and Zenlayer requests are signed again (their
 *   signatures carry the time), with the same schemes, so the mock accepts them.
 */
import { HttpClient, type HttpClientRequest, UrlParams } from "@effect/platform"
import { Signing } from "@ledgerkit/core"
import type { Retry } from "@ledgerkit/core"
import * as Binance from "@ledgerkit/providers/Binance"
import * as Cryptomus from "@ledgerkit/providers/Cryptomus"
import type * as Source from "@ledgerkit/providers/Source"
import * as WooXPro from "@ledgerkit/providers/WooXPro"
import * as Zenlayer from "@ledgerkit/providers/Zenlayer"
import { Effect, Redacted } from "effect"

/** The mock's default credentials (DESIGN.md). */
export const credentials = {
  binance: { apiKey: "mock-binance-api-key", apiSecret: "mock-binance-api-secret" },
  zenlayer: { accessKeyId: "mock-zenlayer-key-id", accessKeyPassword: "mock-zenlayer-key-password" },
  wooxpro: { apiKey: "mock-wooxpro-api-key" },
  cryptomus: { userId: "mock-cryptomus-user", apiKey: "mock-cryptomus-api-key" }
} as const

export interface ClientOptions {
  readonly baseUrl: string
  /** The clients' own rate-limit budgets (Binance, WOO X Pro); off when the mock's limits are off. */
  readonly budget: boolean
  readonly retry?: Retry.RetryOptions
}

/** Every provider service on the mock; their sources by id. */
export const librarySources = (
  options: ClientOptions
): Effect.Effect<Record<Source.SourceId, Source.Source>, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const url = options.baseUrl
    const binance = yield* Binance.make({
      apiKey: Redacted.make(credentials.binance.apiKey),
      apiSecret: Redacted.make(credentials.binance.apiSecret),
      sapiUrl: url,
      papiUrl: url,
      budget: { enabled: options.budget },
      retry: options.retry
    })
    const zenlayer = yield* Zenlayer.make({
      accessKeyId: credentials.zenlayer.accessKeyId,
      accessKeyPassword: Redacted.make(credentials.zenlayer.accessKeyPassword),
      apiUrl: url,
      retry: options.retry
    })
    const wooxpro = yield* WooXPro.make({
      apiKey: Redacted.make(credentials.wooxpro.apiKey),
      apiUrl: url,
      budget: { enabled: options.budget },
      retry: options.retry
    })
    const cryptomus = yield* Cryptomus.make({
      userId: credentials.cryptomus.userId,
      apiKey: Redacted.make(credentials.cryptomus.apiKey),
      apiUrl: url,
      retry: options.retry
    })
    return {
      "binance.cloud-mining": binance.sources.cloudMining,
      "binance.um-income": binance.sources.umIncome,
      "zenlayer.recharge-refund": zenlayer.source,
      "wooxpro.contract-transactions": wooxpro.source,
      "cryptomus.transactions": cryptomus.source
    }
  })

/** A request as the library sent it. */
export interface Recorded {
  readonly method: string
  /** With the query string. */
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: Uint8Array | undefined
  readonly contentType?: string | undefined
}

const record = (request: HttpClientRequest.HttpClientRequest): Recorded => {
  const query = UrlParams.toString(request.urlParams)
  const body = request.body._tag === "Uint8Array" ? request.body : undefined
  return {
    method: request.method,
    url: query === "" ? request.url : `${request.url}?${query}`,
    headers: { ...request.headers },
    body: body?.body,
    contentType: body?.contentType
  }
}

/** The `HttpClient` in context, with every request it sends pushed to `into`. */
export const recording = (into: Array<Recorded>) =>
  Effect.map(HttpClient.HttpClient, (client) => HttpClient.tapRequest(client, (request) => Effect.sync(() => into.push(record(request)))))

const decoder = new TextDecoder()

/** A recorded request, signed again now where its signature carries the time. */
export const resign = (request: Recorded, now = Date.now()): { url: string; init: RequestInit } => {
  // fetch writes its own framing headers.
  const { "content-length": _length, host: _host, ...kept } = request.headers
  const init: RequestInit = { method: request.method, headers: kept, body: request.body === undefined ? null : Buffer.from(request.body) }
  const url = new URL(request.url)
  if (url.searchParams.has("signature")) {
    // Binance: the query without the signature, with a fresh timestamp, signed as sent.
    const query = url.search.slice(1).split("&").filter((p) => !p.startsWith("signature=")).map((p) =>
      p.startsWith("timestamp=") ? `timestamp=${now}` : p
    ).join("&")
    const signature = Signing.hmacSha256Hex(credentials.binance.apiSecret, query)
    return { url: `${url.origin}${url.pathname}?${query}&signature=${signature}`, init }
  }
  const headers = init.headers as Record<string, string>
  if (headers["x-zc-timestamp"] !== undefined) {
    // Zenlayer: ZC2-HMAC-SHA256 over content-type, host and the body, at a fresh timestamp.
    const timestamp = Math.floor(now / 1000)
    const contentType = request.contentType ?? "application/json"
    const body = request.body === undefined ? "" : decoder.decode(request.body)
    const canonical = `POST\n/\n\ncontent-type:${contentType}\nhost:${url.host}\n\ncontent-type;host\n${Signing.sha256Hex(body)}`
    const toSign = `ZC2-HMAC-SHA256\n${timestamp}\n${Signing.sha256Hex(canonical)}`
    const signature = Signing.hmacSha256Hex(credentials.zenlayer.accessKeyPassword, toSign)
    headers["x-zc-timestamp"] = String(timestamp)
    headers["authorization"] =
      `ZC2-HMAC-SHA256 Credential=${credentials.zenlayer.accessKeyId}, SignedHeaders=content-type;host, Signature=${signature}`
  }
  if (request.contentType !== undefined) headers["content-type"] = request.contentType
  return { url: request.url, init }
}

/** The rows of a parsed page, whatever the provider's envelope. */
export const rowsOf = (json: unknown): number => {
  if (Array.isArray(json)) return json.length
  if (typeof json !== "object" || json === null) return 0
  const o = json as Record<string, unknown>
  if (Array.isArray(o.rows)) return o.rows.length
  if (Array.isArray(o.data)) return o.data.length
  const inner = (o.response ?? o.result) as Record<string, unknown> | undefined
  if (inner !== undefined && Array.isArray(inner.dataSet)) return inner.dataSet.length
  if (inner !== undefined && Array.isArray(inner.items)) return inner.items.length
  return 0
}

/**
 * Sends the recorded requests one after the other with `fetch` and parses each body; the
 * rows read. The bodies are pushed to `bodies` when given.
 */
export const rawReplay = async (requests: ReadonlyArray<Recorded>, bodies?: Array<string>): Promise<number> => {
  let rows = 0
  for (const request of requests) {
    const { init, url } = resign(request)
    const response = await fetch(url, init)
    const text = await response.text()
    if (response.status !== 200) throw new Error(`raw ${request.method} ${url}: ${response.status} ${text.slice(0, 200)}`)
    rows += rowsOf(JSON.parse(text))
    bodies?.push(text)
  }
  return rows
}
