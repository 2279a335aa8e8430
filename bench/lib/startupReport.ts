/** Section 6 of BENCHMARKS.md, from `bench/startup-results.json` (`npm run bench:startup`). */
import type { StartupResults, StartupRow } from "./startup.js"
import { median } from "./stats.js"

const targets = { helpMillis: 400, helpRssMiB: 120, startMillis: 1000 }

const ms = (values: ReadonlyArray<number> | undefined) =>
  values === undefined ? "" : `${Math.round(median(values))} (${Math.round(Math.min(...values))}-${Math.round(Math.max(...values))})`
const mib = (values: ReadonlyArray<number> | undefined) =>
  values === undefined ? "" : `${Math.round(median(values) / 2 ** 20)} (max ${Math.round(Math.max(...values) / 2 ** 20)})`
const verdict = (ok: boolean) => (ok ? "met" : "**missed**")

export const startupSection = (s: StartupResults | undefined): string => {
  if (s === undefined) return "\n## 6. Start-up\n\nNot run yet: `npm run bench:startup` writes this section.\n"
  const [, bin] = s.help
  const [npmStart] = s.start
  const row = (r: StartupRow) => `| ${r.name} | ${ms(r.millis)} | ${ms(r.cpuMillis)} | ${mib(r.peakRssBytes)} |`
  return [
    "",
    "## 6. Start-up (`npm run bench:startup`)",
    "",
    `${s.runs} runs of each, one after the other, after \`npm run build\`; run ${s.generatedAt}, 1-minute load`,
    `${s.machine.loadAtStart.toFixed(1)} at the start and ${s.machine.loadAtEnd.toFixed(1)} at the end on ${s.machine.cores} cores`,
    "(wall times grow with the load of a shared machine; CPU time and RSS hardly do). Median (min-max).",
    "",
    "| `--help` to its exit | wall ms | CPU ms (user + sys) | peak RSS MiB |",
    "|---|---|---|---|",
    ...s.help.map(row),
    "",
    "| the mock server to its first line (its URL) | wall ms | CPU ms (the node process) |",
    "|---|---|---|",
    ...s.start.map((r) => `| ${r.name} | ${ms(r.millis)} | ${ms(r.cpuMillis)} |`),
    "",
    `Targets: \`ledgerkit export --help\` under ${targets.helpMillis} ms: ${verdict(median(bin.millis) < targets.helpMillis)} (CPU ${Math.round(median(bin.cpuMillis ?? []))} ms);`,
    `under ${targets.helpRssMiB} MiB: ${verdict(median(bin.peakRssBytes ?? []) < targets.helpRssMiB * 2 ** 20)}; \`npm start\` to its URL under`,
    `${targets.startMillis} ms: ${verdict(median(npmStart.millis) < targets.startMillis)}.`,
    "",
    "Each bin is one bundled, minified CommonJS file (`scripts/bundle-bins.mjs`; compiled but not",
    "bundled, the command loads each of its ES modules on its own) run by a launcher with V8's code",
    "cache (`scripts/bin-launcher.js`: Node 20 has no compile cache of its own), which the first run",
    "writes. What `--help` does not need is loaded when a command first uses it: the HTTP client",
    "(undici) on the first request, the handlers of `sync` and `ledger` (the SQL clients) when they",
    "run; `@effect/platform-node`'s index is bundled without its re-export of the whole of undici.",
    "The CPU time left is, in a profile, the modules' evaluation (effect, `@effect/cli`, the providers",
    "named in the help) and the run itself, most of it `@effect/cli` laying out the help text.",
    ""
  ].join("\n")
}
