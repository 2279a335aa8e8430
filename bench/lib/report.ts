/**
 * BENCHMARKS.md from the figures of the last `npm run bench` (`bench/results.json`) and of
 * the last `npm run soak` (`bench/soak-results.json`). Both scripts rewrite it; neither
 * is edited by hand.
 */
import { fmt, MiB, pct, shortBy, verdict } from "./format.js"
import type { ProfileSummary } from "./protocol.js"
import { clientMisses, whereItGoes } from "./reportCpu.js"
import { capacitySection, ccxtSection, requestsSection } from "./reportPeers.js"
import { type Results, type SoakResults, targets } from "./results.js"

const profileTable = (summary: ProfileSummary, rows = 10) => {
  const lines = [
    `Sampled CPU time: ${fmt(summary.totalMillis)} ms.`,
    "",
    "| where the time goes (inclusive) | ms | share |",
    "|---|---:|---:|",
    ...summary.groups.filter((g) => g.millis > 0).map((g) => `| ${g.label} | ${fmt(g.millis)} | ${pct(g.share)} |`),
    "",
    "| top self-time functions | where | ms | share |",
    "|---|---|---:|---:|",
    ...summary.top.slice(0, rows).map((h) => `| \`${h.name}\` | ${h.where === "" ? "(native)" : `\`${h.where}\``} | ${fmt(h.selfMillis)} | ${pct(h.share)} |`),
    "",
    "| self time by file | ms | share |",
    "|---|---:|---:|",
    ...summary.byFile.slice(0, 8).map((f) => `| \`${f.file}\` | ${fmt(f.millis)} | ${pct(f.share)} |`)
  ]
  return lines.join("\n")
}

const machineLine = (r: Results | SoakResults) => {
  const m = r.machine
  return `a ${m.cores}-core machine (${m.cpuModel}), ${fmt(m.memoryBytes / 2 ** 30, 1)} GiB of memory, Node ${m.node}, ${m.platform}; ` +
    `1-minute load average ${fmt(m.loadAtStart, 1)} at the start and ${fmt(m.loadAtEnd, 1)} at the end (the machine may be shared with other work)`
}

