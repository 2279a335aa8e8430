/**
 * Benchmark 4, mock capacity: signed UM income page requests per second that the mock
 * serves, next to a bare `node:http` server (`bareServer.ts`) sending the same bytes (the
 * mock's own answer to that request, captured first) and Prism (`prism.ts`) serving the
 * mock's OpenAPI document with its static examples.
 *
 * Load comes from `autocannon` in its own process (`autocannon.ts`), keep-alive
 * connections, one URL: the request is signed once per run with `recvWindow` 60000, so
 * the mock checks the key, the timestamp and the HMAC of every request. Rounds rotate
 * which server goes first; ratios are taken within a round, then the medians.
 */
import { Signing } from "@ledgerkit/core"
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import { autocannon, type LoadRun } from "./autocannon.js"
import { credentials } from "./clients.js"
import type { Mock } from "./mock.js"
import { startPrism } from "./prism.js"
import { median } from "./stats.js"

export const servers = ["mock", "bare node:http", "Prism"] as const
export type Server = typeof servers[number]

export interface ServerCapacity {
  readonly server: Server
  readonly requestsPerSecond: number
  readonly bodyBytes: number
  readonly records: number
  readonly serverCpuMicrosPerRequest: number
  readonly generatorBusy: number
  readonly serverBusy: number
  readonly machineBusy: number
  readonly latencyP50Millis: number
  readonly latencyP99Millis: number
  /** What set the pace, from the busy figures. */
  readonly limitedBy: Limit
}

type Limit = "generator" | "server" | "machine (every core busy)" | "neither (latency)"

export interface CapacityResult {
  readonly path: string
  readonly connections: number
  readonly seconds: number
  readonly runs: number
  readonly servers: ReadonlyArray<ServerCapacity>
  /** mock / bare and mock / Prism, medians of the per-round ratios. */
  readonly mockOverBare: number
  readonly mockOverPrism: number
}

/** Above this share of one core, a process is the one that set the pace (both are single-threaded). */
const saturated = 0.85

// The generator first: a server cannot be measured above the rate its load arrives at.
const limitedBy = (run: { generatorBusy: number; serverBusy: number; machineBusy: number }): Limit => {
  if (run.generatorBusy >= saturated && run.generatorBusy >= run.serverBusy) return "generator"
  if (run.serverBusy >= saturated) return "server"
  if (run.machineBusy >= 0.9) return "machine (every core busy)"
  return "neither (latency)"
}

const signedPath = (query: string) => {
  const signed = `${query}&recvWindow=60000&timestamp=${Date.now()}`
  return `/papi/v1/um/income?${signed}&signature=${Signing.hmacSha256Hex(credentials.binance.apiSecret, signed)}`
}

const headers = { "x-mbx-apikey": credentials.binance.apiKey }

interface Target {
  readonly server: Server
  readonly baseUrl: string
  readonly pid: number
}

const startBare = (canned: { status: number; headers: Record<string, string>; body: Buffer }) =>
  new Promise<Target & { stop: () => Promise<void> }>((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./bareServer.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    const exited = new Promise<void>((done) => child.once("exit", () => done()))
    child.once("exit", (code) => reject(new Error(`the bare server exited (code ${code})`)))
    child.once("message", (message: { port: number }) =>
      resolve({
        server: "bare node:http",
        baseUrl: `http://127.0.0.1:${message.port}`,
        pid: child.pid ?? 0,
        stop: async () => {
          child.disconnect()
          await exited
        }
      }))
    child.send({ status: canned.status, headers: canned.headers, bodyBase64: canned.body.toString("base64") })
  })

/** One answer of a server to the request: its status, headers and body. */
const sample = async (baseUrl: string, query: string) => {
  const response = await fetch(`${baseUrl}${signedPath(query)}`, { headers })
  const body = Buffer.from(await response.arrayBuffer())
  if (response.status !== 200) throw new Error(`capacity: ${baseUrl} answered ${response.status}: ${body.toString().slice(0, 300)}`)
  const kept: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (!["content-length", "date", "connection", "keep-alive", "transfer-encoding"].includes(name)) kept[name] = value
  })
  return { status: response.status, headers: kept, body, records: (JSON.parse(body.toString()) as Array<unknown>).length }
}

