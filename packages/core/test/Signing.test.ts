import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Redacted } from "effect"
import * as Signing from "../src/Signing.js"
import { runs } from "./support.js"

describe("Binance: hex HMAC-SHA256 of the query string", () => {
  it("matches the published vector", () => {
    const secret = Redacted.make("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")
    const payload =
      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
    expect(Signing.hmacSha256Hex(secret, payload)).toBe(
      "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
    )
  })
})

describe("Zenlayer: ZC2-HMAC-SHA256", () => {
  // The canonical request and string to sign, exactly as PROVIDERS.md gives them.
  const sign = (options: { host: string; contentType: string; body: string; timestamp: number; password: string }) => {
    const canonicalRequest = `POST\n/\n\ncontent-type:${options.contentType}\nhost:${options.host}\n\ncontent-type;host\n` +
      Signing.sha256Hex(options.body)
    const stringToSign = `ZC2-HMAC-SHA256\n${options.timestamp}\n${Signing.sha256Hex(canonicalRequest)}`
    return Signing.hmacSha256Hex(Redacted.make(options.password), stringToSign)
  }
  const vector = {
    host: "console.zenlayer.com",
    body: `{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}`,
    timestamp: 1673361177,
    password: "Gu5t9xGARNpq86cd98joQYCN3"
  }

  it("reproduces the documentation's signature", () => {
    expect(sign({ ...vector, contentType: "application/json; charset=utf-8" })).toBe(
      "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f"
    )
  })

  it("signs the content type exactly as sent", () => {
    const signature = sign({ ...vector, contentType: "application/json" })
    expect(signature.slice(0, 8)).toBe("9fdd5117")
    expect(signature.slice(-4)).toBe("c119")
  })
})

describe("Cryptomus: md5(base64(body) + API key)", () => {
  const sign = (body: string) => Signing.md5Hex(Signing.base64(body) + "TESTKEY")

  it("signs an empty body as base64 of ''", () => {
    expect(sign("")).toBe("01a1587d867da225e5102f979b6a73c1")
  })

  it("signs the transaction-list body", () => {
    expect(sign(`{"date_from":"2023-05-16 00:00:00","date_to":"2023-05-16 23:59:59","type":"payment"}`)).toBe(
      "c1716203872d86f15d38e00c2ffce4ad"
    )
  })

  it("signs the exact bytes sent: slashes escaped (PHP SDK) or not (Python) differ", () => {
    expect(sign(`{"url":"https://a/b"}`).startsWith("dfc70e64")).toBe(true)
    expect(sign(`{"url":"https:\\/\\/a\\/b"}`).startsWith("6452ffba")).toBe(true)
  })
})

describe("primitives", () => {
  it("match the reference vectors", () => {
    // RFC 4231, test case 2.
    expect(Signing.hmacSha256Hex("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )
    expect(Signing.sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    expect(Signing.md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e")
    expect(Signing.base64("")).toBe("")
    expect(Signing.base64("ledgerkit ✓")).toBe("bGVkZ2Vya2l0IOKckw==")
    expect(Signing.base64(new Uint8Array([0, 255, 128]))).toBe("AP+A")
  })

  it.prop("strings are hashed as their UTF-8 bytes", [fc.string({ unit: "binary" })], ([text]) => {
    const bytes = new TextEncoder().encode(text)
    expect(Signing.sha256Hex(text)).toBe(Signing.sha256Hex(bytes))
    expect(Signing.md5Hex(text)).toBe(Signing.md5Hex(bytes))
    expect(Signing.base64(text)).toBe(Signing.base64(bytes))
    expect(Signing.hmacSha256Hex(Redacted.make("k"), text)).toBe(Signing.hmacSha256Hex("k", bytes))
  }, runs())
})

describe("constantTimeEqual", () => {
  it("is true only for the same string", () => {
    const signature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
    expect(Signing.constantTimeEqual(signature, signature)).toBe(true)
    expect(Signing.constantTimeEqual(signature, signature.replace(/1$/, "2"))).toBe(false)
    expect(Signing.constantTimeEqual(signature, signature.slice(1))).toBe(false)
    expect(Signing.constantTimeEqual(signature, signature.toUpperCase())).toBe(false)
    expect(Signing.constantTimeEqual("", "")).toBe(true)
  })

  it.prop("agrees with ===", [fc.string(), fc.string()], ([a, b]) => {
    expect(Signing.constantTimeEqual(a, b)).toBe(a === b)
    expect(Signing.constantTimeEqual(a, a)).toBe(true)
  }, runs())
})
