/**
 * The baseline of benchmark 4, in a child process: a bare `node:http` server that answers
 * every request with one fixed response (status, headers and body bytes, sent over IPC),
 * after reading the request body. It sends its port when listening.
 */
import * as http from "node:http"

interface Canned {
  readonly status: number
  readonly headers: Record<string, string>
  readonly bodyBase64: string
}

process.once("message", (canned: Canned) => {
  const body = Buffer.from(canned.bodyBase64, "base64")
  const headers = { ...canned.headers, "content-length": String(body.length) }
  const server = http.createServer((request, response) => {
    request.on("data", () => {})
    request.on("end", () => {
      response.writeHead(canned.status, headers)
      response.end(body)
    })
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    process.send?.({ port: typeof address === "object" && address !== null ? address.port : 0 })
  })
  process.on("disconnect", () => server.close(() => process.exit(0)))
})
