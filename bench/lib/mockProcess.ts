/**
 * The mock server in a child process of a benchmark (started by `mock.ts` with `fork`):
 * it serves on a free port of 127.0.0.1, sends its base URL, and answers requests over
 * the IPC channel: load a bulk dataset, profile itself, report its CPU and memory.
 *
 * argv[2] is a JSON object: `{ settings?: Settings.Patch, journalCapacity?: number }`.
 */
import * as BulkDataset from "@ledgerkit/mock-server/BulkDataset"
import * as Datasets from "@ledgerkit/mock-server/Datasets"
import * as MockState from "@ledgerkit/mock-server/MockState"
import * as Records from "@ledgerkit/mock-server/Records"
import * as Server from "@ledgerkit/mock-server/Server"
import type * as Settings from "@ledgerkit/mock-server/Settings"
import { Effect, ManagedRuntime } from "effect"
import { profiler } from "./profile.js"
import type { Loaded, Ready, Request, Response, Usage } from "./protocol.js"

interface Args {
  readonly settings?: Settings.Patch
  readonly journalCapacity?: number
}

const args: Args = JSON.parse(process.argv[2] ?? "{}")
const empty = BulkDataset.generate({ seed: 0, anchor: 0, endpoints: {} })

const runtime = ManagedRuntime.make(
  Server.serverLayer({
    host: "127.0.0.1",
    port: 0,
    datasets: empty,
    settings: args.settings,
    journalCapacity: args.journalCapacity
  })
)

const send = (message: Response | Ready) => process.send?.(message)

const load = async (request: Extract<Request, { type: "load" }>): Promise<Loaded> => {
  const started = performance.now()
  const datasets = BulkDataset.generate(request.options)
  await runtime.runPromise(Effect.flatMap(MockState.MockState, (state) => state.setDatasets(datasets)))
  const span = (id: Records.EndpointId): readonly [number, number] | null => {
    const times = datasets.tables[id].times
    return times.length === 0 ? null : [times[0], times[times.length - 1]]
  }
  const identities = <K extends Records.EndpointId>(id: K): ReadonlyArray<string> => {
    const keys = Datasets.keys[id] as Datasets.Keys<Records.RecordOf[K]>
    return (datasets.tables[id].records as ReadonlyArray<Records.RecordOf[K]>).map(keys.identity)
  }
  const byEndpoint = <A>(f: (id: Records.EndpointId) => A) =>
    Object.fromEntries(Records.endpointIds.map((id) => [id, f(id)])) as { [K in Records.EndpointId]: A }
  return {
    counts: Datasets.counts(datasets),
    spans: byEndpoint(span),
    ...(request.identities === true ? { identities: byEndpoint(identities) } : {}),
    millis: performance.now() - started
  }
}

const cpu = profiler()

const usage = (): Usage => {
  const { system, user } = process.cpuUsage()
  return { cpuMicros: system + user, rssBytes: process.memoryUsage().rss, maxRssBytes: process.resourceUsage().maxRSS * 1024 }
}

const handle = async (request: Request): Promise<unknown> => {
  switch (request.type) {
    case "load":
      return load(request)
    case "profileStart":
      return cpu.start()
    case "profileStop":
      return cpu.stop(request.file)
    case "usage":
      return usage()
  }
}

process.on("message", (message: Request) => {
  handle(message).then(
    (result) => send({ id: message.id, ok: true, result: result ?? null }),
    (error: unknown) => send({ id: message.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) })
  )
})

// The parent going away ends the mock too.
process.on("disconnect", () => {
  runtime.dispose().finally(() => process.exit(0))
})

runtime.runPromise(Server.baseUrl).then(
  (baseUrl) => send({ type: "ready", baseUrl }),
  (error: unknown) => {
    process.stderr.write(`mock failed to start: ${String(error)}\n`)
    process.exit(1)
  }
)
