import { describe, expect, it } from "@effect/vitest"
import { Amount, Time } from "@ledgerkit/core"
import { Chunk, DateTime, Duration, Effect, Either, Inspectable, Option, Redacted, Stream, TestClock } from "effect"
import * as Cryptomus from "../src/Cryptomus.js"
import * as CryptomusLedger from "../src/cryptomus/Mapping.js"
import * as CryptomusRequest from "../src/cryptomus/Request.js"
import * as Signing from "../src/cryptomus/Signing.js"
import { expectMapped, json, leftOf, type Sent, stub, text } from "./httpStub.js"

const apiKey = "cryptomus-test-api-key-0123456789"
const options: Cryptomus.Options = {
  userId: "8b03432e-385b-4670-8d06-064591096795",
  apiKey: Redacted.make(apiKey),
  apiUrl: "http://127.0.0.1:4010",
  retry: { maxRetries: 0 }
}

const documented = {
  state: 0,
  result: {
    items: [
      {
        uuid: "3a3efbe5-4835-48f3-95c0-7b63e2c8a0b6",
        type: "transfer",
        status: "paid",
        created_at: "2022-07-22T15:11:46.000000Z",
        amount: "10.00",
        amount_equivalent: "10.1679",
        currency_equivalent: "USD",
        currency: "USDT",
        network: null,
        txid: null,
        address: null,
        comment: null
      },
      {
        uuid: "d4953ea1-6f55-46f1-b1c9-f72c04badc45",
        type: "payout",
        status: "paid",
        created_at: "2022-09-01T14:46:44.000000Z",
        amount: "10.00",
        amount_equivalent: "10.1679",
        currency_equivalent: "USD",
        currency: "USDT",
        network: "tron",
        txid: null,
        address: "TSV1JBNzp71tucPrEsRPG5iLD1DkftzWzF",
        comment: null
      },
      {
        uuid: "690f745a-6b0c-42e1-a6ee-0de34485cab7",
        type: "payment",
        status: "fail",
        created_at: "2022-09-02T08:32:03.000000Z",
        amount: "2.00",
        amount_equivalent: "10.63359",
        currency_equivalent: "USD",
        currency: "USDT",
        network: "tron",
        txid: null,
        address: "TSV1JBNzp71tucPrEsRPG5iLD1DkftzWzF",
        comment: null
      }
    ],
    paginate: { count: 3, hasPages: true, nextCursor: null, previousCursor: null, perPage: 15 }
  }
}

const utc = (iso: string) => DateTime.unsafeMake(iso)

const page = (
  handler: (sent: Sent, index: number) => Response,
  query: Cryptomus.PageQuery = {},
  opts = options,
  cursor?: string
) => {
  const http = stub(handler)
  return Effect.gen(function*() {
    const service = yield* Cryptomus.make(opts)
    const result = yield* Effect.either(service.transactionPage(query, cursor))
    return { result, sent: http.sent }
  }).pipe(Effect.provide(http.layer))
}

