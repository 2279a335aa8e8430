/**
 * The BENCHMARKS.md sections that set ledgerkit against its peers and the providers'
 * rules: CCXT on UM income (1b), requests per minimum (1c), and the mock's capacity next
 * to bare `node:http` and Prism under autocannon (4).
 */
import type { Counted } from "./ccxt.js"
import { fmt, pct, verdict } from "./format.js"
import { type Results, targets } from "./results.js"

export const ccxtSection = (r: Results) => {
  const c = r.ccxt
  if (c === undefined) return ""
  const raw = r.throughput.find((t) => t.source === c.source)
  const counted = (k: Counted) => `${fmt(k.got)} | ${fmt(k.lost)} | ${fmt(k.repeated)} | ${fmt(k.unexpected)}`
  const row = (name: string, m: (typeof c.modes)[keyof typeof c.modes], over: number) =>
    `| ${name} | ${counted(m.counted)} | ${fmt(m.requests)} | ${fmt(m.perSecond)} | ${fmt(m.cpuMicrosPerRecord, 1)} | ${fmt(over, 2)} |`
  return [
    `## 1b. CCXT on \`${c.source}\` (same mock, same dataset, same run)`,
    "",
    "CCXT (`ccxt` of `bench/package.json`, `binance` with its URLs on the mock, its rate limiter off like the",
    "library's budget) in a new process per round (`bench/lib/ccxtWalk.mjs`), each walk timed after a warm-up walk",
    "in that process: `fetchLedger(undefined, from, undefined, { portfolioMargin: true, subType: \"linear\", paginate:",
    "true, paginationDirection: \"forward\", until })` (CCXT's own pagination: each next request starts 1 ms after the",
    "last record it got), and CCXT's implicit endpoint `papiGetUmIncome` in a `page` loop (pages of 1,000 until a",
    "short one, no CCXT parsing). Every client's records, the library's too, are counted against the dataset by the",
    "provider's key (`incomeType`, `tranId`). Rounds alternate the library pass (the `Source` stream, as in section 1) and the CCXT process; the",
    "ratio is library records/s over CCXT's, per round, median. CPU columns are each client's own process.",
    "",
    `| client | records got (dataset: ${fmt(c.modes.fetchLedger.counted.expected)}) | lost | repeated | not in the dataset | requests | records/s | CPU µs/record | library / it |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ledgerkit \`Source\` stream | ${counted(c.library.counted)} | ${raw === undefined ? "" : fmt(raw.requests)} | ${fmt(c.library.perSecond)} | ${fmt(c.library.cpuMicrosPerRecord, 1)} | |`,
    row("CCXT `fetchLedger` (paginate, forward)", c.modes.fetchLedger, c.libraryOver.fetchLedger),
    row("CCXT `papiGetUmIncome` in a page loop", c.modes.rawLoop, c.libraryOver.rawLoop),
    ...(raw === undefined ? [] : [
      `| plain \`fetch\` + \`JSON.parse\` (section 1) | ${fmt(raw.rowsRead)} | | | | ${fmt(raw.requests)} | ${fmt(raw.rawPerSecond)} | ${fmt(raw.rawCpuMicrosPerRecord, 1)} | ${fmt(raw.ratio, 2)} |`
    ]),
    "",
    `Library / CCXT \`fetchLedger\` = **${fmt(c.libraryOver.fetchLedger, 2)}** (target >= ${targets.ccxtRatio}): ${verdict(c.libraryOver.fetchLedger >= targets.ccxtRatio)}.`,
    c.modes.fetchLedger.counted.lost > 0
      ? `CCXT's own pagination lost ${fmt(c.modes.fetchLedger.counted.lost)} records: those that share the millisecond of a page's last record but did not fit the page (the next request starts 1 ms later).`
      : "CCXT's own pagination lost no record on this dataset.",
    ""
  ].join("\n")
}