const rotate = <A>(values: ReadonlyArray<A>, by: number) => values.map((_, i) => values[(i + by) % values.length])

export const measureCapacity = async (
  mock: Mock,
  options: { readonly span: readonly [number, number]; readonly limit: number; readonly connections: number; readonly seconds: number; readonly runs: number }
): Promise<CapacityResult> => {
  const query = `startTime=${options.span[0]}&endTime=${options.span[1]}&limit=${options.limit}&page=2`
  const answer = await sample(mock.baseUrl, query)
  const bare = await startBare(answer)
  const prism = await startPrism(mock).catch(async (error: unknown) => {
    await bare.stop()
    throw error
  })
  const targets: ReadonlyArray<Target> = [{ server: "mock", baseUrl: mock.baseUrl, pid: mock.pid }, bare, { server: "Prism", ...prism }]
  const runs = new Map<Server, Array<LoadRun>>(servers.map((s) => [s, []]))
  const ratios = { bare: [] as Array<number>, prism: [] as Array<number> }
  const bodies = new Map<Server, { bytes: number; records: number }>()
  const load = (target: Target, seconds: number) =>
    autocannon(`${target.baseUrl}${signedPath(query)}`, headers, { connections: options.connections, seconds, serverPid: target.pid })
  try {
    for (const target of targets) {
      const body = await sample(target.baseUrl, query)
      bodies.set(target.server, { bytes: body.body.length, records: body.records })
      // Warm-up: JIT, connections.
      await load(target, 1)
    }
    for (let i = 0; i < options.runs; i++) {
      const round = new Map<Server, number>()
      for (const target of rotate(targets, i)) {
        const run = await load(target, options.seconds)
        if (run.non2xx > 0 || run.errors > 0) {
          throw new Error(`capacity: ${target.server} answered ${run.non2xx} non-2xx and ${run.errors} errors`)
        }
        runs.get(target.server)?.push(run)
        round.set(target.server, run.requestsPerSecond)
      }
      const m = round.get("mock") ?? Number.NaN
      ratios.bare.push(m / (round.get("bare node:http") ?? Number.NaN))
      ratios.prism.push(m / (round.get("Prism") ?? Number.NaN))
    }
  } finally {
    await Promise.all([bare.stop(), prism.stop()])
  }
  return {
    path: `GET /papi/v1/um/income?${query}&recvWindow=60000&timestamp=…&signature=…`,
    connections: options.connections,
    seconds: options.seconds,
    runs: options.runs,
    servers: servers.map((server) => {
      const all = runs.get(server) ?? []
      const busy = {
        generatorBusy: median(all.map((r) => r.generatorBusy)),
        serverBusy: median(all.map((r) => r.serverBusy)),
        machineBusy: median(all.map((r) => r.machineBusy))
      }
      const rate = median(all.map((r) => r.requestsPerSecond))
      return {
        server,
        requestsPerSecond: rate,
        bodyBytes: bodies.get(server)?.bytes ?? 0,
        records: bodies.get(server)?.records ?? 0,
        serverCpuMicrosPerRequest: (busy.serverBusy * 1e6) / rate,
        ...busy,
        latencyP50Millis: median(all.map((r) => r.latencyP50Millis)),
        latencyP99Millis: median(all.map((r) => r.latencyP99Millis)),
        limitedBy: limitedBy(busy)
      }
    }),
    mockOverBare: median(ratios.bare),
    mockOverPrism: median(ratios.prism)
  }
}

/** A load run against the mock alone (for profiling it): requests per second. */
export const loadMock = async (
  mock: Mock,
  span: readonly [number, number],
  limit: number,
  connections: number,
  seconds: number
) =>
  (await autocannon(`${mock.baseUrl}${signedPath(`startTime=${span[0]}&endTime=${span[1]}&limit=${limit}&page=2`)}`, headers, {
    connections,
    seconds,
    serverPid: mock.pid
  })).requestsPerSecond
