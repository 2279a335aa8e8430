/**
 * The OpenAPI 3.1 document of the provider endpoints the mock serves, assembled from each
 * provider's part (`MockProvider.OpenApi`: paths, parameters with their documented types,
 * defaults, ranges and enumerations, security, request bodies, the success schemas with
 * the documented examples, and the error answers with their rate-limit headers), merged
 * in the providers' order.
 *
 * Served at `GET /__admin/openapi.json`, with the address the mock serves on in
 * `servers`. It lints clean with Redocly's recommended rules (`test/OpenApiLint.test.ts`).
 *
 * @since 0.1.0
 */
import { Predicate } from "effect"
import * as Doc from "./internal/openapi.js"
import * as Providers from "./providers/index.js"
import * as Registry from "./Registry.js"

const decimal = { type: "string", pattern: "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$", description: "A decimal amount, scale kept" }

const merged = (registry: Registry.Registry, part: "paths" | "schemas" | "parameters" | "headers" | "securitySchemes") =>
  Object.assign({}, ...registry.providers.map((p) => p.openApi[part] ?? {})) as Record<string, object>

// Each tag is described by the summary of its operation.
const summaries = (paths: Record<string, object>): ReadonlyMap<string, string> => {
  const found = new Map<string, string>()
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (!Predicate.isRecord(operation) || typeof operation.summary !== "string" || !Array.isArray(operation.tags)) continue
      for (const tag of operation.tags) if (typeof tag === "string" && !found.has(tag)) found.set(tag, operation.summary)
    }
  }
  return found
}

/**
 * The address of `serve`'s defaults, for a document that is not served.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultServer = "http://127.0.0.1:4010"

/**
 * The document of a registry's providers, served at `server` (the mock's base URL).
 * Tags: the data endpoints, then the others.
 *
 * @since 0.1.0
 * @category constructors
 */
export const documentOf = (registry: Registry.Registry, server: string = defaultServer) => {
  const paths = merged(registry, "paths")
  const described = summaries(paths)
  return {
    openapi: "3.1.0",
    info: {
      title: "ledgerkit mock providers",
      version: "0.1.0",
      description:
        "The provider endpoints served by @ledgerkit/mock-server on one port, at their real paths. Each operation also lists the provider's real host in `servers`.",
      license: { name: "MIT", identifier: "MIT" }
    },
    servers: [{ url: server, description: "The mock" }],
    tags: [
      ...registry.data.map((d) => d.id),
      ...registry.endpoints.filter((e) => !registry.dataById.has(e.id)).map((e) => e.id)
    ].map((name) => ({ name, description: described.get(name) ?? name })),
    paths,
  components: {
    schemas: { Decimal: decimal, ...merged(registry, "schemas") },
    parameters: merged(registry, "parameters"),
    headers: { RetryAfter: Doc.integerHeader("Seconds to wait before the next request."), ...merged(registry, "headers") },
    securitySchemes: merged(registry, "securitySchemes")
    }
  }
}

/**
 * The document.
 *
 * @since 0.1.0
 * @category constants
 */
export const document = documentOf(Registry.make(Providers.all))