export const requestsSection = (r: Results) => {
  const counts = r.requests
  if (counts === undefined) return ""
  const cell = (n: number, minimum: number) => `${fmt(n)} (${fmt(n / minimum, 2)})`
  const ok = (c: (typeof counts)[number]) => Math.max(c.stream, c.export, c.ledger) <= targets.requestsRatio * c.minimum
  return [
    "## 1c. Requests per minimum",
    "",
    "On the dataset of section 1 (limits off, nothing changes during the walks), the provider requests each way in",
    "made, counted in the mock's journal, and in brackets over the minimum the provider's rules allow: records / the",
    "largest page, rounded up, plus one where only a short page tells the end (no total and no cursor), at least one;",
    "no maximum span forces more windows (the mock enforces none, none is documented). The three ways in: the",
    "`Source` stream alone (`entries(range)`); `ledgerkit export --source <id>` (the CLI as shipped, its default",
    "window); the `Ledger` over all five sources in time order (`Ledger.make(...).entries(range)`, its default",
    "window). The range is the same for all: from the oldest record of any source to just after the newest.",
    "",
    `| source | records | the provider's rule | minimum | \`Source\` stream | \`ledgerkit export\` | \`Ledger\` merge | each <= ${targets.requestsRatio} x minimum |`,
    "|---|---:|---|---:|---:|---:|---:|---|",
    ...counts.map((c) =>
      `| \`${c.source}\` | ${fmt(c.records)} | ${c.rule} | ${fmt(c.minimum)} | ${cell(c.stream, c.minimum)} | ${cell(c.export, c.minimum)} | ${cell(c.ledger, c.minimum)} | ${verdict(ok(c))} |`
    ),
    ""
  ].join("\n")
}

export const capacitySection = (r: Results) => {
  const c = r.capacity
  if (c === undefined) return ""
  return [
    "## 4. Mock capacity (vs bare `node:http` and Prism, loaded by autocannon)",
    "",
    `\`autocannon -c ${c.connections} -d ${c.seconds}\` (\`autocannon\` of \`bench/package.json\`, in its own process,`,
    "keep-alive connections) sends",
    `\`${c.path}\`, signed once per run with`,
    "`recvWindow` 60000, so the mock checks the key, the timestamp and the HMAC of every request and journals each.",
    "The bare server is `node:http` in its own process answering every request with the bytes the mock sent for that",
    "request (status, headers, body). Prism (`@stoplight/prism-cli`) serves the mock's own OpenAPI document",
    "(`GET /__admin/openapi.json`) with its static examples (the documented two-row page, not 100 rows), logging only",
    "errors. Rounds rotate which server goes first; ratios are per round, medians. Busy figures are CPU time over wall",
    "time in the steady part of each run, read from `/proc` (1.0 is one core; both processes are single-threaded);",
    "the limit column says which one set the pace: the generator when it was near a core and at least as busy as",
    "the server, else the server when it was, else the machine when every core was busy (the machine is shared).",
    "",
    "| server | requests/s (median) | body bytes | records | server CPU µs/request | server busy | autocannon busy | machine busy | latency p50 / p99 ms | the limit |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...c.servers.map((s) =>
      `| ${s.server} | ${fmt(s.requestsPerSecond)} | ${fmt(s.bodyBytes)} | ${s.records} | ${fmt(s.serverCpuMicrosPerRequest)} | ${pct(s.serverBusy)} | ${pct(s.generatorBusy)} | ${pct(s.machineBusy)} | ${fmt(s.latencyP50Millis)} / ${fmt(s.latencyP99Millis)} | ${s.limitedBy} |`
    ),
    "",
    `mock / bare = **${fmt(c.mockOverBare, 2)}** (target >= ${targets.capacityRatio}): ${verdict(c.mockOverBare >= targets.capacityRatio)};`,
    `mock / Prism = ${fmt(c.mockOverPrism, 2)} (Prism answers a ${fmt(c.servers.find((s) => s.server === "Prism")?.bodyBytes ?? 0)}-byte example, the mock a signed, journaled ${c.servers[0]?.records ?? 0}-record page).`,
    ...c.servers.filter((s) => s.limitedBy === "generator").map((s) =>
      `The ${s.server} figure is a floor: autocannon, not the server, was the limit there (busy ${pct(s.generatorBusy)}).`
    ),
    ""
  ].join("\n")
}
