/**
 * Time order with bounded memory: a k-way merge of streams that are each already in
 * order, and per-window sorting for sources whose provider does not promise an order.
 *
 * @since 0.1.0
 */
import { Chunk, Effect, Option, Order, Stream } from "effect"

/**
 * Merges streams that are each sorted by `order` into one sorted stream, holding at
 * most one pulled chunk per input. Ties go to the earlier input.
 *
 * @since 0.1.0
 * @category combinators
 */
export const mergeSorted = <A, E, R>(
  streams: ReadonlyArray<Stream.Stream<A, E, R>>,
  order: Order.Order<A>
): Stream.Stream<A, E, R> =>
  Stream.fromPull(Effect.gen(function*() {
    const pulls = yield* Effect.forEach(streams, Stream.toPull)
    // Per input: the pulled elements not yet emitted, or null once it has ended.
    const buffers: Array<{ items: ReadonlyArray<A>; index: number } | null> = pulls.map(() => ({ items: [], index: 0 }))

    // Pulls every live input whose buffer is empty; an input ends on `None`.
    const refill = Effect.forEach(pulls, (pull, i) => {
      const buffer = buffers[i]
      if (buffer === null || buffer.index < buffer.items.length) return Effect.void
      return pull.pipe(
        Effect.map((chunk) => {
          buffers[i] = { items: Chunk.toReadonlyArray(chunk), index: 0 }
        }),
        Effect.catchAll(Option.match({
          onNone: () => Effect.sync(() => { buffers[i] = null }),
          onSome: (e) => Effect.fail(Option.some(e))
        }))
      )
    }, { discard: true })

    const allReady = () => buffers.every((b) => b === null || b.index < b.items.length)

    // Emits in order until some input's buffer runs dry (it must be pulled before the
    // next element can be chosen).
    const drain = (): Chunk.Chunk<A> => {
      const out: Array<A> = []
      while (allReady()) {
        let best = -1
        for (let i = 0; i < buffers.length; i++) {
          const b = buffers[i]
          if (b === null) continue
          if (best === -1 || order(b.items[b.index], buffers[best]!.items[buffers[best]!.index]) < 0) best = i
        }
        if (best === -1) break
        const b = buffers[best]!
        out.push(b.items[b.index])
        b.index++
      }
      return Chunk.unsafeFromArray(out)
    }

    const pull: Effect.Effect<Chunk.Chunk<A>, Option.Option<E>, R> = Effect.suspend(() =>
      Effect.flatMap(refill, () => {
        if (buffers.every((b) => b === null)) return Effect.fail(Option.none())
        // An input may answer an empty chunk: pull again rather than end.
        return allReady() ? Effect.succeed(drain()) : pull
      })
    )
    return pull
  }))

/**
 * Sorts a stream whose order is unknown, window by window: `windows` yields consecutive,
 * non-overlapping groups (for example the records of one day) and each group is sorted
 * before it is emitted. Memory is bounded by the largest group.
 *
 * @since 0.1.0
 * @category combinators
 */
export const sortEach = <W, A, E, R>(
  windows: Stream.Stream<W, E, R>,
  fetch: (window: W) => Stream.Stream<A, E, R>,
  order: Order.Order<A>
): Stream.Stream<A, E, R> =>
  Stream.flatMap(
    windows,
    (window) =>
      Stream.unwrap(
        Effect.map(Stream.runCollect(fetch(window)), (chunk) => Stream.fromChunk(Chunk.sort(chunk, order)))
      )
  )

/**
 * Completes the order of a stream that is already in order by a coarser key (`group`,
 * for example the time of a ledger entry): the elements of each run of equal `group` are
 * sorted by `order`. Memory holds one run. An element whose `group` is before the one
 * preceding it fails with `outOfOrder`.
 *
 * @since 0.2.0
 * @category combinators
 */
export const sortRuns = <A, E, R, E2>(
  self: Stream.Stream<A, E, R>,
  options: {
    readonly group: Order.Order<A>
    readonly order: Order.Order<A>
    readonly outOfOrder: (previous: A, next: A) => E2
  }
): Stream.Stream<A, E | E2, R> =>
  Stream.suspend(() => {
    // The current run, held back until an element of a later group (or the end) closes it.
    let run: Array<A> = []
    const sorted = (items: Array<A>) => items.length > 1 ? items.sort(options.order) : items
    const body = Stream.mapChunksEffect(self, (chunk) =>
      Effect.suspend(() => {
        const out: Array<A> = []
        for (const a of chunk) {
          const last = run[run.length - 1]
          if (last !== undefined) {
            const step = options.group(last, a)
            if (step > 0) return Effect.fail(options.outOfOrder(last, a))
            if (step < 0) {
              for (const b of sorted(run)) out.push(b)
              run = []
            }
          }
          run.push(a)
        }
        return Effect.succeed(Chunk.unsafeFromArray(out))
      }))
    return Stream.concat(body, Stream.suspend(() => Stream.fromIterable(sorted(run))))
  })
