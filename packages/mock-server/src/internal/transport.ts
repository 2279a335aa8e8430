/**
 * Broken transports, written on the Node socket itself: a reset before any byte, or a
 * body cut short of its announced Content-Length followed by a closed connection. The
 * returned response is empty and never written (the Node response is already ended).
 */
import { HttpServerResponse } from "@effect/platform"
import type { HttpServerRequest } from "@effect/platform"
import { NodeHttpServerRequest } from "@effect/platform-node"
import { Effect } from "effect"
import type * as MockHttp from "../MockHttp.js"

export const write = (
  request: HttpServerRequest.HttpServerRequest,
  response: MockHttp.MockResponse,
  transport: MockHttp.Transport
): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
  Effect.async<HttpServerResponse.HttpServerResponse>((resume) => {
    const done = () => resume(Effect.succeed(HttpServerResponse.empty()))
    const node = NodeHttpServerRequest.toServerResponse(request)
    if (transport._tag === "Reset") {
      // TCP RST: the client sees ECONNRESET, not a clean close.
      NodeHttpServerRequest.toIncomingMessage(request).socket.resetAndDestroy()
      node.end()
      return done()
    }
    node.writeHead(response.status, { ...response.headers, "content-length": String(response.body.length) })
    node.write(response.body.subarray(0, transport.bytes), () => {
      node.socket?.destroy()
      node.end()
      done()
    })
  })

/**
 * After a body is refused as too large: the unread rest is discarded as it arrives (never
 * stored), so that the client, still sending, reads the answer instead of a reset; a
 * client that goes on past `maxBytes` more, or `maxMillis`, is cut off (nginx's
 * "lingering close").
 */
export const discardRest = (request: HttpServerRequest.HttpServerRequest, maxBytes: number, maxMillis: number) =>
  Effect.sync(() => {
    const incoming = NodeHttpServerRequest.toIncomingMessage(request)
    let discarded = 0
    const cut = () => incoming.socket.destroy()
    const timer = setTimeout(cut, maxMillis)
    timer.unref()
    incoming.on("data", (chunk: Buffer) => {
      discarded += chunk.length
      if (discarded > maxBytes) cut()
    })
    incoming.on("end", () => clearTimeout(timer))
    incoming.socket.on("close", () => clearTimeout(timer))
    incoming.resume()
  })
