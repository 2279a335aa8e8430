/**
 * The unified Ledger: one `Stream<LedgerEntry>` over any set of sources and a range.
 *
 * Every source walks its range in time order (its walk reads time windows one after the
 * other and sorts each), so each source is walked once over the whole range, the entries
 * of one instant put in order (`sortRuns`, holding one instant), and the sources are then
 * either merged in time order (`mergeSorted`, a k-way merge with one chunk per source in
 * memory) or emitted one after another. No calendar window costs a request. With a
 * `window`, each source is instead walked and sorted window by window (`sortEach`).
 *
 * A run can resume after a position of the output order: the walk starts again at the
 * position's time, and everything at or before the position is dropped.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import { Errors, LedgerEntry, Pagination } from "@ledgerkit/core"
import { Chunk, Config, type ConfigError, Context, DateTime, Deferred, Duration, Effect, Layer, Option, Order, type Scope, Stream } from "effect"
import * as Binance from "./Binance.js"
import * as Cryptomus from "./Cryptomus.js"
import { mergeSorted, sortEach, sortRuns } from "./SortedStreams.js"
import type * as Source from "./Source.js"
import * as WooXPro from "./WooXPro.js"
import * as Zenlayer from "./Zenlayer.js"

/**
 * `time`: one stream in time order across sources (ties by source, then id).
 * `source`: each source in time order, the sources one after another.
 *
 * @since 0.1.0
 * @category models
 */
export type Order = "time" | "source"

/**
 * A place in the output order: the last entry already delivered.
 *
 * @since 0.1.0
 * @category models
 */
export interface Position {
  readonly time: DateTime.Utc
  readonly source: string
  readonly id: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Default `time`. */
  readonly order?: Order | undefined
  /**
   * Walk and sort each source in windows of this span, one walk per window (default none:
   * one walk per source over the whole range, which its own time order keeps sorted).
   */
  readonly window?: Duration.DurationInput | undefined
  /** Only these of the ledger's sources, in this order (default: all of them). */
  readonly sources?: ReadonlyArray<string> | undefined
  /** Resume: deliver only what comes after this position in the output order. */
  readonly after?: Position | undefined
  /**
   * Windows each source fetches ahead, in the background, so that one provider's
   * rate-limit waits and retries overlap the others' requests (default 1; 0 fetches only
   * on demand). In time order every source starts at once; in source order the next
   * windows of the current source are fetched ahead. Memory holds up to this many more
   * windows per source.
   */
  readonly prefetch?: number | undefined
}

/**
 * The `source` named by errors about the ledger's own arguments.
 *
 * @since 0.1.0
 * @category constants
 */
export const ledgerSource = "ledger"

/**
 * The position of an entry.
 *
 * @since 0.1.0
 * @category constructors
 */
export const positionOf = (entry: LedgerEntry.LedgerEntry): Position => ({
  time: entry.time,
  source: entry.source,
  id: entry.id
})

const comparePosition = (entry: LedgerEntry.LedgerEntry, position: Position): number => {
  const time = DateTime.Order(entry.time, position.time)
  if (time !== 0) return time
  if (entry.source !== position.source) return entry.source < position.source ? -1 : 1
  return entry.id === position.id ? 0 : entry.id < position.id ? -1 : 1
}

const walked = (source: Source.Source, range: Source.Range, after: Position | undefined) =>
  sortRuns(
    source.entries({ from: after === undefined ? range.from : DateTime.max(range.from, after.time), to: range.to }),
    {
      group: Order.mapInput(DateTime.Order, (e: LedgerEntry.LedgerEntry) => e.time),
      order: LedgerEntry.byTime,
      outOfOrder: (previous, next) =>
        new Errors.IncompletePagination({
          source: source.id,
          at: next.time,
          reason: `entry ${next.id} at ${DateTime.formatIso(next.time)} came after ${previous.id} at ${
            DateTime.formatIso(previous.time)
          }: the source is not in time order`
        })
    }
  )

const windowed = (source: Source.Source, range: Source.Range, window: Duration.DurationInput, after: Position | undefined) => {
  const all = Pagination.splitRange({ start: range.from, end: range.to }, { maxSpan: window, end: "exclusive" })
  // The first window that can hold entries after the position.
  const first = after === undefined ? 0 : Math.max(0, all.findIndex((w) => DateTime.lessThan(after.time, w.end)))
  return sortEach(
    Stream.fromIterable(all.slice(first)),
    (w) => source.entries({ from: w.start, to: w.end }),
    LedgerEntry.byTime
  )
}

const invalid = (reason: string) => Stream.fail(Errors.InvalidRequest.localFailure(ledgerSource, reason))

/**
 * One source in time order over `[from, to)`: one walk, the entries of each instant
 * sorted; with a `window`, one walk per window, each sorted whole. With `after`, the walk
 * starts at (or the windows from the one holding) `after.time`, and entries at or before
 * `after` are dropped.
 *
 * @since 0.1.0
 * @category streams
 */
