import { describe, expect, it } from "@effect/vitest"
import { Amount, Time } from "@ledgerkit/core"
import { Chunk, DateTime, Duration, Effect, Either, FastCheck as fc, Fiber, Inspectable, Redacted, Stream, TestClock } from "effect"
import * as WooLedger from "../src/wooxpro/Mapping.js"
import * as WooXPro from "../src/WooXPro.js"
import { expectMapped, json, leftOf, propRuns, type Sent, stub, text } from "./httpStub.js"

const apiKey = "wooxpro-test-api-key-0123456789"
const options: WooXPro.Options = {
  apiKey: Redacted.make(apiKey),
  apiUrl: "http://127.0.0.1:4010",
  retry: { maxRetries: 0 }
}

const documented = {
  code: 1000,
  message: "Ok",
  data: [
    {
      symbol: "",
      type: "Transfer",
      amount: "-0.37500000",
      asset: "USDT",
      account: "futures",
      time: "1570608000000",
      tran_id: "9689322392"
    },
    {
      symbol: "BTCUSDT",
      type: "Commission Fee",
      amount: "-0.01000000",
      asset: "USDT",
      account: "futures",
      time: "1570636800000",
      tran_id: "9689322392"
    }
  ],
  trace: "80ba1f07-1b6f-46ad-81dd-78ac7e9bbccd"
}

const utc = (millis: number) => DateTime.unsafeMake(millis)

const page = (handler: (sent: Sent, index: number) => Response, query: WooXPro.PageQuery = {}, opts = options) => {
  const http = stub(handler)
  return Effect.gen(function*() {
    const service = yield* WooXPro.make(opts)
    const result = yield* Effect.either(service.transactionPage(query))
    return { result, sent: http.sent }
  }).pipe(Effect.provide(http.layer))
}

describe("WOO X Pro requests and records", () => {
  it.effect("sends the keyed GET with the documented parameters", () =>
    Effect.gen(function*() {
      const { sent } = yield* page(() => json(200, documented), {
        symbol: "BTCUSDT",
        flowType: 4,
        account: "futures",
        startTime: utc(1662368173000),
        endTime: utc(1662368179000),
        pageSize: 1000
      })
      expect(sent).toHaveLength(1)
      expect(sent[0].method).toBe("GET")
      expect(sent[0].url.toString()).toBe(
        "http://127.0.0.1:4010/contract/private/transaction-history?symbol=BTCUSDT&flow_type=4&account=futures&start_time=1662368173000&end_time=1662368179000&page_size=1000"
      )
      expect(sent[0].headers["x-api-key"]).toBe(apiKey)
    }))

  it.effect("decodes the documented example exactly, both rows of tran_id 9689322392", () =>
    Effect.gen(function*() {
      const { result } = yield* page(() => json(200, documented))
      const rows = Either.getOrThrow(result)
      expect(rows).toHaveLength(2)
      expect(rows.map((r) => [r.symbol, r.type, Amount.format(r.amount), r.asset, r.account, Time.toMillis(r.time), r.tran_id]))
        .toEqual([
          ["", "Transfer", "-0.37500000", "USDT", "futures", 1570608000000, "9689322392"],
          ["BTCUSDT", "Commission Fee", "-0.01000000", "USDT", "futures", 1570636800000, "9689322392"]
        ])
      expect({ value: rows[0].amount.value, scale: rows[0].amount.scale }).toEqual({ value: -37500000n, scale: 8 })
      const entries = rows.map(WooLedger.toLedgerEntry)
      expect(entries.map((e) => [e.id, e.kind, e.status, e.symbol, e.references])).toEqual([
        ["Transfer:9689322392", "transfer", "succeeded", undefined, { account: "futures", tranId: "9689322392" }],
        ["Commission Fee:9689322392", "commission", "succeeded", "BTCUSDT", { account: "futures", tranId: "9689322392" }]
      ])
      expect(Amount.format(entries[0].amount)).toBe("-0.37500000")
    }))

  it.effect("accepts BitMart's numeric time", () =>
    Effect.gen(function*() {
      const { result } = yield* page(() => json(200, { ...documented, data: [{ ...documented.data[0], time: 1570608000000 }] }))
      expect(Time.toMillis(Either.getOrThrow(result)[0].time)).toBe(1570608000000)
    }))

  it("maps every documented type", () => {
    expect(["Transfer", "Realized PNL", "Funding Fee", "Commission Fee", "Liquidation Clearance", "Bonus"].map(WooLedger.kindOf))
      .toEqual(["transfer", "realized_pnl", "funding_fee", "commission", "liquidation", "other"])
  })
})

