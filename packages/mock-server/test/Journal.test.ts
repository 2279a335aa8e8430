/**
 * The request journal: what each request sent and what the mock decided, and never a
 * secret or a signature in clear (searched for in the serialized journal, for generated
 * credentials, over every provider's scheme, passing and failing).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, Redacted } from "effect"
import { type Credentials, Journal, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)
const DAY = 86_400_000
const cloudMining = "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage"
const umIncome = "/papi/v1/um/income"

interface Plain {
  readonly binanceKey: string
  readonly binanceSecret: string
  readonly zenlayerId: string
  readonly zenlayerPassword: string
  readonly wooxproKey: string
  readonly cryptomusUser: string
  readonly cryptomusKey: string
}

const toCredentials = (p: Plain): Credentials.Credentials => ({
  binance: { apiKey: p.binanceKey, apiSecret: Redacted.make(p.binanceSecret) },
  zenlayer: { accessKeyId: p.zenlayerId, accessKeyPassword: Redacted.make(p.zenlayerPassword) },
  wooxpro: { apiKey: Redacted.make(p.wooxproKey) },
  cryptomus: { userId: p.cryptomusUser, apiKey: Redacted.make(p.cryptomusKey) }
})

const token = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/)
const credentialSets = fc.sample(
  fc.record({
    binanceKey: token,
    binanceSecret: token,
    zenlayerId: token,
    zenlayerPassword: token,
    wooxproKey: token,
    cryptomusUser: token,
    cryptomusKey: token
  }),
  { seed: 20240601, numRuns: 4 }
)

/** Sends each provider's request, signed, plus failing variants; returns every secret and signature sent. */
const exercise = (baseUrl: string, p: Plain) =>
  Effect.gen(function*() {
    const sent: Array<string> = []
    const binance = { apiKey: p.binanceKey, secret: p.binanceSecret }
    const params = { startTime: now - DAY, endTime: now }
    for (const path of [cloudMining, umIncome]) {
      const query = Client.binanceQuery({ ...params, timestamp: now }, p.binanceSecret)
      sent.push(query.slice(query.indexOf("signature=") + "signature=".length))
      expect((yield* Client.binanceGet(baseUrl, path, params, binance, now)).status).toBe(200)
    }
    // A wrong signature is a secret-derived value too.
    const forged = Client.hmacHex("not-the-secret", "timestamp=1")
    sent.push(forged)
    expect((yield* Client.request(`${baseUrl}${umIncome}?timestamp=${now}&signature=${forged}`, {
      headers: { "X-MBX-APIKEY": p.binanceKey }
    })).status).toBe(400)
    // Zenlayer: the signature inside Authorization.
    const body = JSON.stringify({ pageNum: 1, pageSize: 10 })
    const headers = Client.zenlayerHeaders(baseUrl, body, { keyId: p.zenlayerId, password: p.zenlayerPassword }, now / 1000)
    sent.push(headers.Authorization.slice(headers.Authorization.lastIndexOf("=") + 1), headers.Authorization)
    expect((yield* Client.request(`${baseUrl}/api/v2/zbc`, { method: "POST", headers, body })).status).toBe(200)
    // WOO X Pro: the key is the secret, in either header.
    expect((yield* Client.wooxproGet(baseUrl, {}, p.wooxproKey)).status).toBe(200)
    expect((yield* Client.request(`${baseUrl}/contract/private/transaction-history`, {
      headers: { "X-BM-KEY": p.wooxproKey, "X-BM-SIGN": forged }
    })).status).toBe(200)
    // Cryptomus: userId or merchant, and sign.
    const cryptomusBody = JSON.stringify({ type: "payment" })
    sent.push(Client.cryptomusSign(cryptomusBody, p.cryptomusKey))
    expect((yield* Client.cryptomusPost(baseUrl, cryptomusBody, { userId: p.cryptomusUser, apiKey: p.cryptomusKey })).status).toBe(200)
    expect((yield* Client.request(`${baseUrl}/v2/user-api/transaction/list`, {
      method: "POST",
      headers: { merchant: p.cryptomusUser, sign: Client.cryptomusSign(cryptomusBody, p.cryptomusKey), "Content-Type": "application/json" },
      body: cryptomusBody
    })).status).toBe(200)
    // Secrets sent to a path the mock does not serve, in headers, query and body.
    expect((yield* Client.request(`${baseUrl}/sapi/v9/nowhere?apiKey=${p.binanceKey}&signature=${forged}`, {
      method: "POST",
      headers: { "X-MBX-APIKEY": p.binanceKey, Authorization: `Bearer ${p.zenlayerPassword}`, "Content-Type": "application/json" },
      body: JSON.stringify({ secret: p.binanceSecret, nested: { apiKey: p.cryptomusKey } })
    })).status).toBe(404)
    return [...Object.values(p), ...sent]
  })