const throughputSection = (r: Results) => {
  const rows = r.throughput.map((t) =>
    `| \`${t.source}\` | ${fmt(t.records)} | ${fmt(t.requests)} | ${fmt(t.rowsRead)} | ${fmt(t.libraryConnections)} / ${fmt(t.rawConnections)} | ${fmt(t.libraryPerSecond)} | ${fmt(t.rawPerSecond)} | ${fmt(t.ratio, 2)} | ${fmt(t.libraryCpuMicrosPerRecord, 1)} | ${fmt(t.rawCpuMicrosPerRecord, 1)} | ${verdict(t.ratio >= targets.throughputRatio)} |`
  )
  const stageRows = r.throughput.filter((t) => t.stages !== undefined).map((t) => {
    const st = t.stages
    const perRecord = st.rows / t.records
    const measured = (st.parseMicros + st.decodeMicros + st.toLedgerEntryMicros) * perRecord
    return `| \`${t.source}\` | ${fmt(t.libraryCpuMicrosPerRecord, 1)} | ${fmt(st.parseMicros, 1)} | ${fmt(st.decodeMicros, 1)} | ${fmt(st.toLedgerEntryMicros, 1)} | ${fmt(st.encodeOriginalMicros, 1)} | ${fmt(Math.max(0, t.libraryCpuMicrosPerRecord - measured), 1)} |`
  })
  const profiles = Object.entries(r.profiles.throughput).map(([source, summary]) =>
    `#### Profile of one library pass: \`${source}\`\n\n${profileTable(summary)}`
  )
  return [
    "## 1. Client throughput (library vs raw `fetch` + `JSON.parse`)",
    "",
    "Against the mock on loopback, its limits off and the clients' own budgets off. The library pass is the provider's",
    "`Source` stream (`entries(range)`: request, schema decoding, `toLedgerEntry`) on the CLI's transport",
    "(`HttpClientLive.layer` of `packages/cli`: `node:http`, keep-alive), drained with `Stream.runCount`. The raw",
    "pass sends the very requests the library sent",
    "(recorded on its `HttpClient`), signed again where the signature carries the time (Binance, Zenlayer), one after",
    "the other with `fetch`, and only `JSON.parse`s the bodies. Both rates divide the records the library delivered",
    "by the pass's wall time; the ratio is library / raw, per round, median over rounds that alternate which pass goes",
    "first. CPU columns are this process's CPU time per record (the mock runs in another process).",
    "",
    `| source | records | requests | rows in the pages | TCP connections opened, library / raw (0: an open one reused) | library records/s | raw records/s | ratio (target >= ${targets.throughputRatio}, stretch ${targets.throughputStretch}) | library CPU µs/record | raw CPU µs/record | |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows,
    "",
    "What the Schema route would cost: each stage run alone over the pages of the pass (their bodies, fetched once),",
    "five times, medians, in µs per row. The library no longer takes this route for pages it can read: its own",
    "decoders (`internal/decoders`, proven equal to the Schema by properties) decode them, and a record keeps its",
    "parsed wire row as `original` instead of re-encoding it; the Schema decode runs only where a fast decoder",
    "rejects a page (for its error). So the table shows what was saved, not where the library's CPU goes now; the",
    "\"rest\" column is the whole pass minus these stages (0 where they add up to more).",
    "",
    "| source | library CPU µs/record (whole pass) | `JSON.parse` | decode (provider's page schema) | `toLedgerEntry` | of which re-encoding `original` | rest |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...stageRows,
    "",
    ...profiles.flatMap((p) => [p, ""])
  ].join("\n")
}

// Runs of one size far apart: say what peak RSS measures.
const spread = (m: NonNullable<Results["memory"]>) => {
  const wide = m.points.filter((p) => p.runsBytes.length > 1 && Math.max(...p.runsBytes) > 1.3 * Math.min(...p.runsBytes))
  if (wide.length === 0) return []
  return [
    "",
    `The runs of ${wide.map((p) => `${fmt(p.records)} records`).join(" and ")} spread from ${wide.map((p) => `${fmt(Math.min(...p.runsBytes) / MiB)} to ${fmt(Math.max(...p.runsBytes) / MiB)} MiB`).join(" and ")}:`,
    "peak RSS follows V8's heap sizing (how far the heap grows before a full collection), not only live memory. Live",
    "memory is bounded: while this report was written, the same 1,000,000-record export under",
    "`--max-old-space-size=128` completed at 260 MiB peak RSS (in 91 s, alone), and 100,000 records under a 120 MiB cap",
    "at 270 MiB. The median is the figure; the spread is why there are three runs."
  ]
}

const memorySection = (r: Results) => {
  const m = r.memory
  if (m === undefined) return ""
  const point = (label: string, p: typeof m.empty) =>
    `| ${label} | ${fmt(p.records)} | ${fmt(p.days)} | ${fmt(p.peakRssBytes / MiB)} | ${p.runsBytes.map((b) => fmt(b / MiB)).join(", ")} | ${fmt(p.seconds, 1)} |`
  return [
    "## 2. Memory (peak RSS of `ledgerkit export`)",
    "",
    `\`ledgerkit export --source ${m.sources.join(",")} --format ndjson --mock URL\` in a child process`,
    "(`node --import tsx packages/cli/src/bin.ts`, output to a discarded stdout), with a preloaded module that",
    "reads `VmHWM` from `/proc/self/status` at exit. The two sources are merged in time order, each at",
    `${fmt(m.perDay)} records a day, so the 1M export covers a ten times longer history, not fuller days. The mock`,
    "serves 1,000 Cryptomus items a page for this benchmark (the provider's 15 would take 22k requests). One export",
    "at a time; the largest size runs fewer times when its predicted time exceeds the section's budget.",
    "What keeps it flat: the walk's de-duplication keys (one per record, held for the whole walk) live outside the",
    "JavaScript heap (core's `KeySet`, typed arrays), and the CLI lets V8's heap grow 30% past what a collection",
    "left alive (`--heap-growing-percent`, default up to 4x), so garbage does not pile up with the length of the export.",
    "",
    "| export | records | days | peak RSS MiB (median) | each run, MiB | seconds per export |",
    "|---|---:|---:|---:|---|---:|",
    point("empty range (fixed cost)", m.empty),
    ...m.points.map((p) => point(`${fmt(p.records)} records`, p)),
    "",
    `RSS(${fmt(m.points[m.points.length - 1].records)}) / RSS(${fmt(m.points[0].records)}) = **${fmt(m.ratio, 2)}** (target <= ${targets.memoryRatio}): ${verdict(m.ratio <= targets.memoryRatio)}.`,
    `Above the empty export's fixed cost, the growth ratio is ${fmt(m.growthRatio, 2)}.`,
    ...spread(m),
    ""
  ].join("\n")
}

