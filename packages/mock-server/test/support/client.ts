/**
 * A minimal client written for the tests, independent of the providers package and of
 * the mock's own signing code: fetch, and each provider's signature computed by hand on
 * node:crypto.
 */
import { Effect } from "effect"
import * as Crypto from "node:crypto"
import * as Http from "node:http"

export interface Reply {
  readonly status: number
  readonly text: string
  readonly body: unknown
  readonly headers: Readonly<Record<string, string>>
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const request = (url: string, init: RequestInit = {}): Effect.Effect<Reply> =>
  Effect.promise(async () => {
    const response = await fetch(url, init)
    const text = await response.text()
    const headers: Record<string, string> = {}
    response.headers.forEach((value, key) => {
      headers[key] = value
    })
    return { status: response.status, text, body: parse(text), headers }
  })

/** A raw HTTP request, for headers fetch will not let a caller set (Host). */
export const rawRequest = (
  url: string,
  options: { readonly method: string; readonly headers: Record<string, string>; readonly body: string }
): Effect.Effect<Reply> =>
  Effect.async<Reply>((resume) => {
    const req = Http.request(url, { method: options.method, headers: options.headers }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        const headers: Record<string, string> = {}
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") headers[k] = v
        resume(Effect.succeed({ status: res.statusCode ?? 0, text, body: parse(text), headers }))
      })
    })
    req.on("error", (e) => resume(Effect.die(e)))
    req.end(options.body)
  })

export const hmacHex = (key: string, data: string) => Crypto.createHmac("sha256", key).update(data).digest("hex")
const sha256Hex = (data: string) => Crypto.createHash("sha256").update(data).digest("hex")

// --- Binance ----------------------------------------------------------------------------

export interface BinanceKeys {
  readonly apiKey: string
  readonly secret: string
}

export const binanceQuery = (params: Record<string, string | number>, secret: string): string => {
  const query = Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&")
  return `${query}&signature=${hmacHex(secret, query)}`
}

export const binanceGet = (
  baseUrl: string,
  path: string,
  params: Record<string, string | number>,
  keys: BinanceKeys,
  timestamp: number
): Effect.Effect<Reply> =>
  request(`${baseUrl}${path}?${binanceQuery({ ...params, timestamp }, keys.secret)}`, {
    headers: { "X-MBX-APIKEY": keys.apiKey }
  })

// --- Zenlayer ---------------------------------------------------------------------------

export interface ZenlayerKeys {
  readonly keyId: string
  readonly password: string
}

export const zenlayerSignature = (input: {
  readonly contentType: string
  readonly host: string
  readonly body: string
  readonly timestamp: number
  readonly password: string
}) => {
  const canonical = `POST\n/\n\ncontent-type:${input.contentType}\nhost:${input.host}\n\ncontent-type;host\n${sha256Hex(input.body)}`
  return hmacHex(input.password, `ZC2-HMAC-SHA256\n${input.timestamp}\n${sha256Hex(canonical)}`)
}

export const zenlayerHeaders = (baseUrl: string, body: string, keys: ZenlayerKeys, timestamp: number) => {
  const contentType = "application/json"
  const signature = zenlayerSignature({ contentType, host: new URL(baseUrl).host, body, timestamp, password: keys.password })
  return {
    "Content-Type": contentType,
    "X-ZC-Action": "DescribeRechargeRefundHistory",
    "X-ZC-Version": "2024-08-09",
    "X-ZC-Timestamp": String(timestamp),
    "X-ZC-Signature-Method": "ZC2-HMAC-SHA256",
    Authorization: `ZC2-HMAC-SHA256 Credential=${keys.keyId}, SignedHeaders=content-type;host, Signature=${signature}`
  }
}

export const zenlayerPost = (baseUrl: string, body: unknown, keys: ZenlayerKeys, timestampSeconds: number) => {
  const text = JSON.stringify(body)
  return request(`${baseUrl}/api/v2/zbc`, {
    method: "POST",
    headers: zenlayerHeaders(baseUrl, text, keys, timestampSeconds),
    body: text
  })
}

// --- WOO X Pro --------------------------------------------------------------------------

export const wooxproGet = (baseUrl: string, params: Record<string, string | number>, apiKey: string) =>
  request(
    `${baseUrl}/contract/private/transaction-history?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`,
    { headers: { "X-API-KEY": apiKey } }
  )

// --- Cryptomus --------------------------------------------------------------------------

export const cryptomusSign = (bodyText: string, apiKey: string) =>
  Crypto.createHash("md5").update(Buffer.from(bodyText, "utf8").toString("base64") + apiKey).digest("hex")

export const cryptomusPost = (
  baseUrl: string,
  bodyText: string,
  keys: { readonly userId: string; readonly apiKey: string },
  cursor?: string
) =>
  request(`${baseUrl}/v2/user-api/transaction/list${cursor === undefined ? "" : `?cursor=${encodeURIComponent(cursor)}`}`, {
    method: "POST",
    headers: { userId: keys.userId, sign: cryptomusSign(bodyText, keys.apiKey), "Content-Type": "application/json" },
    body: bodyText
  })

/** The mock's default credentials, as a client would paste them from the start banner. */
export const keys = {
  binance: { apiKey: "mock-binance-api-key", secret: "mock-binance-api-secret" },
  zenlayer: { keyId: "mock-zenlayer-key-id", password: "mock-zenlayer-key-password" },
  wooxpro: "mock-wooxpro-api-key",
  cryptomus: { userId: "mock-cryptomus-user", apiKey: "mock-cryptomus-api-key" }
} as const

export const propRuns = (fallback = 25) => Number(process.env.LEDGERKIT_PROP_RUNS ?? fallback)
