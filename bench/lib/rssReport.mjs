// Preloaded into a child process (`node --import ./rssReport.mjs ...`): at exit, writes
// the peak resident set size (VmHWM of /proc/self/status; process.resourceUsage().maxRSS
// where /proc is absent) as JSON to the file named by LEDGERKIT_BENCH_RSS_FILE.
import * as fs from "node:fs"

const file = process.env.LEDGERKIT_BENCH_RSS_FILE
const started = performance.now()

const peakBytes = () => {
  try {
    const status = fs.readFileSync("/proc/self/status", "utf8")
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status)
    if (match !== null) return Number(match[1]) * 1024
  } catch {
    // no procfs: fall back below
  }
  return process.resourceUsage().maxRSS * 1024
}

if (file !== undefined) {
  process.on("exit", (code) => {
    fs.writeFileSync(file, JSON.stringify({
      peakRssBytes: peakBytes(),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      heapUsedBytes: process.memoryUsage().heapUsed,
      cpuMillis: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
      millis: performance.now() - started,
      code
    }))
  })
}
