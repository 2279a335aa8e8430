import { describe, expect, it } from "@effect/vitest"
import { Amount, Budget, Errors, Json, LedgerEntry, Pagination, Retry, Signing, Time } from "@ledgerkit/core"
import { Array as Arr, BigDecimal, Chunk, DateTime, Duration, Effect, Exit, Option, Redacted, Schema, Stream } from "effect"
import { strict as assert } from "node:assert"
import { readFileSync } from "node:fs"

/** The lines of an example that matter here: no imports, no blank lines, no indentation. */
const meaningful = (code: string): string =>
  code.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("import ")).join("\n")

describe("README.md", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
  const examples = Array.from(readme.matchAll(/^```ts\n([\s\S]*?)^```/gm), (m) => m[1])

  it("every example appears in this file as written, so the tests below run it", () => {
    const self = meaningful(readFileSync(new URL(import.meta.url), "utf8"))
    expect(examples.length).toBe(8)
    for (const example of examples) expect(self).toContain(meaningful(example))
  })

  it("the README's imports name real modules and exports", async () => {
    for (const [, names, from] of readme.matchAll(/^import \{ (.+) \} from "(.+)"$/gm)) {
      const module: Record<string, unknown> = await import(from)
      for (const name of names.split(",").map((n) => n.trim().split(" as ")[0])) {
        expect(module[name], `${name} from ${from}`).toBeDefined()
      }
    }
    for (const [, from] of readme.matchAll(/^import \* as \w+ from "(.+)"/gm)) {
      expect(Object.keys(await import(from)).length, from).toBeGreaterThan(0)
    }
  })
})