describe("Cryptomus signing", () => {
  it("matches the computed vectors of PROVIDERS.md", () => {
    expect(Signing.sign("", "TESTKEY")).toBe("01a1587d867da225e5102f979b6a73c1")
    expect(Signing.sign("{\"date_from\":\"2023-05-16 00:00:00\",\"date_to\":\"2023-05-16 23:59:59\",\"type\":\"payment\"}", "TESTKEY"))
      .toBe("c1716203872d86f15d38e00c2ffce4ad")
    expect(Signing.sign("{\"url\":\"https://a/b\"}", "TESTKEY").startsWith("dfc70e64")).toBe(true)
    expect(Signing.sign(Signing.escapeSlashes("{\"url\":\"https://a/b\"}"), "TESTKEY").startsWith("6452ffba")).toBe(true)
    expect(Signing.escapeSlashes("{\"url\":\"https://a/b\"}")).toBe("{\"url\":\"https:\\/\\/a\\/b\"}")
  })

  it("writes the body once, in the documented form, and signs those bytes", () => {
    const body = CryptomusRequest.bodyText(
      { dateFrom: utc("2023-05-16T00:00:00Z"), dateTo: utc("2023-05-16T23:59:59Z"), type: "payment" },
      { utcOffsetMinutes: 0, escapeSlashes: false }
    )
    expect(body).toBe("{\"date_from\":\"2023-05-16 00:00:00\",\"date_to\":\"2023-05-16 23:59:59\",\"type\":\"payment\"}")
    const request = CryptomusRequest.signed(
      { apiUrl: "http://h", userId: "u", apiKey: Redacted.make("TESTKEY"), principalHeader: "userId" },
      body,
      Option.none()
    )
    expect(request.headers["sign"]).toBe("c1716203872d86f15d38e00c2ffce4ad")
  })

  it("writes dates in the configured offset", () => {
    const body = CryptomusRequest.bodyText({ dateFrom: utc("2023-05-16T00:00:00Z") }, { utcOffsetMinutes: 180, escapeSlashes: false })
    expect(body).toBe("{\"date_from\":\"2023-05-16 03:00:00\"}")
  })

  it.effect("sends the headers, the cursor and exactly the signed body", () =>
    Effect.gen(function*() {
      const { sent } = yield* page(() => json(200, documented), { type: "payout" }, { ...options, principalHeader: "merchant" }, "eyJ+/=")
      expect(sent).toHaveLength(1)
      const request = sent[0]
      expect(request.method).toBe("POST")
      expect(request.url.pathname).toBe("/v2/user-api/transaction/list")
      expect(request.url.searchParams.get("cursor")).toBe("eyJ+/=")
      expect(request.headers["merchant"]).toBe(options.userId)
      expect(request.headers["userid"]).toBeUndefined()
      expect(request.headers["content-type"]).toBe("application/json")
      expect(request.body).toBe("{\"type\":\"payout\"}")
      expect(request.headers["sign"]).toBe(Signing.sign(request.body, apiKey))
      expect(JSON.stringify(request)).not.toContain(apiKey)
    }))
})

describe("Cryptomus records", () => {
  it.effect("decodes the documented example exactly", () =>
    Effect.gen(function*() {
      const { result } = yield* page(() => json(200, documented))
      const { items, paginate } = Either.getOrThrow(result)
      expect(paginate).toEqual({ count: 3, hasPages: true, nextCursor: null, previousCursor: null, perPage: 15 })
      expect(items.map((t) => [t.uuid, t.type, t.status, Time.formatIso(t.created_at), Amount.format(t.amount), t.currency]))
        .toEqual([
          ["3a3efbe5-4835-48f3-95c0-7b63e2c8a0b6", "transfer", "paid", "2022-07-22T15:11:46Z", "10.00", "USDT"],
          ["d4953ea1-6f55-46f1-b1c9-f72c04badc45", "payout", "paid", "2022-09-01T14:46:44Z", "10.00", "USDT"],
          ["690f745a-6b0c-42e1-a6ee-0de34485cab7", "payment", "fail", "2022-09-02T08:32:03Z", "2.00", "USDT"]
        ])
      expect(items.map((t) => t.amount_equivalent === null ? null : Amount.format(t.amount_equivalent)))
        .toEqual(["10.1679", "10.1679", "10.63359"])
      expect(items[1]).toMatchObject({ network: "tron", address: "TSV1JBNzp71tucPrEsRPG5iLD1DkftzWzF", txid: null, comment: null })
      const entries = items.map(CryptomusLedger.toLedgerEntry)
      expect(entries.map((e) => [e.id, e.kind, e.status, Amount.format(e.amount), e.asset])).toEqual([
        ["3a3efbe5-4835-48f3-95c0-7b63e2c8a0b6", "transfer", "succeeded", "10.00", "USDT"],
        ["d4953ea1-6f55-46f1-b1c9-f72c04badc45", "payout", "succeeded", "-10.00", "USDT"],
        ["690f745a-6b0c-42e1-a6ee-0de34485cab7", "payment", "failed", "2.00", "USDT"]
      ])
      expect(entries[1].references).toEqual({ network: "tron", address: "TSV1JBNzp71tucPrEsRPG5iLD1DkftzWzF" })
    }))

  it("maps every status", () => {
    expect((["check", "paid", "fail", "cancel", "locked"] as const).map(CryptomusLedger.statusOf))
      .toEqual(["pending", "succeeded", "failed", "canceled", "locked"])
  })

  it("signs amounts by type: payment in, payout out, transfer as sent", () => {
    const ten = Amount.unsafe("10.00")
    const minusTen = Amount.unsafe("-10.00")
    expect(Amount.format(CryptomusLedger.signedAmount("payment", minusTen))).toBe("10.00")
    expect(Amount.format(CryptomusLedger.signedAmount("payout", ten))).toBe("-10.00")
    expect(Amount.format(CryptomusLedger.signedAmount("payout", minusTen))).toBe("-10.00")
    expect(Amount.format(CryptomusLedger.signedAmount("transfer", minusTen))).toBe("-10.00")
  })
})

