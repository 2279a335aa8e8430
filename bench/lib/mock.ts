/**
 * Runs the mock server in a child process (`mockProcess.ts`) and drives it: its IPC
 * requests (bulk datasets, profiles, usage) and its admin API (`/__admin`).
 */
import type * as BulkDataset from "@ledgerkit/mock-server/BulkDataset"
import type * as Settings from "@ledgerkit/mock-server/Settings"
import { type ChildProcess, fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import type { Loaded, ProfileSummary, Ready, Request, Response, Usage } from "./protocol.js"

export interface MockOptions {
  readonly settings?: Settings.Patch
  readonly journalCapacity?: number
}

type Body = Record<string, unknown> | ReadonlyArray<unknown>

export interface Mock {
  readonly baseUrl: string
  readonly pid: number
  readonly load: (options: BulkDataset.Options, identities?: boolean) => Promise<Loaded>
  readonly profileStart: () => Promise<void>
  readonly profileStop: (file?: string) => Promise<ProfileSummary>
  readonly usage: () => Promise<Usage>
  /** A JSON call to the admin API (`path` after `/__admin`). */
  readonly admin: <A = unknown>(method: string, path: string, body?: Body) => Promise<A>
  readonly stop: () => Promise<void>
}

// A request before it is given its id.
type Unsent = Request extends infer R ? R extends Request ? Omit<R, "id"> : never : never

const entry = fileURLToPath(new URL("./mockProcess.ts", import.meta.url))

export const startMock = (options: MockOptions = {}): Promise<Mock> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(entry, [JSON.stringify(options)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    let next = 1
    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
    const exited = new Promise<void>((done) => child.once("exit", () => done()))
    child.once("exit", (code) => {
      for (const waiter of pending.values()) waiter.reject(new Error(`the mock exited (code ${code})`))
      pending.clear()
      reject(new Error(`the mock exited before it was ready (code ${code})`))
    })
    const call = <A>(request: Unsent): Promise<A> =>
      new Promise<A>((ok, fail) => {
        const id = next++
        pending.set(id, { resolve: (value) => ok(value as A), reject: fail })
        child.send({ ...request, id })
      })
    child.on("message", (message: Response | Ready) => {
      if ("type" in message) {
        const baseUrl = message.baseUrl
        const admin = async <A>(method: string, path: string, body?: Body): Promise<A> => {
          const response = await fetch(`${baseUrl}/__admin${path}`, {
            method,
            headers: body === undefined ? {} : { "content-type": "application/json" },
            body: body === undefined ? null : JSON.stringify(body)
          })
          const text = await response.text()
          if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${text}`)
          return JSON.parse(text) as A
        }
        resolve({
          baseUrl,
          pid: child.pid ?? 0,
          load: (bulk, identities) => call<Loaded>({ type: "load", options: bulk, identities }),
          profileStart: () => call<void>({ type: "profileStart" }),
          profileStop: (file) => call<ProfileSummary>({ type: "profileStop", file }),
          usage: () => call<Usage>({ type: "usage" }),
          admin,
          stop: async () => {
            if (child.exitCode === null) {
              child.disconnect()
              const timer = setTimeout(() => child.kill("SIGKILL"), 5000)
              await exited
              clearTimeout(timer)
            }
          }
        })
        return
      }
      const waiter = pending.get(message.id)
      if (waiter === undefined) return
      pending.delete(message.id)
      if (message.ok) waiter.resolve(message.result)
      else waiter.reject(new Error(message.error))
    })
  })
