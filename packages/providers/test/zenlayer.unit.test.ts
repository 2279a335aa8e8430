import { describe, expect, it } from "@effect/vitest"
import { Amount, Time } from "@ledgerkit/core"
import { BigDecimal, Chunk, DateTime, Duration, Effect, Either, Fiber, Inspectable, Redacted, Stream, TestClock } from "effect"
import * as Zenlayer from "../src/Zenlayer.js"
import * as ZenlayerLedger from "../src/zenlayer/Mapping.js"
import * as Signing from "../src/zenlayer/Signing.js"
import { expectMapped, json, leftOf, type Sent, stub, text } from "./httpStub.js"

const password = "zenlayer-test-password-0123456789"
const options: Zenlayer.Options = {
  accessKeyId: "zenlayer-test-key-id",
  accessKeyPassword: Redacted.make(password),
  apiUrl: "http://127.0.0.1:4010",
  retry: { maxRetries: 0 }
}

const documentedResponse = {
  requestId: "TB11F9883-9134-460B-AA54-7079B3DAD308",
  response: {
    requestId: "TB11F9883-9134-460B-AA54-7079B3DAD308",
    totalCount: 1,
    dataSet: [
      {
        transactionType: "ORDER_REFUND",
        amount: 39.05,
        paymentMethod: "REFUND",
        state: "PAY_SUCCESS",
        transactionTime: "2023-08-15T09:47:01Z",
        accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
        transactionId: "10000000893685"
      }
    ]
  }
}

const page = (handler: (sent: Sent, index: number) => Response, request: Zenlayer.PageRequest = {}, opts = options) => {
  const http = stub(handler)
  return Effect.gen(function*() {
    const service = yield* Zenlayer.make(opts)
    const result = yield* Effect.either(service.rechargeRefundPage(request))
    return { result, sent: http.sent }
  }).pipe(Effect.provide(http.layer))
}

const utc = (iso: string) => DateTime.unsafeMake(iso)

describe("Zenlayer signing", () => {
  it("reproduces the published signature", () => {
    const signable = {
      host: "console.zenlayer.com",
      contentType: "application/json; charset=utf-8",
      body: "{\"pageSize\":10,\"pageNum\":1,\"zoneId\":\"HKG-A\"}",
      timestamp: 1673361177
    }
    expect(Signing.signature("Gu5t9xGARNpq86cd98joQYCN3", signable)).toBe(
      "efb356c32e55c781e10dc676da59462c22596d82e91c57803666243379555b2f"
    )
    const plainJson = Signing.signature("Gu5t9xGARNpq86cd98joQYCN3", { ...signable, contentType: "application/json" })
    expect(plainJson.startsWith("9fdd5117")).toBe(true)
    expect(plainJson.endsWith("c119")).toBe(true)
  })

  it("has the documented canonical request shape, blank line after the headers", () => {
    const canonical = Signing.canonicalRequest({ host: "h:1", contentType: "ct", body: "", timestamp: 0 })
    expect(canonical).toBe(
      "POST\n/\n\ncontent-type:ct\nhost:h:1\n\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
  })

  it.effect("signs what it sends: content type, host:port, body and timestamp as sent", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_700_000_123_456)
      const { sent } = yield* page(() => json(200, documentedResponse), {
        pageNum: 2,
        pageSize: 10,
        state: ["PAY_SUCCESS"],
        startTime: utc("2023-08-05T14:26:18Z"),
        endTime: utc("2023-09-05T14:26:18Z")
      })
      expect(sent).toHaveLength(1)
      const request = sent[0]
      expect(request.method).toBe("POST")
      expect(request.url.toString()).toBe("http://127.0.0.1:4010/api/v2/zbc")
      expect(JSON.parse(request.body)).toEqual({
        pageNum: 2,
        pageSize: 10,
        state: ["PAY_SUCCESS"],
        startTime: "2023-08-05T14:26:18Z",
        endTime: "2023-09-05T14:26:18Z"
      })
      expect(request.headers["x-zc-timestamp"]).toBe("1700000123")
      expect(request.headers["x-zc-version"]).toBe("2024-08-09")
      expect(request.headers["x-zc-action"]).toBe("DescribeRechargeRefundHistory")
      expect(request.headers["x-zc-signature-method"]).toBe("ZC2-HMAC-SHA256")
      const expected = Signing.signature(password, {
        contentType: request.headers["content-type"],
        host: request.url.host,
        body: request.body,
        timestamp: 1700000123
      })
      expect(request.url.host).toBe("127.0.0.1:4010")
      expect(request.headers["authorization"]).toBe(
        `ZC2-HMAC-SHA256 Credential=zenlayer-test-key-id, SignedHeaders=content-type;host, Signature=${expected}`
      )
      expect(JSON.stringify(request)).not.toContain(password)
    }))
})

