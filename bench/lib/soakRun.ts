/**
 * The fault soak (`npm run soak`): `ledgerkit export --source all` against the mock with
 * about 20% of provider requests faulted (429 with a short Retry-After, 503, connection
 * resets, truncated bodies, malformed JSON), each fault drawn from its own seeded
 * generator. An export that stops on an error the library does not retry (a malformed
 * body) is run again with the same `--checkpoint`, as a user would, until it completes
 * (bounded in runs and time).
 *
 * Then the output is checked against the mock's dataset: every record of the range
 * exactly once (lost and repeated must be 0), and the mock's journal tells requests,
 * faults, and retries (a faulted request that the client sent again).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { runExport } from "./cliExport.js"
import type { Mock } from "./mock.js"

const DAY = 86_400_000

export interface SoakOptions {
  readonly rowsPerSource: number
  readonly days: number
  readonly maxRuns: number
  readonly maxSeconds: number
  readonly seed: number
}

/** The faults, checked in this order; each fires with its conditional probability. */
export const faultMix = [
  { share: 0.06, kind: { _tag: "TooManyRequests", retryAfterSeconds: 1 } },
  { share: 0.06, kind: { _tag: "ServerError", status: 503 } },
  { share: 0.04, kind: { _tag: "Reset" } },
  { share: 0.02, kind: { _tag: "Truncated" } },
  { share: 0.02, kind: { _tag: "MalformedJson" } }
] as const

/** Fault specs whose shares of all requests are `faultMix`'s (first match wins). */
export const faultSpecs = (seed: number) => {
  let left = 1
  return faultMix.map((f, i) => {
    const probability = f.share / left
    left -= f.share
    return { endpoint: "*", kind: f.kind, probability, seed: seed * 100 + i }
  })
}

interface JournalEntry {
  readonly seq: number
  readonly endpoint: string | null
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly body: unknown
  readonly status: number | null
  readonly fault: { readonly id: string; readonly kind: string } | null
}

interface Fault {
  readonly id: string
  readonly kind: { readonly _tag: string }
  readonly fired: number
  readonly matched: number
}

export interface SoakResult {
  readonly sources: ReadonlyArray<{ readonly source: string; readonly expected: number; readonly written: number; readonly lost: number; readonly repeated: number; readonly unexpected: number }>
  readonly records: number
  readonly lost: number
  readonly repeated: number
  readonly unexpected: number
  readonly requests: number
  readonly faults: number
  readonly faultShare: number
  readonly faultsByKind: Readonly<Record<string, number>>
  readonly retries: number
  readonly runs: number
  readonly complete: boolean
  readonly failures: ReadonlyArray<string>
  readonly seconds: number
}

// What identifies a request apart from when it was signed.
const volatile = new Set(["timestamp", "signature", "recvWindow"])
const identity = (e: JournalEntry) =>
  `${e.endpoint}|${e.query.filter(([k]) => !volatile.has(k)).map(([k, v]) => `${k}=${v}`).join("&")}|${JSON.stringify(e.body)}`

const lastLine = (stderr: string) => stderr.trim().split("\n").filter((l) => l.trim() !== "").pop() ?? ""

export const soak = async (mock: Mock, options: SoakOptions, log: (line: string) => void): Promise<SoakResult> => {
  const started = performance.now()
  const anchor = Math.floor(Date.now() / DAY) * DAY - DAY
  const perDay = options.rowsPerSource / options.days
  const sources = ["binance.cloud-mining", "binance.um-income", "zenlayer.recharge-refund", "wooxpro.contract-transactions", "cryptomus.transactions"] as const
  const loaded = await mock.load(
    { seed: options.seed, anchor, endpoints: Object.fromEntries(sources.map((id) => [id, { rows: options.rowsPerSource, perDay }])) },
    true
  )
  const from = new Date(Math.floor((anchor - options.days * DAY - 1000) / 1000) * 1000).toISOString()
  const to = new Date(anchor).toISOString()
  await mock.admin("PUT", "/faults", faultSpecs(options.seed))

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerkit-soak-"))
  const out = path.join(dir, "export.ndjson")
  const checkpoint = path.join(dir, "export.checkpoint.json")
  const args = ["--source", "all", "--from", from, "--to", to, "--format", "ndjson", "--out", out, "--checkpoint", checkpoint, "--mock", mock.baseUrl]
  log(`soak: ${sources.length} sources x ${options.rowsPerSource} records over ${options.days} days, ${Math.round(faultMix.reduce((s, f) => s + f.share, 0) * 100)}% of requests faulted`)
  const failures: Array<string> = []
  let runs = 0
  let complete = false
  while (runs < options.maxRuns && (performance.now() - started) / 1000 < options.maxSeconds) {
    runs++
    const left = options.maxSeconds * 1000 - (performance.now() - started)
    const run = await runExport(args, { timeoutMillis: Math.max(10_000, left) })
    if (run.code === 0) {
      complete = true
      break
    }
    const reason = lastLine(run.stderr)
    failures.push(reason)
    log(`soak: run ${runs} stopped (exit ${run.code}): ${reason.slice(0, 160)}; resuming from the checkpoint`)
  }
  const faults = (await mock.admin<{ faults: ReadonlyArray<Fault> }>("GET", "/faults")).faults
  await mock.admin("DELETE", "/faults")
  const { entries } = await mock.admin<{ entries: ReadonlyArray<JournalEntry> }>("GET", "/journal?limit=10000000")
  const provider = entries.filter((e) => e.endpoint !== null)

  // A faulted request counts as retried when the same request (but its time and signature) was sent again later.
  const lastSeen = new Map<string, number>()
  for (const e of provider) lastSeen.set(identity(e), e.seq)
  const faulted = provider.filter((e) => e.fault !== null)
  const retries = faulted.filter((e) => (lastSeen.get(identity(e)) ?? 0) > e.seq).length

  // The output against the dataset.
  const lines = fs.existsSync(out) ? fs.readFileSync(out, "utf8").split("\n").filter((l) => l !== "") : []
  const written = new Map<string, Array<string>>()
  for (const line of lines) {
    const entry = JSON.parse(line) as { source: string; id: string }
    const ids = written.get(entry.source) ?? []
    ids.push(entry.id)
    written.set(entry.source, ids)
  }
  const perSource = sources.map((source) => {
    const expected = new Set(loaded.identities?.[source] ?? [])
    const got = written.get(source) ?? []
    const distinct = new Set(got)
    return {
      source,
      expected: expected.size,
      written: got.length,
      lost: [...expected].filter((id) => !distinct.has(id)).length,
      repeated: got.length - distinct.size,
      unexpected: [...distinct].filter((id) => !expected.has(id)).length
    }
  })
  fs.rmSync(dir, { recursive: true, force: true })
  const faultsByKind: Record<string, number> = {}
  for (const f of faults) faultsByKind[f.kind._tag] = (faultsByKind[f.kind._tag] ?? 0) + f.fired
  const faultCount = faults.reduce((n, f) => n + f.fired, 0)
  return {
    sources: perSource,
    records: lines.length,
    lost: perSource.reduce((n, s) => n + s.lost, 0),
    repeated: perSource.reduce((n, s) => n + s.repeated, 0),
    unexpected: perSource.reduce((n, s) => n + s.unexpected, 0),
    requests: provider.length,
    faults: faultCount,
    faultShare: provider.length === 0 ? 0 : faultCount / provider.length,
    faultsByKind,
    retries,
    runs,
    complete,
    failures,
    seconds: (performance.now() - started) / 1000
  }
}
