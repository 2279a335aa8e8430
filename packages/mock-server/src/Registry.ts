/**
 * The providers a server serves, indexed once: endpoints by method and path, data
 * endpoints by id. Every part of the kernel that needs to know about providers reads a
 * registry (the server's is `MockState`'s, made from `Server.Options.providers`, by
 * default every provider of `providers/index.ts`); none names a provider.
 *
 * @since 0.1.0
 */
import type * as Endpoint from "./Endpoint.js"
import * as MockProvider from "./MockProvider.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Registry {
  readonly providers: ReadonlyArray<MockProvider.MockProvider>
  /** Every endpoint, in the providers' order. */
  readonly endpoints: ReadonlyArray<Endpoint.Endpoint>
  /** The data endpoints, in the providers' order. */
  readonly data: ReadonlyArray<MockProvider.Data<string, unknown>>
  readonly dataById: ReadonlyMap<string, MockProvider.Data<string, unknown>>
  /** The endpoint at a method and path. */
  readonly find: (method: string, path: string) => Endpoint.Endpoint | undefined
}

const made = new WeakMap<ReadonlyArray<MockProvider.MockProvider>, Registry>()

/**
 * The registry of a list of providers (one per list).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (providers: ReadonlyArray<MockProvider.MockProvider>): Registry => {
  const known = made.get(providers)
  if (known !== undefined) return known
  const endpoints = MockProvider.endpointsOf(providers)
  const data = MockProvider.dataOf(providers)
  const byRoute = new Map(endpoints.map((e) => [`${e.method} ${e.path}`, e]))
  const registry: Registry = {
    providers,
    endpoints,
    data,
    dataById: new Map(data.map((d) => [d.id, d])),
    find: (method, path) => byRoute.get(`${method.toUpperCase()} ${path}`)
  }
  made.set(providers, registry)
  return registry
}
