import { describe, expect, it } from "@effect/vitest"
import { Amount, Errors, LedgerEntry } from "@ledgerkit/core"
import { HttpClient, HttpClientError } from "@effect/platform"
import { Chunk, ConfigProvider, DateTime, Effect, Either, FastCheck as fc, Layer, Stream } from "effect"
import * as Ledger from "../src/Ledger.js"
import type * as Source from "../src/Source.js"

const runs = { fastCheck: { numRuns: Number(process.env.LEDGERKIT_PROP_RUNS ?? 50) } }

const hour = 3_600_000
const day = 24 * hour
const from = Date.UTC(2024, 0, 1)

const entry = (source: string, id: string, millis: number, amount = "1.50"): LedgerEntry.LedgerEntry =>
  new LedgerEntry.LedgerEntry({
    source,
    id,
    time: DateTime.unsafeMake(millis),
    kind: "payment",
    providerType: "TEST",
    asset: "USDT",
    amount: Amount.unsafe(amount),
    status: "succeeded",
    original: { id }
  })

interface Fake {
  readonly source: Source.Source
  /** The ranges `entries` was called with, as [from, to) millis. */
  readonly asked: Array<readonly [number, number]>
}

// A source answering from memory in time order (as every source does), entries of one
// instant in a scrambled order, in chunks of three.
const fake = (id: Source.SourceId, all: ReadonlyArray<LedgerEntry.LedgerEntry>): Fake => {
  const asked: Array<readonly [number, number]> = []
  const source: Source.Source = {
    id,
    entries: (range) =>
      Stream.suspend(() => {
        const lo = DateTime.toEpochMillis(range.from)
        const hi = DateTime.toEpochMillis(range.to)
        asked.push([lo, hi])
        const inRange = all.filter((e) => {
          const t = DateTime.toEpochMillis(e.time)
          return t >= lo && t < hi
        })
        const scrambled = inRange.map((e, i) => [(i * 7919) % (inRange.length + 3), e] as const)
          .sort((a, b) => a[0] - b[0]).map(([, e]) => e)
          .sort((a, b) => DateTime.toEpochMillis(a.time) - DateTime.toEpochMillis(b.time))
        return Stream.fromIterable(scrambled).pipe(Stream.rechunk(3))
      })
  }
  return { source, asked }
}

const ids: ReadonlyArray<Source.SourceId> = ["binance.um-income", "cryptomus.transactions", "zenlayer.recharge-refund"]

// Entries of up to three sources over a few days, many sharing one millisecond, ids
// shared across sources.
const histories = fc.array(
  fc.array(fc.tuple(fc.integer({ min: 0, max: 4 * day - 1 }), fc.boolean()), { maxLength: 40 }),
  { minLength: 1, maxLength: 3 }
).map((perSource) =>
  perSource.map((times, s) => {
    const id = ids[s]
    // Half of the times collapse onto a few instants, to exercise ties.
    return times.map(([t, tie], n) => entry(id, `e${(n * 37) % 101}-${n}`, from + (tie ? t - (t % (6 * hour)) : t)))
  })
)