describe("Zenlayer records", () => {
  it.effect("decodes the documented example exactly", () =>
    Effect.gen(function*() {
      const { result } = yield* page(() => json(200, documentedResponse))
      const response = Either.getOrThrow(result)
      expect(response.totalCount).toBe(1)
      expect(response.requestId).toBe("TB11F9883-9134-460B-AA54-7079B3DAD308")
      const [record] = response.dataSet
      expect({ value: record.amount.value, scale: record.amount.scale }).toEqual({ value: 3905n, scale: 2 })
      expect(Amount.format(record.amount)).toBe("39.05")
      expect(Time.formatIso(record.transactionTime)).toBe("2023-08-15T09:47:01Z")
      expect(record).toMatchObject({
        transactionType: "ORDER_REFUND",
        paymentMethod: "REFUND",
        state: "PAY_SUCCESS",
        accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
        transactionId: "10000000893685"
      })
      const entry = ZenlayerLedger.toLedgerEntry(record)
      expect(entry).toMatchObject({
        source: "zenlayer.recharge-refund",
        id: "10000000893685",
        kind: "refund",
        providerType: "ORDER_REFUND",
        asset: "USD",
        status: "succeeded",
        references: { paymentMethod: "REFUND", accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1" }
      })
      expect(BigDecimal.equals(entry.amount, BigDecimal.unsafeFromString("39.05"))).toBe(true)
    }))

  it("maps types and states", () => {
    expect(ZenlayerLedger.kindOf("ORDER_REFUND")).toBe("refund")
    expect(ZenlayerLedger.kindOf("RECHARGE")).toBe("deposit")
    expect(ZenlayerLedger.kindOf("ONLINE_RECHARGE")).toBe("deposit")
    expect(ZenlayerLedger.kindOf("SOMETHING_NEW")).toBe("other")
    expect(ZenlayerLedger.statusOf("PAY_SUCCESS")).toBe("succeeded")
    expect(ZenlayerLedger.statusOf("PAYING")).toBe("pending")
    expect(ZenlayerLedger.statusOf("PAY_FAILED")).toBe("failed")
  })

  it.effect("an empty page may omit dataSet", () =>
    Effect.gen(function*() {
      const { result } = yield* page(() => json(200, { requestId: "r", response: { requestId: "r", totalCount: 0 } }))
      expect(Either.getOrThrow(result).dataSet).toEqual([])
    }))
})

describe("Zenlayer errors", () => {
  const envelope = (code: string, message = "m") => ({ requestId: "r", code, message })
  const cases: ReadonlyArray<readonly [string, () => Response, string, Record<string, unknown>]> = [
    ["429 REQUEST_LIMIT_EXCEEDED", () => json(429, envelope("REQUEST_LIMIT_EXCEEDED"), { "retry-after": "3" }), "RateLimited", {
      providerCode: "REQUEST_LIMIT_EXCEEDED",
      retryAfter: Duration.seconds(3)
    }],
    ["400 REQUEST_LIMIT_EXCEEDED", () => json(400, envelope("REQUEST_LIMIT_EXCEEDED")), "RateLimited", { status: 400 }],
    ["429 without a body", () => text(429, ""), "RateLimited", { status: 429 }],
    ["418 REQUEST_LIMIT_EXCEEDED", () => json(418, envelope("REQUEST_LIMIT_EXCEEDED"), { "retry-after": "120" }), "Banned", {
      retryAfter: Duration.seconds(120)
    }],
    ["401 AUTH_FAILED", () => json(401, envelope("AUTH_FAILED")), "Unauthorized", { providerCode: "AUTH_FAILED" }],
    ["403 INVALID_SIGNATURE", () => json(403, envelope("INVALID_SIGNATURE")), "Unauthorized", { status: 403 }],
    ["400 INVALID_ACCESS_KEY_ID", () => json(400, envelope("INVALID_ACCESS_KEY_ID")), "Unauthorized", {}],
    ["400 INVALID_TIMESTAMP", () => json(400, envelope("INVALID_TIMESTAMP")), "ClockSkew", {}],
    ["401 SIGNATURE_EXPIRED", () => json(401, envelope("SIGNATURE_EXPIRED")), "ClockSkew", { status: 401 }],
    ["400 INVALID_PARAMETER", () => json(400, envelope("INVALID_PARAMETER", "pageSize too big")), "InvalidRequest", {
      providerCode: "INVALID_PARAMETER",
      providerMessage: "pageSize too big",
      local: false
    }],
    ["200 with the error shape", () => json(200, envelope("INVALID_PARAMETER")), "InvalidRequest", { status: 200 }],
    ["500 INTERNAL_ERROR", () => json(500, envelope("INTERNAL_ERROR")), "Unavailable", { status: 500 }],
    ["502 HTML", () => text(502, "<html>bad gateway</html>"), "Unavailable", { status: 502 }],
    ["403 Cloudflare challenge", () => text(403, "<html/>", { "cf-mitigated": "challenge" }), "Unavailable", {}],
    ["400 not JSON", () => text(400, "nope"), "MalformedResponse", { excerpt: "nope" }],
    ["200 not JSON", () => text(200, "{\"requestId\":"), "MalformedResponse", {}],
    ["200 wrong shape", () => json(200, { requestId: "r", response: { totalCount: "1" } }), "MalformedResponse", {}],
    ["200 amount as a string", () =>
      json(200, {
        ...documentedResponse,
        response: { ...documentedResponse.response, dataSet: [{ ...documentedResponse.response.dataSet[0], amount: "39.05" }] }
      }), "MalformedResponse", {}]
  ]
  it.effect.each(cases)("%s", ([, answer, tag, fields]) =>
    Effect.map(page(answer), (outcome) =>
      expectMapped(outcome, { tag, fields, source: "zenlayer.recharge-refund", secret: password })))

  it.effect("does not retry Unauthorized", () =>
    Effect.gen(function*() {
      const { result, sent } = yield* page(() => json(401, envelope("AUTH_FAILED")), {}, { ...options, retry: {} })
      expect(Either.isLeft(result)).toBe(true)
      expect(sent).toHaveLength(1)
    }))

  it.effect("retries REQUEST_LIMIT_EXCEEDED no sooner than Retry-After, then succeeds", () =>
    Effect.gen(function*() {
      const http = stub((_, i) => i === 0 ? json(429, envelope("REQUEST_LIMIT_EXCEEDED"), { "retry-after": "20" }) : json(200, documentedResponse))
      const fiber = yield* Zenlayer.make({ ...options, retry: {} }).pipe(
        Effect.flatMap((s) => s.rechargeRefundPage({})),
        Effect.provide(http.layer),
        Effect.fork
      )
      yield* TestClock.adjust("19 seconds")
      expect(http.sent).toHaveLength(1)
      yield* TestClock.adjust("30 seconds")
      const result = yield* Fiber.join(fiber)
      expect(result.totalCount).toBe(1)
      expect(http.sent).toHaveLength(2)
    }))
})

describe("Zenlayer local validation sends nothing", () => {
  const invalid: ReadonlyArray<readonly [string, Zenlayer.PageRequest]> = [
    ["pageSize over 5000", { pageSize: 5001 }],
    ["pageSize 0", { pageSize: 0 }],
    ["fractional pageSize", { pageSize: 1.5 }],
    ["pageNum 0", { pageNum: 0 }],
    ["an unknown state", { state: ["PAY_SUCCESS", "REFUNDED" as "PAY_SUCCESS"] }],
    ["startTime after endTime", { startTime: utc("2024-01-02T00:00:00Z"), endTime: utc("2024-01-01T00:00:00Z") }]
  ]
  it.effect.each(invalid)("page: %s", ([, request]) =>
    Effect.gen(function*() {
      const { result, sent } = yield* page(() => json(200, documentedResponse), request)
      expect(sent).toHaveLength(0)
      expect(leftOf(result)).toMatchObject({ _tag: "InvalidRequest", local: true })
    }))

  it.effect.each(invalid.filter(([name]) => name !== "pageNum 0"))("history: %s", ([, request]) =>
    Effect.gen(function*() {
      const http = stub(() => json(200, documentedResponse))
      const result = yield* Zenlayer.make(options).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.rechargeRefunds(request)).pipe(Effect.either)),
        Effect.provide(http.layer)
      )
      expect(http.sent).toHaveLength(0)
      expect(leftOf(result)).toMatchObject({ _tag: "InvalidRequest", local: true })
    }))

  it.effect("source: from after to", () =>
    Effect.gen(function*() {
      const http = stub(() => json(200, documentedResponse))
      const result = yield* Zenlayer.make(options).pipe(
        Effect.flatMap((s) =>
          Stream.runCollect(s.source.entries({ from: utc("2024-01-02T00:00:00Z"), to: utc("2024-01-01T00:00:00Z") }))
        ),
        Effect.either,
        Effect.provide(http.layer)
      )
      expect(http.sent).toHaveLength(0)
      expect(leftOf(result)).toMatchObject({ _tag: "InvalidRequest", local: true })
    }))
})