describe("WOO X Pro errors", () => {
  const body = (code: number, message = "m") => ({ code, message, trace: "t" })
  const cases: ReadonlyArray<readonly [string, () => Response, string, Record<string, unknown>]> = [
    ["429 / 30013", () => json(429, body(30013), { "retry-after": "2" }), "RateLimited", { providerCode: 30013, retryAfter: Duration.seconds(2) }],
    ["429 without Retry-After uses the window", () => json(429, body(30013), { "x-bm-ratelimit-reset": "2" }), "RateLimited", { retryAfter: Duration.seconds(2) }],
    ["200 / 30013", () => json(200, body(30013)), "RateLimited", {}],
    ["418 / 30017", () => json(418, body(30017), { "retry-after": "120" }), "Banned", { providerCode: 30017, retryAfter: Duration.seconds(120) }],
    ["401 / 30002", () => json(401, body(30002)), "Unauthorized", { providerCode: 30002 }],
    ["403 / 30010", () => json(403, body(30010)), "Unauthorized", { providerCode: 30010 }],
    ["403 / 30012", () => json(403, body(30012)), "Unauthorized", {}],
    ["200 / 30019 no permission", () => json(200, body(30019)), "Unauthorized", {}],
    ["400 / 40012 contract error", () => json(400, body(40012, "invalid symbol")), "InvalidRequest", { providerCode: 40012, providerMessage: "invalid symbol", local: false }],
    ["404 / 30000", () => json(404, body(30000)), "InvalidRequest", {}],
    ["503 / 30014", () => json(503, body(30014)), "Unavailable", { providerCode: 30014 }],
    ["200 / 30016 maintenance", () => json(200, body(30016)), "Unavailable", {}],
    ["503 / 30018", () => json(503, body(30018)), "Unavailable", {}],
    ["500 HTML", () => text(500, "<html/>"), "Unavailable", { status: 500 }],
    ["403 Cloudflare HTML", () => text(403, "<html>error 1010</html>"), "Unavailable", { status: 403 }],
    ["400 not JSON", () => text(400, "bad"), "MalformedResponse", { excerpt: "bad" }],
    ["200 truncated", () => text(200, "{\"code\":1000,\"data\":[{"), "MalformedResponse", {}],
    ["200 bad amount", () => json(200, { ...documented, data: [{ ...documented.data[0], amount: "1e3" }] }), "MalformedResponse", {}]
  ]
  it.effect.each(cases)("%s", ([, answer, tag, fields]) =>
    Effect.map(page(answer), (outcome) =>
      expectMapped(outcome, { tag, fields, source: "wooxpro.contract-transactions", secret: apiKey })))

  it.effect("a ban lasts until its arrival + Retry-After", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_000_000)
      const { result } = yield* page(() => json(418, body(30017), { "retry-after": "60" }))
      const error = leftOf(result)
      expect(error._tag === "Banned" && error.until !== undefined && Time.toMillis(error.until)).toBe(1_060_000)
    }))

  it.effect("does not retry Unauthorized", () =>
    Effect.gen(function*() {
      const { sent } = yield* page(() => json(401, body(30002)), {}, { ...options, retry: {} })
      expect(sent).toHaveLength(1)
    }))
})

describe("WOO X Pro budget", () => {
  it.effect("re-syncs from X-BM-RateLimit-Remaining (used) and -Limit, then waits for the next window", () =>
    Effect.gen(function*() {
      const http = stub(() =>
        json(200, documented, { "x-bm-ratelimit-remaining": "6", "x-bm-ratelimit-limit": "6", "x-bm-ratelimit-reset": "2" })
      )
      const service = yield* Effect.provide(WooXPro.make(options), http.layer)
      const fiber = yield* Effect.fork(Effect.zip(service.transactionPage({}), service.transactionPage({})))
      yield* TestClock.adjust("1 millis")
      expect(http.sent).toHaveLength(1)
      yield* TestClock.adjust("1998 millis")
      expect(http.sent).toHaveLength(1)
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
      expect(http.sent).toHaveLength(2)
    }))

  it.effect("spends 6 requests per 2 s by default", () =>
    Effect.gen(function*() {
      const http = stub(() => json(200, documented))
      const service = yield* Effect.provide(WooXPro.make(options), http.layer)
      const fiber = yield* Effect.fork(Effect.forEach(Array.from({ length: 8 }), () => service.transactionPage({})))
      yield* TestClock.adjust("1 millis")
      expect(http.sent).toHaveLength(6)
      yield* TestClock.adjust("2 seconds")
      yield* Fiber.join(fiber)
      expect(http.sent).toHaveLength(8)
    }))
})

