/**
 * Benchmark 3, rate-limit efficiency: the library walks a history with its own budget on,
 * against the mock with its limits on, both on the same compressed clock (the mock's
 * `Scaled` mode, read back from `/__admin/clock`, and `scaledClock` for the client).
 *
 * The walk uses small pages (the weight of a request does not depend on its size), runs
 * through `windows + 1` whole limit windows after the one it starts in, and is then
 * stopped. From the mock's journal: the weight the mock counted in the `windows` whole
 * windows after the first one, divided by what those windows allow (achieved / allowed),
 * and the answers 429 (and 418) over the whole walk.
 */
import * as HttpClientLive from "@ledgerkit/cli/HttpClientLive"
import * as Binance from "@ledgerkit/providers/Binance"
import * as WooXPro from "@ledgerkit/providers/WooXPro"
import { DateTime, Duration, Effect, Redacted, Stream } from "effect"
import { credentials } from "./clients.js"
import type { Mock } from "./mock.js"
import { type Scale, scaledClock } from "./scaledClock.js"
import { median } from "./stats.js"

export type LimitedSource = "binance.um-income" | "wooxpro.contract-transactions"

interface Rule {
  readonly limit: number
  readonly weight: number
  readonly windowMillis: number
}

export interface RateLimitResult {
  readonly source: LimitedSource
  readonly rule: Rule
  readonly timeScale: number
  /** Requests per second the client sends unthrottled (what set the time scale). */
  readonly clientRequestsPerSecond: number
  readonly windows: number
  /** achieved / allowed, median over runs. */
  readonly efficiency: number
  readonly efficiencies: ReadonlyArray<number>
  /** Requests the mock counted per window, median. */
  readonly requestsPerWindow: number
  readonly allowedPerWindow: number
  readonly tooManyRequests: number
  readonly banned: number
  /** Other answers than 200, 429 and 418, by status, over all runs. */
  readonly otherStatuses: Readonly<Record<string, number>>
  readonly runs: number
}

interface JournalEntry {
  readonly time: number
  readonly status: number | null
  readonly endpoint: string | null
}

// The walk: small pages, the provider's own budget on.
const walk = (source: LimitedSource, baseUrl: string, from: DateTime.Utc, to: DateTime.Utc, budget = true) =>
  Effect.gen(function*() {
    if (source === "binance.um-income") {
      const binance = yield* Binance.make({
        apiKey: Redacted.make(credentials.binance.apiKey),
        apiSecret: Redacted.make(credentials.binance.apiSecret),
        sapiUrl: baseUrl,
        papiUrl: baseUrl,
        // Compression shrinks the real time a signed request stays valid (5 s of mock time is
        // 1/rate of that in real time); the largest window keeps a pause of the mock from
        // turning requests into -1021 answers.
        recvWindow: 60_000,
        budget: { enabled: budget }
      })
      return Stream.runDrain(binance.umIncome({ from, to, pageSize: 10 }))
    }
    const woo = yield* WooXPro.make({ apiKey: Redacted.make(credentials.wooxpro.apiKey), apiUrl: baseUrl, budget: { enabled: budget } })
    return Stream.runDrain(woo.transactions({ from, to, pageSize: 10 }))
  })

/**
 * Requests per second the client sends with no limit at all (its budget off, the mock's
 * limits off), for `seconds`: how far time can be compressed before the client's own
 * speed, rather than its limiter, sets the pace.
 */
export const unthrottledRate = async (mock: Mock, source: LimitedSource, span: readonly [number, number], seconds: number) => {
  await mock.admin("DELETE", "/journal")
  const program = Effect.gen(function*() {
    const drain = yield* walk(source, mock.baseUrl, DateTime.unsafeMake(span[0]), DateTime.unsafeMake(span[1] + 1), false)
    yield* Effect.raceFirst(Effect.either(drain), Effect.sleep(Duration.seconds(seconds)))
  })
  const started = performance.now()
  await Effect.runPromise(Effect.provide(program, HttpClientLive.layer))
  const elapsed = (performance.now() - started) / 1000
  const { entries } = await mock.admin<{ entries: ReadonlyArray<JournalEntry> }>("GET", `/journal?endpoint=${source}&limit=1000000`)
  return entries.length / elapsed
}

