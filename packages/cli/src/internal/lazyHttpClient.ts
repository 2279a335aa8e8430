/**
 * An HTTP client that loads the real one on its first request. Node's client module
 * brings undici (half a megabyte of JavaScript) with it; `--help`, bad input and
 * `ledgerkit ledger` send no request and do not pay for it.
 */
import { HttpClient, type HttpClientRequest } from "@effect/platform"
import { Context, Effect, Layer } from "effect"

export const layer = (
  load: () => Promise<{ readonly layer: Layer.Layer<HttpClient.HttpClient> }>
): Layer.Layer<HttpClient.HttpClient> =>
  Layer.scoped(
    HttpClient.HttpClient,
    Effect.gen(function*() {
      // Built once, in this layer's scope (its connection pool closes with it).
      const scope = yield* Effect.scope
      const real = yield* Effect.cached(
        Effect.promise(load).pipe(
          Effect.flatMap((module) => Layer.buildWithScope(module.layer, scope)),
          Effect.map(Context.get(HttpClient.HttpClient))
        )
      )
      // The real client's own pre- and post-processing (tracing, its URL checks) run as they would.
      return HttpClient.makeWith(
        (request) => Effect.flatMap(real, (client) => Effect.flatMap(request, client.execute)),
        (request: HttpClientRequest.HttpClientRequest) => Effect.succeed(request)
      )
    })
  )
