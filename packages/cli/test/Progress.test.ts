import { HttpClient, HttpClientError, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as Progress from "../src/Progress.js"

// A provider that answers each request with the next of `statuses` (0: the connection drops).
const scripted = (statuses: ReadonlyArray<number>) => {
  let n = 0
  return HttpClient.make((request) => {
    const status = statuses[n++] ?? 200
    return status === 0
      ? Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", description: "socket hang up" }))
      : Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{}", { status, headers: status === 429 ? { "retry-after": "3" } : {} })))
  })
}

const capture = (tty: boolean) => {
  let text = ""
  return {
    output: () => text,
    progress: Progress.make({ tty, interval: "10 seconds", write: (t) => Effect.sync(() => void (text += t)) })
  }
}

describe("Progress", () => {
  it.effect("counts pages, rate-limit waits and retries per source from the wire", () =>
    Effect.gen(function*() {
      const { output, progress: make } = capture(false)
      const progress = yield* make
      const client = Progress.instrument(progress)(scripted([200, 429, 200, 503, 0, 200, 200]))
      const woo = HttpClientRequest.get("http://127.0.0.1:4010/contract/private/transaction-history?start_time=1")
      const zen = HttpClientRequest.post("http://127.0.0.1:4010/api/v2/zbc")
      for (const request of [woo, woo, woo, zen, zen, zen, zen]) yield* Effect.ignore(client.execute(request))
      yield* progress.records("wooxpro.contract-transactions", 7)
      yield* progress.done
      const counters = yield* progress.counters
      expect(Object.fromEntries(counters)).toEqual({
        "wooxpro.contract-transactions": { records: 7, pages: 2, rateLimited: 1, retries: 1 },
        "zenlayer.recharge-refund": { records: 0, pages: 2, rateLimited: 0, retries: 2 }
      })
      expect(output().split("\n")).toEqual([
        "ledgerkit: wooxpro.contract-transactions 0 records, 1 page",
        "ledgerkit: wooxpro.contract-transactions: rate limited (HTTP 429, Retry-After 3s); waiting",
        "ledgerkit: wooxpro.contract-transactions: retrying",
        "ledgerkit: zenlayer.recharge-refund: HTTP 503 from the provider",
        "ledgerkit: zenlayer.recharge-refund: retrying",
        "ledgerkit: zenlayer.recharge-refund: connection failed (Transport: socket hang up (POST http://127.0.0.1:4010/api/v2/zbc))",
        "ledgerkit: zenlayer.recharge-refund: retrying",
        "ledgerkit: wooxpro.contract-transactions 7 records, 2 pages, 1 rate-limit wait, 1 retry; zenlayer.recharge-refund 0 records, 2 pages, 2 retries",
        ""
      ])
    }))

  it.effect("plain lines print the status at most once per interval", () =>
    Effect.gen(function*() {
      const { output, progress: make } = capture(false)
      const progress = yield* make
      for (let i = 0; i < 5; i++) yield* progress.page("cryptomus.transactions")
      yield* TestClock.adjust("10 seconds")
      yield* progress.page("cryptomus.transactions")
      expect(output()).toBe(
        "ledgerkit: cryptomus.transactions 0 records, 1 page\nledgerkit: cryptomus.transactions 0 records, 6 pages\n"
      )
    }))

  it.effect("on a terminal, one status line is redrawn in place and events go above it", () =>
    Effect.gen(function*() {
      const { output, progress: make } = capture(true)
      const progress = yield* make
      yield* progress.page("binance.um-income")
      yield* progress.rateLimited("binance.um-income", "rate limited (HTTP 429); waiting")
      yield* progress.done
      yield* progress.note("wrote 0 records to stdout")
      expect(output()).toBe(
        "ledgerkit: binance.um-income 0 records, 1 page" +
          "\r\x1b[2Kledgerkit: binance.um-income: rate limited (HTTP 429); waiting\n" +
          "ledgerkit: binance.um-income 0 records, 1 page, 1 rate-limit wait" +
          "\r\x1b[2Kledgerkit: binance.um-income 0 records, 1 page, 1 rate-limit wait\n" +
          "ledgerkit: wrote 0 records to stdout\n"
      )
    }))
})
