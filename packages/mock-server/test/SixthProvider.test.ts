/**
 * A provider is added without touching the kernel: the test-only provider of
 * `fixtures/acme/` is served by `Testkit.layer` beside the five endpoints (or alone),
 * with its own authentication, settings, rate limit, error shape, dataset, records upload,
 * journal entries and OpenAPI path.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import { Providers, Testkit } from "@ledgerkit/mock-server"
import * as Acme from "./fixtures/acme/index.js"
import * as Client from "./support/client.js"

const now = Date.UTC(2031, 0, 15, 12, 0, 0)

const entries = (baseUrl: string, query = "", key: string = Acme.key) =>
  Client.request(`${baseUrl}/acme/v1/entries${query}`, { headers: { "X-Acme-Key": key } })

const admin = (baseUrl: string, method: string, path: string, body?: unknown) =>
  Client.request(`${baseUrl}/__admin${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })

// Each test changes the state: each has its own server.
const beside = () => Testkit.layer({ now, providers: [...Providers.all, Acme.provider] })

describe("a sixth provider", () => {
  layer(beside())("beside the others", (it) => {
    it.effect("its endpoint: its authentication, its pages, its settings, its errors", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        expect((yield* entries(baseUrl, "", "wrong")).body).toEqual({ error: { code: "NO_KEY", text: "X-Acme-Key is missing or wrong" } })
        const first = yield* entries(baseUrl)
        expect(first.status).toBe(200)
        expect(first.body).toEqual({ entries: Acme.documented.slice(0, 2), page: 1 })
        expect((yield* entries(baseUrl, "?page=2")).body).toEqual({ entries: Acme.documented.slice(2), page: 2 })
        expect((yield* entries(baseUrl, "?page=0")).status).toBe(400)
        expect((yield* admin(baseUrl, "PATCH", "/settings", { acme: { pageSize: 5 } })).status).toBe(200)
        expect((yield* entries(baseUrl)).body).toEqual({ entries: Acme.documented, page: 1 })
        expect((yield* admin(baseUrl, "PATCH", "/settings", { acme: { pageSize: 0 } })).status).toBe(400)
        // The others are still served.
        expect((yield* Client.request(`${baseUrl}/api/v3/time`)).body).toEqual({ serverTime: now })
      }))
  })

  layer(beside())("beside the others, through the admin API", (it) => {
    it.effect("the admin API: its dataset, its records upload, the journal, the OpenAPI document", () =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        expect((yield* admin(mock.baseUrl, "GET", "/dataset")).body).toMatchObject({ counts: { "acme.entries": 3 } })
        const uploaded = [{ id: "u-1", at: 5, amount: "7.000" }]
        expect((yield* admin(mock.baseUrl, "PUT", "/dataset/acme.entries/records", uploaded)).status).toBe(200)
        expect((yield* admin(mock.baseUrl, "PUT", "/dataset/acme.entries/records", [{ id: 1 }])).status).toBe(400)
        expect((yield* entries(mock.baseUrl, "?page=1")).body).toMatchObject({ entries: uploaded })
        const journal = yield* mock.admin.journal({ endpoint: "acme.entries" })
        expect(journal.length).toBeGreaterThan(0)
        const doc = (yield* admin(mock.baseUrl, "GET", "/openapi.json")).body as { paths: object; tags: ReadonlyArray<object> }
        expect(Object.keys(doc.paths)).toContain("/acme/v1/entries")
        expect(doc.tags).toContainEqual(expect.objectContaining({ name: "acme.entries" }))
      }))
  })

  layer(Testkit.layer({ now, providers: [Acme.provider], settings: { limits: { enabled: true } } }))("alone", (it) => {
    it.effect("only its endpoint; its rate limit and headers; 429 in its own shape", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        expect((yield* Client.request(`${baseUrl}/api/v3/time`)).status).toBe(404)
        const used = []
        for (let i = 0; i < 3; i++) used.push((yield* entries(baseUrl)).headers["x-acme-used"])
        expect(used).toEqual(["1", "2", "3"])
        const limited = yield* entries(baseUrl)
        expect(limited.status).toBe(429)
        expect(limited.body).toEqual({ error: { code: "SLOW_DOWN", text: "TooManyRequests" } })
      }))
  })
})
