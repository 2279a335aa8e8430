/**
 * Benchmark 4, mock capacity: signed page requests per second that the mock serves to
 * concurrent clients, against a bare `node:http` server (`bareServer.ts`) that sends the
 * same bytes (the mock's own answer to that request, captured first).
 *
 * The load generator runs in this process: `concurrency` workers, each on its own
 * keep-alive connection, send the same UM income page request (signed afresh each time,
 * so the mock's signature and timestamp checks run) and read each answer to the end.
 * Rounds alternate which server goes first; the ratio is taken within each round.
 */
import { Signing } from "@ledgerkit/core"
import { fork } from "node:child_process"
import * as http from "node:http"
import { fileURLToPath } from "node:url"
import { credentials } from "./clients.js"
import type { Mock } from "./mock.js"
import { alternate, median } from "./stats.js"

export interface CapacityResult {
  readonly path: string
  readonly bodyBytes: number
  readonly records: number
  readonly concurrency: number
  readonly seconds: number
  readonly mockPerSecond: number
  readonly barePerSecond: number
  /** mock / bare, median of the per-round ratios. */
  readonly ratio: number
  readonly mockCpuMicrosPerRequest: number
  /** CPU time of the load generator over wall time, against each server (near 1: the generator set the pace). */
  readonly generatorBusyWithMock: number
  readonly generatorBusyWithBare: number
  readonly runs: number
}

const signedPath = (query: string) => {
  const signed = `${query}&timestamp=${Date.now()}`
  return `/papi/v1/um/income?${signed}&signature=${Signing.hmacSha256Hex(credentials.binance.apiSecret, signed)}`
}

const get = (agent: http.Agent, port: number, path: string) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.get(
      { host: "127.0.0.1", port, path, agent, headers: { "x-mbx-apikey": credentials.binance.apiKey } },
      (response) => {
        const chunks: Array<Buffer> = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
        response.on("error", reject)
      }
    )
    request.on("error", reject)
  })

/** Requests completed in `seconds` by `concurrency` workers. */
const load = async (port: number, query: string, concurrency: number, seconds: number) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const until = performance.now() + seconds * 1000
  let done = 0
  let failed = 0
  const worker = async () => {
    while (performance.now() < until) {
      const answer = await get(agent, port, signedPath(query))
      if (answer.status === 200) done++
      else failed++
    }
  }
  const started = performance.now()
  const cpu = process.cpuUsage()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsed = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  agent.destroy()
  if (failed > 0) throw new Error(`capacity: ${failed} answers were not 200`)
  return { rate: done / elapsed, busy: (used.user + used.system) / 1e6 / elapsed }
}

const startBare = (canned: { status: number; headers: Record<string, string>; body: Buffer }) =>
  new Promise<{ port: number; stop: () => Promise<void> }>((resolve, reject) => {
    const child = fork(fileURLToPath(new URL("./bareServer.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    const exited = new Promise<void>((done) => child.once("exit", () => done()))
    child.once("exit", (code) => reject(new Error(`the bare server exited (code ${code})`)))
    child.once("message", (message: { port: number }) =>
      resolve({
        port: message.port,
        stop: async () => {
          child.disconnect()
          await exited
        }
      }))
    child.send({ status: canned.status, headers: canned.headers, bodyBase64: canned.body.toString("base64") })
  })

export const measureCapacity = async (
  mock: Mock,
  options: { readonly span: readonly [number, number]; readonly limit: number; readonly concurrency: number; readonly seconds: number; readonly runs: number }
): Promise<CapacityResult> => {
  const mockPort = Number(new URL(mock.baseUrl).port)
  const query = `startTime=${options.span[0]}&endTime=${options.span[1]}&limit=${options.limit}&page=2`
  // The mock's answer, byte for byte, is what the bare server will send.
  const agent = new http.Agent({ keepAlive: false })
  const sample = await get(agent, mockPort, signedPath(query))
  if (sample.status !== 200) throw new Error(`capacity: the mock answered ${sample.status}: ${sample.body.toString().slice(0, 200)}`)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(sample.headers)) {
    if (typeof value === "string" && !["content-length", "date", "connection", "keep-alive", "transfer-encoding"].includes(name)) headers[name] = value
  }
  const records = (JSON.parse(sample.body.toString()) as Array<unknown>).length
  const bare = await startBare({ status: sample.status, headers, body: sample.body })
  const mockRates: Array<number> = []
  const bareRates: Array<number> = []
  const ratios: Array<number> = []
  const cpu: Array<number> = []
  const busyMock: Array<number> = []
  const busyBare: Array<number> = []
  try {
    // Warm both up (JIT, connections).
    await load(mockPort, query, options.concurrency, 1)
    await load(bare.port, query, options.concurrency, 1)
    for (let i = 0; i < options.runs; i++) {
      const onMock = async () => {
        const before = await mock.usage()
        const { busy, rate } = await load(mockPort, query, options.concurrency, options.seconds)
        const after = await mock.usage()
        cpu.push((after.cpuMicros - before.cpuMicros) / (rate * options.seconds))
        mockRates.push(rate)
        busyMock.push(busy)
        return rate
      }
      const onBare = async () => {
        const { busy, rate } = await load(bare.port, query, options.concurrency, options.seconds)
        bareRates.push(rate)
        busyBare.push(busy)
        return rate
      }
      const [m, b] = await alternate(i, onMock, onBare)
      ratios.push(m / b)
    }
  } finally {
    await bare.stop()
  }
  return {
    path: `GET /papi/v1/um/income?${query}&timestamp=…&signature=…`,
    bodyBytes: sample.body.length,
    records,
    concurrency: options.concurrency,
    seconds: options.seconds,
    mockPerSecond: median(mockRates),
    barePerSecond: median(bareRates),
    ratio: median(ratios),
    mockCpuMicrosPerRequest: median(cpu),
    generatorBusyWithMock: median(busyMock),
    generatorBusyWithBare: median(busyBare),
    runs: options.runs
  }
}

/** A load run against the mock alone (for profiling it): requests per second. */
export const loadMock = async (mock: Mock, span: readonly [number, number], limit: number, concurrency: number, seconds: number) =>
  (await load(Number(new URL(mock.baseUrl).port), `startTime=${span[0]}&endTime=${span[1]}&limit=${limit}&page=2`, concurrency, seconds)).rate
