/**
 * `npm run bench:startup`: start-up of the two commands as built by `npm run build`.
 * `ledgerkit export --help` to its exit (wall time, CPU time, peak RSS) and `npm start` to
 * the URL it prints, each beside `node -e 0` and the way they ran before (tsx over the
 * TypeScript sources), and the bin's first run (no code cache yet). Writes
 * bench/startup-results.json and section 6 of BENCHMARKS.md.
 */
import * as fs from "node:fs"
import { paths, writeJson, writeMarkdown } from "./lib/files.js"
import { loadNow, machine } from "./lib/machine.js"
import { type StartupResults, type StartupRow, toExit, toFirstLine } from "./lib/startup.js"
import { log } from "./lib/stats.js"

const runs = 9
const results: StartupResults = { generatedAt: new Date().toISOString(), machine: machine(), runs, help: [], start: [] }

// The code cache the bin writes beside its bundle (scripts/bin-launcher.js).
const helpCache = "packages/cli/bin/ledgerkit.cache"

const help: ReadonlyArray<{
  readonly name: string
  readonly nodeArgs: ReadonlyArray<string>
  readonly args: ReadonlyArray<string>
  /** Before each run. */
  readonly before?: () => void
}> = [
  { name: "`node -e 0`", nodeArgs: ["-e", "0"], args: [] },
  { name: "`ledgerkit export --help` (bin: bundled, plain node, its code cache)", nodeArgs: [], args: ["packages/cli/bin/ledgerkit.js", "export", "--help"] },
  {
    name: "the same, first run: no code cache yet (it writes one at exit)",
    nodeArgs: [],
    args: ["packages/cli/bin/ledgerkit.js", "export", "--help"],
    before: () => fs.rmSync(helpCache, { force: true })
  },
  { name: "the same, compiled but not bundled (`dist/bin.js`)", nodeArgs: [], args: ["packages/cli/dist/bin.js", "export", "--help"] },
  { name: "the same, before: tsx over the sources", nodeArgs: ["--import", "tsx"], args: ["packages/cli/src/bin.ts", "export", "--help"] }
]
const start: ReadonlyArray<{ readonly name: string; readonly command: string; readonly args: ReadonlyArray<string> }> = [
  { name: "`npm start -- --port 0`", command: "npm", args: ["start", "--silent", "--", "--port", "0"] },
  { name: "its bin alone (`node packages/mock-server/bin/ledgerkit-mock.js serve`)", command: process.execPath, args: ["packages/mock-server/bin/ledgerkit-mock.js", "serve", "--port", "0"] },
  { name: "before: tsx over the sources", command: process.execPath, args: ["--import", "tsx", "packages/mock-server/src/bin.ts", "serve", "--port", "0"] }
]

for (const h of help) {
  const row: StartupRow = { name: h.name, millis: [], cpuMillis: [], peakRssBytes: [] }
  // One run unmeasured: the files in the page cache, the bin's code cache written.
  await toExit(h.nodeArgs, h.args)
  for (let i = 0; i < runs; i++) {
    h.before?.()
    const r = await toExit(h.nodeArgs, h.args)
    row.millis.push(r.millis)
    row.cpuMillis?.push(r.cpuMillis)
    row.peakRssBytes?.push(r.peakRssBytes)
  }
  log(`${h.name}: done`)
  results.help.push(row)
}
for (const s of start) {
  const direct = s.command === process.execPath
  const row: StartupRow = { name: s.name, millis: [], ...(direct ? { cpuMillis: [] } : {}) }
  await toFirstLine(s.command, s.args)
  for (let i = 0; i < runs; i++) {
    const r = await toFirstLine(s.command, s.args)
    row.millis.push(r.millis)
    row.cpuMillis?.push(r.cpuMillis)
  }
  log(`${s.name}: done`)
  results.start.push(row)
}
results.machine.loadAtEnd = loadNow()
writeJson(paths.startup, results)
if (!writeMarkdown()) log("no bench/results.json yet: run `npm run bench` to write BENCHMARKS.md")
