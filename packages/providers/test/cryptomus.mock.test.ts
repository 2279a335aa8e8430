/**
 * Cryptomus against the mock server's testkit: the documented example, exactly-once
 * cursor walks over generated datasets (both end rules, both orders, page sizes and UTC
 * offsets), the signature over exact bytes (a body with `/`, plain and PHP-escaped),
 * wrong credentials, secrets, and local validation.
 */
import { describe, expect, it } from "@effect/vitest"
import { Amount, Time } from "@ledgerkit/core"
import { Arbitraries, Credentials, Testkit } from "@ledgerkit/mock-server"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Chunk, DateTime, Effect, FastCheck as fc, Option, Redacted, Stream, TestClock } from "effect"
import * as Cryptomus from "../src/Cryptomus.js"
import * as CryptomusErrors from "../src/cryptomus/ErrorMapping.js"
import * as CryptomusRequest from "../src/cryptomus/Request.js"
import * as Signing from "../src/cryptomus/Signing.js"
import * as Http from "../src/internal/http.js"
import { leftOf, propOptions } from "./httpStub.js"
import { capturingLogs, expectNoSecrets, recordingFetch } from "./mockSupport.js"

const credentials = Credentials.defaults.cryptomus
const clientFor = (baseUrl: string, overrides: Partial<Cryptomus.Options> = {}) =>
  Cryptomus.make({ userId: credentials.userId, apiKey: credentials.apiKey, apiUrl: baseUrl, ...overrides })

const anchor = Date.UTC(2024, 5, 1)
const span = 3_600_000

