/**
 * The OpenAPI document served at /__admin/openapi.json: an OpenAPI 3.x structure (checked
 * here without a library), all six operations with their documented parameters, request
 * bodies and response schemas; every $ref resolves; and the schemas describe what the mock
 * actually answers (the documented examples and live answers are checked against them).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"
import { check, isObj, type Json, obj, resolve } from "./support/jsonSchema.js"

const paths = {
  time: "/api/v3/time",
  cloudMining: "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage",
  umIncome: "/papi/v1/um/income",
  zenlayer: "/api/v2/zbc",
  wooxpro: "/contract/private/transaction-history",
  cryptomus: "/v2/user-api/transaction/list"
} as const

const operations: ReadonlyArray<readonly [string, "get" | "post", ReadonlyArray<string>, ReadonlyArray<string>]> = [
  [paths.time, "get", [], []],
  [paths.cloudMining, "get", ["tranId", "clientTranId", "asset", "startTime", "endTime", "current", "size", "recvWindow", "timestamp", "signature"], []],
  [paths.umIncome, "get", ["symbol", "incomeType", "startTime", "endTime", "page", "limit", "recvWindow", "timestamp", "signature"], []],
  [paths.zenlayer, "post", ["X-ZC-Action", "X-ZC-Version", "X-ZC-Timestamp", "X-ZC-Signature-Method"], ["pageNum", "pageSize", "state", "startTime", "endTime"]],
  [paths.wooxpro, "get", ["symbol", "flow_type", "account", "start_time", "end_time", "page_size"], []],
  [paths.cryptomus, "post", ["cursor"], ["date_from", "date_to", "type"]]
]

const fetchDocument = Effect.gen(function*() {
  const { admin } = yield* Testkit.MockServer
  return obj(yield* admin.openApi, "document")
})

const now = Date.UTC(2024, 5, 1, 12, 0, 0)

describe("OpenAPI document", () => {
  it.effect("is OpenAPI 3.x with info, servers, paths and components; every $ref resolves", () =>
    Effect.gen(function*() {
      const doc = yield* fetchDocument
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/)
      const info = obj(doc.info, "info")
      expect(typeof info.title).toBe("string")
      expect(typeof info.version).toBe("string")
      expect(Array.isArray(doc.servers)).toBe(true)
      const refs: Array<string> = []
      const walk = (node: Json) => {
        if (Array.isArray(node)) node.forEach(walk)
        else if (isObj(node)) {
          if (typeof node.$ref === "string") refs.push(node.$ref)
          Object.values(node).forEach(walk)
        }
      }
      walk(doc)
      expect(refs.length).toBeGreaterThan(20)
      for (const r of refs) expect(() => resolve(doc, { $ref: r }), r).not.toThrow()
      expect(Object.keys(obj(doc.paths, "paths")).sort()).toEqual(Object.values(paths).sort())
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("lists each endpoint's documented parameters, request body fields and response schemas", () =>
    Effect.gen(function*() {
      const doc = yield* fetchDocument
      const operationIds = new Set<string>()
      for (const [path, method, parameters, bodyFields] of operations) {
        const operation = obj(obj(obj(doc.paths, "paths")[path], path)[method], `${method} ${path}`)
        expect(typeof operation.operationId).toBe("string")
        operationIds.add(String(operation.operationId))
        const declared = (operation.parameters as ReadonlyArray<Json>).map((p) => obj(resolve(doc, p), "parameter"))
        for (const p of declared) {
          expect(["query", "header", "path", "cookie"]).toContain(p.in)
          expect(isObj(p.schema)).toBe(true)
        }
        expect(declared.map((p) => p.name)).toEqual(parameters)
        if (bodyFields.length > 0) {
          const content = obj(obj(obj(operation.requestBody, "requestBody").content, "content")["application/json"], "json")
          const schema = obj(resolve(doc, content.schema), "body schema")
          expect(Object.keys(obj(schema.properties, "properties"))).toEqual(bodyFields)
        }
        const responses = obj(operation.responses, "responses")
        const ok = obj(obj(obj(responses["200"], "200").content, "content")["application/json"], "200 json")
        expect(isObj(ok.schema)).toBe(true)
        for (const [status, answer] of Object.entries(responses)) {
          expect(status).toMatch(/^([1-5][0-9X]{2}|default)$/)
          expect(typeof obj(answer, status).description).toBe("string")
        }
        // The documented example fits the schema.
        expect(check(doc, ok.schema, ok.example), `${path} example`).toEqual([])
      }
      expect(operationIds.size).toBe(operations.length)
      // Enumerations come from the docs.
      const income = obj(obj(doc.components, "components").schemas, "schemas")
      expect(obj(obj(obj(income.UmIncomeRow, "row").properties, "p").incomeType, "t").enum).toHaveLength(19)
    }).pipe(Effect.provide(Testkit.layer())))

  it.effect("describes what the mock answers: live 200s and errors fit the schemas", () =>
    Effect.gen(function*() {
      const doc = yield* fetchDocument
      const { admin, baseUrl } = yield* Testkit.MockServer
      yield* admin.loadDataset({ dataset: "generated", seed: 5, rows: 60, anchor: now })
      const schemaOf = (path: string, method: string, status: string) => {
        const responses = obj(obj(obj(obj(doc.paths, "paths")[path], path)[method], method).responses, "responses")
        const answer = obj(responses[status] ?? responses[`${status[0]}XX`], `${path} ${status}`)
        return obj(obj(answer.content, "content")["application/json"], "json").schema
      }
      const window = { startTime: now - 30 * 86_400_000, endTime: now }
      const replies: ReadonlyArray<readonly [string, string, Client.Reply]> = [
        [paths.time, "get", yield* Client.request(`${baseUrl}${paths.time}`)],
        [paths.cloudMining, "get", yield* Client.binanceGet(baseUrl, paths.cloudMining, { ...window, size: 100 }, Client.keys.binance, now)],
        [paths.umIncome, "get", yield* Client.binanceGet(baseUrl, paths.umIncome, { ...window, limit: 1000 }, Client.keys.binance, now)],
        [paths.umIncome, "get", yield* Client.binanceGet(baseUrl, paths.umIncome, { limit: 5000 }, Client.keys.binance, now)],
        [paths.zenlayer, "post", yield* Client.zenlayerPost(baseUrl, { pageSize: 100 }, Client.keys.zenlayer, now / 1000)],
        [paths.zenlayer, "post", yield* Client.zenlayerPost(baseUrl, { pageSize: 0 }, Client.keys.zenlayer, now / 1000)],
        [paths.wooxpro, "get", yield* Client.wooxproGet(baseUrl, { ...{ start_time: window.startTime, end_time: now } }, Client.keys.wooxpro)],
        [paths.wooxpro, "get", yield* Client.wooxproGet(baseUrl, {}, "wrong-key")],
        [paths.cryptomus, "post", yield* Client.cryptomusPost(baseUrl, "{}", Client.keys.cryptomus)],
        [paths.cryptomus, "post", yield* Client.cryptomusPost(baseUrl, "{\"type\":\"gift\"}", Client.keys.cryptomus)]
      ]
      for (const [path, method, reply] of replies) {
        const errors = check(doc, schemaOf(path, method, String(reply.status)), reply.body)
        expect(errors, `${method} ${path} ${reply.status}`).toEqual([])
      }
      expect(replies.map(([, , r]) => r.status)).toEqual([200, 200, 200, 400, 200, 400, 200, 401, 200, 422])
      // The live pages are not empty, so the row schemas were exercised.
      const [, , mining] = replies[1]
      expect((obj(mining.body, "mining").rows as ReadonlyArray<Json>).length).toBeGreaterThan(0)
    }).pipe(Effect.provide(Testkit.layer({ now }))))
})
