/**
 * Issue 11: Zenlayer's amounts are JSON numbers, and they arrive exactly. `JSON.parse`
 * read them through a double (`12345678.123456789` became `12345678.12345679`,
 * `9007199254740993` became `…992`, `39.050` lost its scale); the body is now parsed with
 * number literals kept as their text. Against the mock, which writes the literals as
 * uploaded.
 */
import { describe, expect, it } from "@effect/vitest"
import { Amount, LedgerEntry } from "@ledgerkit/core"
import { Credentials, Testkit } from "@ledgerkit/mock-server"
import { BigDecimal, Chunk, DateTime, Effect, FastCheck as fc, Schema, Stream, TestClock } from "effect"
import * as Zenlayer from "../src/Zenlayer.js"
import { propOptions } from "./httpStub.js"
import { recordingFetch } from "./mockSupport.js"

const credentials = Credentials.defaults.zenlayer
const anchor = Date.UTC(2024, 5, 1)

const record = (i: number, amount: string) => ({
  transactionType: "RECHARGE",
  amount,
  paymentMethod: "CARD",
  state: "PAY_SUCCESS" as const,
  transactionTime: new Date(anchor - 60_000 + i * 1000).toISOString().replace(".000Z", "Z"),
  accountUid: "cccbf4c0-12ab-417a-95ba-0bf8e60a55d1",
  transactionId: String(10_000_000_000_000 + i)
})

/** The amounts the mock serves for `literals`, as the client decodes them. */
const served = (literals: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(anchor)
    const mock = yield* Testkit.MockServer
    yield* mock.state.setRecords("zenlayer.recharge-refund", literals.map((a, i) => record(i, a)))
    const zenlayer = yield* Effect.provide(
      Zenlayer.make({ accessKeyId: credentials.accessKeyId, accessKeyPassword: credentials.accessKeyPassword, apiUrl: mock.baseUrl }),
      recordingFetch().layer
    )
    const entries = Chunk.toReadonlyArray(yield* Stream.runCollect(zenlayer.source.entries({
      from: DateTime.unsafeMake(anchor - 120_000),
      to: DateTime.unsafeMake(anchor)
    })))
    return [...entries].sort((a, b) => a.id.localeCompare(b.id))
  })

describe("Zenlayer amounts, digit for digit (issue 11)", () => {
  it.effect("12345678.123456789, 9007199254740993 and 39.050 arrive exactly, scale kept", () =>
    Effect.gen(function*() {
      const literals = ["12345678.123456789", "9007199254740993", "39.050"]
      const entries = yield* served(literals)
      expect(entries.map((e) => Amount.format(e.amount))).toStrictEqual(literals)
      // `original` stays JSON-safe and exact: an amount no double writes is its exact text.
      const written = entries.map((e) =>
        (JSON.parse(JSON.stringify(Schema.encodeSync(LedgerEntry.LedgerEntry)(e))).original as { amount: unknown }).amount
      )
      expect(written).toStrictEqual(literals)
    }).pipe(Effect.provide(Testkit.layer())))

  // Up to 30 significant digits and up to 18 decimals, trailing zeros likely.
  const literals = fc.array(
    fc.tuple(
      fc.bigInt({ min: 0n, max: 10n ** 30n - 1n }),
      fc.integer({ min: 0, max: 18 }),
      fc.integer({ min: 0, max: 4 })
    ).map(([value, scale, zeros]) => Amount.format(BigDecimal.make(value * 10n ** BigInt(zeros), scale))),
    { minLength: 1, maxLength: 30 }
  )

  it.effect.prop("any amount of up to 30 digits, trailing zeros included, arrives as written", [literals], ([amounts]) =>
    Effect.gen(function*() {
      const entries = yield* served(amounts)
      expect(entries.map((e) => Amount.format(e.amount))).toStrictEqual(amounts)
    }).pipe(Effect.provide(Testkit.layer())), propOptions(20))
})
