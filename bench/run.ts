/**
 * `npm run bench`: client throughput (with CCXT on the same mock), requests per minimum,
 * export memory, rate-limit efficiency and mock capacity (with bare `node:http` and
 * Prism, loaded by autocannon), against the mock in a child process on loopback. Writes
 * bench/results.json and BENCHMARKS.md. `--quick` runs small sizes (a smoke test, not
 * reference figures). The peers come from bench/package.json (`prebench` installs them).
 */
import * as path from "node:path"
import { loadMock, measureCapacity } from "./lib/capacity.js"
import { measureCcxt } from "./lib/ccxt.js"
import { paths, writeJson, writeMarkdown } from "./lib/files.js"
import { loadNow, machine } from "./lib/machine.js"
import { measureMemory } from "./lib/memory.js"
import { startMock } from "./lib/mock.js"
import { profiler } from "./lib/profile.js"
import { measureRateLimit } from "./lib/rateLimit.js"
import { measureRequests } from "./lib/requests.js"
import { type Results, targets } from "./lib/results.js"
import { log } from "./lib/stats.js"
import { libraryPass, measureThroughput, rangeOf } from "./lib/throughput.js"

const DAY = 86_400_000
const quick = process.argv.includes("--quick")

const config = quick
  ? {
    throughputRows: { "binance.cloud-mining": 2_000, "binance.um-income": 3_000, "zenlayer.recharge-refund": 3_000, "wooxpro.contract-transactions": 3_000, "cryptomus.transactions": 600 },
    throughputRuns: 3,
    memorySizes: [10_000, 50_000],
    memoryRuns: 2,
    memoryBudgetSeconds: 60,
    rateLimitWindows: { "binance.um-income": 2, "wooxpro.contract-transactions": 6 },
    rateLimitRuns: 1,
    capacity: { connections: 16, seconds: 1, runs: 1, limit: 100 }
  }
  : {
    throughputRows: { "binance.cloud-mining": 6_000, "binance.um-income": 10_000, "zenlayer.recharge-refund": 10_000, "wooxpro.contract-transactions": 10_000, "cryptomus.transactions": 3_000 },
    throughputRuns: 3,
    memorySizes: [100_000, 1_000_000],
    memoryRuns: 2,
    memoryBudgetSeconds: 240,
    rateLimitWindows: { "binance.um-income": 2, "wooxpro.contract-transactions": 12 },
    // One run: UM income's limit window is a real minute (the client is too slow to compress it).
    rateLimitRuns: 1,
    capacity: { connections: 16, seconds: 3, runs: 3, limit: 100 }
  }

const started = performance.now()
const results: Results = {
  generatedAt: new Date().toISOString(),
  quick,
  machine: machine(),
  config,
  throughput: [],
  rateLimit: [],
  profiles: { throughput: {} },
  sections: {},
  durationSeconds: 0
}

const section = async (name: string, f: () => Promise<void>) => {
  const t = performance.now()
  await f()
  results.sections[name] = (performance.now() - t) / 1000
}

const profileFile = (name: string) => path.join(paths.scratch, `${name}.cpuprofile`)
const anchor = Math.floor(Date.now() / DAY) * DAY

const mock = await startMock({ settings: { limits: { enabled: false } }, journalCapacity: 20_000 })

const ids = Object.keys(config.throughputRows) as Array<keyof typeof config.throughputRows>

// The dataset of sections 1 to 1c (loading it again gives the same records).
const clientDataset = {
  seed: 1,
  anchor,
  endpoints: Object.fromEntries(Object.entries(config.throughputRows).map(([id, rows]) => [id, { rows, perDay: 1_000 }]))
}

// 1. Client throughput, with a profile of each source that misses its target.
const throughput = async () => {
  const loaded = await mock.load(clientDataset)
  for (const id of ids) {
    const range = rangeOf(loaded.spans[id]!)
    const result = await measureThroughput(mock, id, range, config.throughputRuns)
    results.throughput.push(result)
    log(`throughput ${id}: library ${result.libraryPerSecond.toFixed(0)}/s, raw ${result.rawPerSecond.toFixed(0)}/s, ratio ${result.ratio.toFixed(2)}`)
    if (result.ratio < targets.throughputRatio) {
      const cpu = profiler()
      await cpu.start()
      await libraryPass(mock.baseUrl, id, range)
      results.profiles.throughput[id] = await cpu.stop(profileFile(`throughput-${id}`))
    }
  }
}

// 1b. CCXT on UM income, its records counted against the dataset.
const ccxt = async () => {
  const loaded = await mock.load(clientDataset, true)
  const um = "binance.um-income"
  results.ccxt = await measureCcxt(mock, loaded.spans[um]!, loaded.identities?.[um] ?? [], config.throughputRuns)
  log(`ccxt: library / fetchLedger ${results.ccxt.libraryOver.fetchLedger.toFixed(2)}, lost ${results.ccxt.modes.fetchLedger.counted.lost}`)
}

// 1c. Requests per minimum.
const requests = async () => {
  const loaded = await mock.load(clientDataset)
  results.requests = await measureRequests(mock, { ids, spans: loaded.spans, cryptomusPerPage: 15, log })
}

// 2. Memory of an export.
const memory = async () => {
  results.memory = await measureMemory(mock, {
    sizes: config.memorySizes,
    perDay: 1_000,
    runs: config.memoryRuns,
    budgetSeconds: config.memoryBudgetSeconds,
    log
  })
  log(`memory: ratio ${results.memory.ratio.toFixed(2)}`)
}

// 3. Rate-limit efficiency.
const rateLimits = async () => {
  const limited = await mock.load({
    seed: 3,
    anchor,
    endpoints: { "binance.um-income": { rows: 40_000 }, "wooxpro.contract-transactions": { rows: 40_000 } }
  })
  for (const id of ["binance.um-income", "wooxpro.contract-transactions"] as const) {
    const result = await measureRateLimit(mock, id, {
      windows: config.rateLimitWindows[id],
      runs: config.rateLimitRuns,
      span: limited.spans[id]!,
      maxRate: 60
    })
    results.rateLimit.push(result)
    log(`rate limit ${id}: efficiency ${result.efficiency.toFixed(3)}, 429s ${result.tooManyRequests} (time x${result.timeScale})`)
  }
}

// 4. Mock capacity: a UM income page of a 7-day window, the client's usual request.
const capacity = async () => {
  await mock.load({ seed: 4, anchor, endpoints: { "binance.um-income": { rows: 20_000, perDay: 1_000 } } })
  const week: readonly [number, number] = [anchor - 7 * DAY, anchor - 1]
  results.capacity = await measureCapacity(mock, { span: week, ...config.capacity })
  log(`capacity: ${results.capacity.servers.map((s) => `${s.server} ${s.requestsPerSecond.toFixed(0)}/s`).join(", ")}`)
  if (results.capacity.mockOverBare < targets.capacityRatio) {
    await mock.profileStart()
    await loadMock(mock, week, config.capacity.limit, config.capacity.connections, config.capacity.seconds)
    results.profiles.capacity = await mock.profileStop(profileFile("mock-capacity"))
  }
}

try {
  await section("throughput", throughput)
  await section("ccxt", ccxt)
  await section("requests", requests)
  await section("memory", memory)
  await section("rate limits", rateLimits)
  await section("capacity", capacity)
} finally {
  await mock.stop()
}

results.machine.loadAtEnd = loadNow()
results.durationSeconds = (performance.now() - started) / 1000
writeJson(paths.results, results)
writeMarkdown()
log(`wrote ${paths.results} and ${paths.markdown} in ${results.durationSeconds.toFixed(0)} s`)
