/**
 * The endpoints of the mock, at the providers' real paths (they do not collide, so all
 * live on one port): every endpoint of every provider of `providers/index.ts`.
 *
 * @since 0.1.0
 */
import type * as Endpoint from "./Endpoint.js"
import * as Providers from "./providers/index.js"
import * as Registry from "./Registry.js"

const registry = Registry.make(Providers.all)

/**
 * @since 0.1.0
 * @category constants
 */
export const all: ReadonlyArray<Endpoint.Endpoint> = registry.endpoints

/**
 * The endpoint at a method and path.
 *
 * @since 0.1.0
 * @category accessors
 */
export const find = (method: string, path: string): Endpoint.Endpoint | undefined => registry.find(method, path)