export const sourceInOrder = (
  source: Source.Source,
  range: Source.Range,
  window: Duration.DurationInput | undefined,
  after?: Position,
  prefetch = 0
): Stream.Stream<LedgerEntry.LedgerEntry, Errors.LedgerError> => {
  const done = DateTime.greaterThanOrEqualTo(range.from, range.to) ||
    after !== undefined && DateTime.greaterThanOrEqualTo(after.time, range.to)
  const sorted = done ? Stream.empty : window === undefined ? walked(source, range, after) : windowed(source, range, window, after)
  // Walks answer a window per chunk, so buffering chunks fetches windows ahead.
  const ahead = prefetch > 0 ? Stream.bufferChunks(sorted, { capacity: prefetch }) : sorted
  return after === undefined ? ahead : Stream.filter(ahead, (e) => comparePosition(e, after) > 0)
}

/**
 * Every entry of `sources` in `[from, to)`, each once, in the chosen order.
 *
 * @since 0.1.0
 * @category streams
 */
export const entries = (
  sources: ReadonlyArray<Source.Source>,
  range: Source.Range,
  options: Options = {}
): Stream.Stream<LedgerEntry.LedgerEntry, Errors.LedgerError> =>
  Stream.suspend(() => {
    if (DateTime.greaterThan(range.from, range.to)) {
      return invalid(`from ${DateTime.formatIso(range.from)} is after to ${DateTime.formatIso(range.to)}`)
    }
    const window = options.window === undefined ? undefined : Duration.decode(options.window)
    if (window !== undefined && (!Duration.greaterThan(window, Duration.zero) || !Duration.isFinite(window))) {
      return invalid(`the window must be a positive, finite duration, not ${Duration.format(window)}`)
    }
    const byId = new Map(sources.map((s) => [s.id as string, s]))
    const wanted = options.sources ?? sources.map((s) => s.id)
    const selected: Array<Source.Source> = []
    for (const id of wanted) {
      const source = byId.get(id)
      if (source === undefined) return invalid(`the source ${id} is not configured in this ledger`)
      if (selected.includes(source)) return invalid(`the source ${id} is asked for twice`)
      selected.push(source)
    }
    const after = options.after
    const prefetch = options.prefetch ?? 1
    if (!Number.isInteger(prefetch) || prefetch < 0) return invalid(`prefetch must be a whole number >= 0, not ${prefetch}`)
    if (options.order === "source") {
      const resumeAt = after === undefined ? 0 : selected.findIndex((s) => s.id === after.source)
      if (resumeAt === -1) return invalid(`the resume position names the source ${after!.source}, not selected`)
      return Stream.concatAll(Chunk.fromIterable(
        selected.slice(resumeAt).map((source, i) => sourceInOrder(source, range, window, i === 0 ? after : undefined, prefetch))
      ))
    }
    if (prefetch === 0) {
      return mergeSorted(selected.map((source) => sourceInOrder(source, range, window, after)), LedgerEntry.byTime)
    }
    // Every source starts fetching now, each into its own bounded queue of windows, so
    // the first windows arrive concurrently instead of one source after the other. The
    // first error of any source ends the merge at once, rather than when the merge next
    // pulls that source.
    return Stream.unwrapScoped(Effect.gen(function*() {
      const failed = yield* Deferred.make<never, Errors.LedgerError>()
      const streams = yield* Effect.forEach(selected, (source) =>
        Effect.map(
          Stream.toQueue(
            Stream.tapError(sourceInOrder(source, range, window, after), (e) => Deferred.fail(failed, e)),
            { capacity: prefetch }
          ),
          (queue) => Stream.flattenTake(Stream.fromQueue(queue))
        ))
      return Stream.interruptWhenDeferred(mergeSorted(streams, LedgerEntry.byTime), failed)
    }))
  })

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The configured sources, in the order `source` order walks them. */
  readonly sources: ReadonlyArray<Source.Source>
  /** Every entry of the sources in `[from, to)`, each once. */
  readonly entries: (
    range: Source.Range,
    options?: Options
  ) => Stream.Stream<LedgerEntry.LedgerEntry, Errors.LedgerError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Ledger extends Context.Tag("@ledgerkit/providers/Ledger")<Ledger, Service>() {}

