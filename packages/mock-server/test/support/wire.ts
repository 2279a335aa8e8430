/**
 * What a client sees on the wire, including broken transports: a raw `node:http` request
 * that reports the status, the headers, the bytes received and how the exchange ended
 * (complete, aborted mid-body, or a socket error such as ECONNRESET).
 */
import { Effect } from "effect"
import * as Http from "node:http"

export interface Wire {
  readonly status: number | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly bytes: Buffer
  /** `complete`, `aborted` (the body stopped short), or the socket error's code. */
  readonly ending: string
}

// Keep-alive: hundreds of requests per test reuse a few sockets.
const agent = new Http.Agent({ keepAlive: true, maxSockets: 8 })

export const send = (
  url: string,
  options: { readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string } = {}
): Effect.Effect<Wire> =>
  Effect.async<Wire>((resume) => {
    let status: number | undefined
    let headers: Record<string, string> = {}
    const chunks: Array<Buffer> = []
    let settled = false
    const settle = (ending: string) => {
      if (settled) return
      settled = true
      resume(Effect.succeed({ status, headers, bytes: Buffer.concat(chunks), ending }))
    }
    const req = Http.request(url, { method: options.method ?? "GET", headers: options.headers ?? {}, agent }, (res) => {
      status = res.statusCode
      headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v ?? ""]))
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => settle(res.complete ? "complete" : "aborted"))
      res.on("aborted", () => settle("aborted"))
      res.on("error", () => settle("aborted"))
      res.on("close", () => settle(res.complete ? "complete" : "aborted"))
    })
    req.on("error", (e: NodeJS.ErrnoException) => settle(e.code ?? e.message))
    req.end(options.body)
  })

export const json = (wire: Wire): unknown => JSON.parse(wire.bytes.toString("utf8"))
