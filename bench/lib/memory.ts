/**
 * Benchmark 2, memory: the peak RSS (VmHWM) of `ledgerkit export` child processes
 * exporting 100k and 1M records, at the same density (records a day), so that the
 * bigger export covers a ten times longer history rather than ten times fuller days.
 * Output goes to stdout, discarded. An export of an empty range gives the fixed cost (Node,
 * tsx, the modules) that both carry.
 */
import type { Mock } from "./mock.js"
import { runExport } from "./cliExport.js"
import { median } from "./stats.js"

const DAY = 86_400_000

export interface MemoryPoint {
  readonly records: number
  readonly peakRssBytes: number
  readonly runsBytes: ReadonlyArray<number>
  readonly seconds: number
  readonly recordsPerSecond: number
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
    /** Stop adding runs of a size after this many seconds (at least one run each). */
    readonly budgetSeconds: number
    readonly log: (line: string) => void
  }
): Promise<MemoryResult> => {
  const anchor = Math.floor(Date.now() / DAY) * DAY - DAY
  await mock.admin("PATCH", "/settings", { cryptomus: { perPage: 1000 } })
  const started = performance.now()
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
    const bytes: Array<number> = []
    const seconds: Array<number> = []
    for (let i = 0; i < runs; i++) {
      if (i > 0 && (performance.now() - started) / 1000 > options.budgetSeconds) break
      const run = await runExport(args)
      if (run.code !== 0) throw new Error(`memory: the export of ${records} records failed (exit ${run.code}): ${run.stderr.slice(-500)}`)
      const total = Object.values(loaded.counts).reduce((a, b) => a + b, 0)
      if (!run.stderr.includes(`wrote ${total} records`)) throw new Error(`memory: the export did not write ${total} records: ${run.stderr.slice(-300)}`)
      bytes.push(run.peakRssBytes)
      seconds.push(run.millis / 1000)
      options.log(`memory: ${records} records, run ${i + 1}: peak RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB in ${(run.millis / 1000).toFixed(1)} s`)
    }
    return {
      records,
      peakRssBytes: median(bytes),
      runsBytes: bytes,
      seconds: median(seconds),
      recordsPerSecond: records / median(seconds),
      days: records === 0 ? 1 : days
    }
  }
  try {
    const empty = await point(0, Math.min(options.runs, 3))
    const points: Array<MemoryPoint> = []
    for (const size of options.sizes) points.push(await point(size, options.runs))
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