const range = { from: DateTime.unsafeMake(from), to: DateTime.unsafeMake(from + 4 * day) }
// No window (one walk per source, the default), or windows of a few hours to a day.
const windows = fc.option(fc.integer({ min: 3, max: 24 }).map((h) => h * hour), { nil: undefined })
const sortedByTime = (all: ReadonlyArray<LedgerEntry.LedgerEntry>) => [...all].sort(LedgerEntry.byTime)
const collect = <E>(stream: Stream.Stream<LedgerEntry.LedgerEntry, E>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

describe("Ledger", () => {
  it.effect.prop("time order: every entry of every source once, in byTime order", [histories, windows], ([perSource, window]) =>
    Effect.gen(function*() {
      const ledger = Ledger.make(perSource.map((all, s) => fake(ids[s], all).source))
      const out = yield* collect(ledger.entries(range, { window }))
      expect(out).toEqual(sortedByTime(perSource.flat()))
    }), runs)

  it.effect.prop("source order: each source in time order, one after another", [histories, windows], ([perSource, window]) =>
    Effect.gen(function*() {
      const ledger = Ledger.make(perSource.map((all, s) => fake(ids[s], all).source))
      const out = yield* collect(ledger.entries(range, { order: "source", window }))
      expect(out).toEqual(perSource.flatMap(sortedByTime))
    }), runs)

  it.effect.prop(
    "resume after any position: exactly the rest, walking again from the position's time (or the window holding it)",
    [histories, fc.nat(), fc.constantFrom<Ledger.Order>("time", "source"), windows],
    ([perSource, cut, order, window]) =>
      Effect.gen(function*() {
        const full = yield* collect(Ledger.make(perSource.map((all, s) => fake(ids[s], all).source)).entries(range, { order, window }))
        if (full.length === 0) return
        const at = cut % full.length
        const fakes = perSource.map((all, s) => fake(ids[s], all))
        const after = Ledger.positionOf(full[at])
        const rest = yield* collect(Ledger.make(fakes.map((f) => f.source)).entries(range, { order, window, after }))
        expect(rest).toEqual(full.slice(at + 1))
        // Refetched from the window holding the position: every source in time order; in
        // source order the position's source, and nothing of the sources before it.
        const atMillis = DateTime.toEpochMillis(after.time)
        const holding = window === undefined ? atMillis : from + Math.floor((atMillis - from) / window) * window
        const resumed = ids.indexOf(after.source as Source.SourceId)
        fakes.forEach((f, s) => {
          if (order === "source" && s < resumed) expect(f.asked).toEqual([])
          if (order === "time" || s === resumed) for (const [lo] of f.asked) expect(lo).toBeGreaterThanOrEqual(holding)
        })
      }),
    runs
  )

  it.effect("merges lazily: the first entries need only the first windows", () =>
    Effect.gen(function*() {
      const year = Array.from({ length: 365 }, (_, d) => d)
      const fakes = ids.map((id, s) => fake(id, year.map((d) => entry(id, `d${d}`, from + d * day + s * hour))))
      const longRange = { from: range.from, to: DateTime.unsafeMake(from + 365 * day) }
      const first = yield* collect(Ledger.make(fakes.map((f) => f.source)).entries(longRange).pipe(Stream.take(4)))
      expect(first.map((e) => `${e.source}/${e.id}`)).toEqual([
        "binance.um-income/d0",
        "cryptomus.transactions/d0",
        "zenlayer.recharge-refund/d0",
        "binance.um-income/d1"
      ])
      // A few windows ahead at most (the one merged, the prefetch buffer, one being
      // offered to it), not the year.
      for (const f of fakes) expect(f.asked.length).toBeLessThanOrEqual(4)
      const onDemand = ids.map((id, s) => fake(id, year.map((d) => entry(id, `d${d}`, from + d * day + s * hour))))
      yield* collect(Ledger.make(onDemand.map((f) => f.source)).entries(longRange, { prefetch: 0 }).pipe(Stream.take(4)))
      for (const f of onDemand) expect(f.asked.length).toBeLessThanOrEqual(2)
    }))

  it.effect("keeps exact amounts and the error's source id", () =>
    Effect.gen(function*() {
      const ok = fake("binance.um-income", [entry("binance.um-income", "a", from + 1, "-0.000000000000000001")])
      const refused = new Errors.Unauthorized({ source: "cryptomus.transactions", providerCode: 401, providerMessage: "bad key" })
      const failing: Source.Source = { id: "cryptomus.transactions", entries: () => Stream.fail(refused) }
      const ledger = Ledger.make([ok.source, failing])
      const result = yield* Effect.either(collect(ledger.entries(range)))
      expect(result).toEqual(Either.left(refused))
      const onlyOk = yield* collect(ledger.entries(range, { sources: ["binance.um-income"] }))
      expect(onlyOk.map((e) => Amount.format(e.amount))).toEqual(["-0.000000000000000001"])
    }))

  it.effect("the first error of any source ends the merge, even while another source is still fetching", () =>
    Effect.gen(function*() {
      const slow: Source.Source = { id: "binance.um-income", entries: () => Stream.never }
      const refused = new Errors.HistoryUnavailable({
        source: "zenlayer.recharge-refund",
        requestedFrom: range.from,
        earliest: range.to,
        reason: "test"
      })
      const failing: Source.Source = { id: "zenlayer.recharge-refund", entries: () => Stream.fail(refused) }
      const result = yield* Effect.either(collect(Ledger.make([slow, failing]).entries(range)))
      expect(result).toEqual(Either.left(refused))
    }))

  it.effect("refuses bad arguments before asking any source", () =>
    Effect.gen(function*() {
      const f = fake("binance.um-income", [])
      const ledger = Ledger.make([f.source])
      const reasons = yield* Effect.forEach([
        ledger.entries({ from: range.to, to: range.from }),
        ledger.entries(range, { sources: ["wooxpro.contract-transactions"] }),
        ledger.entries(range, { sources: ["binance.um-income", "binance.um-income"] }),
        ledger.entries(range, { window: 0 }),
        ledger.entries(range, { order: "source", after: { time: range.from, source: "cryptomus.transactions", id: "x" } })
      ], (stream) => Effect.flip(collect(stream)))
      expect(reasons.map((e) => e._tag === "InvalidRequest" && e.local)).toEqual([true, true, true, true, true])
      expect(reasons[1].message).toContain("wooxpro.contract-transactions is not configured")
      expect(f.asked).toEqual([])
    }))

  it.effect("a source that goes back in time fails the walk with IncompletePagination naming it", () =>
    Effect.gen(function*() {
      const backwards: Source.Source = {
        id: "binance.um-income",
        entries: () => Stream.make(entry("binance.um-income", "late", from + hour), entry("binance.um-income", "early", from))
      }
      const result = yield* Effect.either(collect(Ledger.make([backwards]).entries(range)))
      expect(Either.isLeft(result) && result.left._tag).toBe("IncompletePagination")
      expect(Either.isLeft(result) && result.left.message).toContain("entry early at 2024-01-01T00:00:00.000Z came after late")
    }))

  it.effect("an empty range gives nothing and asks nothing", () =>
    Effect.gen(function*() {
      const f = fake("binance.um-income", [entry("binance.um-income", "a", from)])
      const out = yield* collect(Ledger.make([f.source]).entries({ from: range.from, to: range.from }))
      expect(out).toEqual([])
      expect(f.asked).toEqual([])
    }))
})

describe("Ledger.layerConfig", () => {
  // Building sources sends nothing: a client that fails every request proves it.
  const noNetwork = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", description: "no network in this test" }))
    )
  )
  const ledgerWith = (variables: Record<string, string>) =>
    Effect.map(Ledger.Ledger, (ledger) => ledger.sources.map((s) => s.id)).pipe(
      Effect.provide(Ledger.layerConfig().pipe(Layer.provide(noNetwork))),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(variables))))
    )

  it.effect("takes every provider whose credentials are set, in the order of the source ids", () =>
    Effect.gen(function*() {
      expect(yield* ledgerWith({})).toEqual([])
      expect(yield* ledgerWith({ ZENLAYER_ACCESS_KEY_ID: "id", ZENLAYER_ACCESS_KEY_PASSWORD: "pw" })).toEqual([
        "zenlayer.recharge-refund"
      ])
      const all = {
        BINANCE_API_KEY: "k",
        BINANCE_API_SECRET: "s",
        ZENLAYER_ACCESS_KEY_ID: "id",
        ZENLAYER_ACCESS_KEY_PASSWORD: "pw",
        WOOXPRO_API_KEY: "w",
        CRYPTOMUS_USER_ID: "u",
        CRYPTOMUS_API_KEY: "c"
      }
      expect(yield* ledgerWith(all)).toEqual(Ledger.providers.flatMap((p) => p.sources))
    }))

  it.effect("a half-configured provider is an error naming the missing variable", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ledgerWith({ BINANCE_API_KEY: "k" }))
      expect(String(error)).toContain("BINANCE_API_SECRET")
    }))
})
