/**
 * The HTTP side: an `HttpRouter` that turns every request into a `MockRequest`, hands it
 * to the `Pipeline`, and writes the `MockResponse` bytes as they are. `serverLayer` serves
 * it with `@effect/platform-node` and is shared by the CLI and the testkit.
 *
 * @since 0.1.0
 */
import { HttpRouter, HttpServer, HttpServerError, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { NodeHttpServer, NodeHttpServerRequest, NodeStream } from "@effect/platform-node"
import { Effect, Layer, type Redacted, Stream } from "effect"
import * as Http from "node:http"
import * as Admin from "./Admin.js"
import * as Control from "./Control.js"
import * as Endpoint from "./Endpoint.js"
import * as Address from "./internal/address.js"
import * as Transport from "./internal/transport.js"
import * as MockClock from "./MockClock.js"
import type * as MockHttp from "./MockHttp.js"
import * as MockState from "./MockState.js"
import * as Pipeline from "./Pipeline.js"

interface Body {
  readonly bytes: Uint8Array
  /** Set when the body is over the cap: the bytes announced or received so far. */
  readonly exceeded?: number | undefined
}

const noBytes = new Uint8Array(0)

/**
 * Reads at most `cap` bytes of the body: a larger `Content-Length` is not read at all, a
 * longer chunked body stops being read one chunk past the cap.
 *
 * @since 0.1.0
 * @category conversions
 */
export const readBody = (
  request: HttpServerRequest.HttpServerRequest,
  cap: number
): Effect.Effect<Body, HttpServerError.RequestError> => {
  const declared = Number(request.headers["content-length"])
  if (declared > cap) return Effect.succeed({ bytes: noBytes, exceeded: declared })
  // Not `request.stream`: stopping it early destroys the socket, and a client still
  // sending would read a reset instead of the 413.
  const incoming = NodeHttpServerRequest.toIncomingMessage(request)
  const onError = (cause: unknown) => new HttpServerError.RequestError({ request, reason: "Decode", cause })
  return NodeStream.fromReadable<HttpServerError.RequestError, Uint8Array>(() => incoming, onError, { closeOnDone: false }).pipe(
    Stream.runFoldWhile(
      { chunks: [] as Array<Uint8Array>, total: 0 },
      (read) => read.total <= cap,
      (read, chunk) => {
        read.chunks.push(chunk)
        return { chunks: read.chunks, total: read.total + chunk.length }
      }
    ),
    Effect.map(({ chunks, total }): Body => {
      if (total > cap) return { bytes: noBytes, exceeded: total }
      const bytes = new Uint8Array(total)
      let at = 0
      for (const chunk of chunks) {
        bytes.set(chunk, at)
        at += chunk.length
      }
      return { bytes }
    })
  )
}

/**
 * Reads the platform request as the mock's normalised request (body bytes untouched, up
 * to `cap`).
 *
 * @since 0.1.0
 * @category conversions
 */
export const toMockRequest = (request: HttpServerRequest.HttpServerRequest, cap = Endpoint.defaultMaxBodyBytes) =>
  Effect.map(readBody(request, cap), (body): MockHttp.MockRequest => {
    const url = request.url
    const mark = url.indexOf("?")
    return {
      method: request.method,
      path: mark < 0 ? url : url.slice(0, mark),
      query: mark < 0 ? "" : url.slice(mark + 1),
      headers: request.headers,
      body: body.bytes,
      ...(body.exceeded === undefined ? {} : { bodyExceeded: body.exceeded }),
      remoteAddress: request.remoteAddress._tag === "Some" ? request.remoteAddress.value : undefined
    }
  })

/**
 * Writes a mock response: status, headers and the exact body bytes.
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromMockResponse = (response: MockHttp.MockResponse): HttpServerResponse.HttpServerResponse => {
  const { "content-type": contentType, ...headers } = response.headers
  return HttpServerResponse.uint8Array(response.body, { status: response.status, headers, contentType })
}

/**
 * Every provider request goes through the pipeline (unknown paths too: the pipeline
 * answers them, so that a journal sees them).
 *
 * @since 0.1.0
 * @category routers
 */
export const providerRouter: HttpRouter.HttpRouter<never, Pipeline.Pipeline> = HttpRouter.empty.pipe(
  HttpRouter.all(
    "*",
    Effect.gen(function*() {
      const pipeline = yield* Pipeline.Pipeline
      const request = yield* HttpServerRequest.HttpServerRequest
      const path = request.url.split("?", 1)[0]
      return yield* toMockRequest(request, pipeline.maxBodyBytes(request.method, path)).pipe(
        Effect.tap((mock) => mock.bodyExceeded === undefined ? Effect.void : Transport.discardRest(request, 64 * 1024 * 1024, 10_000)),
        Effect.flatMap(pipeline.handle),
        Effect.flatMap((response) =>
          response.transport === undefined
            ? Effect.succeed(fromMockResponse(response))
            : Transport.write(request, response, response.transport)
        ),
        Effect.catchTag("RequestError", () => Effect.succeed(HttpServerResponse.empty({ status: 400 })))
      )
    })
  )
)

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends MockState.Options, Control.Options {
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Default 4010; 0 takes a free port. */
  readonly port?: number | undefined
  /** Pins the clock at this instant (epoch millis); the system clock otherwise. */
  readonly now?: number | undefined
  /** Runs the mock clock this many times faster than real time (from `now` or the start). */
  readonly timeScale?: number | undefined
  /** Required on every admin call (`Authorization: Bearer <token>`) when set. */
  readonly adminToken?: Redacted.Redacted<string> | undefined
}

/**
 * The admin API at `/__admin`, then every other request to the provider pipeline.
 *
 * @since 0.1.0
 * @category routers
 */
export const router = HttpRouter.concat(HttpRouter.empty.pipe(HttpRouter.mount(Admin.prefix, Admin.router)), providerRouter)

/**
 * The mock, served: provides the running `HttpServer` (its address), the `MockState`, the
 * `MockClock`, the `Pipeline`, and the control plane (`Control`, `Journal`, `Faults`,
 * `RateLimits`, plugged into the pipeline as its stages).
 *
 * @since 0.1.0
 * @category layers
 */
export const serverLayer = (options: Options = {}) =>
  HttpServer.serve(router).pipe(
    Layer.provide(options.adminToken === undefined ? Layer.empty : Layer.succeed(Admin.AdminToken, options.adminToken)),
    Layer.provideMerge(Pipeline.layer),
    Layer.provideMerge(Control.layer(options)),
    Layer.provideMerge(MockState.layer(options)),
    Layer.provideMerge(MockClock.layer({ now: options.now, timeScale: options.timeScale })),
    Layer.provideMerge(
      NodeHttpServer.layer(() => Http.createServer(), { host: options.host ?? "127.0.0.1", port: options.port ?? 4010 })
    )
  )

/**
 * Whether a host name or address is this machine's loopback (only local clients reach it).
 *
 * @since 0.1.0
 * @category accessors
 */
export const isLoopback = (host: string): boolean =>
  host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)

/**
 * The address the server is bound to, as a URL (`http://0.0.0.0:PORT` for every IPv4
 * interface).
 *
 * @since 0.1.0
 * @category accessors
 */
export const boundUrl: Effect.Effect<string, never, HttpServer.HttpServer> = Effect.map(
  HttpServer.HttpServer,
  (server) => Address.urlOf(server, false)
)

/**
 * The base URL of the running server (`http://127.0.0.1:PORT`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const baseUrl: Effect.Effect<string, never, HttpServer.HttpServer> = Effect.map(
  HttpServer.HttpServer,
  (server) => Address.urlOf(server)
)
