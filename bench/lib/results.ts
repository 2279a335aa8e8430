/** The figures of a run, as written to `bench/results.json` and rendered into BENCHMARKS.md. */
import type { CapacityResult } from "./capacity.js"
import type { CcxtResult } from "./ccxt.js"
import type { Machine } from "./machine.js"
import type { MemoryResult } from "./memory.js"
import type { ProfileSummary } from "./protocol.js"
import type { RateLimitResult } from "./rateLimit.js"
import type { RequestCount } from "./requests.js"
import type { SoakResult } from "./soakRun.js"
import type { ThroughputResult } from "./throughput.js"

// Issue 14's targets (reported against, not asserted).
export const targets = {
  /** Library records/s over the raw `fetch` + `JSON.parse` loop's, every source (0.8 the stretch). */
  throughputRatio: 0.5,
  throughputStretch: 0.8,
  /** Library records/s over CCXT `fetchLedger` (paginate, forward) on `binance.um-income`. */
  ccxtRatio: 1.0,
  /** Requests made over the minimum the provider's rules allow. */
  requestsRatio: 1.05,
  memoryRatio: 1.2,
  rateLimitEfficiency: 0.95,
  capacityRatio: 0.5
} as const

export interface Results {
  readonly generatedAt: string
  readonly quick: boolean
  readonly machine: Machine
  readonly config: Readonly<Record<string, unknown>>
  throughput: Array<ThroughputResult>
  ccxt?: CcxtResult
  requests?: ReadonlyArray<RequestCount>
  memory?: MemoryResult
  rateLimit: Array<RateLimitResult>
  capacity?: CapacityResult
  readonly profiles: {
    throughput: Record<string, ProfileSummary>
    capacity?: ProfileSummary
  }
  /** Wall time of each section. */
  readonly sections: Record<string, number>
  durationSeconds: number
}

export interface SoakResults {
  readonly generatedAt: string
  readonly machine: Machine
  readonly config: Readonly<Record<string, unknown>>
  readonly soak: SoakResult
  readonly passed: boolean
  /** The whole script, mock start included. */
  readonly durationSeconds: number
}