const rateLimitSection = (r: Results) => {
  const rows = r.rateLimit.map((l) =>
    `| \`${l.source}\` | ${fmt(l.rule.limit)} per ${fmt(l.rule.windowMillis / 1000)} s, weight ${l.rule.weight} | ${fmt(l.timeScale)}x (client ${fmt(l.clientRequestsPerSecond)} req/s unthrottled) | ${l.windows} x ${l.runs} | ${fmt(l.requestsPerWindow, 1)} / ${fmt(l.allowedPerWindow)} | **${fmt(l.efficiency, 3)}** (${l.efficiencies.map((e) => fmt(e, 3)).join(", ")}) | ${l.tooManyRequests} | ${l.banned} | ${Object.entries(l.otherStatuses ?? {}).map(([st, n]) => `${st}: ${n}`).join(", ") || "none"} | ${verdict(l.efficiency >= targets.rateLimitEfficiency && l.tooManyRequests === 0)} |`
  )
  return [
    "## 3. Rate-limit efficiency",
    "",
    "The mock's limits on (its default rules), the client's own budget on (its defaults). Time is compressed: the mock",
    "clock runs in `Scaled` mode (`PUT /__admin/clock {scale}`), and the client runs on an Effect `Clock` with the",
    "same origin, start and rate (read back from `/__admin/clock`), so both agree on every instant and on every",
    "window boundary. The compression is chosen so that the allowed rate is at most a third of what the client sends",
    "with no limit (measured first), so the limiter, not the client's speed, sets the pace, and so that a window lasts",
    "at least half a real second (well above timer and GC jitter). The walk uses pages of 10",
    "(a request's weight does not depend on its size) and is stopped one window after the measured ones; Binance's",
    "`recvWindow` is 60 s (its maximum), since compression shrinks the real time a signed request stays valid. From the",
    "mock's journal: the weight it counted in whole windows after the first (partial) one, over what they allow, and",
    "every 429 and 418 of the walk.",
    "",
    "| source | rule | time scale | windows x runs | requests per window / allowed | achieved / allowed (target >= 0.95) | 429s | 418s | other errors | |",
    "|---|---|---|---|---:|---:|---:|---:|---|---|",
    ...rows,
    ""
  ].join("\n")
}

