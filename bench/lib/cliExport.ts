/**
 * Runs `ledgerkit export` (the CLI as shipped, `packages/cli/src/bin.ts` under tsx) in a
 * child process against the mock, with `rssReport.mjs` preloaded to read its peak RSS.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))
const bin = path.join(root, "packages/cli/src/bin.ts")
const reporter = fileURLToPath(new URL("./rssReport.mjs", import.meta.url))

export interface ExportRun {
  readonly code: number | null
  readonly stderr: string
  readonly peakRssBytes: number
  readonly millis: number
}

export const runExport = (
  args: ReadonlyArray<string>,
  options: {
    readonly stdout?: "ignore" | "pipe"
    readonly nodeArgs?: ReadonlyArray<string>
    /** Kills the export (SIGKILL) after this long; it then reports code null. */
    readonly timeoutMillis?: number
  } = {}
) =>
  new Promise<ExportRun>((resolve, reject) => {
    const rssFile = path.join(os.tmpdir(), `ledgerkit-bench-rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`)
    const started = performance.now()
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "--import", reporter, bin, "export", ...args], {
      cwd: root,
      env: { ...process.env, LEDGERKIT_BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", options.stdout ?? "ignore", "pipe"]
    })
    let stderr = ""
    child.stderr?.setEncoding("utf8")
    child.stderr?.on("data", (chunk: string) => {
      // Keep the end: progress lines can be many.
      stderr = (stderr + chunk).slice(-20_000)
    })
    const timer = options.timeoutMillis === undefined
      ? undefined
      : setTimeout(() => {
        stderr += `\n(killed by the benchmark after ${options.timeoutMillis} ms)\n`
        child.kill("SIGKILL")
      }, options.timeoutMillis)
    child.on("error", reject)
    child.on("close", (code) => {
      if (timer !== undefined) clearTimeout(timer)
      let peakRssBytes = Number.NaN
      try {
        peakRssBytes = JSON.parse(fs.readFileSync(rssFile, "utf8")).peakRssBytes
        fs.rmSync(rssFile)
      } catch {
        // the child died before its exit handler ran
      }
      resolve({ code, stderr, peakRssBytes, millis: performance.now() - started })
    })
  })
