/**
 * Start-up of the commands: a child process timed from spawn to exit (with its CPU time
 * and peak RSS from `rssReport.mjs`), or from spawn to its first line on stdout.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { Machine } from "./machine.js"

const root = fileURLToPath(new URL("../..", import.meta.url))
const reporter = fileURLToPath(new URL("./rssReport.mjs", import.meta.url))

export interface Exited {
  readonly millis: number
  readonly cpuMillis: number
  readonly peakRssBytes: number
}

/** `node [nodeArgs] script args` to its exit; fails unless it exits 0. */
export const toExit = (nodeArgs: ReadonlyArray<string>, args: ReadonlyArray<string>) =>
  new Promise<Exited>((resolve, reject) => {
    const file = path.join(os.tmpdir(), `ledgerkit-startup-${process.pid}-${Date.now()}.json`)
    const started = performance.now()
    const child = spawn(process.execPath, ["--import", reporter, ...nodeArgs, ...args], {
      cwd: root,
      env: { ...process.env, LEDGERKIT_BENCH_RSS_FILE: file },
      stdio: ["ignore", "ignore", "inherit"]
    })
    child.on("error", reject)
    child.on("close", (code) => {
      const millis = performance.now() - started
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited with ${code}`))
      const report = JSON.parse(fs.readFileSync(file, "utf8"))
      fs.rmSync(file)
      resolve({ millis, cpuMillis: report.cpuMillis, peakRssBytes: report.peakRssBytes })
    })
  })

/**
 * CPU time a running process has used so far, from /proc (Linux); NaN elsewhere. Only
 * the process itself: for `npm start` that is npm, not the server it starts.
 */
const cpuSoFar = (pid: number): number => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
    // utime and stime (fields 14 and 15 of stat) in clock ticks, 100 a second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return Number.NaN
  }
}

export interface FirstLine {
  readonly millis: number
  readonly cpuMillis: number
}

/** `command args` until its first stdout line, which must be a URL; then SIGTERM to its group. */
export const toFirstLine = (command: string, args: ReadonlyArray<string>) =>
  new Promise<FirstLine>((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: root, detached: true, stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.on("error", reject)
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      out += text
      const line = out.split("\n").find((l) => l.startsWith("http://"))
      if (line === undefined) return
      const millis = performance.now() - started
      const cpuMillis = cpuSoFar(child.pid!)
      child.stdout.removeAllListeners("data")
      child.on("close", () => resolve({ millis, cpuMillis }))
      process.kill(-child.pid!, "SIGTERM")
    })
  })

/** One command, every run. */
export interface StartupRow {
  readonly name: string
  readonly millis: Array<number>
  readonly cpuMillis?: Array<number>
  readonly peakRssBytes?: Array<number>
}

export interface StartupResults {
  readonly generatedAt: string
  readonly machine: Machine
  readonly runs: number
  readonly help: Array<StartupRow>
  readonly start: Array<StartupRow>
}
