/**
 * Benchmark 2, memory: the peak RSS (VmHWM) of `ledgerkit export` child processes
 * exporting 100k and 1M records, at the same density (records a day), so that the
 * bigger export covers a ten times longer history rather than ten times fuller days.
 * Output goes to stdout, discarded. An export of an empty range gives the fixed cost (Node,
 * tsx, the modules) that both carry.
 *
 * One export at a time: side by side, exports share the cores, and how far V8 lets a heap
 * grow before collecting (what peak RSS mostly measures) would then depend on the others.
 */
import type { Mock } from "./mock.js"
import { type ExportRun, runExport } from "./cliExport.js"
import { median } from "./stats.js"

const DAY = 86_400_000

export interface MemoryPoint {
  readonly records: number
  readonly peakRssBytes: number
  readonly runsBytes: ReadonlyArray<number>
  /** Wall time of each export (median), alone on the mock. */
  readonly seconds: number
  readonly days: number
}

export interface MemoryResult {
  readonly sources: ReadonlyArray<string>
  readonly perDay: number
  readonly empty: MemoryPoint
  readonly points: ReadonlyArray<MemoryPoint>
  /** RSS(largest) / RSS(smallest). */
  readonly ratio: number
  /** (RSS(largest) - RSS(empty)) / (RSS(smallest) - RSS(empty)). */
  readonly growthRatio: number
}

export const memorySources = ["zenlayer.recharge-refund", "cryptomus.transactions"] as const

export const measureMemory = async (
  mock: Mock,
  options: {
    readonly sizes: ReadonlyArray<number>
    readonly perDay: number
    readonly runs: number
    /** The time the runs of one size may take (predicted from the previous size): fewer runs, at least one, beyond it. */
    readonly budgetSeconds: number
    readonly log: (line: string) => void
  }
): Promise<MemoryResult> => {
  const anchor = Math.floor(Date.now() / DAY) * DAY - DAY
  await mock.admin("PATCH", "/settings", { cryptomus: { perPage: 1000 } })
  const point = async (records: number, runs: number): Promise<MemoryPoint> => {
    const perSource = Math.round(records / memorySources.length)
    const loaded = await mock.load({
      seed: 7,
      anchor,
      endpoints: Object.fromEntries(memorySources.map((id) => [id, { rows: perSource, perDay: options.perDay }]))
    })
    const days = Math.ceil(perSource / options.perDay) + 1
    const from = records === 0 ? new Date(anchor - DAY).toISOString() : new Date(anchor - days * DAY).toISOString()
    const to = new Date(anchor).toISOString()
    const args = ["--source", memorySources.join(","), "--from", from, "--to", to, "--format", "ndjson", "--mock", mock.baseUrl]
    const total = Object.values(loaded.counts).reduce((a, b) => a + b, 0)
    const exports: Array<ExportRun> = []
    for (let i = 0; i < runs; i++) exports.push(await runExport(args, { timeoutMillis: 600_000 }))
    for (const run of exports) {
      if (run.code !== 0) throw new Error(`memory: the export of ${records} records failed (exit ${run.code}): ${run.stderr.slice(-500)}`)
      if (!run.stderr.includes(`wrote ${total} records`)) throw new Error(`memory: the export did not write ${total} records: ${run.stderr.slice(-300)}`)
    }
    const bytes = exports.map((run) => run.peakRssBytes)
    const seconds = median(exports.map((run) => run.millis / 1000))
    options.log(`memory: ${records} records x ${runs}, one at a time: peak RSS ${bytes.map((b) => (b / 2 ** 20).toFixed(0)).join(", ")} MiB, ${seconds.toFixed(1)} s each`)
    return { records, peakRssBytes: median(bytes), runsBytes: bytes, seconds, days: records === 0 ? 1 : days }
  }
  try {
    const empty = await point(0, options.runs)
    const points: Array<MemoryPoint> = []
    for (const [i, size] of options.sizes.entries()) {
      const previous = points[i - 1]
      const predicted = previous === undefined ? 0 : previous.seconds * (size / previous.records)
      points.push(await point(size, Math.max(1, Math.min(options.runs, Math.floor(options.budgetSeconds / Math.max(1, predicted))))))
    }
    const first = points[0]
    const last = points[points.length - 1]
    return {
      sources: memorySources,
      perDay: options.perDay,
      empty,
      points,
      ratio: last.peakRssBytes / first.peakRssBytes,
      growthRatio: (last.peakRssBytes - empty.peakRssBytes) / (first.peakRssBytes - empty.peakRssBytes)
    }
  } finally {
    await mock.admin("PATCH", "/settings", { cryptomus: { perPage: 15 } })
  }
}
