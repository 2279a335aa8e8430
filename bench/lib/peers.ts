/**
 * The peers of the benchmark (CCXT, Prism, autocannon) live in `bench/node_modules`, from
 * `bench/package.json`, outside the root workspaces: `npm run bench` installs them first
 * (`npm ci --prefix bench`), so the root `npm ci` and CI never pay for them. They run as
 * child processes only (their scripts are plain `.mjs` or their own CLIs), so tsc needs
 * none of their types.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

export const benchDir = fileURLToPath(new URL("..", import.meta.url))

/** A peer's CLI entry point, as installed in `bench/node_modules`. */
export const peerBin = (name: "autocannon" | "prism") => {
  const bin = path.join(benchDir, "node_modules", ".bin", name)
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`npm ci --prefix bench\` (npm run bench does it)`)
  return fs.realpathSync(bin)
}

export interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node <args>` to its end, with its output kept. */
export const runNode = (args: ReadonlyArray<string>, options: { readonly timeoutMillis: number }) =>
  new Promise<Finished>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: benchDir, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)))
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMillis)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
