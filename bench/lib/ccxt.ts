/**
 * CCXT on the same mock and dataset as the library, in the same run (`ccxtWalk.mjs` in a
 * fresh process per round): its records counted against the dataset (lost, repeated, not
 * in it), its requests, its records/s and CPU per record, warm (the timed walk follows a
 * warm-up walk in the same process), against the library's `Source` stream.
 */
import { credentials } from "./clients.js"
import type { Mock } from "./mock.js"
import { runNode } from "./peers.js"
import { alternate, median, timed } from "./stats.js"
import { libraryIds, libraryPass, rangeOf } from "./throughput.js"

export const ccxtModes = ["fetchLedger", "rawLoop"] as const
export type CcxtMode = typeof ccxtModes[number]

export interface CcxtWalk {
  readonly millis: number
  readonly cpuMicros: number
  readonly requests: number
  readonly keys: ReadonlyArray<string>
}

/** One round: each mode walked once after a warm-up, in one new process. */
export const ccxtRound = async (
  baseUrl: string,
  range: readonly [number, number]
): Promise<Record<CcxtMode, CcxtWalk>> => {
  const args = {
    baseUrl,
    apiKey: credentials.binance.apiKey,
    secret: credentials.binance.apiSecret,
    from: range[0],
    to: range[1],
    modes: ccxtModes
  }
  const run = await runNode(["lib/ccxtWalk.mjs", JSON.stringify(args)], { timeoutMillis: 300_000 })
  if (run.code !== 0) throw new Error(`ccxt: exit ${run.code}: ${run.stderr.slice(-1000)}`)
  return (JSON.parse(run.stdout) as { modes: Record<CcxtMode, CcxtWalk> }).modes
}

export interface Counted {
  readonly expected: number
  readonly got: number
  readonly lost: number
  readonly repeated: number
  readonly unexpected: number
}

/** Keys got against the dataset's keys. */
export const countAgainst = (expected: ReadonlyArray<string>, got: ReadonlyArray<string>): Counted => {
  const want = new Set(expected)
  const seen = new Set<string>()
  let repeated = 0
  for (const key of got) {
    if (seen.has(key)) repeated++
    else seen.add(key)
  }
  return {
    expected: want.size,
    got: got.length,
    lost: [...want].filter((key) => !seen.has(key)).length,
    repeated,
    unexpected: [...seen].filter((key) => !want.has(key)).length
  }
}

export interface CcxtModeResult {
  readonly perSecond: number
  readonly cpuMicrosPerRecord: number
  readonly requests: number
  readonly counted: Counted
}

export interface CcxtResult {
  readonly source: "binance.um-income"
  readonly library: { readonly counted: Counted; readonly perSecond: number; readonly cpuMicrosPerRecord: number }
  readonly modes: Record<CcxtMode, CcxtModeResult>
  /** Library records/s over CCXT's, medians of the per-round ratios. */
  readonly libraryOver: Record<CcxtMode, number>
  readonly runs: number
}

/**
 * Rounds of (library pass, CCXT process), alternating which goes first; each rate counts
 * the records that client delivered.
 */
export const measureCcxt = async (
  mock: Mock,
  span: readonly [number, number],
  expected: ReadonlyArray<string>,
  runs: number
): Promise<CcxtResult> => {
  const id = "binance.um-income"
  const library: Array<{ value: number; millis: number; cpuMillis: number }> = []
  const walks: Array<Record<CcxtMode, CcxtWalk>> = []
  const ratios: Record<CcxtMode, Array<number>> = { fetchLedger: [], rawLoop: [] }
  const perSecond = (records: number, millis: number) => records / (millis / 1000)
  for (let i = 0; i < runs; i++) {
    const [lib, walk] = await alternate(i, () => timed(() => libraryPass(mock.baseUrl, id, rangeOf(span))), () => ccxtRound(mock.baseUrl, span))
    library.push(lib)
    walks.push(walk)
    for (const mode of ccxtModes) ratios[mode].push(perSecond(lib.value, lib.millis) / perSecond(walk[mode].keys.length, walk[mode].millis))
  }
  const last = walks[walks.length - 1]
  const ids = await libraryIds(mock.baseUrl, id, rangeOf(span))
  const mode = (m: CcxtMode): CcxtModeResult => ({
    perSecond: median(walks.map((w) => perSecond(w[m].keys.length, w[m].millis))),
    cpuMicrosPerRecord: median(walks.map((w) => w[m].cpuMicros / Math.max(1, w[m].keys.length))),
    requests: last[m].requests,
    counted: countAgainst(expected, last[m].keys)
  })
  return {
    source: id,
    library: {
      counted: countAgainst(expected, ids),
      perSecond: median(library.map((t) => perSecond(t.value, t.millis))),
      cpuMicrosPerRecord: median(library.map((t) => (t.cpuMillis * 1000) / t.value))
    },
    modes: { fetchLedger: mode("fetchLedger"), rawLoop: mode("rawLoop") },
    libraryOver: { fetchLedger: median(ratios.fetchLedger), rawLoop: median(ratios.rawLoop) },
    runs
  }
}
