/**
 * Benchmark 1, client throughput per source: records per second of the library's
 * `Source` stream (request, decode, normalise) against the raw baseline on the same
 * pages (the library's requests, recorded, re-signed and sent with `fetch` +
 * `JSON.parse`). The mock's limits and the clients' budgets are off.
 *
 * Each source: one warm-up library pass that records the requests, then `runs` rounds of
 * (library pass, raw pass), alternating which goes first. Both rates count the records
 * the library delivers (the raw pass reads the same pages, overlaps of WOO X Pro's
 * halved windows included); the ratio is taken within each round, and the medians
 * reported.
 */
import { HttpClient } from "@effect/platform"
import * as HttpClientLive from "@ledgerkit/cli/HttpClientLive"
import type * as Source from "@ledgerkit/providers/Source"
import { Chunk, DateTime, Effect, Stream } from "effect"
import * as diagnostics from "node:diagnostics_channel"
import { librarySources, rawReplay, type Recorded, recording } from "./clients.js"
import type { Mock } from "./mock.js"
import { measureStages, type StageCosts } from "./stages.js"
import { alternate, median, timed } from "./stats.js"

export interface ThroughputResult {
  readonly source: Source.SourceId
  readonly records: number
  readonly requests: number
  readonly rowsRead: number
  readonly libraryPerSecond: number
  readonly rawPerSecond: number
  /** library / raw, median of the per-round ratios. */
  readonly ratio: number
  /** CPU time of this process per record. */
  readonly libraryCpuMicrosPerRecord: number
  readonly rawCpuMicrosPerRecord: number
  /** TCP connections each pass opened (keep-alive reuses one). */
  readonly libraryConnections: number
  readonly rawConnections: number
  /** One record's CPU, stage by stage, on the same pages. */
  readonly stages: StageCosts
  readonly runs: number
}

/** Counts the TCP client sockets this process opens while `f` runs. */
const countingConnections = async <A>(f: () => Promise<A>): Promise<{ value: A; connections: number }> => {
  let connections = 0
  const count = () => {
    connections++
  }
  diagnostics.subscribe("net.client.socket", count)
  try {
    return { value: await f(), connections }
  } finally {
    diagnostics.unsubscribe("net.client.socket", count)
  }
}

const run = <A>(effect: Effect.Effect<A, unknown, HttpClient.HttpClient>) =>
  Effect.runPromise(Effect.provide(effect, HttpClientLive.layer))

export const rangeOf = (span: readonly [number, number]): Source.Range => ({
  from: DateTime.unsafeMake(span[0]),
  to: DateTime.unsafeMake(span[1] + 1)
})

/** One library pass: the records delivered (with every request pushed to `into`, when given). */
export const libraryPass = (baseUrl: string, id: Source.SourceId, range: Source.Range, into?: Array<Recorded>) =>
  run(Effect.gen(function*() {
    const client = into === undefined ? yield* HttpClient.HttpClient : yield* recording(into)
    const sources = yield* Effect.provideService(librarySources({ baseUrl, budget: false }), HttpClient.HttpClient, client)
    return yield* Stream.runCount(sources[id].entries(range))
  }))

/** The ids (the provider's record keys) of the records one library pass delivers, in order. */
export const libraryIds = (baseUrl: string, id: Source.SourceId, range: Source.Range) =>
  run(Effect.gen(function*() {
    const sources = yield* librarySources({ baseUrl, budget: false })
    return Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.map(sources[id].entries(range), (entry) => entry.id)))
  }))

export const measureThroughput = async (
  mock: Mock,
  id: Source.SourceId,
  range: Source.Range,
  runs: number
): Promise<ThroughputResult> => {
  const requests: Array<Recorded> = []
  const recorded = await countingConnections(() => libraryPass(mock.baseUrl, id, range, requests))
  const records = recorded.value
  const bodies: Array<string> = []
  const rawConnections = (await countingConnections(() => rawReplay(requests, bodies))).connections
  const library: Array<{ millis: number; cpuMillis: number }> = []
  const raw: Array<{ millis: number; cpuMillis: number }> = []
  const ratios: Array<number> = []
  let rowsRead = 0
  for (let i = 0; i < runs; i++) {
    const lib = async () => {
      const t = await timed(() => libraryPass(mock.baseUrl, id, range))
      if (t.value !== records) throw new Error(`${id}: the library delivered ${t.value} records, then ${records}`)
      library.push(t)
      return t.millis
    }
    const base = async () => {
      const t = await timed(() => rawReplay(requests))
      rowsRead = t.value
      raw.push(t)
      return t.millis
    }
    const [libMillis, rawMillis] = await alternate(i, lib, base)
    ratios.push(rawMillis / libMillis)
  }
  const rate = (t: { millis: number }) => records / (t.millis / 1000)
  return {
    source: id,
    records,
    requests: requests.length,
    rowsRead,
    libraryPerSecond: median(library.map(rate)),
    rawPerSecond: median(raw.map(rate)),
    ratio: median(ratios),
    libraryCpuMicrosPerRecord: median(library.map((t) => (t.cpuMillis * 1000) / records)),
    rawCpuMicrosPerRecord: median(raw.map((t) => (t.cpuMillis * 1000) / records)),
    libraryConnections: recorded.connections,
    rawConnections,
    stages: measureStages(id, bodies),
    runs
  }
}
