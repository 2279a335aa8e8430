import { describe, expect, it } from "@effect/vitest"
import { Signing, Time } from "@ledgerkit/core"
import { Effect, Redacted, TestClock } from "effect"
import * as Crypto from "node:crypto"
import * as Signer from "../src/binance/Signer.js"
import { apiKey, apiSecret, json, service } from "./binanceKit.js"

const T = 1_700_000_000_000
const startTime = Time.fromMillis(T - 86_400_000)
const endTime = Time.fromMillis(T)

/** The signed part of a query as sent, and the signature as sent. */
const split = (rawQuery: string) => {
  const at = rawQuery.lastIndexOf("&signature=")
  return { payload: rawQuery.slice(0, at), signature: rawQuery.slice(at + "&signature=".length) }
}

describe("Binance signing", () => {
  it("reproduces the published HMAC-SHA256 vector", () => {
    const key = { type: "hmac", secret: Redacted.make("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j") } as const
    const payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
    expect(Signer.sign(key, payload)).toBe("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
  })

  it("appends recvWindow and timestamp, then the signature of exactly those", () => {
    const key = { type: "hmac", secret: Redacted.make(apiSecret) } as const
    const signed = Signer.signedParams(key, [["asset", "USDT"]], { recvWindow: 5000, timestamp: 42 })
    expect(signed.map(([k]) => k)).toStrictEqual(["asset", "recvWindow", "timestamp", "signature"])
    expect(signed[3][1]).toBe(Signing.hmacSha256Hex(apiSecret, "asset=USDT&recvWindow=5000&timestamp=42"))
  })

  it.effect("signs the query string exactly as it goes on the wire, signature last, key in X-MBX-APIKEY", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T)
      const { binance, journal } = service(() => json(200, { total: 0, rows: [] }))
      const b = yield* binance
      // Characters the URL encoder rewrites: space, &, =, /, non-ASCII, and the ones it keeps.
      const clientTranId = "a b&c=d/é*~'()!+"
      yield* b.cloudMiningPage({ startTime, endTime, asset: "USDT", clientTranId, current: 2, size: 50 })
      expect(journal).toHaveLength(1)
      const [seen] = journal
      const { payload, signature } = split(seen.rawQuery)
      expect(signature).toBe(Signing.hmacSha256Hex(apiSecret, payload))
      expect(seen.rawQuery.indexOf("signature=")).toBe(payload.length + 1)
      const params = new URLSearchParams(payload)
      expect([...params.keys()]).toStrictEqual(
        ["clientTranId", "asset", "startTime", "endTime", "current", "size", "recvWindow", "timestamp"]
      )
      expect(params.get("clientTranId")).toBe(clientTranId)
      expect(params.get("startTime")).toBe(String(T - 86_400_000))
      expect(params.get("endTime")).toBe(String(T))
      expect(params.get("recvWindow")).toBe("5000")
      expect(params.get("timestamp")).toBe(String(T))
      expect(seen.headers["x-mbx-apikey"]).toBe(apiKey)
      expect(seen.url.pathname).toBe("/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage")
    }))

  it.effect("uses the configured recvWindow", () =>
    Effect.gen(function*() {
      const { binance, journal } = service(() => json(200, []), { recvWindow: 60_000 })
      yield* Effect.flatMap(binance, (b) => b.umIncomePage({}))
      expect(new URLSearchParams(journal[0].rawQuery).get("recvWindow")).toBe("60000")
    }))

  const asymmetric = [
    ["ed25519", () => Crypto.generateKeyPairSync("ed25519"), null],
    ["rsa", () => Crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }), "sha256"]
  ] as const

  for (const [keyType, generate, digest] of asymmetric) {
    it.effect(`signs with ${keyType} keys: base64, percent-encoded, verifiable with the public key`, () =>
      Effect.gen(function*() {
        const { privateKey, publicKey } = generate()
        const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString()
        const { binance, journal } = service(() => json(200, []), { keyType, apiSecret: Redacted.make(pem) })
        yield* Effect.flatMap(binance, (b) => b.umIncomePage({ symbol: "BTCUSDT" }))
        const { payload, signature } = split(journal[0].rawQuery)
        // base64 padding and symbols are sent percent-encoded.
        expect(signature).toMatch(/%3D$/)
        expect(signature).not.toMatch(/[+/=]/)
        const raw = Buffer.from(decodeURIComponent(signature), "base64")
        expect(Crypto.verify(digest, Buffer.from(payload), publicKey, raw)).toBe(true)
      }))
  }
})
