/**
 * Cryptomus transaction list: sign = md5(base64(body bytes) + key) on the exact bytes,
 * `{state:1, ...}` errors, Laravel-style validation, date and type filters, cursors.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { Credentials, Datasets, Records, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)

const record = (n: number, created_at: string, type: Records.CryptomusRecord["type"]): Records.CryptomusRecord => ({
  uuid: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  type,
  status: "paid",
  created_at,
  amount: "10.00000001",
  amount_equivalent: "10.1679",
  currency_equivalent: "USD",
  currency: "USDT",
  network: null,
  txid: null,
  address: null,
  comment: null
})

const datasets: Datasets.Datasets = {
  name: "cryptomus test",
  tables: {
    ...Datasets.docs.tables,
    "cryptomus.transactions": Datasets.unsafeTable("cryptomus.transactions", [
      record(1, "2024-05-16T00:00:00.000000Z", "payment"),
      record(2, "2024-05-16T23:59:59.000000Z", "payout"),
      record(3, "2024-05-16T23:59:59.000000Z", "payment"),
      record(4, "2024-05-17T00:00:00.000000Z", "transfer"),
      record(5, "2024-05-15T21:30:00.000000Z", "payment")
    ])
  }
}

const post = (body: string, keys: { userId: string; apiKey: string } = Client.keys.cryptomus, cursor?: string) =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) => Client.cryptomusPost(baseUrl, body, keys, cursor))

const uuids = (reply: Client.Reply) =>
  (reply.body as { result: { items: Array<{ uuid: string }> } }).result.items.map((i) => Number(i.uuid.slice(-12)))

const paginate = (reply: Client.Reply) =>
  (reply.body as { result: { paginate: { count: number; hasPages: boolean; nextCursor: string | null; previousCursor: string | null; perPage: number } } })
    .result.paginate

describe("Cryptomus sign", () => {
  const testKey: Credentials.Credentials = {
    ...Credentials.defaults,
    cryptomus: { userId: "8b03432e-385b-4670-8d06-064591096795", apiKey: Redacted.make("TESTKEY") }
  }
  const keys = { userId: "8b03432e-385b-4670-8d06-064591096795", apiKey: "TESTKEY" }

  layer(Testkit.layer({ now, datasets, credentials: testKey }))("computed vectors (key TESTKEY)", (it) => {
    it.effect("the vectors of PROVIDERS.md are what the mock accepts", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const body = `{"date_from":"2023-05-16 00:00:00","date_to":"2023-05-16 23:59:59","type":"payment"}`
        expect(Client.cryptomusSign("", "TESTKEY")).toBe("01a1587d867da225e5102f979b6a73c1")
        expect(Client.cryptomusSign(body, "TESTKEY")).toBe("c1716203872d86f15d38e00c2ffce4ad")
        const url = `${baseUrl}/v2/user-api/transaction/list`
        const signed = (b: string, sign: string) =>
          Client.request(url, { method: "POST", headers: { userId: keys.userId, sign, "Content-Type": "application/json" }, body: b })
        expect((yield* signed(body, "c1716203872d86f15d38e00c2ffce4ad")).status).toBe(200)
        expect((yield* signed("", "01a1587d867da225e5102f979b6a73c1")).status).toBe(200)
        expect((yield* signed(body, "01a1587d867da225e5102f979b6a73c1")).status).toBe(401)
      }))

    it.effect("the sign covers the exact bytes: a \\/-escaped body verifies only against its own bytes", () =>
      Effect.gen(function*() {
        const escaped = `{"note":"https:\\/\\/a\\/b"}`
        const plain = `{"note":"https://a/b"}`
        expect(JSON.parse(escaped)).toEqual(JSON.parse(plain))
        expect((yield* post(escaped, keys)).status).toBe(200)
        const { baseUrl } = yield* Testkit.MockServer
        const mismatched = yield* Client.request(`${baseUrl}/v2/user-api/transaction/list`, {
          method: "POST",
          headers: { userId: keys.userId, sign: Client.cryptomusSign(plain, "TESTKEY") },
          body: escaped
        })
        expect(mismatched.status).toBe(401)
        expect(mismatched.body).toEqual({ state: 1, message: "Invalid Sign." })
      }))
  })

  layer(Testkit.layer({ now, datasets }))((it) => {
    it.effect("missing userId/merchant, unknown user, missing sign, wrong sign: 401 {state:1, message}; merchant accepted", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const url = `${baseUrl}/v2/user-api/transaction/list`
        const sign = Client.cryptomusSign("{}", Client.keys.cryptomus.apiKey)
        const send = (headers: Record<string, string>) => Client.request(url, { method: "POST", headers, body: "{}" })
        const expect401 = (reply: Client.Reply) => {
          expect(reply.status).toBe(401)
          expect(reply.body).toEqual({ state: 1, message: expect.any(String) })
        }
        expect401(yield* send({ sign }))
        expect401(yield* send({ userId: "someone", sign }))
        expect401(yield* send({ userId: Client.keys.cryptomus.userId }))
        expect401(yield* send({ userId: Client.keys.cryptomus.userId, sign: sign.replace(/^./, (c) => (c === "0" ? "1" : "0")) }))
        expect((yield* send({ merchant: Client.keys.cryptomus.userId, sign })).status).toBe(200)
        expect((yield* send({ userId: Client.keys.cryptomus.userId, sign: sign.toUpperCase() })).status).toBe(200)
      }))
  })
})

describe("Cryptomus validation and semantics", () => {
  layer(Testkit.layer({ now, datasets }))((it) => {
    it.effect("422 with Laravel's errors per field", () =>
      Effect.gen(function*() {
        const bad = yield* post(`{"date_from":"16.05.2024","type":"refund"}`)
        expect(bad.status).toBe(422)
        expect(bad.body).toEqual({
          state: 1,
          errors: { date_from: ["The date from does not match the format Y-m-d H:i:s."], type: ["The selected type is invalid."] }
        })
        const order = yield* post(`{"date_from":"2024-05-17 00:00:00","date_to":"2024-05-16 00:00:00"}`)
        expect(order.body).toEqual({ state: 1, errors: { date_to: ["The date to must be a date after or equal to date from."] } })
        const impossible = yield* post(`{"date_to":"2024-02-30 00:00:00"}`)
        expect(impossible.status).toBe(422)
        const notString = yield* post(`{"date_to":20240516}`)
        expect(notString.body).toEqual({ state: 1, errors: { date_to: ["The date to must be a string."] } })
        const notObject = yield* post(`[]`)
        expect(notObject.status).toBe(422)
        expect(notObject.body).toEqual({ state: 1, message: expect.any(String) })
        const cursor = yield* post(`{}`, Client.keys.cryptomus, "not a cursor")
        expect(cursor.status).toBe(422)
      }))

    it.effect("dates inclusive (H:mm:ss accepted), type filter, order oldest first", () =>
      Effect.gen(function*() {
        expect(uuids(yield* post(`{}`))).toEqual([5, 1, 2, 3, 4])
        expect(uuids(yield* post(`{"date_from":"2024-05-16 0:00:00","date_to":"2024-05-16 23:59:59"}`))).toEqual([1, 2, 3])
        expect(uuids(yield* post(`{"date_from":"2024-05-16 00:00:00","type":"payment"}`))).toEqual([1, 3])
        expect(uuids(yield* post(`{"date_to":"2024-05-16 00:00:00"}`))).toEqual([5, 1])
      }))
  })

  layer(Testkit.layer({
    now,
    datasets,
    settings: { cryptomus: { utcOffsetMinutes: 180, perPage: 2 }, endBound: { "cryptomus.transactions": "exclusive" } }
  }))("switched: UTC+03:00, 2 per page, exclusive date_to", (it) => {
    it.effect("dates are read at +03:00; date_to excludes its instant", () =>
      Effect.gen(function*() {
        // 2024-05-16 00:30:00+03:00 is 2024-05-15T21:30:00Z; 03:00:00+03:00 is 00:00:00Z.
        const reply = yield* post(`{"date_from":"2024-05-16 00:30:00","date_to":"2024-05-17 02:59:59"}`)
        expect(uuids(reply)).toEqual([5, 1])
        expect(uuids(yield* post(`{"date_from":"2024-05-17 02:59:59","date_to":"2024-05-17 03:00:00"}`, Client.keys.cryptomus,
          paginate(reply).nextCursor ?? undefined))).toEqual([2, 3])
      }))

    it.effect("cursors: forward to the end, then back to the start (Laravel's paginate rules)", () =>
      Effect.gen(function*() {
        const first = yield* post(`{}`)
        expect(uuids(first)).toEqual([5, 1])
        expect(paginate(first)).toMatchObject({ count: 2, hasPages: true, previousCursor: null, perPage: 2 })
        const second = yield* post(`{}`, Client.keys.cryptomus, paginate(first).nextCursor!)
        expect(uuids(second)).toEqual([2, 3])
        expect(paginate(second).previousCursor).not.toBeNull()
        const third = yield* post(`{}`, Client.keys.cryptomus, paginate(second).nextCursor!)
        expect(uuids(third)).toEqual([4])
        expect(paginate(third)).toMatchObject({ count: 1, hasPages: true, nextCursor: null })
        const back = yield* post(`{}`, Client.keys.cryptomus, paginate(third).previousCursor!)
        expect(uuids(back)).toEqual([2, 3])
        const start = yield* post(`{}`, Client.keys.cryptomus, paginate(back).previousCursor!)
        expect(uuids(start)).toEqual([5, 1])
        expect(paginate(start)).toMatchObject({ previousCursor: null, hasPages: true })
        expect(paginate(start).nextCursor).not.toBeNull()
      }))
  })
})