/**
 * A ledger over the given sources.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (sources: ReadonlyArray<Source.Source>): Service => ({
  sources,
  entries: (range, options) => entries(sources, range, options)
})

/**
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Binance, Ledger } from "@ledgerkit/providers"
 * import { DateTime, Effect, Layer, Redacted, Stream } from "effect"
 *
 * // A ledger over both Binance sources, in time order across them.
 * const BinanceLedger = Layer.effect(Ledger.Ledger, Effect.map(Binance.sources, Ledger.make)).pipe(
 *   Layer.provide(Binance.layer({ apiKey: Redacted.make("key"), apiSecret: Redacted.make("secret") })),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 *
 * const lastMonth = Effect.gen(function*() {
 *   const ledger = yield* Ledger.Ledger
 *   const to = yield* DateTime.now
 *   return yield* ledger.entries({ from: DateTime.subtract(to, { days: 30 }), to }).pipe(Stream.runCollect)
 * }).pipe(Effect.provide(BinanceLedger))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (sources: ReadonlyArray<Source.Source>): Layer.Layer<Ledger> =>
  Layer.succeed(Ledger, make(sources))

/**
 * A provider as the ledger configures it: the variables that hold its credentials (it is
 * configured when any of them is set) and the sources it offers.
 *
 * @since 0.1.0
 * @category models
 */
export interface Provider {
  readonly name: string
  readonly credentials: ReadonlyArray<string>
  /** The variable of each base URL. */
  readonly urls: ReadonlyArray<string>
  readonly sources: ReadonlyArray<Source.SourceId>
}

/**
 * Every provider, in the order of `Source.ids`.
 *
 * @since 0.1.0
 * @category constants
 */
export const providers: ReadonlyArray<Provider> = [
  {
    name: "Binance",
    credentials: ["BINANCE_API_KEY", "BINANCE_API_SECRET"],
    urls: ["BINANCE_SAPI_URL", "BINANCE_PAPI_URL"],
    sources: ["binance.cloud-mining", "binance.um-income"]
  },
  {
    name: "Zenlayer",
    credentials: ["ZENLAYER_ACCESS_KEY_ID", "ZENLAYER_ACCESS_KEY_PASSWORD"],
    urls: ["ZENLAYER_API_URL"],
    sources: ["zenlayer.recharge-refund"]
  },
  {
    name: "WOO X Pro",
    credentials: ["WOOXPRO_API_KEY"],
    urls: ["WOOXPRO_API_URL"],
    sources: ["wooxpro.contract-transactions"]
  },
  {
    name: "Cryptomus",
    credentials: ["CRYPTOMUS_USER_ID", "CRYPTOMUS_API_KEY"],
    urls: ["CRYPTOMUS_API_URL"],
    sources: ["cryptomus.transactions"]
  }
]

/**
 * The provider of a source.
 *
 * @since 0.1.0
 * @category constants
 */
export const providerOf = (id: Source.SourceId): Provider => providers.find((p) => p.sources.includes(id))!

/**
 * Options passed to each provider's own `layerConfig` (everything but what the
 * environment holds).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConfigOptions {
  readonly binance?: Parameters<typeof Binance.layerConfig>[0]
  readonly zenlayer?: Parameters<typeof Zenlayer.layerConfig>[0]
  readonly wooxpro?: Parameters<typeof WooXPro.layerConfig>[0]
  readonly cryptomus?: Parameters<typeof Cryptomus.layerConfig>[0]
}

// Whether any of a provider's credential variables is set.
const isConfigured = (provider: Provider) =>
  Effect.map(
    Effect.forEach(provider.credentials, (name) => Config.option(Config.string(name))),
    (values) => values.some(Option.isSome)
  )

// A provider's sources, built through its own layerConfig when it is configured.
const sourcesOf = <I>(
  provider: Provider,
  layer: Layer.Layer<I, ConfigError.ConfigError, HttpClient.HttpClient>,
  sources: Effect.Effect<ReadonlyArray<Source.Source>, never, I>
): Effect.Effect<ReadonlyArray<Source.Source>, ConfigError.ConfigError, HttpClient.HttpClient | Scope.Scope> =>
  Effect.flatMap(isConfigured(provider), (configured) =>
    configured ? Effect.flatMap(Layer.build(layer), (context) => Effect.provide(sources, context)) : Effect.succeed([]))

/**
 * The sources of every provider configured in the environment (the variables of
 * DESIGN.md: a provider counts as configured when any of its credential variables is
 * set, and then all of its settings must be valid). Providers without credentials are
 * left out; `sources` is empty when none is configured.
 *
 * @since 0.1.0
 * @category constructors
 */
export const configuredSources = (
  options: ConfigOptions = {}
): Effect.Effect<ReadonlyArray<Source.Source>, ConfigError.ConfigError, HttpClient.HttpClient | Scope.Scope> =>
  Effect.map(
    Effect.all([
      sourcesOf(providers[0], Binance.layerConfig(options.binance), Binance.sources),
      sourcesOf(providers[1], Zenlayer.layerConfig(options.zenlayer), Zenlayer.sources),
      sourcesOf(providers[2], WooXPro.layerConfig(options.wooxpro), WooXPro.sources),
      sourcesOf(providers[3], Cryptomus.layerConfig(options.cryptomus), Cryptomus.sources)
    ]),
    (all) => all.flat()
  )

/**
 * The ledger of every provider configured in the environment (see `configuredSources`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: ConfigOptions = {}
): Layer.Layer<Ledger, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.scoped(Ledger, Effect.map(configuredSources(options), make))
