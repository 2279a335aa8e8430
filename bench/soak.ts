/**
 * `npm run soak`: the fault soak (see lib/soakRun.ts). Writes bench/soak-results.json,
 * updates BENCHMARKS.md (when `npm run bench` has written its figures), and exits
 * non-zero when the export did not complete or a record was lost or repeated.
 */
import { paths, writeJson, writeMarkdown } from "./lib/files.js"
import { loadNow, machine } from "./lib/machine.js"
import { startMock } from "./lib/mock.js"
import type { SoakResults } from "./lib/results.js"
import { soak } from "./lib/soakRun.js"
import { log } from "./lib/stats.js"

const started = performance.now()
const config = { rowsPerSource: 2_000, days: 10, maxRuns: 40, maxSeconds: 240, seed: 1 }
const info = machine()
const mock = await startMock({ settings: { limits: { enabled: false } }, journalCapacity: 500_000 })
let result: Awaited<ReturnType<typeof soak>>
try {
  result = await soak(mock, config, log)
} finally {
  await mock.stop()
}
info.loadAtEnd = loadNow()
const passed = result.complete && result.lost === 0 && result.repeated === 0 && result.unexpected === 0
const report: SoakResults = {
  generatedAt: new Date().toISOString(),
  machine: info,
  config,
  soak: result,
  passed,
  durationSeconds: (performance.now() - started) / 1000
}
writeJson(paths.soak, report)
writeMarkdown()
log(
  `soak: ${result.requests} requests, ${result.faults} faulted (${(result.faultShare * 100).toFixed(1)}%: ${
    Object.entries(result.faultsByKind).map(([k, n]) => `${k} ${n}`).join(", ")
  }), ${result.retries} retried, ${result.runs} export runs, ${result.records} records written, ` +
    `lost ${result.lost}, repeated ${result.repeated}, not in the dataset ${result.unexpected}, ${result.seconds.toFixed(1)} s: ${passed ? "PASSED" : "FAILED"}`
)
process.exitCode = passed ? 0 : 1
