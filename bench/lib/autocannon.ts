/**
 * Load from `autocannon` (pinned in bench/package.json) in its own process, with the CPU
 * of the generator and of the server read from /proc while the load runs, so that the
 * report can say which of the two was the limit.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import { peerBin } from "./peers.js"

const TICK_MICROS = 10_000 // USER_HZ is 100 on Linux

/** CPU time (user + system) of a process so far, in µs; NaN when it is gone. */
export const cpuMicrosOf = (pid: number): number => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS
  } catch {
    return Number.NaN
  }
}

/** Busy and total jiffies of all cores so far (/proc/stat). */
const machineTicks = (): readonly [number, number] => {
  try {
    const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number)
    const total = cpu.reduce((a, b) => a + b, 0)
    // idle and iowait
    return [total - cpu[3] - (cpu[4] ?? 0), total]
  } catch {
    return [Number.NaN, Number.NaN]
  }
}

export interface LoadRun {
  readonly requestsPerSecond: number
  readonly non2xx: number
  readonly errors: number
  readonly latencyP50Millis: number
  readonly latencyP99Millis: number
  /** CPU of the generator and of the server over wall time, in the steady part of the run (1 = one core). */
  readonly generatorBusy: number
  readonly serverBusy: number
  /** Share of all cores of the machine that were busy (any process, other users' included). */
  readonly machineBusy: number
}

interface AutocannonJson {
  readonly start: string
  readonly finish: string
  readonly duration: number
  readonly "2xx": number
  readonly non2xx: number
  readonly errors: number
  readonly timeouts: number
  readonly latency: { readonly p50: number; readonly p99: number }
}

/**
 * `autocannon -c connections -d seconds` on one URL. The busy figures cover the load
 * itself (between the start and finish autocannon reports, its first quarter second of
 * connection set-up left out), sampled every 100 ms.
 */
export const autocannon = (
  url: string,
  headers: Readonly<Record<string, string>>,
  options: { readonly connections: number; readonly seconds: number; readonly serverPid: number }
) =>
  new Promise<LoadRun>((resolve, reject) => {
    const args = [
      peerBin("autocannon"),
      "--json",
      "--no-progress",
      "-c",
      String(options.connections),
      "-d",
      String(options.seconds),
      ...Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}=${value}`]),
      url
    ]
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-5000)))
    const pid = child.pid ?? 0
    // Samples: [epoch ms, generator µs, server µs, machine busy, machine total].
    const samples: Array<readonly [number, number, number, number, number]> = []
    const every = setInterval(() => {
      const generator = cpuMicrosOf(pid)
      if (Number.isFinite(generator)) samples.push([Date.now(), generator, cpuMicrosOf(options.serverPid), ...machineTicks()])
    }, 100)
    child.on("error", reject)
    child.on("close", (code) => {
      clearInterval(every)
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${stderr}`))
      const result = JSON.parse(stdout) as AutocannonJson
      const start = Date.parse(result.start) + 250
      const finish = Date.parse(result.finish)
      const inRun = samples.filter(([t]) => t >= start && t <= finish)
      const a = inRun[0]
      const b = inRun[inRun.length - 1]
      const wall = a === undefined || b === undefined ? 0 : (b[0] - a[0]) * 1000
      resolve({
        requestsPerSecond: result["2xx"] / result.duration,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        latencyP50Millis: result.latency.p50,
        latencyP99Millis: result.latency.p99,
        generatorBusy: wall > 0 ? (b[1] - a[1]) / wall : Number.NaN,
        serverBusy: wall > 0 ? (b[2] - a[2]) / wall : Number.NaN,
        machineBusy: wall > 0 ? (b[3] - a[3]) / (b[4] - a[4]) : Number.NaN
      })
    })
  })