// "ledgerkit: <source>: <what> (<detail>)…" lines, counted by source and what.
const stopReasons = (failures: ReadonlyArray<string>) => {
  const counts = new Map<string, number>()
  for (const line of failures) {
    const reason = line.replace(/^ledgerkit: /, "").replace(/ \(.*$/, "").replace(/;.*$/, "").slice(0, 120)
    counts.set(reason, (counts.get(reason) ?? 0) + 1)
  }
  return [...counts].map(([reason, n]) => `- ${n} x \`${reason}\``)
}

const soakSection = (s: SoakResults | undefined) => {
  if (s === undefined) return "## 5. Fault soak\n\nNot run yet: `npm run soak` writes this section.\n"
  const k = s.soak
  return [
    "## 5. Fault soak (`npm run soak`)",
    "",
    `Run ${s.generatedAt} on ${machineLine(s)}.`,
    "",
    "`ledgerkit export --source all --format ndjson --out FILE --checkpoint CP --mock URL` (the CLI as shipped, in a",
    "child process) against the mock with about 20% of provider requests faulted, each kind drawn from its own",
    "seeded generator: 429 with `Retry-After: 1` (6%), 503 (6%), connection reset (4%), body cut short of its",
    "Content-Length (2%), malformed JSON (2%). The library retries 429, 5xx, resets and cut bodies itself; a",
    "malformed body is not retried (a `MalformedResponse` stops the export), so the soak runs the same command again",
    "and the CLI resumes from its checkpoint, as a user would. Then every record of the range in the dataset must be",
    "in the output exactly once.",
    "",
    "| source | expected | written | lost | repeated | not in the dataset |",
    "|---|---:|---:|---:|---:|---:|",
    ...k.sources.map((x) => `| \`${x.source}\` | ${fmt(x.expected)} | ${fmt(x.written)} | ${x.lost} | ${x.repeated} | ${x.unexpected} |`),
    `| **all** | ${fmt(k.sources.reduce((n, x) => n + x.expected, 0))} | ${fmt(k.records)} | **${k.lost}** | **${k.repeated}** | ${k.unexpected} |`,
    "",
    "| requests | faulted | share | by kind | retried (same request sent again) | export runs (1 + resumes) | seconds |",
    "|---:|---:|---:|---|---:|---:|---:|",
    `| ${fmt(k.requests)} | ${fmt(k.faults)} | ${pct(k.faultShare)} | ${Object.entries(k.faultsByKind).map(([kind, n]) => `${kind} ${n}`).join(", ")} | ${fmt(k.retries)} | ${k.runs} | ${fmt(k.seconds, 1)} |`,
    "",
    `Verdict: ${s.passed ? "passed (complete, nothing lost, nothing repeated)" : "**failed**"}.`,
    ...(k.failures.length === 0 ? [] : ["", "Why runs stopped before the last (each resumed from the checkpoint):", "", ...stopReasons(k.failures)]),
    ""
  ].join("\n")
}

const missesSection = (r: Results) => {
  const notes: Array<string> = []
  notes.push(...clientMisses(r))
  const m = r.memory
  if (m !== undefined && m.ratio > targets.memoryRatio) {
    notes.push(
      `- **Memory**: RSS(${fmt(m.points[m.points.length - 1].records)}) / RSS(${fmt(m.points[0].records)}) = ${fmt(m.ratio, 3)}, over the target by ${fmt(m.ratio - targets.memoryRatio, 3)};`,
      `  above the empty export's ${fmt(m.empty.peakRssBytes / MiB)} MiB the growth ratio is ${fmt(m.growthRatio, 2)}.`,
      "  Measure what is live before what is peak: the keys of the walk are held off the heap (`KeySet`), and the",
      "  CLI caps V8's heap growth (`internal/heapGrowth.ts`); a rerun with `--expose-gc` and a heap sample at exit",
      "  tells whether the live set or the garbage grew."
    )
  }
  for (const l of r.rateLimit) {
    if (l.efficiency < targets.rateLimitEfficiency || l.tooManyRequests > 0) {
      notes.push(`- **Rate limit \`${l.source}\`**: efficiency ${fmt(l.efficiency, 3)} (${l.efficiency < targets.rateLimitEfficiency ? shortBy(l.efficiency, targets.rateLimitEfficiency) : "met"}), ${l.tooManyRequests} answers 429, ${l.banned} answers 418.`)
    }
  }
  const c = r.capacity
  const mockServer = c?.servers.find((x) => x.server === "mock")
  if (c !== undefined && mockServer !== undefined && c.mockOverBare < targets.capacityRatio) {
    notes.push(`- **Mock capacity** ${shortBy(c.mockOverBare, targets.capacityRatio)}: ${fmt(mockServer.serverCpuMicrosPerRequest)} µs of mock CPU per request (limit: ${mockServer.limitedBy}).`)
    if (r.profiles.capacity !== undefined) notes.push(`  Where the mock's CPU goes (profile in section 4): ${whereItGoes(r.profiles.capacity)}.`)
    notes.push(
      "  Per request the mock runs the Effect HTTP server and router, the pipeline's stages (journal, faults, limits),",
      "  authentication and the endpoint, and writes the page with `ExactJson.stringify`; bare `node:http` only writes",
      "  bytes it holds. Owner: mock-server; reaching half of bare `node:http` would take serving the provider endpoints",
      "  from a plain `node:http` handler around the same pure endpoint modules."
    )
  }
  if (notes.length === 0) return ""
  return ["## Misses, by how much, and why", "", ...notes, ""].join("\n")
}

const summarySection = (r: Results, s: SoakResults | undefined) => {
  const rows: Array<string> = []
  for (const t of r.throughput) {
    rows.push(`| 1. Client throughput, library / raw \`fetch\` + \`JSON.parse\`: \`${t.source}\` | >= ${targets.throughputRatio} (stretch ${targets.throughputStretch}) | ${fmt(t.ratio, 2)} | ${verdict(t.ratio >= targets.throughputRatio)}${t.ratio >= targets.throughputStretch ? " (stretch met)" : ""} |`)
  }
  if (r.ccxt !== undefined) {
    const c = r.ccxt
    rows.push(`| 1b. Library / CCXT \`fetchLedger\` (paginate, forward), records/s: \`${c.source}\` | >= ${targets.ccxtRatio} | ${fmt(c.libraryOver.fetchLedger, 2)} | ${verdict(c.libraryOver.fetchLedger >= targets.ccxtRatio)} |`)
    rows.push(`| 1b. CCXT \`fetchLedger\` records lost, repeated (of ${fmt(c.modes.fetchLedger.counted.expected)}) | (reported) | ${fmt(c.modes.fetchLedger.counted.lost)}, ${fmt(c.modes.fetchLedger.counted.repeated)} | |`)
  }
  for (const c of r.requests ?? []) {
    const worst = Math.max(c.stream, c.export, c.ledger) / c.minimum
    rows.push(`| 1c. Requests / minimum, worst of stream, export, Ledger: \`${c.source}\` | <= ${targets.requestsRatio} | ${fmt(worst, 2)} | ${verdict(worst <= targets.requestsRatio)} |`)
  }
  if (r.memory !== undefined) {
    const m = r.memory
    rows.push(`| 2. Peak RSS, ${fmt(m.points[m.points.length - 1].records)} / ${fmt(m.points[0].records)} records (${fmt(m.points[m.points.length - 1].peakRssBytes / MiB)} / ${fmt(m.points[0].peakRssBytes / MiB)} MiB) | <= ${targets.memoryRatio} | ${fmt(m.ratio, 2)} | ${verdict(m.ratio <= targets.memoryRatio)} |`)
  }
  for (const l of r.rateLimit) {
    rows.push(`| 3. Rate limit \`${l.source}\`: achieved / allowed, 429s | >= ${targets.rateLimitEfficiency}, 0 | ${fmt(l.efficiency, 3)}, ${l.tooManyRequests} | ${verdict(l.efficiency >= targets.rateLimitEfficiency && l.tooManyRequests === 0)} |`)
  }
  if (r.capacity !== undefined) {
    const c = r.capacity
    const rate = (server: string) => fmt(c.servers.find((x) => x.server === server)?.requestsPerSecond ?? Number.NaN)
    rows.push(`| 4. Mock / bare node:http, signed pages/s under autocannon (${rate("mock")} / ${rate("bare node:http")}) | >= ${targets.capacityRatio} | ${fmt(c.mockOverBare, 2)} | ${verdict(c.mockOverBare >= targets.capacityRatio)} |`)
    rows.push(`| 4. Mock / Prism static examples (${rate("mock")} / ${rate("Prism")}) | (reported) | ${fmt(c.mockOverPrism, 2)} | |`)
  }
  if (s !== undefined) {
    rows.push(`| 5. Soak: records lost, repeated (${fmt(s.soak.requests)} requests, ${pct(s.soak.faultShare)} faulted) | 0, 0 | ${s.soak.lost}, ${s.soak.repeated} | ${verdict(s.passed)} |`)
  }
  return ["| benchmark | target | result | |", "|---|---|---|---|", ...rows].join("\n")
}

export const render = (r: Results, s: SoakResults | undefined): string =>
  [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (sections 1 to 4, figures in `bench/results.json`) and `npm run soak` (section 5,",
    "`bench/soak-results.json`); do not edit by hand. The harness is in [`bench/`](bench/).",
    "",
    `Figures from a run on ${machineLine(r)}. Run ${r.generatedAt}${r.quick ? " (quick mode: small sizes, not the reference figures)" : ""}.`,
    `\`npm run bench\` took ${fmt(r.durationSeconds)} s (${Object.entries(r.sections ?? {}).map(([name, t]) => `${name} ${fmt(t)} s`).join(", ")}; the limit is 600 s on 2 cores),` +
      " after its `prebench` step installs the peers (`npm ci --prefix bench`, about 20 s)" +
      (s === undefined ? "." : `; \`npm run soak\` ${fmt(s.durationSeconds ?? s.soak.seconds)} s.`),
    "Every figure is the median of several runs (the counts are in the tables); every ratio is taken between",
    "passes of the same run. Targets are reported against, not asserted.",
    "",
    summarySection(r, s),
    "",
    missesSection(r),
    throughputSection(r),
    ccxtSection(r),
    requestsSection(r),
    memorySection(r),
    rateLimitSection(r),
    capacitySection(r),
    soakSection(s),
    "## Reproduce",
    "",
    "```sh",
    "npm run bench            # sections 1-4: BENCHMARKS.md and bench/results.json",
    "npm run soak             # section 5: exits non-zero if a record is lost or repeated",
    "npm run bench -- --quick # small sizes, for a smoke test",
    "```",
    "",
    "Raw CPU profiles (`.cpuprofile`, open in Chrome DevTools) of the last run are left in `bench/.bench-tmp/`.",
    ""
  ].join("\n")
