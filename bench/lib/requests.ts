/**
 * Requests per record: for every source, the requests a walk makes on a still dataset,
 * counted in the mock's journal, over the minimum the provider's rules allow, for three
 * ways in: the `Source` stream alone (`entries(range)`), `ledgerkit export --source <id>`
 * (the CLI as shipped, its default window) and the `Ledger` merging all five sources in
 * time order (its default window).
 *
 * The minimum: records / the largest page the endpoint serves, rounded up; plus one where
 * nothing but a short page tells the walk that it has reached the end (no total, no
 * cursor: UM income, WOO X Pro); at least one request; times the windows a maximum span
 * forces (the mock enforces none, as none is documented, so one window).
 */
import { HttpClient } from "@effect/platform"
import * as HttpClientLive from "@ledgerkit/cli/HttpClientLive"
import * as Ledger from "@ledgerkit/providers/Ledger"
import type * as Source from "@ledgerkit/providers/Source"
import { DateTime, Effect, Stream } from "effect"
import { librarySources } from "./clients.js"
import { runExport } from "./cliExport.js"
import type { Mock } from "./mock.js"

export interface PageRule {
  /** The largest page the endpoint serves. */
  readonly page: number
  /** Whether the walk can know the end without a short page (a total or a null cursor). */
  readonly knowsEnd: boolean
  readonly rule: string
}

/** The provider rules as the mock serves them (Cryptomus's page is the mock's setting). */
export const pageRules = (cryptomusPerPage: number): Record<Source.SourceId, PageRule> => ({
  "binance.cloud-mining": { page: 100, knowsEnd: true, rule: "`size` <= 100, `total` given" },
  "binance.um-income": { page: 1000, knowsEnd: false, rule: "`limit` <= 1000, no total: a short page ends" },
  "zenlayer.recharge-refund": { page: 5000, knowsEnd: true, rule: "`pageSize` <= 5000, `totalCount` given" },
  "wooxpro.contract-transactions": { page: 1000, knowsEnd: false, rule: "`page_size` <= 1000, no page or cursor: a short window ends" },
  "cryptomus.transactions": { page: cryptomusPerPage, knowsEnd: true, rule: `${cryptomusPerPage} a page (server-set), \`nextCursor\` null on the last` }
})

export const minimumRequests = (records: number, rule: PageRule) =>
  Math.max(1, rule.knowsEnd ? Math.ceil(records / rule.page) : Math.floor(records / rule.page) + 1)

export interface RequestCount {
  readonly source: Source.SourceId
  readonly records: number
  readonly rule: string
  /** The largest page the endpoint serves. */
  readonly page: number
  readonly minimum: number
  readonly stream: number
  readonly export: number
  /** The export's records, from its own count (to check it is the same walk). */
  readonly exportRecords: number
  readonly ledger: number
  /** The range walked, in days (the default window of the export and the Ledger is one day). */
  readonly rangeDays: number
}

interface JournalEntry {
  readonly endpoint: string | null
}

/** Provider requests by endpoint in the journal since it was last cleared. */
const journalCounts = async (mock: Mock): Promise<Map<string, number>> => {
  const { entries } = await mock.admin<{ entries: ReadonlyArray<JournalEntry> }>("GET", "/journal?limit=1000000")
  const counts = new Map<string, number>()
  for (const e of entries) if (e.endpoint !== null) counts.set(e.endpoint, (counts.get(e.endpoint) ?? 0) + 1)
  return counts
}

/** The requests `f` makes, by endpoint. */
const counting = async (mock: Mock, f: () => Promise<unknown>) => {
  await mock.admin("DELETE", "/journal")
  await f()
  return journalCounts(mock)
}

const runWithClient = <A>(effect: Effect.Effect<A, unknown, HttpClient.HttpClient>) =>
  Effect.runPromise(Effect.provide(effect, HttpClientLive.layer))

export const measureRequests = async (
  mock: Mock,
  options: {
    readonly ids: ReadonlyArray<Source.SourceId>
    /** The inclusive epoch-millis span of the records, per source. */
    readonly spans: Readonly<Record<string, readonly [number, number] | null>>
    readonly cryptomusPerPage: number
    readonly log: (line: string) => void
  }
): Promise<ReadonlyArray<RequestCount>> => {
  const spans = options.ids.map((id) => options.spans[id]).filter((s) => s !== null && s !== undefined)
  const from = Math.min(...spans.map((s) => s[0]))
  const to = Math.max(...spans.map((s) => s[1])) + 1
  const range: Source.Range = { from: DateTime.unsafeMake(from), to: DateTime.unsafeMake(to) }
  const sources = () => librarySources({ baseUrl: mock.baseUrl, budget: false })
  const rules = pageRules(options.cryptomusPerPage)
  const ledgerRecords = new Map<string, number>()
  const ledger = await counting(mock, () =>
    runWithClient(Effect.gen(function*() {
      const all = yield* sources()
      const ledger = Ledger.make(options.ids.map((id) => all[id]))
      yield* Stream.runForEach(ledger.entries(range), (e) => Effect.sync(() => ledgerRecords.set(e.source, (ledgerRecords.get(e.source) ?? 0) + 1)))
    })))
  const counts: Array<RequestCount> = []
  for (const id of options.ids) {
    let records = 0
    const stream = await counting(mock, async () => {
      records = await runWithClient(Effect.flatMap(sources(), (all) => Stream.runCount(all[id].entries(range))))
    })
    let exportRecords = Number.NaN
    const exported = await counting(mock, async () => {
      const args = ["--source", id, "--from", new Date(from).toISOString(), "--to", new Date(to).toISOString(), "--format", "ndjson", "--mock", mock.baseUrl]
      const run = await runExport(args, { timeoutMillis: 300_000 })
      if (run.code !== 0) throw new Error(`requests: the export of ${id} failed (exit ${run.code}): ${run.stderr.slice(-500)}`)
      exportRecords = Number(/wrote (\d+) records/.exec(run.stderr)?.[1] ?? Number.NaN)
    })
    if ((ledgerRecords.get(id) ?? 0) !== records) {
      throw new Error(`requests: the ledger delivered ${ledgerRecords.get(id) ?? 0} records of ${id}, its stream ${records}`)
    }
    const count: RequestCount = {
      source: id,
      records,
      rule: rules[id].rule,
      page: rules[id].page,
      minimum: minimumRequests(records, rules[id]),
      stream: stream.get(id) ?? 0,
      export: exported.get(id) ?? 0,
      exportRecords,
      ledger: ledger.get(id) ?? 0,
      rangeDays: (to - from) / 86_400_000
    }
    options.log(`requests ${id}: minimum ${count.minimum}, stream ${count.stream}, export ${count.export}, ledger ${count.ledger}`)
    counts.push(count)
  }
  return counts
}
