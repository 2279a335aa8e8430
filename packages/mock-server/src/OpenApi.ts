/**
 * The OpenAPI 3.1 document of the provider endpoints the mock serves, assembled from each
 * provider's part (`MockProvider.OpenApi`: paths, parameters with their documented types,
 * defaults, ranges and enumerations, security, request bodies, the success schemas with
 * the documented examples, and the error answers with their rate-limit headers), merged
 * in the providers' order.
 *
 * Served at `GET /__admin/openapi.json`.
 *
 * @since 0.1.0
 */
import * as Doc from "./internal/openapi.js"
import * as Providers from "./providers/index.js"
import * as Registry from "./Registry.js"

const decimal = { type: "string", pattern: "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$", description: "A decimal amount, scale kept" }

const merged = (registry: Registry.Registry, part: "paths" | "schemas" | "parameters" | "headers" | "securitySchemes") =>
  Object.assign({}, ...registry.providers.map((p) => p.openApi[part] ?? {})) as Record<string, object>

/**
 * The document of a registry's providers. Tags: the data endpoints, then the others.
 *
 * @since 0.1.0
 * @category constructors
 */
export const documentOf = (registry: Registry.Registry) => ({
  openapi: "3.1.0",
  info: {
    title: "ledgerkit mock providers",
    version: "0.1.0",
    description:
      "The provider endpoints served by @ledgerkit/mock-server on one port, at their real paths. Each operation also lists the provider's real host in `servers`."
  },
  servers: [{ url: "http://127.0.0.1:4010", description: "The mock (default port)" }],
  tags: [
    ...registry.data.map((d) => d.id),
    ...registry.endpoints.filter((e) => !registry.dataById.has(e.id)).map((e) => e.id)
  ].map((name) => ({ name })),
  paths: merged(registry, "paths"),
  components: {
    schemas: { Decimal: decimal, ...merged(registry, "schemas") },
    parameters: merged(registry, "parameters"),
    headers: { RetryAfter: Doc.integerHeader("Seconds to wait before the next request."), ...merged(registry, "headers") },
    securitySchemes: merged(registry, "securitySchemes")
  }
})

/**
 * The document.
 *
 * @since 0.1.0
 * @category constants
 */
export const document = documentOf(Registry.make(Providers.all))