describe("README examples", () => {
  it("Amount", async () => {
    const income = Schema.decodeUnknownSync(Amount.DecimalString)("-0.37500000")
    assert.equal(income.scale, 8)
    assert.equal(Schema.encodeSync(Amount.DecimalString)(income), "-0.37500000")
    assert.equal(Amount.format(BigDecimal.make(1n, 18)), "0.000000000000000001")
    for (const bad of ["", "1e3", " 1", "1,5", "NaN", "+-1", "01", ".5"]) {
      assert.throws(() => Schema.decodeUnknownSync(Amount.DecimalString)(bad))
    }

    const fee = Schema.decodeUnknownSync(Amount.DecimalFromNumber)(39.05)
    assert.ok(BigDecimal.equals(fee, Amount.unsafe("39.05")))
    assert.equal(Amount.format(fee), "39.05")
    // Zenlayer's amounts are JSON numbers: parse the body with Json.parse, which keeps each
    // literal's text, and decode with DecimalFromJsonNumber: no digit and no scale is lost.
    const body = Json.parse(`{"amount":12345678.123456789,"refund":39.050}`) as { amount: unknown; refund: unknown }
    assert.equal(Amount.format(Schema.decodeUnknownSync(Amount.DecimalFromJsonNumber)(body.amount)), "12345678.123456789")
    assert.equal(Amount.format(Schema.decodeUnknownSync(Amount.DecimalFromJsonNumber)(body.refund)), "39.050")
  })

  it("Time", async () => {
    const at = Schema.decodeUnknownSync(Time.IsoUtc)("2023-08-15T09:47:01Z")
    assert.equal(Time.toMillis(at), 1692092821000)
    assert.equal(Time.toMillis(Schema.decodeUnknownSync(Time.EpochMillis)(1692092821000)), 1692092821000)
    assert.equal(Schema.encodeSync(Time.EpochMillisString)(at), "1692092821000")
    assert.equal(Schema.encodeSync(Time.WallClockUtc)(at), "2023-08-15 09:47:01")
    assert.throws(() => Schema.decodeUnknownSync(Time.WallClockUtc)("2023-02-30 00:00:00"))

    // A wall clock read in a fixed offset (minutes east of UTC).
    const utcPlus3 = Time.wallClock(180)
    assert.equal(Schema.encodeSync(utcPlus3)(at), "2023-08-15 12:47:01")
  })

  it("Errors", async () => {
    const limited = new Errors.RateLimited({
      source: "binance.um-income",
      status: 429,
      providerCode: -1003,
      retryAfter: Duration.seconds(30)
    })
    assert.equal(limited.message, "binance.um-income: rate limited by the provider (HTTP 429, code -1003); retry after 30s")
    assert.ok(Errors.isTransient(limited))
    assert.deepEqual(Schema.encodeSync(Errors.LedgerError)(limited), {
      _tag: "RateLimited",
      source: "binance.um-income",
      status: 429,
      providerCode: -1003,
      retryAfter: 30000
    })

    const failing: Effect.Effect<string, Errors.LedgerError> = Effect.fail(limited)
    const handled = await Effect.runPromise(
      failing.pipe(Effect.catchTag("RateLimited", (e) => Effect.succeed(`waiting ${Duration.format(e.retryAfter ?? Duration.zero)}`)))
    )
    assert.equal(handled, "waiting 30s")
  })

  it("LedgerEntry", async () => {
    const entry = new LedgerEntry.LedgerEntry({
      source: "binance.um-income",
      id: "TRANSFER:9689322392",
      time: DateTime.unsafeMake("2020-03-13T08:06:14Z"),
      kind: "transfer",
      providerType: "TRANSFER",
      asset: "USDT",
      amount: Amount.unsafe("-0.37500000"),
      status: "succeeded",
      original: { incomeType: "TRANSFER", income: "-0.37500000", tranId: 9689322392 }
    })
    const json = Schema.encodeSync(LedgerEntry.LedgerEntry)(entry)
    assert.equal(json.amount, "-0.37500000")
    assert.equal(json.time, "2020-03-13T08:06:14Z")
    assert.deepEqual(Schema.decodeUnknownSync(LedgerEntry.LedgerEntry)(JSON.parse(JSON.stringify(json))), entry)

    const earlier = new LedgerEntry.LedgerEntry({ ...entry, id: "COMMISSION:1", time: DateTime.unsafeMake(0) })
    assert.deepEqual(Arr.sort([entry, earlier], LedgerEntry.byTime), [earlier, entry])
  })

  it("Pagination", async () => {
    const records = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, time: 1000 + i }))

    const numbered = Pagination.pageNumber({
      source: "example",
      pageSize: 3,
      fetch: (page) => Effect.succeed({ items: records.slice((page - 1) * 3, page * 3), total: records.length })
    })
    assert.equal(Chunk.size(await Effect.runPromise(Stream.runCollect(numbered))), 7)

    const cursored = Pagination.cursor({
      source: "example",
      fetch: (cursor: Option.Option<string>) => {
        const from = Option.match(cursor, { onNone: () => 0, onSome: Number })
        const next = from + 3 < records.length ? Option.some(String(from + 3)) : Option.none()
        return Effect.succeed({ items: records.slice(from, from + 3), next })
      }
    })
    assert.equal(Chunk.size(await Effect.runPromise(Stream.runCollect(cursored))), 7)

    // Only start, end (both inclusive) and a page size: the provider picks which rows to send.
    const windowed = (pageSize: number) =>
      Pagination.timeWindows({
        source: "example",
        range: { start: DateTime.unsafeMake(1000), end: DateTime.unsafeMake(1999) },
        pageSize,
        fetch: (w) =>
          Effect.succeed(
            records.filter((r) => r.time >= DateTime.toEpochMillis(w.start) && r.time <= DateTime.toEpochMillis(w.end))
              .reverse()
              .slice(0, pageSize)
          ),
        timeOf: (r) => DateTime.unsafeMake(r.time),
        keyOf: (r) => r.id
      })
    const walked = await Effect.runPromise(Stream.runCollect(windowed(2)))
    assert.deepEqual(Chunk.toReadonlyArray(walked).map((r) => r.id), records.map((r) => r.id))

    // Three records in one millisecond cannot be proven complete with pages of three.
    const crowded = Pagination.timeWindows({
      source: "example",
      range: { start: DateTime.unsafeMake(0), end: DateTime.unsafeMake(9) },
      pageSize: 3,
      fetch: (w) => Effect.succeed(DateTime.toEpochMillis(w.start) <= 5 && DateTime.toEpochMillis(w.end) >= 5 ? ["a", "b", "c"] : []),
      timeOf: () => DateTime.unsafeMake(5),
      keyOf: (id) => id
    })
    const error = await Effect.runPromise(Effect.flip(Stream.runCollect(crowded)))
    assert.ok(error instanceof Errors.IncompletePagination)
    assert.deepEqual(error.at, DateTime.unsafeMake(5))

    const weeks = Pagination.splitRange(
      { start: DateTime.unsafeMake("2024-01-01T00:00:00Z"), end: DateTime.unsafeMake("2024-01-16T00:00:00Z") },
      { maxSpan: "7 days", end: "exclusive" }
    )
    assert.deepEqual(weeks.map((w) => DateTime.formatIso(w.end)), [
      "2024-01-08T00:00:00.000Z",
      "2024-01-15T00:00:00.000Z",
      "2024-01-16T00:00:00.000Z"
    ])
  })

  it("Budget", async () => {
    const used = await Effect.runPromise(Effect.gen(function*() {
      const budget = yield* Budget.make({ limit: 6000, window: "1 minute" })
      yield* budget.spend(20) // before the call
      yield* budget.report(5480) // after it: X-MBX-USED-WEIGHT-1M
      return yield* budget.used
    }))
    assert.equal(used, 5480)
  })

  it("Retry", async () => {
    let calls = 0
    const flaky = Effect.suspend(() =>
      ++calls < 3 ? Effect.fail(new Errors.Unavailable({ source: "example", reason: "HTTP 502" })) : Effect.succeed("ok")
    )
    assert.equal(await Effect.runPromise(Retry.retry({ base: "1 millis" })(flaky)), "ok")
    assert.equal(calls, 3)

    let tries = 0
    const refused = Effect.suspend(() => (tries++, Effect.fail(new Errors.Unauthorized({ source: "example", status: 401 }))))
    assert.ok(Exit.isFailure(await Effect.runPromiseExit(Retry.retry()(refused))))
    assert.equal(tries, 1)
  })

  it("Signing", async () => {
    // Binance: hex HMAC-SHA256 of the query string.
    const secret = Redacted.make("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")
    const query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
    const signature = Signing.hmacSha256Hex(secret, query)
    assert.equal(signature, "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
    assert.ok(Signing.constantTimeEqual(signature, "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"))

    // Cryptomus: md5 of base64(the exact body sent) + API key.
    assert.equal(Signing.md5Hex(Signing.base64("") + "TESTKEY"), "01a1587d867da225e5102f979b6a73c1")

    // Zenlayer: hex HMAC-SHA256 over a string to sign built from SHA-256 hashes.
    assert.equal(Signing.sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  })

})
