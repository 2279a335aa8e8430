/**
 * The "why" of the client misses in BENCHMARKS.md, from the figures of the run: where a
 * record's time goes, stage by stage and by profile, what each fix would buy, and why a
 * walk makes more requests than the provider's rules need.
 */
import { fmt, pct, shortBy } from "./format.js"
import type { ProfileSummary } from "./protocol.js"
import { type Results, targets } from "./results.js"

const groupShare = (summary: ProfileSummary | undefined, prefix: string) =>
  summary?.groups.find((g) => g.label.startsWith(prefix))?.share ?? 0

// What a file's self time means, for the "why" of a miss.
const meanings: ReadonlyArray<readonly [string, string]> = [
  ["ExactJson.ts", "the page written as JSON by `ExactJson.stringify`, since 02696f3 mostly the native `JSON.stringify` it calls"],
  ["internal/window.ts", "`Window.select`/`Window.ordered`: the records of the requested window copied before the page is cut out"],
  ["internal/binance", "the Binance endpoint: parameters, then a `.filter` over every record of the window"],
  ["Journal.ts", "the request journal (a redacted copy of every request)"],
  ["effect/dist/esm/internal/fiberRuntime.js", "the Effect runtime (fibers)"],
  ["effect/dist/esm/internal/channel", "Effect streams (channels)"],
  ["effect/dist/esm/ParseResult.js", "effect Schema parsers (decoding and validation)"],
  ["effect/dist/esm/SchemaAST.js", "effect Schema ASTs being built"],
  ["effect/dist/esm/Schema.js", "effect Schema classes"],
  ["@effect/platform", "the Effect HTTP layer (requests, responses, headers)"],
  ["(garbage collector)", "garbage collection"],
  ["(writev)", "socket writes (kernel)"],
  ["(writeLatin1String)", "socket writes (kernel)"],
  ["packages/core/src/Amount.ts", "core's exact decimal parsing"],
  ["packages/core/src/Time.ts", "core's time parsing"]
]

const meaningOf = (file: string) => meanings.find(([pattern]) => file.includes(pattern))?.[1]

export const whereItGoes = (summary: ProfileSummary) =>
  summary.byFile.slice(0, 6).map((f) => `\`${f.file}\` ${pct(f.share)}${meaningOf(f.file) === undefined ? "" : ` (${meaningOf(f.file)})`}`).join("; ")


/** Wall µs per record of a pass. */
const wall = (perSecond: number) => 1e6 / perSecond

const throughputMisses = (r: Results): Array<string> => {
  const missed = r.throughput.filter((t) => t.ratio < targets.throughputRatio)
  if (missed.length === 0) return []
  const notes = [
    `- **Client throughput, library / raw \`fetch\` + \`JSON.parse\`** (target >= ${targets.throughputRatio}): ${missed.map((t) => `\`${t.source}\` ${shortBy(t.ratio, targets.throughputRatio)}`).join("; ")}.`,
    "  Per source: the wall time a record takes, what the target allows, and where the library's CPU goes (stages",
    "  from the stage table of section 1, then the profile of one pass):"
  ]
  for (const t of missed) {
    const profile = r.profiles.throughput[t.source]
    notes.push(
      `  - \`${t.source}\`: ${fmt(wall(t.libraryPerSecond), 1)} µs a record (raw ${fmt(wall(t.rawPerSecond), 1)}); ${targets.throughputRatio} needs at most ${fmt(wall(t.rawPerSecond) / targets.throughputRatio, 1)}.` +
        ` CPU ${fmt(t.libraryCpuMicrosPerRecord, 1)} µs a record (raw ${fmt(t.rawCpuMicrosPerRecord, 1)}).` +
        (profile === undefined ? "" : ` Profile: GC ${pct(groupShare(profile, "garbage"))}; by file ${whereItGoes(profile)}; top functions ${profile.top.slice(0, 5).map((h) => `\`${h.name}\` ${pct(h.share)}`).join(", ")}.`)
    )
  }
  notes.push(
    "  The Schema route of the stage table is no longer taken (the library's own decoders, proven equal to the Schema",
    "  by properties, and the parsed row kept as `original`). What the library still does per record and the raw loop",
    "  does not is what exactness costs: amounts made `BigDecimal` from their literal (Zenlayer's JSON numbers read by",
    "  core's exact `Json.parse`, which keeps each number's text), a `DateTime` per record, every field checked, and",
    "  the walk's keying, cutting and ordering. The ratio is of two passes of about a tenth of a second each, so it",
    "  moves by a tenth between runs of one machine; CPU per record (the columns of section 1) is the steadier figure."
  )
  return notes
}

const ccxtMisses = (r: Results): Array<string> => {
  const c = r.ccxt
  if (c === undefined || c.libraryOver.fetchLedger >= targets.ccxtRatio) return []
  const f = c.modes.fetchLedger
  return [
    `- **Library / CCXT \`fetchLedger\`** on \`${c.source}\` (target >= ${targets.ccxtRatio}): ${shortBy(c.libraryOver.fetchLedger, targets.ccxtRatio)}.`,
    `  CCXT spends ${fmt(f.cpuMicrosPerRecord, 1)} µs of CPU a record (its \`JSON.parse\`, then \`parseLedgerEntry\`: fields read with`,
    "  `safeString`/`safeInteger`, the sign by `Precise` string arithmetic, the amount made a JS number by `parseNumber`,",
    `  nothing validated), the library ${fmt(c.library.cpuMicrosPerRecord, 1)}: its own page decoders (every field checked,`,
    "  amounts exact), `toLedgerEntry` keeping the parsed row as `original`, and per request the HTTP client and the",
    "  Effect runtime. What is left is per-record validation CCXT does not do, and the runtime's per-request steps.",
    `  CCXT loses ${fmt(f.counted.lost)} records and repeats ${fmt(f.counted.repeated)} of ${fmt(f.counted.expected)} on the same pages; the library loses none.`
  ]
}

