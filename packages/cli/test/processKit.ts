/**
 * The `ledgerkit` executable as a child process, with what it writes kept.
 */
import { Effect } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url))

export interface Run {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exit: Effect.Effect<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
}

/**
 * `node --import tsx src/bin.ts ...args` (the sources, as every test runs them), killed
 * when the scope closes if still running.
 */
export const start = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync((): Run => {
      const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], { stdio: ["ignore", "pipe", "pipe"] })
      let stdout = ""
      let stderr = ""
      child.stdout?.setEncoding("utf8").on("data", (text: string) => {
        stdout += text
      })
      child.stderr?.setEncoding("utf8").on("data", (text: string) => {
        stderr += text
      })
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("close", (code, signal) => resolve({ code, signal }))
      )
      return { child, stdout: () => stdout, stderr: () => stderr, exit: Effect.promise(() => exited) }
    }),
    (run) => Effect.sync(() => run.child.exitCode === null && run.child.kill("SIGKILL"))
  )