describe("Cryptomus errors", () => {
  const cases: ReadonlyArray<readonly [string, () => Response, string, Record<string, unknown>]> = [
    ["401 Invalid Sign.", () => json(401, { state: 1, message: "Invalid Sign." }), "Unauthorized", { providerMessage: "Invalid Sign." }],
    ["200 state 1 User not found.", () => json(200, { state: 1, message: "User not found." }), "Unauthorized", { status: 200 }],
    ["422 errors", () => json(422, { state: 1, errors: { date_from: ["The date from does not match the format Y-m-d H:i:s."] } }), "InvalidRequest", {
      local: false,
      fields: { date_from: ["The date from does not match the format Y-m-d H:i:s."] },
      reason: "The date from does not match the format Y-m-d H:i:s."
    }],
    ["422 errors as strings", () => json(422, { state: 1, errors: { type: "The selected type is invalid." } }), "InvalidRequest", {
      fields: { type: ["The selected type is invalid."] }
    }],
    ["422 message", () => json(422, { state: 1, message: "The cursor is invalid." }), "InvalidRequest", { reason: "The cursor is invalid.", providerCode: 1 }],
    ["429", () => json(429, { state: 1, message: "Too Many Attempts." }, { "retry-after": "7" }), "RateLimited", { retryAfter: Duration.seconds(7) }],
    ["418", () => json(418, { state: 1, message: "Too Many Attempts. Access is blocked for a while." }, { "retry-after": "60" }), "Banned", {
      retryAfter: Duration.seconds(60)
    }],
    ["500", () => text(500, "Server Error"), "Unavailable", { status: 500 }],
    ["503 JSON", () => json(503, { state: 1, message: "Service Unavailable" }), "Unavailable", {}],
    ["400 HTML", () => text(400, "<html/>"), "MalformedResponse", { excerpt: "<html/>" }],
    ["200 truncated", () => text(200, "{\"state\":0,\"result\":{\"items\":["), "MalformedResponse", {}],
    ["200 unknown type", () =>
      json(200, { ...documented, result: { ...documented.result, items: [{ ...documented.result.items[0], type: "bonus" }] } }), "MalformedResponse", {}]
  ]
  it.effect.each(cases)("%s", ([, answer, tag, fields]) =>
    Effect.map(page(answer), (outcome) =>
      expectMapped(outcome, { tag, fields, source: "cryptomus.transactions", secret: apiKey })))

  it.effect("does not retry Unauthorized", () =>
    Effect.gen(function*() {
      const { sent } = yield* page(() => json(401, { state: 1, message: "Invalid Sign." }), {}, { ...options, retry: {} })
      expect(sent).toHaveLength(1)
    }))
})

describe("Cryptomus local validation sends nothing", () => {
  const invalid: ReadonlyArray<readonly [string, Cryptomus.PageQuery, Partial<Cryptomus.Options>]> = [
    ["dateFrom after dateTo", { dateFrom: utc("2024-01-02T00:00:00Z"), dateTo: utc("2024-01-01T00:00:00Z") }, {}],
    ["a date with milliseconds", { dateFrom: utc("2024-01-01T00:00:00.500Z") }, {}],
    ["an unknown type", { type: "refund" as Cryptomus.PageQuery["type"] }, {}],
    ["an impossible UTC offset", {}, { utcOffsetMinutes: 900 }]
  ]
  it.effect.each(invalid)("page: %s", ([, query, extra]) =>
    Effect.gen(function*() {
      const { result, sent } = yield* page(() => json(200, documented), query, { ...options, ...extra })
      expect(sent).toHaveLength(0)
      expect(leftOf(result)).toMatchObject({ _tag: "InvalidRequest", local: true })
    }))

  it.effect.each(invalid)("history: %s", ([, query, extra]) =>
    Effect.gen(function*() {
      const http = stub(() => json(200, documented))
      const result = yield* Cryptomus.make({ ...options, ...extra }).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.transactions(query))),
        Effect.either,
        Effect.provide(http.layer)
      )
      expect(http.sent).toHaveLength(0)
      expect(leftOf(result)).toMatchObject({ _tag: "InvalidRequest", local: true })
    }))
})