const requestsMisses = (r: Results): Array<string> => {
  const over = (r.requests ?? []).filter((c) => Math.max(c.stream, c.export, c.ledger) > targets.requestsRatio * c.minimum)
  if (over.length === 0) return []
  const streamOver = over.filter((c) => c.stream > targets.requestsRatio * c.minimum)
  const windowed = over.filter((c) => Math.max(c.export, c.ledger) > c.stream)
  return [
    `- **Requests per minimum** (target <= ${targets.requestsRatio}): ${over.map((c) => `\`${c.source}\` stream ${fmt(c.stream / c.minimum, 2)}, export ${fmt(c.export / c.minimum, 2)}, ledger ${fmt(c.ledger / c.minimum, 2)}`).join("; ")}.`,
    ...(windowed.length === 0
      ? ["  The export and the Ledger make what the stream makes: each walks a source once over the range."]
      : [`  The export and the Ledger make more than the stream for ${windowed.map((c) => `\`${c.source}\``).join(", ")}: a walk per window.`]),
    ...streamOver.map((c) =>
      `  The \`${c.source}\` stream itself makes ${fmt(c.stream)} for ${fmt(c.minimum)}: ${fmt(c.records / c.stream)} records a request where a page holds ${fmt(c.page)}.`
    ),
    ...(streamOver.length === 0 ? [] : [
      "  Each window of a walk is read in one answer that proves itself complete (issue 11: nothing that moves between",
      "  two requests can shift a page under the walk); windows are aimed at nine tenths of a page, and one that answers",
      "  full is asked again smaller. Reading several pages of one window would reach the minimum on a still dataset and",
      "  lose records on a moving one (a cursor that is a keyset, Cryptomus', is followed: it cannot shift).",
      "  So the floor of a walk that trusts no order is above the minimum: every record must come from an answer that",
      "  is short (or holds its `total`), so even a walk told the density in advance needs one window per page it",
      "  could not fill, and a real walk also spends the answer that first shows how dense the range is (12 for 11 on",
      "  `binance.um-income`: 11 windows under 1,000 rows and that answer; 3 for 2 on Zenlayer); any window sized from an",
      "  estimate then either overflows (asked again) or is under-filled. Reaching 1.05 would mean trusting the",
      "  provider's sort order to use the full answers, as CCXT does; none of the five documents its order, and",
      "  DESIGN.md forbids depending on an undocumented one (section 1b shows what CCXT loses for it)."
    ])
  ]
}

/** Notes for every client figure that misses its target. */
export const clientMisses = (r: Results): Array<string> => [...throughputMisses(r), ...ccxtMisses(r), ...requestsMisses(r)]