describe("Cryptomus against the mock", () => {
  it.effect("the documented request returns the documented page, decoded exactly, and the walk ends", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const cryptomus = yield* Effect.provide(clientFor(mock.baseUrl), http.layer)
      const query = {
        dateFrom: DateTime.unsafeMake("2023-05-16T00:00:00Z"),
        dateTo: DateTime.unsafeMake("2023-05-16T23:59:59Z"),
        type: "payment" as const
      }
      const page = yield* cryptomus.transactionPage(query)
      expect(page.paginate).toMatchObject({ count: 3, hasPages: true, previousCursor: null, perPage: 15 })
      expect(page.paginate.nextCursor).toMatch(/^eyJpdiI6/)
      expect(page.items.map((t) => [t.uuid, t.type, t.status, Time.formatIso(t.created_at), Amount.format(t.amount)])).toEqual([
        ["3a3efbe5-4835-48f3-95c0-7b63e2c8a0b6", "transfer", "paid", "2022-07-22T15:11:46Z", "10.00"],
        ["d4953ea1-6f55-46f1-b1c9-f72c04badc45", "payout", "paid", "2022-09-01T14:46:44Z", "10.00"],
        ["690f745a-6b0c-42e1-a6ee-0de34485cab7", "payment", "fail", "2022-09-02T08:32:03Z", "2.00"]
      ])
      // The documented items were created in 2022, outside the documented request's range:
      // a walk keeps exactly its range, so it delivers none of them (and asks no cursor,
      // since no second of the range holds a page).
      const all = yield* Stream.runCollect(cryptomus.transactions(query))
      expect(Chunk.toReadonlyArray(all).map((t) => t.uuid)).toEqual([])
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect.prop(
    "delivers every transaction of [from, to) exactly once, for any page size, end rule, order and UTC offset",
    [
      fc.integer({ min: 0, max: 150 }).chain((rows) => Arbitraries.cryptomusRecords({ rows, anchor, spanMillis: span })),
      fc.record({
        perPage: fc.integer({ min: 1, max: 25 }),
        endBound: fc.constantFrom("inclusive" as const, "exclusive" as const),
        order: fc.constantFrom("asc" as const, "desc" as const),
        utcOffsetMinutes: fc.constantFrom(0, 180, -300, 330)
      }),
      fc.integer({ min: 0, max: span }),
      fc.integer({ min: 0, max: span })
    ],
    ([records, settings, a, b]) =>
      Effect.gen(function*() {
        yield* TestClock.setTime(anchor)
        const mock = yield* Testkit.MockServer
        yield* mock.state.setRecords("cryptomus.transactions", records)
        yield* mock.state.patchSettings({
          endBound: { "cryptomus.transactions": settings.endBound },
          order: { "cryptomus.transactions": settings.order },
          cryptomus: { perPage: settings.perPage, utcOffsetMinutes: settings.utcOffsetMinutes }
        })
        const cryptomus = yield* Effect.provide(
          clientFor(mock.baseUrl, { utcOffsetMinutes: settings.utcOffsetMinutes }),
          recordingFetch().layer
        )
        const from = anchor - span + Math.min(a, b)
        const to = anchor - span + Math.max(a, b)
        const got = Chunk.toReadonlyArray(yield* Stream.runCollect(cryptomus.source.entries({
          from: DateTime.unsafeMake(from),
          to: DateTime.unsafeMake(to)
        }))).map((e) => e.id)
        const expected = records
          .filter((r) => Date.parse(r.created_at) >= from && Date.parse(r.created_at) < to)
          .map((r) => r.uuid)
        expect(new Set(got).size).toBe(got.length)
        expect([...got].sort()).toEqual([...expected].sort())
      }).pipe(Effect.provide(Testkit.layer())),
    // Small pages over HTTP: each run reads many windows.
    propOptions(20, 9000)
  )

  it.effect("a body with `/` signs and verifies the same way on both sides, plain or escaped as PHP does", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const client = yield* Effect.provide(HttpClient.HttpClient, recordingFetch().layer)
      const target: CryptomusRequest.Target = {
        apiUrl: mock.baseUrl,
        userId: credentials.userId,
        apiKey: credentials.apiKey,
        principalHeader: "userId"
      }
      const plain = "{\"type\":\"payment\",\"note\":\"https://example.com/a/b\"}"
      const escaped = Signing.escapeSlashes(plain)
      expect(escaped).toContain("\\/")
      for (const body of [plain, escaped]) {
        const reply = yield* Http.send(client, "test", CryptomusRequest.signed(target, body, Option.none()))
        expect(reply.status).toBe(200)
        expect(JSON.parse(reply.body)).toMatchObject({ state: 0 })
      }
      // The mock checks the bytes received: plain-signed bytes sent escaped are refused.
      const mismatched = CryptomusRequest.signed(target, plain, Option.none()).pipe(
        HttpClientRequest.bodyText(escaped, "application/json")
      )
      const refused = yield* Http.send(client, "test", mismatched)
      expect(refused.status).toBe(401)
      expect(JSON.parse(refused.body)).toEqual({ state: 1, message: "Invalid Sign." })
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("escapeSlashes and the merchant header work against the mock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const cryptomus = yield* Effect.provide(
        clientFor(mock.baseUrl, { escapeSlashes: true, principalHeader: "merchant" }),
        recordingFetch().layer
      )
      const entries = yield* Stream.runCollect(cryptomus.source.entries({
        from: DateTime.unsafeMake("2022-07-01T00:00:00Z"),
        to: DateTime.unsafeMake("2022-10-01T00:00:00Z")
      }))
      expect(Chunk.toReadonlyArray(entries).map((e) => [e.kind, e.status, Amount.format(e.amount)])).toEqual([
        ["transfer", "succeeded", "10.00"],
        ["payout", "succeeded", "-10.00"],
        ["payment", "failed", "2.00"]
      ])
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("wrong credentials give Unauthorized, sent once, and no secret in the error or the logs", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const wrong = "not-the-cryptomus-key-4242"
      const cryptomus = yield* Effect.provide(clientFor(mock.baseUrl, { apiKey: Redacted.make(wrong) }), http.layer)
      const { exit, lines } = yield* capturingLogs(Effect.either(cryptomus.transactionPage({})))
      const error = leftOf(yield* exit)
      expect(error).toMatchObject({ _tag: "Unauthorized", providerMessage: "Invalid Sign.", status: 401 })
      expect(http.sent).toHaveLength(1)
      expectNoSecrets([error.message, JSON.stringify(error), String(error), ...lines], [wrong, Redacted.value(credentials.apiKey)])
      const unknown = yield* Effect.provide(clientFor(mock.baseUrl, { userId: "nobody" }), http.layer)
      expect(leftOf(yield* Effect.either(unknown.transactionPage({})))).toMatchObject({ _tag: "Unauthorized", providerMessage: "User not found." })
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("the mock's field errors arrive as InvalidRequest with the field messages", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const client = yield* Effect.provide(HttpClient.HttpClient, recordingFetch().layer)
      const target: CryptomusRequest.Target = {
        apiUrl: mock.baseUrl,
        userId: credentials.userId,
        apiKey: credentials.apiKey,
        principalHeader: "userId"
      }
      const reply = yield* Http.send(client, "test", CryptomusRequest.signed(target, "{\"date_from\":\"16.05.2023\"}", Option.none()))
      expect(CryptomusErrors.fromReply(reply, 0)).toMatchObject({
        _tag: "InvalidRequest",
        local: false,
        status: 422,
        fields: { date_from: ["The date from does not match the format Y-m-d H:i:s."] }
      })
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("local validation sends nothing", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const cryptomus = yield* Effect.provide(clientFor(mock.baseUrl), http.layer)
      const errors = yield* Effect.all([
        Effect.flip(cryptomus.transactionPage({ dateFrom: DateTime.unsafeMake(1500) })),
        Effect.flip(cryptomus.transactionPage({ type: "refund" as Cryptomus.PageQuery["type"] })),
        Effect.flip(Stream.runCollect(cryptomus.transactions({ dateFrom: DateTime.unsafeMake(2000), dateTo: DateTime.unsafeMake(1000) }))),
        Effect.flip(Stream.runCollect(cryptomus.source.entries({ from: DateTime.unsafeMake(2), to: DateTime.unsafeMake(1) })))
      ])
      for (const error of errors) expect(error).toMatchObject({ _tag: "InvalidRequest", local: true })
      expect(http.sent).toHaveLength(0)
    }).pipe(Effect.provide(Testkit.layer())))
})
