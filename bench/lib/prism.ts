/**
 * Prism (`@stoplight/prism-cli`, pinned in bench/package.json) serving the mock's own
 * OpenAPI document (`GET /__admin/openapi.json`) with its static examples, in a process
 * of its own, logging only errors (the mock's journal is not a log on stdout either).
 */
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as path from "node:path"
import { paths } from "./files.js"
import type { Mock } from "./mock.js"
import { peerBin } from "./peers.js"

export interface Prism {
  readonly baseUrl: string
  readonly pid: number
  readonly stop: () => Promise<void>
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGTERM")
    setTimeout(() => child.kill("SIGKILL"), 5000).unref()
  })

export const startPrism = async (mock: Mock, options: { readonly readyMillis?: number } = {}): Promise<Prism> => {
  fs.mkdirSync(paths.scratch, { recursive: true })
  const document = path.join(paths.scratch, "openapi.json")
  fs.writeFileSync(document, JSON.stringify(await mock.admin("GET", "/openapi.json")))
  const port = await freePort()
  const child = spawn(process.execPath, [peerBin("prism"), "mock", document, "-h", "127.0.0.1", "-p", String(port), "-v", "error"], {
    stdio: ["ignore", "ignore", "pipe"]
  })
  let stderr = ""
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-5000)))
  const baseUrl = `http://127.0.0.1:${port}`
  const until = performance.now() + (options.readyMillis ?? 60_000)
  // Ready when it answers anything on its port.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited (${child.exitCode}): ${stderr}`)
    const answered = await fetch(`${baseUrl}/`).then(() => true, () => false)
    if (answered) break
    if (performance.now() > until) {
      await stopped(child)
      throw new Error(`prism did not listen within ${options.readyMillis ?? 60_000} ms: ${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { baseUrl, pid: child.pid ?? 0, stop: () => stopped(child) }
}