describe("journal", () => {
  it.effect("never holds a secret or a signature in clear (generated credentials, every scheme, pass and fail)", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      for (const plain of credentialSets) {
        yield* mock.state.setCredentials(toCredentials(plain))
        yield* mock.admin.clearJournal
        const secrets = yield* exercise(mock.baseUrl, plain)
        // The journal as a downstream test reads it: the admin API's raw JSON.
        const raw = yield* Effect.promise(() => fetch(`${mock.baseUrl}/__admin/journal`).then((r) => r.text()))
        const entries = (yield* mock.admin.journal()).length
        expect(entries).toBe(9)
        for (const secret of secrets) expect(raw.includes(secret), `journal holds ${secret}`).toBe(false)
        expect(raw).toContain(Journal.redacted)
      }
    }).pipe(Effect.provide(Testkit.layer({ now }))))

  it.effect("records time, method, path, parameters, headers, verdicts, status, in order", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      const params = { startTime: now - DAY, endTime: now, size: 5 }
      yield* Client.binanceGet(baseUrl, cloudMining, params, Client.keys.binance, now)
      yield* Client.binanceGet(baseUrl, cloudMining, { ...params, size: 500 }, Client.keys.binance, now)
      yield* Client.binanceGet(baseUrl, cloudMining, params, { ...Client.keys.binance, secret: "wrong" }, now)
      yield* Client.cryptomusPost(baseUrl, "{\"type\":\"payment\"}", Client.keys.cryptomus)
      const entries = yield* admin.journal()
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4])
      const [ok, invalid, forged, cryptomus] = entries
      expect(ok).toMatchObject({
        time: now,
        timeIso: "2024-06-01T12:00:00.000Z",
        method: "GET",
        path: cloudMining,
        endpoint: "binance.cloud-mining",
        query: [
          ["startTime", String(now - DAY)],
          ["endTime", String(now)],
          ["size", "5"],
          ["timestamp", String(now)],
          ["signature", Journal.redacted]
        ],
        body: null,
        bodyBytes: 0,
        auth: { _tag: "Passed", principal: Journal.redacted },
        validation: { _tag: "Passed" },
        status: 200,
        transport: "Normal",
        fault: null,
        limit: null
      })
      expect(ok.headers["x-mbx-apikey"]).toBe(Journal.redacted)
      expect(ok.headers.host).toMatch(/^127\.0\.0\.1:\d+$/)
      expect(invalid).toMatchObject({ auth: { _tag: "Passed" }, validation: { _tag: "Failed", code: "-1102" }, status: 400 })
      expect(forged).toMatchObject({ auth: { _tag: "Failed", code: "-1022" }, validation: { _tag: "NotReached" }, status: 400 })
      expect(cryptomus).toMatchObject({
        method: "POST",
        endpoint: "cryptomus.transactions",
        body: { type: "payment" },
        headers: { userid: Journal.redacted, sign: Journal.redacted, "content-type": "application/json" },
        status: 200
      })
      // Filters: by endpoint, after a sequence number, the last N; and clearing.
      expect((yield* admin.journal({ endpoint: "cryptomus.transactions" })).map((e) => e.seq)).toEqual([4])
      expect((yield* admin.journal({ since: 2 })).map((e) => e.seq)).toEqual([3, 4])
      expect((yield* admin.journal({ limit: 1 })).map((e) => e.seq)).toEqual([4])
      expect((yield* admin.journal({ path: cloudMining })).length).toBe(3)
      yield* admin.clearJournal
      expect(yield* admin.journal()).toEqual([])
      yield* Client.request(`${baseUrl}/api/v3/time`)
      expect((yield* admin.journal()).map((e) => [e.seq, e.auth._tag])).toEqual([[5, "NotRequired"]])
    }).pipe(Effect.provide(Testkit.layer({ now }))))

  it("redaction rules", () => {
    expect(Journal.redactHeader("Authorization", "ZC2-HMAC-SHA256 Credential=a, SignedHeaders=content-type;host, Signature=ff"))
      .toBe(`ZC2-HMAC-SHA256 ${Journal.redacted}`)
    expect(Journal.redactHeader("authorization", "opaque")).toBe(Journal.redacted)
    expect(Journal.redactHeader("X-ZC-Signature-Method", "ZC2-HMAC-SHA256")).toBe("ZC2-HMAC-SHA256")
    expect(Journal.redactHeader("X-Custom-Token", "t")).toBe(Journal.redacted)
    expect(Journal.redactHeader("X-ZC-Timestamp", "1673361177")).toBe("1673361177")
    expect(Journal.redactField("signature", "ab")).toBe(Journal.redacted)
    expect(Journal.redactField("recvWindow", "5000")).toBe("5000")
  })

  it.effect("keeps only the latest entries beyond its capacity", () =>
    Effect.gen(function*() {
      const { admin, baseUrl } = yield* Testkit.MockServer
      for (let i = 0; i < 5; i++) yield* Client.request(`${baseUrl}/api/v3/time`)
      expect((yield* admin.journal()).map((e) => e.seq)).toEqual([3, 4, 5])
    }).pipe(Effect.provide(Testkit.layer({ now, journalCapacity: 3 }))))
})