const oneRun = async (mock: Mock, source: LimitedSource, rule: Rule, rate: number, windows: number, span: readonly [number, number]) => {
  await mock.admin("DELETE", "/limits/usage")
  await mock.admin("DELETE", "/journal")
  const clock = await mock.admin<{ mode: Scale & { _tag: string } }>("PUT", "/clock", { scale: rate, origin: Date.now() })
  const scale: Scale = clock.mode
  const startMock = Math.floor(scale.origin + (Date.now() - scale.startedAt) * scale.rate)
  const firstWhole = Math.ceil(startMock / rule.windowMillis) * rule.windowMillis
  const measuredEnd = firstWhole + windows * rule.windowMillis
  // One more window after the measured ones, so that the walk is still running at their end.
  const stopAt = measuredEnd + rule.windowMillis
  const program = Effect.gen(function*() {
    const drain = yield* walk(source, mock.baseUrl, DateTime.unsafeMake(span[0]), DateTime.unsafeMake(span[1] + 1))
    const stop = Effect.flatMap(Effect.clockWith((c) => c.currentTimeMillis), (now) => Effect.sleep(Duration.millis(Math.max(0, stopAt - now))))
    return yield* Effect.raceFirst(Effect.either(drain), Effect.as(stop, undefined))
  }).pipe(Effect.withClock(scaledClock(scale)))
  const outcome = await Effect.runPromise(Effect.provide(program, HttpClientLive.layer))
  if (outcome !== undefined && outcome._tag === "Left") throw new Error(`${source}: the walk failed: ${String(outcome.left)}`)
  if (outcome !== undefined) throw new Error(`${source}: the walk ended before the measured windows did; give it more records`)
  const { entries } = await mock.admin<{ entries: ReadonlyArray<JournalEntry> }>("GET", `/journal?endpoint=${source}&limit=1000000`)
  const counted = entries.filter((e) => e.time >= firstWhole && e.time < measuredEnd && e.status === 200).length
  return {
    efficiency: (counted * rule.weight) / (windows * rule.limit),
    perWindow: counted / windows,
    tooMany: entries.filter((e) => e.status === 429).length,
    banned: entries.filter((e) => e.status === 418).length,
    other: entries.filter((e) => e.status !== 200 && e.status !== 429 && e.status !== 418).map((e) => String(e.status))
  }
}

export const measureRateLimit = async (
  mock: Mock,
  source: LimitedSource,
  options: {
    readonly windows: number
    readonly runs: number
    readonly span: readonly [number, number]
    /** The most compression allowed. */
    readonly maxRate: number
  }
): Promise<RateLimitResult> => {
  const clientRate = await unthrottledRate(mock, source, options.span, 1.5)
  const limits = await mock.admin<{ limits: { rules: Record<LimitedSource, Rule> } }>("PATCH", "/limits", { enabled: true })
  const rule = limits.limits.rules[source]
  // Compress time until the allowed rate is a third of what the client can send unthrottled
  // (headroom for pauses: a window the client cannot fill in time measures the machine).
  // A window also lasts at least half a real second, well above timer and GC jitter.
  const allowedPerSecond = rule.limit / rule.weight / (rule.windowMillis / 1000)
  const rate = Math.max(1, Math.min(options.maxRate, rule.windowMillis / 500, Math.floor(clientRate / (3 * allowedPerSecond))))
  const results: Array<Awaited<ReturnType<typeof oneRun>>> = []
  try {
    for (let i = 0; i < options.runs; i++) results.push(await oneRun(mock, source, rule, rate, options.windows, options.span))
  } finally {
    await mock.admin("PUT", "/clock", { system: true })
    await mock.admin("PATCH", "/limits", { enabled: false })
  }
  return {
    source,
    rule: { limit: rule.limit, weight: rule.weight, windowMillis: rule.windowMillis },
    timeScale: rate,
    clientRequestsPerSecond: clientRate,
    windows: options.windows,
    efficiency: median(results.map((r) => r.efficiency)),
    efficiencies: results.map((r) => r.efficiency),
    requestsPerWindow: median(results.map((r) => r.perWindow)),
    allowedPerWindow: rule.limit / rule.weight,
    tooManyRequests: results.reduce((n, r) => n + r.tooMany, 0),
    banned: results.reduce((n, r) => n + r.banned, 0),
    otherStatuses: results.flatMap((r) => r.other).reduce<Record<string, number>>((o, status) => ({ ...o, [status]: (o[status] ?? 0) + 1 }), {}),
    runs: options.runs
  }
}
