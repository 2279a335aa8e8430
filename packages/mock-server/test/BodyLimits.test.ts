/**
 * Request bodies under abuse: each endpoint refuses a body over its cap with 413 in its
 * provider's shape, before the body is read whole (a 50 MB announcement is answered after
 * a few bytes), a chunked body too; the journal keeps bodies up to its size, then cut short
 * and marked; and configured credentials are redacted wherever they are sent.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as Http from "node:http"
import { Journal, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)

interface Sent {
  readonly status: number
  readonly body: unknown
  readonly headers: Http.IncomingHttpHeaders
  /** Body bytes written before the answer came. */
  readonly written: number
}

/**
 * Sends `total` bytes of body (announced with Content-Length, or chunked), 64 KiB at a
 * time, and stops writing as soon as the answer arrives.
 */
const send = (url: string, method: string, total: number, options: { readonly chunked?: boolean } = {}) =>
  Effect.async<Sent>((resume) => {
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (options.chunked !== true) headers["content-length"] = String(total)
    const request = Http.request(url, { method, headers })
    let written = 0
    let answered = false
    request.on("response", (response) => {
      answered = true
      const chunks: Array<Buffer> = []
      response.on("data", (c: Buffer) => chunks.push(c))
      response.on("end", () => {
        request.destroy()
        const text = Buffer.concat(chunks).toString("utf8")
        resume(Effect.succeed({ status: response.statusCode ?? 0, body: JSON.parse(text), headers: response.headers, written }))
      })
    })
    request.on("error", (e) => {
      if (!answered) resume(Effect.die(new Error(`no answer after ${written} bytes: ${e.message}`)))
    })
    const piece = Buffer.alloc(64 * 1024, 0x20)
    const pump = () => {
      while (!answered && written < total) {
        const n = Math.min(piece.length, total - written)
        written += n
        if (!request.write(piece.subarray(0, n))) return void request.once("drain", pump)
      }
      if (!answered) request.end()
    }
    pump()
  })

/**
 * Sends exactly `body` with an explicit method (fetch refuses a GET with a body; Node's
 * client announces no length for one unless told).
 */
const exact = (url: string, method: string, body: string, headers: Record<string, string> = {}) =>
  Client.rawRequest(url, {
    method,
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers },
    body
  })

// Method, path, cap, and the answer's shape (matched as a subset).
const endpoints: ReadonlyArray<readonly [string, string, number, object]> = [
  ["GET", "/api/v3/time", 8192, { code: -1000, msg: expect.stringContaining("8192 bytes") }],
  ["GET", "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage", 8192, { code: -1000 }],
  ["GET", "/papi/v1/um/income", 8192, { code: -1000 }],
  ["POST", "/api/v2/zbc", 65536, { code: "REQUEST_BODY_TOO_LARGE", requestId: expect.stringMatching(/^T/) }],
  ["GET", "/contract/private/transaction-history", 8192, { code: 40007, data: {}, trace: expect.any(String) }],
  ["POST", "/v2/user-api/transaction/list", 1048576, { state: 1, message: "The POST data is too large." }]
]

describe("request bodies", () => {
  layer(Testkit.layer({ now }))((it) => {
    it.effect("over the endpoint's cap: 413 in the provider's shape; at the cap: not refused", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        for (const [method, path, cap, shape] of endpoints) {
          const over = yield* exact(`${baseUrl}${path}`, method, " ".repeat(cap + 1))
          expect(over.status, path).toBe(413)
          expect(over.body, path).toMatchObject(shape)
          const at = yield* exact(`${baseUrl}${path}`, method, " ".repeat(cap))
          expect(at.status, path).not.toBe(413)
        }
      }))

    it.effect("a 50 MB announcement is refused before the body is read; a long chunked body too", () =>
      Effect.gen(function*() {
        const { admin, baseUrl } = yield* Testkit.MockServer
        yield* admin.clearJournal
        const announced = yield* send(`${baseUrl}/v2/user-api/transaction/list`, "POST", 50_000_000)
        expect(announced.status).toBe(413)
        // Answered while the client was still sending (what it wrote is in socket buffers).
        expect(announced.written).toBeLessThan(16 * 1024 * 1024)
        const chunked = yield* send(`${baseUrl}/api/v2/zbc`, "POST", 50_000_000, { chunked: true })
        expect(chunked.status).toBe(413)
        expect(chunked.written).toBeLessThan(16 * 1024 * 1024)
        const entries = yield* admin.journal()
        expect(entries.map((e) => [e.status, e.bodyTruncated, e.body])).toEqual([[413, true, null], [413, true, null]])
        expect(entries[0].bodyBytes).toBe(50_000_000)
        expect(entries[1].bodyBytes).toBeGreaterThan(65_536)
        expect(entries[0].validation).toMatchObject({ _tag: "Failed", code: "413" })
      }))
  })

  it.effect("the journal keeps a body up to its size, then its head, marked; secrets redacted wherever sent", () =>
    Effect.gen(function*() {
      const { admin, baseUrl, credentials } = yield* Testkit.MockServer
      const secret = "mock-binance-api-secret"
      const key = "mock-cryptomus-api-key"
      expect(Journal.secretsOf(credentials)).toEqual(expect.arrayContaining([secret, key, "mock-zenlayer-key-password"]))
      // Small: kept whole, as JSON, a secret-named field and a configured value redacted.
      yield* exact(`${baseUrl}/v2/user-api/transaction/list?note=${secret}`, "POST", JSON.stringify({ type: "payment", comment: `key ${key}` }), {
        "x-debug": `using ${secret}`,
        "x-forwarded-for": key
      })
      // Long: its first 1024 bytes, as text.
      const long = `{"sign":"${"a".repeat(40)}","comment":"${secret}","pad":"${"x".repeat(4000)}"}`
      yield* exact(`${baseUrl}/v2/user-api/transaction/list`, "POST", long)
      yield* exact(`${baseUrl}/${secret}/nowhere`, "POST", "{}")
      const [small, cut, path] = yield* admin.journal()
      expect(small).toMatchObject({ bodyTruncated: false, body: { type: "payment", comment: `key ${Journal.redacted}` } })
      expect(small.headers["x-debug"]).toBe(`using ${Journal.redacted}`)
      expect(small.headers["x-forwarded-for"]).toBe(Journal.redacted)
      expect(small.query).toEqual([["note", Journal.redacted]])
      expect(cut).toMatchObject({ bodyTruncated: true, bodyBytes: long.length })
      expect(String(cut.body)).toHaveLength(1024 - 40 - secret.length + 2 * Journal.redacted.length)
      expect(String(cut.body).startsWith(`{"sign":"${Journal.redacted}","comment":"${Journal.redacted}","pad":"xxx`)).toBe(true)
      expect(path.path).toBe(`/${Journal.redacted}/nowhere`)
      const raw = yield* Effect.promise(() => fetch(`${baseUrl}/__admin/journal`).then((r) => r.text()))
      for (const value of Journal.secretsOf(credentials)) expect(raw.includes(value), value).toBe(false)
    }).pipe(Effect.provide(Testkit.layer({ now, journalBodyBytes: 1024 }))))
})
