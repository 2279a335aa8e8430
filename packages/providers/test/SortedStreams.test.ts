import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Either, FastCheck as fc, Order, Stream } from "effect"
import { mergeSorted, sortEach } from "../src/SortedStreams.js"

const runs = Number(process.env.LEDGERKIT_PROP_RUNS ?? 200)

interface Item {
  readonly t: number
  readonly input: number
  readonly seq: number
}
const byTime = Order.mapInput(Order.number, (i: Item) => i.t)

// A sorted input, delivered in chunks of arbitrary sizes (empty chunks included).
const input = (index: number) =>
  fc.tuple(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 10 }))
    .map(([times, cuts]) => {
      const items = times.sort((a, b) => a - b).map((t, seq): Item => ({ t, input: index, seq }))
      const chunks: Array<Chunk.Chunk<Item>> = []
      let at = 0
      for (let c = 0; at < items.length; c++) {
        // A cut of 0 gives an empty chunk; every other chunk advances, so this ends.
        const size = cuts[c % cuts.length] || c % 2
        chunks.push(Chunk.fromIterable(items.slice(at, at + size)))
        at += size
      }
      return { items, stream: Stream.fromChunks(...chunks) }
    })

describe("mergeSorted", () => {
  it.effect.prop(
    "emits every element of every input once, in order, ties to the earlier input",
    [fc.integer({ min: 0, max: 5 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => input(i))))],
    ([inputs]) =>
      Effect.gen(function*() {
        const merged = Chunk.toReadonlyArray(yield* Stream.runCollect(mergeSorted(inputs.map((i) => i.stream), byTime)))
        const expected = inputs.flatMap((i) => i.items).sort((a, b) => a.t - b.t || a.input - b.input || a.seq - b.seq)
        expect(merged).toEqual(expected)
      }),
    { fastCheck: { numRuns: runs } }
  )

  it.effect("fails with the first failing input's error", () =>
    Effect.gen(function*() {
      const ok = Stream.fromIterable<Item>([{ t: 1, input: 0, seq: 0 }, { t: 5, input: 0, seq: 1 }])
      const failing = Stream.concat(Stream.fromIterable<Item>([{ t: 2, input: 1, seq: 0 }]), Stream.fail("boom"))
      const result = yield* Stream.runCollect(mergeSorted([ok, failing], byTime)).pipe(Effect.either)
      expect(result).toEqual(Either.left("boom"))
    }))

  it.effect("pulls lazily: an infinite sorted input merges with a finite one", () =>
    Effect.gen(function*() {
      const naturals = Stream.iterate(0, (n) => n + 1).pipe(Stream.map((t): Item => ({ t, input: 0, seq: t })))
      const evens = Stream.range(0, 4).pipe(Stream.map((n): Item => ({ t: n * 2, input: 1, seq: n })))
      const first = yield* Stream.runCollect(mergeSorted([naturals, evens], byTime).pipe(Stream.take(6)))
      expect(Chunk.toReadonlyArray(first).map((i) => `${i.t}/${i.input}`)).toEqual(["0/0", "0/1", "1/0", "2/0", "2/1", "3/0"])
    }))
})

describe("sortEach", () => {
  it.effect.prop(
    "sorts each window and keeps windows in order",
    [fc.array(fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 30 }), { maxLength: 8 })],
    ([groups]) =>
      Effect.gen(function*() {
        // Window w holds times in [100w, 100w + 99], delivered unsorted.
        const windows = Stream.fromIterable(groups.map((g, w) => ({ w, times: g.map((t) => 100 * w + t) })))
        const out = yield* Stream.runCollect(
          sortEach(windows, ({ times, w }) => Stream.fromIterable(times.map((t, seq): Item => ({ t, input: w, seq }))), byTime)
        )
        const times = Chunk.toReadonlyArray(out).map((i) => i.t)
        expect(times).toEqual(groups.flatMap((g, w) => g.map((t) => 100 * w + t)).sort((a, b) => a - b))
      }),
    { fastCheck: { numRuns: runs } }
  )
})
