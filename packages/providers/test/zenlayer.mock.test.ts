/**
 * Zenlayer against the mock server's testkit: the documented example, exactly-once
 * walking over generated datasets (both end rules and both orders of the mock), wrong
 * credentials, secrets, and local validation.
 */
import { describe, expect, it } from "@effect/vitest"
import { Amount, Time } from "@ledgerkit/core"
import { Arbitraries, Credentials, Testkit } from "@ledgerkit/mock-server"
import { Chunk, DateTime, Effect, FastCheck as fc, Redacted, Stream, TestClock } from "effect"
import * as Zenlayer from "../src/Zenlayer.js"
import { leftOf, propOptions } from "./httpStub.js"
import { capturingLogs, expectNoSecrets, recordingFetch } from "./mockSupport.js"

const credentials = Credentials.defaults.zenlayer
const clientFor = (baseUrl: string, overrides: Partial<Zenlayer.Options> = {}) =>
  Zenlayer.make({
    accessKeyId: credentials.accessKeyId,
    accessKeyPassword: credentials.accessKeyPassword,
    apiUrl: baseUrl,
    ...overrides
  })

const anchor = Date.UTC(2024, 5, 1)

describe("Zenlayer against the mock", () => {
  it.effect("the documented request returns the documented response, decoded exactly", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const zenlayer = yield* Effect.provide(clientFor(mock.baseUrl), http.layer)
      const page = yield* zenlayer.rechargeRefundPage({
        endTime: DateTime.unsafeMake("2023-09-05T14:26:18Z"),
        startTime: DateTime.unsafeMake("2023-08-05T14:26:18Z"),
        pageSize: 10,
        pageNum: 1,
        state: ["PAY_SUCCESS"]
      })
      expect(page.requestId).toBe("TB11F9883-9134-460B-AA54-7079B3DAD308")
      expect(page.totalCount).toBe(1)
      const [record] = page.dataSet
      expect([
        record.transactionType,
        Amount.format(record.amount),
        record.paymentMethod,
        record.state,
        Time.formatIso(record.transactionTime),
        record.accountUid,
        record.transactionId
      ]).toEqual([
        "ORDER_REFUND",
        "39.05",
        "REFUND",
        "PAY_SUCCESS",
        "2023-08-15T09:47:01Z",
        "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
        "10000000893685"
      ])
      expect(http.sent).toHaveLength(1)
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("the source gives the documented record as a ledger entry", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const zenlayer = yield* Effect.provide(clientFor(mock.baseUrl), recordingFetch().layer)
      const entries = yield* Stream.runCollect(zenlayer.source.entries({
        from: DateTime.unsafeMake("2023-08-01T00:00:00Z"),
        to: DateTime.unsafeMake("2023-09-01T00:00:00Z")
      }))
      expect(Chunk.toReadonlyArray(entries).map((e) => [e.id, e.kind, e.status, Amount.format(e.amount), e.asset]))
        .toEqual([["10000000893685", "refund", "succeeded", "39.05", "USD"]])
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect.prop(
    "delivers every record of [from, to) exactly once, amounts digit for digit (up to 30 digits, trailing zeros), for any page size, end rule and order",
    [
      fc.integer({ min: 0, max: 150 }).chain((rows) => Arbitraries.zenlayerRecords({ rows, anchor, spanMillis: 3_600_000 })),
      fc.integer({ min: 1, max: 40 }),
      fc.constantFrom("inclusive" as const, "exclusive" as const),
      fc.constantFrom("asc" as const, "desc" as const),
      fc.integer({ min: 0, max: 3_600_000 }),
      fc.integer({ min: 0, max: 3_600_000 })
    ],
    ([records, pageSize, endBound, order, a, b]) =>
      Effect.gen(function*() {
        yield* TestClock.setTime(anchor)
        const mock = yield* Testkit.MockServer
        yield* mock.state.setRecords("zenlayer.recharge-refund", records)
        yield* mock.state.patchSettings({
          endBound: { "zenlayer.recharge-refund": endBound },
          order: { "zenlayer.recharge-refund": order }
        })
        const zenlayer = yield* Effect.provide(clientFor(mock.baseUrl, { pageSize }), recordingFetch().layer)
        const from = anchor - 3_600_000 + Math.min(a, b)
        const to = anchor - 3_600_000 + Math.max(a, b)
        const entries = Chunk.toReadonlyArray(yield* Stream.runCollect(zenlayer.source.entries({
          from: DateTime.unsafeMake(from),
          to: DateTime.unsafeMake(to)
        })))
        const got = entries.map((e) => e.id)
        const kept = records.filter((r) => {
          const t = Date.parse(r.transactionTime)
          return t >= from && t < to
        })
        const expected = kept.map((r) => r.transactionId)
        expect(new Set(got).size).toBe(got.length)
        expect([...got].sort()).toEqual([...expected].sort())
        // The wire literal, exactly: a refund is negative in the ledger, its digits untouched.
        const literalOf = new Map(kept.map((r) => [r.transactionId, r.amount]))
        for (const e of entries) expect(Amount.format(e.amount).replace(/^-/, "")).toBe(literalOf.get(e.id))
      }).pipe(Effect.provide(Testkit.layer())),
    propOptions(20)
  )

  it.effect("wrong credentials give Unauthorized, sent once, and no secret in the error or the logs", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const wrong = "not-the-zenlayer-password-4242"
      const zenlayer = yield* Effect.provide(clientFor(mock.baseUrl, { accessKeyPassword: Redacted.make(wrong) }), http.layer)
      const { exit, lines } = yield* capturingLogs(Effect.either(zenlayer.rechargeRefundPage({})))
      const result = yield* exit
      const error = leftOf(result)
      expect(error).toMatchObject({ _tag: "Unauthorized", providerCode: "SIGNATURE_FAILURE", status: 401 })
      expect(http.sent).toHaveLength(1)
      expectNoSecrets(
        [error.message, JSON.stringify(error), String(error), ...lines, JSON.stringify(http.sent)],
        [wrong, Redacted.value(credentials.accessKeyPassword)]
      )
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("an unknown key id gives Unauthorized", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const zenlayer = yield* Effect.provide(clientFor(mock.baseUrl, { accessKeyId: "nobody" }), recordingFetch().layer)
      const error = leftOf(yield* Effect.either(zenlayer.rechargeRefundPage({})))
      expect(error).toMatchObject({ _tag: "Unauthorized", providerCode: "ACCESS_KEY_NOT_FOUND" })
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("a clock 10 minutes off gives ClockSkew, not retried", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      yield* mock.clock.pin(anchor + 600_000)
      yield* TestClock.setTime(anchor)
      const http = recordingFetch()
      const zenlayer = yield* Effect.provide(clientFor(mock.baseUrl), http.layer)
      const error = leftOf(yield* Effect.either(zenlayer.rechargeRefundPage({})))
      expect(error).toMatchObject({ _tag: "ClockSkew", providerCode: "SIGNATURE_EXPIRED" })
      expect(http.sent).toHaveLength(1)
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("local validation sends nothing", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(anchor)
      const mock = yield* Testkit.MockServer
      const http = recordingFetch()
      const zenlayer = yield* Effect.provide(clientFor(mock.baseUrl), http.layer)
      const errors = yield* Effect.all([
        Effect.flip(zenlayer.rechargeRefundPage({ pageSize: 5001 })),
        Effect.flip(Stream.runCollect(zenlayer.rechargeRefunds({ state: ["NOPE" as "PAYING"] }))),
        Effect.flip(Stream.runCollect(zenlayer.source.entries({ from: DateTime.unsafeMake(2), to: DateTime.unsafeMake(1) })))
      ])
      for (const error of errors) expect(error).toMatchObject({ _tag: "InvalidRequest", local: true })
      expect(http.sent).toHaveLength(0)
    }).pipe(Effect.provide(Testkit.layer())))
})