/** A stub that honours Zenlayer's filters (both bounds inclusive here) over `data()`, as it stands per request. */
const listing = (data: () => ReadonlyArray<typeof documentedResponse.response.dataSet[number]>) =>
  stub((sent) => {
    const body = JSON.parse(sent.body) as { pageNum: number; pageSize: number; startTime?: string; endTime?: string; state?: Array<string> }
    const inside = data().filter((r) =>
      (body.startTime === undefined || r.transactionTime >= body.startTime) &&
      (body.endTime === undefined || r.transactionTime <= body.endTime) &&
      (body.state === undefined || body.state.includes(r.state))
    )
    const from = (body.pageNum - 1) * body.pageSize
    return json(200, {
      requestId: "r",
      response: { requestId: "r", totalCount: inside.length, dataSet: inside.slice(from, from + body.pageSize) }
    })
  })

describe("Zenlayer walking (stubbed)", () => {
  it.effect("reads each time window as one page, frozen at the last second fully passed", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00.400Z"))
      const records = Array.from({ length: 7 }, (_, i) => ({
        ...documentedResponse.response.dataSet[0],
        transactionId: `t${i}`,
        transactionTime: `2024-01-01T00:00:0${i}Z`
      }))
      const http = listing(() => records)
      const out = yield* Zenlayer.make({ ...options, pageSize: 3 }).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.rechargeRefunds({ state: ["PAY_SUCCESS"] }))),
        Effect.provide(http.layer)
      )
      expect(Chunk.toReadonlyArray(out).map((r) => r.transactionId)).toEqual(records.map((r) => r.transactionId))
      const bodies = http.sent.map((s) => JSON.parse(s.body))
      // The first ask covers everything up to the frozen end, one second wider on both sides.
      expect(bodies[0]).toEqual({
        pageNum: 1,
        pageSize: 3,
        state: ["PAY_SUCCESS"],
        startTime: "1970-01-01T00:00:00Z",
        endTime: "2024-03-01T00:00:00Z"
      })
      expect(bodies.every((b) => b.pageNum === 1)).toBe(true)
    }))

  it.effect("source: asks each window one second wider on both sides and keeps exactly [from, to)", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00Z"))
      const times = ["2024-01-01T00:00:00Z", "2024-01-01T00:00:01Z", "2024-01-01T00:00:02Z", "2024-01-01T00:00:03Z"]
      const records = times.map((transactionTime, i) => ({
        ...documentedResponse.response.dataSet[0],
        transactionId: `t${i}`,
        transactionTime
      }))
      const http = stub(() => json(200, { requestId: "r", response: { requestId: "r", totalCount: 4, dataSet: records } }))
      const out = yield* Zenlayer.make(options).pipe(
        Effect.flatMap((s) =>
          Stream.runCollect(s.source.entries({ from: utc("2024-01-01T00:00:00.500Z"), to: utc("2024-01-01T00:00:02.500Z") }))
        ),
        Effect.provide(http.layer)
      )
      expect(Chunk.toReadonlyArray(out).map((e) => e.id)).toEqual(["t1", "t2"])
      expect(JSON.parse(http.sent[0].body)).toMatchObject({
        startTime: "2023-12-31T23:59:59Z",
        endTime: "2024-01-01T00:00:03Z"
      })
    }))
})

