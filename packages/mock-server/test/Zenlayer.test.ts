/**
 * Zenlayer DescribeRechargeRefundHistory: ZC2-HMAC-SHA256 (with the published vector),
 * `{requestId, code, message}` errors, parameter rules, totalCount and the state filter.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { Credentials, Datasets, Records, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)
const seconds = now / 1000

const record = (transactionId: string, transactionTime: string, state: Records.RechargeState, amount = "1.00000001"): Records.ZenlayerRecord => ({
  transactionType: state === "PAY_SUCCESS" ? "RECHARGE" : "REFUND",
  amount,
  paymentMethod: "BANK_TRANSFER",
  state,
  transactionTime,
  accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
  transactionId
})

const datasets: Datasets.Datasets = {
  name: "zenlayer test",
  tables: {
    ...Datasets.docs.tables,
    "zenlayer.recharge-refund": Datasets.unsafeTable("zenlayer.recharge-refund", [
      record("101", "2024-05-01T00:00:00Z", "PAY_SUCCESS", "12345.12345678"),
      record("102", "2024-05-01T00:00:00Z", "PAYING"),
      record("103", "2024-05-02T00:00:00Z", "PAY_FAILED"),
      record("104", "2024-05-03T00:00:00Z", "PAY_SUCCESS", "0.00000001")
    ])
  }
}

const post = (body: unknown, keys: Client.ZenlayerKeys = Client.keys.zenlayer, timestamp = seconds) =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) => Client.zenlayerPost(baseUrl, body, keys, timestamp))

const expectError = (reply: Client.Reply, status: number, code: string) => {
  expect(reply.status).toBe(status)
  expect(reply.body).toEqual({ requestId: expect.stringMatching(/^T[0-9A-F-]{36}$/), code, message: expect.any(String) })
}

describe("Zenlayer ZC2-HMAC-SHA256", () => {
  // The published vector (PROVIDERS.md; reproduces the doc's signature).
  const vector = {
    host: "console.zenlayer.com",
    contentType: "application/json; charset=utf-8",
    body: `{"pageSize":10,"pageNum":1,"zoneId":"HKG-A"}`,
    timestamp: 1673361177,
    password: "Gu5t9xGARNpq86cd98joQYCN3",
    signature: "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f"
  }
  const vectorCredentials: Credentials.Credentials = {
    ...Credentials.defaults,
    zenlayer: { accessKeyId: "vector-key-id", accessKeyPassword: Redacted.make(vector.password) }
  }

  layer(Testkit.layer({ now: vector.timestamp * 1000, credentials: vectorCredentials }))("published vector", (it) => {
    it.effect("the test client reproduces the vector, and the mock accepts it on the wire (Host header included)", () =>
      Effect.gen(function*() {
        expect(Client.zenlayerSignature(vector)).toBe(vector.signature)
        const { baseUrl } = yield* Testkit.MockServer
        const headers = {
          Host: vector.host,
          "Content-Type": vector.contentType,
          "X-ZC-Action": "DescribeRechargeRefundHistory",
          "X-ZC-Version": "2024-08-09",
          "X-ZC-Timestamp": String(vector.timestamp),
          "X-ZC-Signature-Method": "ZC2-HMAC-SHA256",
          Authorization: `ZC2-HMAC-SHA256 Credential=vector-key-id, SignedHeaders=content-type;host, Signature=${vector.signature}`
        }
        const reply = yield* Client.rawRequest(`${baseUrl}/api/v2/zbc`, { method: "POST", headers, body: vector.body })
        expect(reply.status).toBe(200)
        expect(reply.body).toMatchObject({ response: { totalCount: 1 } })
        // The same request against another Host is another signature.
        const elsewhere = yield* Client.rawRequest(`${baseUrl}/api/v2/zbc`, { method: "POST", headers: { ...headers, Host: "api.example.com" }, body: vector.body })
        expectError(elsewhere, 401, "SIGNATURE_FAILURE")
      }))
  })

  layer(Testkit.layer({ now, datasets }))((it) => {
    it.effect("missing Authorization, unknown AccessKeyId, wrong password, stale timestamp", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const body = `{}`
        const headers = Client.zenlayerHeaders(baseUrl, body, Client.keys.zenlayer, seconds)
        const send = (h: Record<string, string>, b = body) =>
          Client.request(`${baseUrl}/api/v2/zbc`, { method: "POST", headers: h, body: b })
        expect((yield* send(headers)).status).toBe(200)
        const { Authorization: _, ...noAuthorization } = headers
        expectError(yield* send(noAuthorization), 401, "AUTHORIZATION_MISSING")
        expectError(yield* post({}, { ...Client.keys.zenlayer, keyId: "someone-else" }), 401, "ACCESS_KEY_NOT_FOUND")
        expectError(yield* post({}, { ...Client.keys.zenlayer, password: "wrong" }), 401, "SIGNATURE_FAILURE")
        expectError(yield* post({}, Client.keys.zenlayer, seconds - 301), 401, "SIGNATURE_EXPIRED")
        expect((yield* post({}, Client.keys.zenlayer, seconds - 300)).status).toBe(200)
        expectError(yield* post({}, Client.keys.zenlayer, seconds + 301), 401, "SIGNATURE_EXPIRED")
        expectError(yield* send(headers, `{"pageNum":2}`), 401, "SIGNATURE_FAILURE")
        const { "X-ZC-Timestamp": __, ...noTimestamp } = headers
        expectError(yield* send(noTimestamp), 400, "MISSING_PARAMETER")
        expectError(yield* send({ ...headers, "X-ZC-Signature-Method": "HMAC-SHA1" }), 401, "AUTHORIZATION_INVALID")
        expectError(yield* send({ ...headers, Authorization: headers.Authorization.replace("content-type;host", "host") }), 401, "AUTHORIZATION_INVALID")
        expectError(yield* send({ ...headers, Authorization: "Bearer token" }), 401, "AUTHORIZATION_INVALID")
      }))

    it.effect("headers and body: action, version, content type, JSON object", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const send = (h: Record<string, string>, b: string) => Client.request(`${baseUrl}/api/v2/zbc`, { method: "POST", headers: h, body: b })
        const headers = Client.zenlayerHeaders(baseUrl, "{}", Client.keys.zenlayer, seconds)
        expectError(yield* send({ ...headers, "X-ZC-Action": "DescribeInstances" }, "{}"), 400, "INVALID_ACTION")
        const { "X-ZC-Version": _, ...noVersion } = headers
        expectError(yield* send(noVersion, "{}"), 400, "MISSING_PARAMETER")
        const notJson = "pageNum=1"
        expectError(yield* send(Client.zenlayerHeaders(baseUrl, notJson, Client.keys.zenlayer, seconds), notJson), 400, "INVALID_PARAMETER")
        const array = "[1]"
        expectError(yield* send(Client.zenlayerHeaders(baseUrl, array, Client.keys.zenlayer, seconds), array), 400, "INVALID_PARAMETER")
        const textPlain = { ...Client.zenlayerHeaders(baseUrl, "{}", Client.keys.zenlayer, seconds), "Content-Type": "text/plain" }
        const signature = Client.zenlayerSignature({ contentType: "text/plain", host: new URL(baseUrl).host, body: "{}", timestamp: seconds, password: Client.keys.zenlayer.password })
        textPlain.Authorization = `ZC2-HMAC-SHA256 Credential=${Client.keys.zenlayer.keyId}, SignedHeaders=content-type;host, Signature=${signature}`
        expectError(yield* send(textPlain, "{}"), 415, "INVALID_CONTENT_TYPE")
      }))

    it.effect("parameters: pageSize 1..5000, pageNum >= 1, integers, state enum array, ISO times, start not after end", () =>
      Effect.gen(function*() {
        expectError(yield* post({ pageSize: 5001 }), 400, "INVALID_PARAMETER")
        expect((yield* post({ pageSize: 5000 })).status).toBe(200)
        expectError(yield* post({ pageSize: 0 }), 400, "INVALID_PARAMETER")
        expectError(yield* post({ pageNum: 0 }), 400, "INVALID_PARAMETER")
        expectError(yield* post({ pageNum: "1" }), 400, "INVALID_PARAMETER")
        expectError(yield* post({ pageSize: 2.5 }), 400, "INVALID_PARAMETER")
        expectError(yield* post({ state: ["PAID"] }), 400, "INVALID_PARAMETER")
        expectError(yield* post({ state: "PAY_SUCCESS" }), 400, "INVALID_PARAMETER")
        expectError(yield* post({ startTime: "2024-05-01 00:00:00" }), 400, "INVALID_PARAMETER")
        expectError(yield* post({ endTime: "2024-02-30T00:00:00Z" }), 400, "INVALID_PARAMETER")
        expectError(yield* post({ startTime: "2024-05-02T00:00:00Z", endTime: "2024-05-01T00:00:00Z" }), 400, "INVALID_PARAMETER")
      }))

    it.effect("totalCount counts the filter, state filters, pages, exact amounts", () =>
      Effect.gen(function*() {
        const all = yield* post({})
        expect(all.body).toMatchObject({ response: { totalCount: 4 } })
        // Newest first by default; same-second rows by transactionId.
        const ids = (all.body as { response: { dataSet: Array<{ transactionId: string }> } }).response.dataSet.map((r) => r.transactionId)
        expect(ids).toEqual(["104", "103", "102", "101"])
        expect(all.text).toContain(`"amount":12345.12345678,`)
        expect(all.text).toContain(`"amount":0.00000001,`)
        const success = yield* post({ state: ["PAY_SUCCESS"], pageSize: 1, pageNum: 2 })
        expect(success.body).toMatchObject({ response: { totalCount: 2, dataSet: [{ transactionId: "101" }] } })
        const two = yield* post({ state: ["PAYING", "PAY_FAILED"] })
        expect(two.body).toMatchObject({ response: { totalCount: 2 } })
        const window = yield* post({ startTime: "2024-05-01T00:00:00Z", endTime: "2024-05-02T00:00:00Z" })
        expect(window.body).toMatchObject({ response: { totalCount: 3 } })
        const beyond = yield* post({ pageNum: 9 })
        expect(beyond.body).toMatchObject({ response: { totalCount: 4, dataSet: [] } })
      }))
  })

  layer(Testkit.layer({ now, datasets, settings: { endBound: { "zenlayer.recharge-refund": "exclusive" }, order: { "zenlayer.recharge-refund": "asc" } } }))(
    "switched: exclusive end, oldest first",
    (it) => {
      it.effect("the end bound and order follow the switches", () =>
        Effect.gen(function*() {
          const window = yield* post({ startTime: "2024-05-01T00:00:00Z", endTime: "2024-05-02T00:00:00Z" })
          const ids = (window.body as { response: { totalCount: number; dataSet: Array<{ transactionId: string }> } }).response
          expect(ids.totalCount).toBe(2)
          expect(ids.dataSet.map((r) => r.transactionId)).toEqual(["101", "102"])
        }))
    }
  )
})