describe("WOO X Pro local validation sends nothing", () => {
  const invalid: ReadonlyArray<readonly [string, WooXPro.PageQuery]> = [
    ["page_size over 1000", { pageSize: 1001 }],
    ["page_size 0", { pageSize: 0 }],
    ["an unknown flow_type", { flowType: 6 as WooXPro.PageQuery["flowType"] }],
    ["an unknown account", { account: "spot" as WooXPro.PageQuery["account"] }],
    ["an empty symbol", { symbol: "" }],
    ["start after end", { startTime: utc(2000), endTime: utc(1000) }]
  ]
  it.effect.each(invalid)("page: %s", ([, query]) =>
    Effect.gen(function*() {
      const { result, sent } = yield* page(() => json(200, documented), query)
      expect(sent).toHaveLength(0)
      expect(leftOf(result)).toMatchObject({ _tag: "InvalidRequest", local: true })
    }))

  it.effect.each(invalid)("history: %s", ([, query]) =>
    Effect.gen(function*() {
      const http = stub(() => json(200, documented))
      const { endTime, startTime, ...filters } = query
      const result = yield* WooXPro.make(options).pipe(
        Effect.flatMap((s) =>
          Stream.runCollect(s.transactions({ from: startTime ?? utc(0), to: endTime ?? utc(10_000), ...filters }))
        ),
        Effect.either,
        Effect.provide(http.layer)
      )
      expect(http.sent).toHaveLength(0)
      expect(leftOf(result)).toMatchObject({ _tag: "InvalidRequest", local: true })
    }))
})

// A scripted WOO X Pro: answers at most page_size rows of the window, in a shuffled
// order, reading end_time with `bound`.
const windowServer = (rows: ReadonlyArray<typeof documented.data[number]>, bound: "inclusive" | "exclusive", seed: number) =>
  stub((sent) => {
    const q = sent.url.searchParams
    const start = Number(q.get("start_time"))
    const end = Number(q.get("end_time"))
    const size = Number(q.get("page_size") ?? "100")
    const inside = rows.filter((r) => Number(r.time) >= start && (bound === "inclusive" ? Number(r.time) <= end : Number(r.time) < end))
    const shuffled = [...inside].sort((a, b) => ((Number(a.tran_id) * 7919 + seed) % 101) - ((Number(b.tran_id) * 7919 + seed) % 101))
    return json(200, { code: 1000, message: "Ok", data: shuffled.slice(0, size), trace: "t" })
  })

const rowAt = (time: number, i: number, type = "Funding Fee", tranId = 1000 + i) => ({
  symbol: "BTCUSDT",
  type,
  amount: "-0.1",
  asset: "USDT",
  account: "futures",
  time: time.toString(),
  tran_id: tranId.toString()
})