describe("Zenlayer while the data moves (issue 11)", () => {
  it.effect("state PAYING: a delivered row settling before the next request costs no other PAYING row", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-03-01T00:00:00Z"))
      const rows = Array.from({ length: 5 }, (_, i) => ({
        ...documentedResponse.response.dataSet[0],
        state: "PAYING" as string,
        transactionId: `p${i}`,
        transactionTime: `2024-01-01T00:00:0${i}Z`
      }))
      let asked = 0
      // After the first answer, the oldest PAYING row settles (leaves the filter).
      const http = listing(() => {
        asked++
        return asked > 1 ? rows.map((r, i) => i === 0 ? { ...r, state: "PAY_SUCCESS" } : r) : rows
      })
      const out = yield* Zenlayer.make({ ...options, pageSize: 2 }).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.rechargeRefunds({ state: ["PAYING"] }))),
        Effect.provide(http.layer)
      )
      const ids = Chunk.toReadonlyArray(out).map((r) => r.transactionId)
      // p1 to p4 stayed PAYING for the whole walk: each comes exactly once.
      expect(ids.filter((id) => id !== "p0")).toEqual(["p1", "p2", "p3", "p4"])
      expect(new Set(ids).size).toBe(ids.length)
    }))

  it.effect("the end is frozen at the last second fully passed, never rounded up into the current one", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2024-01-01T00:00:05.300Z"))
      const rows = ["2024-01-01T00:00:04Z", "2024-01-01T00:00:05Z"].map((transactionTime, i) => ({
        ...documentedResponse.response.dataSet[0],
        transactionId: `n${i}`,
        transactionTime
      }))
      const http = listing(() => rows)
      const out = yield* Zenlayer.make(options).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.rechargeRefunds({}))),
        Effect.provide(http.layer)
      )
      // Second 5 has not passed at 05.300: a record created in it could still arrive.
      expect(Chunk.toReadonlyArray(out).map((r) => r.transactionId)).toEqual(["n0"])
    }))
})

describe("Zenlayer secrets", () => {
  it.effect("neither the options nor the service print the secret", () =>
    Effect.gen(function*() {
      const service = yield* Effect.provide(Zenlayer.make(options), stub(() => json(200, documentedResponse)).layer)
      for (const text of [Inspectable.format(options), JSON.stringify(options), String(options), Inspectable.format(service)]) {
        expect(text).not.toContain(password)
      }
    }))
})