describe("Cryptomus walking (stubbed)", () => {
  const item = (i: number, second = i) => ({
    ...documented.result.items[0],
    uuid: `00000000-0000-4000-8000-${i.toString().padStart(12, "0")}`,
    created_at: `2024-01-01T00:00:${second.toString().padStart(2, "0")}.${i.toString().padStart(6, "0")}Z`
  })
  /** `YYYY-MM-DD HH:mm:ss` read at `offset` minutes east, as epoch millis. */
  const wall = (text: string, offset: number) => Either.getOrThrow(Time.parseWallClock(text, offset))
  /**
   * A stub that honours `date_from`/`date_to` (both inclusive, read at `offset`) over
   * `data()` as it stands per request, `perPage` items a page, offset cursors.
   */
  const listing = (data: () => ReadonlyArray<ReturnType<typeof item>>, perPage: number, offset = 0) =>
    stub((sent) => {
      const body = JSON.parse(sent.body) as { date_from?: string; date_to?: string }
      const inside = data().filter((t) => {
        const at = Date.parse(t.created_at)
        return (body.date_from === undefined || at >= wall(body.date_from, offset)) &&
          (body.date_to === undefined || at < wall(body.date_to, offset) + 1000)
      })
      const at = Number(sent.url.searchParams.get("cursor") ?? "0")
      const next = at + perPage < inside.length ? String(at + perPage) : null
      return json(200, {
        state: 0,
        result: { items: inside.slice(at, at + perPage), paginate: { count: perPage, hasPages: true, nextCursor: next, previousCursor: null, perPage } }
      })
    })

  it.effect("a second holding more than a page is walked by cursor, each page sending the same signed body", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00.250Z"))
      const items = Array.from({ length: 7 }, (_, i) => item(i, 0))
      const http = listing(() => items, 3)
      const out = yield* Cryptomus.make(options).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.transactions({ type: "transfer" }))),
        Effect.provide(http.layer)
      )
      expect(Chunk.toReadonlyArray(out).map((t) => t.uuid)).toEqual(items.map((t) => t.uuid))
      const followed = http.sent.map((s, i) => ({ s, before: http.sent[i - 1] })).filter(({ s }) => s.url.searchParams.has("cursor"))
      expect(followed.length).toBeGreaterThan(0)
      for (const { before, s } of followed) {
        expect(s.body).toBe(before.body)
        expect(s.headers["sign"]).toBe(before.headers["sign"])
      }
      expect(JSON.parse(http.sent[0].body)).toEqual({ date_from: "1970-01-01 00:00:00", date_to: "2024-03-01 00:00:00", type: "transfer" })
    }))

  it.effect("fails with IncompletePagination when a cursor comes back twice", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00Z"))
      const http = stub(() =>
        json(200, { state: 0, result: { items: [item(1)], paginate: { count: 1, hasPages: true, nextCursor: "same", previousCursor: null, perPage: 1 } } })
      )
      const result = yield* Cryptomus.make(options).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.transactions({}))),
        Effect.either,
        Effect.provide(http.layer)
      )
      expect(leftOf(result)._tag).toBe("IncompletePagination")
    }))

  it.effect("source: asks each window one second wider on both sides and keeps exactly [from, to)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00Z"))
      const items = [0, 1, 2, 3].map((i) => ({ ...item(i), created_at: `2024-01-01T00:00:0${i}.000000Z` }))
      const http = stub(() =>
        json(200, { state: 0, result: { items, paginate: { count: 4, hasPages: false, nextCursor: null, previousCursor: null, perPage: 15 } } })
      )
      const out = yield* Cryptomus.make(options).pipe(
        Effect.flatMap((s) =>
          Stream.runCollect(s.source.entries({ from: utc("2024-01-01T00:00:00.500Z"), to: utc("2024-01-01T00:00:02.500Z") }))
        ),
        Effect.provide(http.layer)
      )
      expect(Chunk.toReadonlyArray(out).map((e) => e.id)).toEqual([items[1].uuid, items[2].uuid])
      expect(http.sent[0].body).toBe("{\"date_from\":\"2023-12-31 23:59:59\",\"date_to\":\"2024-01-01 00:00:03\"}")
    }))

  it.effect("an item repeated on the next cursor page is delivered once (issue 11)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00Z"))
      // Three items in one second, two a page; page 2 starts again with page 1's last item.
      const items = [0, 1, 2].map((i) => item(i, 0))
      const http = stub((sent) => {
        const cursor = sent.url.searchParams.get("cursor")
        const page = cursor === null ? items.slice(0, 2) : items.slice(1, 3)
        return json(200, {
          state: 0,
          result: { items: page, paginate: { count: 2, hasPages: true, nextCursor: cursor === null ? "c2" : null, previousCursor: null, perPage: 2 } }
        })
      })
      const out = yield* Cryptomus.make(options).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.source.entries({ from: utc("2024-01-01T00:00:00Z"), to: utc("2024-01-01T00:00:01Z") }))),
        Effect.provide(http.layer)
      )
      expect(Chunk.toReadonlyArray(out).map((e) => e.id)).toEqual(items.map((t) => t.uuid))
    }))

  it.effect("timeZone: with Cryptomus reading dates at +03:00, every record of the range arrives (issue 11)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00Z"))
      const items = Array.from({ length: 8 }, (_, i) => ({ ...item(i), created_at: `2024-01-01T0${i}:00:00.000000Z` }))
      const walk = (timeZone: string | undefined) =>
        Cryptomus.make({ ...options, timeZone }).pipe(
          Effect.flatMap((s) => Stream.runCollect(s.source.entries({ from: utc("2024-01-01T00:00:00Z"), to: utc("2024-01-01T08:00:00Z") }))),
          Effect.map((out) => Chunk.size(out)),
          Effect.provide(listing(() => items, 100, 180).layer)
        )
      expect(yield* walk("+03:00")).toBe(8)
      expect(yield* walk("Europe/Moscow")).toBe(8)
      // Without it, the client writes UTC and the provider reads three hours late.
      expect(yield* walk(undefined)).toBeLessThan(8)
    }))

  it.effect("timeZone: a named zone is written with daylight saving, and an unknown one is refused before sending", () =>
    Effect.gen(function*() {
      const at = (iso: string) => CryptomusRequest.bodyText({ dateFrom: utc(iso) }, { utcOffsetMinutes: 0, zone: Either.getOrThrow(Time.parseZone("Europe/Berlin")), escapeSlashes: false })
      expect(at("2024-01-15T12:00:00Z")).toBe("{\"date_from\":\"2024-01-15 13:00:00\"}")
      expect(at("2024-07-15T12:00:00Z")).toBe("{\"date_from\":\"2024-07-15 14:00:00\"}")
      const http = stub(() => json(200, documented))
      const error = yield* Cryptomus.make({ ...options, timeZone: "Mars/Olympus" }).pipe(
        Effect.flatMap((s) => Effect.flip(Stream.runCollect(s.transactions({})))),
        Effect.provide(http.layer)
      )
      expect(error).toMatchObject({ _tag: "InvalidRequest", local: true })
      expect(http.sent).toHaveLength(0)
    }))
})

describe("Cryptomus secrets", () => {
  it.effect("neither the options nor the service print the secret", () =>
    Effect.gen(function*() {
      const service = yield* Effect.provide(Cryptomus.make(options), stub(() => json(200, documented)).layer)
      for (const text of [Inspectable.format(options), JSON.stringify(options), String(options), Inspectable.format(service)]) {
        expect(text).not.toContain(apiKey)
      }
    }))
})