describe("WOO X Pro walking (stubbed)", () => {
  it.effect.prop(
    "delivers every row of [from, to) once, under either end rule, when no millisecond holds a full page",
    [
      // A page size, and times each shared by fewer rows than one page holds, spaced so
      // that no ask (one millisecond wider on both sides) holds a page either.
      fc.integer({ min: 2, max: 12 }).chain((pageSize) =>
        fc.tuple(
          fc.constant(pageSize),
          fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 133 }), fc.integer({ min: 1, max: pageSize - 1 })), {
            maxLength: 60,
            selector: ([t]) => t
          }).map((groups) => groups.map(([t, n]) => [t * 3, n] as const))
        )
      ),
      fc.constantFrom("inclusive" as const, "exclusive" as const),
      fc.integer({ min: 0, max: 400 }),
      fc.integer({ min: 0, max: 400 }),
      fc.nat()
    ],
    ([[pageSize, groups], bound, a, b, seed]) =>
      Effect.gen(function*() {
        const times = groups.flatMap(([t, n]) => Array.from({ length: n }, () => t))
        // Pairs of rows share a tran_id under two types, as the documented example does.
        const rows = times.map((t, i) => rowAt(t, i, i % 2 === 0 ? "Transfer" : "Commission Fee", 1000 + Math.floor(i / 2)))
        const [from, to] = a <= b ? [a, b] : [b, a]
        yield* TestClock.setTime(1_000_000)
        const http = windowServer(rows, bound, seed)
        const out = yield* WooXPro.make({ ...options, endBound: bound, pageSize, budget: { enabled: false } }).pipe(
          Effect.flatMap((s) => Stream.runCollect(s.source.entries({ from: utc(from), to: utc(to) }))),
          Effect.provide(http.layer)
        )
        const got = Chunk.toReadonlyArray(out).map((e) => e.id)
        const expected = rows.filter((r) => Number(r.time) >= from && Number(r.time) < to).map((r) => `${r.type}:${r.tran_id}`)
        expect([...got].sort()).toEqual([...expected].sort())
        expect(new Set(got).size).toBe(got.length)
      }),
    { fastCheck: { numRuns: propRuns(100) } }
  )

  it.effect("fails with IncompletePagination near the millisecond that holds a full page", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_000_000)
      const rows = [rowAt(5, 0), ...Array.from({ length: 4 }, (_, i) => rowAt(77, i + 1)), rowAt(90, 9)]
      const http = windowServer(rows, "inclusive", 1)
      const result = yield* WooXPro.make({ ...options, pageSize: 4, budget: { enabled: false } }).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.transactions({ from: utc(0), to: utc(100) }))),
        Effect.either,
        Effect.provide(http.layer)
      )
      const error = leftOf(result)
      expect(error._tag).toBe("IncompletePagination")
      // Each ask is one millisecond wider on both sides, so the first full one is at 76.
      expect(error._tag === "IncompletePagination" && error.at !== undefined && Time.toMillis(error.at)).toBe(76)
    }))

  it.effect("freezes the end at the time the stream starts", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(50)
      const http = windowServer([rowAt(10, 0), rowAt(60, 1)], "inclusive", 1)
      const out = yield* WooXPro.make(options).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.transactions({ from: utc(0), to: utc(100) }))),
        Effect.provide(http.layer)
      )
      expect(Chunk.toReadonlyArray(out).map((r) => r.tran_id)).toEqual(["1000"])
      // Asked one millisecond wider than the frozen end (the end bound is undocumented).
      expect(http.sent.every((s) => Number(s.url.searchParams.get("end_time")) <= 51)).toBe(true)
    }))
})

describe("WooXPro secrets", () => {
  it.effect("neither the options nor the service print the secret", () =>
    Effect.gen(function*() {
      const service = yield* Effect.provide(WooXPro.make(options), stub(() => json(200, documented)).layer)
      for (const text of [Inspectable.format(options), JSON.stringify(options), String(options), Inspectable.format(service)]) {
        expect(text).not.toContain(apiKey)
      }
    }))
})

describe("WOO X Pro bounds, whichever way they are read (issue 11)", () => {
  it.effect.each([
    ["[start, end]", true, true],
    ["[start, end)", true, false],
    ["(start, end]", false, true],
    ["(start, end)", false, false]
  ] as const)("a provider reading %s loses no row on any window's edge", ([, startIn, endIn]) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_000_000)
      const rows = Array.from({ length: 100 }, (_, i) => rowAt(i, i))
      const http = stub((sent) => {
        const q = sent.url.searchParams
        const start = Number(q.get("start_time"))
        const end = Number(q.get("end_time"))
        const data = rows.filter((r) => {
          const t = Number(r.time)
          return (startIn ? t >= start : t > start) && (endIn ? t <= end : t < end)
        })
        return json(200, { code: 1000, message: "Ok", data, trace: "t" })
      })
      const out = yield* WooXPro.make({ ...options, maxWindow: Duration.millis(10), budget: { enabled: false } }).pipe(
        Effect.flatMap((s) => Stream.runCollect(s.source.entries({ from: utc(0), to: utc(100) }))),
        Effect.provide(http.layer)
      )
      expect(Chunk.toReadonlyArray(out).map((e) => e.id)).toEqual(rows.map((r) => `${r.type}:${r.tran_id}`))
    }))
})
