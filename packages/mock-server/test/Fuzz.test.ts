/**
 * The mock fuzzed from its own OpenAPI document: fast-check builds requests for every
 * operation from the declared parameters and request body (values in range, out of range,
 * of the wrong type, garbage, undecodable encodings, repeated parameters; auth on or off;
 * JSON, not-JSON or no body), sends them, and checks that no answer is a 5xx and that each
 * answer is JSON matching the document's schema for its status. Bounded: one request per
 * run, `LEDGERKIT_PROP_RUNS` × 8 runs (200 by default).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import { Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"
import { check, isObj, type Json, type Obj, obj, resolve } from "./support/jsonSchema.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)

interface Operation {
  readonly path: string
  readonly method: string
  readonly parameters: ReadonlyArray<Obj>
  readonly body: Obj | undefined
  readonly responses: Obj
}

const operationsOf = (doc: Obj): ReadonlyArray<Operation> =>
  Object.entries(obj(doc.paths, "paths")).flatMap(([path, item]) =>
    Object.entries(obj(item, path)).filter(([method]) => method === "get" || method === "post").map(([method, node]) => {
      const operation = obj(node, `${method} ${path}`)
      const content = isObj(operation.requestBody) ? obj(operation.requestBody.content, "content")["application/json"] : undefined
      return {
        path,
        method: method.toUpperCase(),
        parameters: (operation.parameters as ReadonlyArray<Json>).map((p) => obj(resolve(doc, p), "parameter")),
        body: content === undefined ? undefined : obj(resolve(doc, obj(content, "json").schema), "body schema"),
        responses: obj(operation.responses, "responses")
      }
    })
  )

// --- values from schemas --------------------------------------------------------------------

const junkText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("", " ", "-1", "0", "1e3", "1.5", "NaN", "null", "true", "[]", "{}", "9".repeat(25), "2024-13-45T99:99:99Z", "é☃")
)

/** A value the schema allows (`tidy`), or one near its edges too, as JSON. */
const validJson = (doc: Obj, node: Json, tidy: boolean): fc.Arbitrary<Json> => {
  const schema = obj(resolve(doc, node), "schema")
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as ReadonlyArray<Json>))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case "integer": {
      const min = typeof schema.minimum === "number" ? schema.minimum : 0
      const max = typeof schema.maximum === "number" ? schema.maximum : 2_000_000_000_000
      const near = fc.constantFrom(now, now - 86_400_000, min, max)
      return tidy ? fc.oneof(fc.integer({ min, max }), near) : fc.oneof(fc.integer({ min, max }), near, fc.constantFrom(min - 1, max + 1))
    }
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true })
    case "boolean":
      return fc.boolean()
    case "array":
      return fc.array(validJson(doc, schema.items ?? {}, tidy), { maxLength: 4 })
    case "string":
      if (typeof schema.pattern === "string") {
        const matching = fc.stringMatching(new RegExp(schema.pattern))
        // A pattern admits impossible dates; the documented example is a real one.
        return tidy && typeof schema.example === "string" ? fc.oneof(fc.constant(schema.example), matching) : matching
      }
      if (schema.format === "date-time") {
        return fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => new Date(s * 1000).toISOString().replace(".000", ""))
      }
      return fc.string({ maxLength: 20 })
    default:
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>
  }
}

/** The value, or `undefined`: not sent (half the time when `tidy`, else a quarter). */
const maybe = <A>(arbitrary: fc.Arbitrary<A>, tidy: boolean) => fc.option(arbitrary, { nil: undefined, freq: tidy ? 1 : 3 })

const text = (value: Json) => (typeof value === "string" ? value : JSON.stringify(value))

const parameterValue = (doc: Obj, parameter: Obj, tidy: boolean) => {
  const valid = validJson(doc, parameter.schema, tidy).map(text)
  return maybe(tidy ? valid : fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: junkText }), tidy)
}

const bodyOf = (doc: Obj, schema: Obj | undefined, tidy: boolean): fc.Arbitrary<string | undefined> => {
  if (schema === undefined) return fc.constant(undefined)
  const properties = isObj(schema.properties) ? schema.properties : {}
  const fields = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, field]) => [
      name,
      tidy
        ? validJson(doc, field, tidy)
        : fc.oneof({ weight: 3, arbitrary: validJson(doc, field, tidy) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> })
    ])),
    { requiredKeys: [] }
  )
  if (tidy) return fields.map((f) => JSON.stringify(f))
  return fc.oneof(
    { weight: 6, arbitrary: fields.map((f) => JSON.stringify(f)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((j) => JSON.stringify(j)) },
    { weight: 1, arbitrary: junkText },
    { weight: 1, arbitrary: fc.constant(undefined) }
  )
}

// --- requests -------------------------------------------------------------------------------

interface Generated {
  readonly operation: Operation
  readonly auth: boolean
  readonly query: ReadonlyArray<readonly [string, string]>
  /** Appended as is, not encoded (bad percent-encoding, a repeated parameter). */
  readonly raw: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,40}$/)

/**
 * A request for `operation`: `tidy` ones keep to the schemas (auth off, so that some reach
 * the answer), the others go anywhere.
 */
const requestOf = (doc: Obj, operation: Operation, tidy: boolean): fc.Arbitrary<Generated> => {
  const byPlace = (place: string) => operation.parameters.filter((p) => p.in === place)
  const values = (place: string) =>
    fc.tuple(...byPlace(place).map((p) => parameterValue(doc, p, tidy).map((v) => [String(p.name), v] as const)))
      .map((pairs) => pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined))
  const firstQuery = byPlace("query")[0]?.name
  return fc.record({
    auth: tidy ? fc.constant(false) : fc.boolean(),
    query: values("query"),
    raw: tidy ? fc.constant("") : fc.oneof(
      { weight: 6, arbitrary: fc.constant("") },
      { weight: 1, arbitrary: fc.constantFrom("%zz", "%", "a%2", "%E0%A4%A", "=", "&&") },
      { weight: 1, arbitrary: fc.constant(firstQuery === undefined ? "" : `${String(firstQuery)}=1`) }
    ),
    headers: values("header").map((pairs) => Object.fromEntries(pairs.filter(([, v]) => /^[\x20-\x7e]*$/.test(v)))),
    // Credentials: the mock's own key or a wrong one, under the security schemes' headers.
    credentials: fc.dictionary(
      fc.constantFrom("X-MBX-APIKEY", "X-API-KEY", "X-BM-KEY", "userId", "merchant", "sign", "Authorization"),
      fc.oneof(headerValue, fc.constantFrom("mock-binance-api-key", "mock-wooxpro-api-key", "mock-cryptomus-user")),
      { maxKeys: 3 }
    ),
    body: bodyOf(doc, operation.body, tidy)
  }).map(({ credentials, headers, ...rest }) => ({ ...rest, operation, headers: { ...credentials, ...headers } }))
}

const send = (baseUrl: string, request: Generated) => {
  const encoded = request.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
  const query = [...encoded, ...(request.raw === "" ? [] : [request.raw])].join("&")
  const url = `${baseUrl}${request.operation.path}${query === "" ? "" : `?${query}`}`
  const body = request.operation.method === "GET" ? undefined : request.body
  return Client.request(url, {
    method: request.operation.method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...request.headers },
    ...(body === undefined ? {} : { body })
  })
}

const schemaFor = (responses: Obj, status: number): Json | undefined => {
  const answer = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default
  if (!isObj(answer) || !isObj(answer.content)) return undefined
  const json = answer.content["application/json"]
  return isObj(json) ? json.schema : undefined
}

describe("fuzz, from the OpenAPI document", () => {
  it.effect("no request gets a 5xx; every answer matches the document's schema for its status", () =>
    Effect.gen(function*() {
      const mock = yield* Testkit.MockServer
      yield* mock.admin.loadDataset({ dataset: "generated", seed: 5, rows: 60, anchor: now })
      const doc = obj(yield* mock.admin.openApi, "document")
      const operations = operationsOf(doc)
      expect(operations).toHaveLength(6)
      const requests = fc.oneof(...operations.flatMap((o) => [requestOf(doc, o, true), requestOf(doc, o, false)]))
      const statuses = new Set<string>()
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(requests, async (request) => {
            await Effect.runPromise(mock.state.patchSettings({ auth: request.auth }))
            const reply = await Effect.runPromise(send(mock.baseUrl, request))
            const where = `${request.operation.method} ${request.operation.path} → ${reply.status} ${reply.text.slice(0, 200)}`
            statuses.add(`${request.operation.path} ${reply.status}`)
            expect(reply.status, where).toBeLessThan(500)
            const schema = schemaFor(request.operation.responses, reply.status)
            expect(schema, `undocumented status: ${where}`).toBeDefined()
            expect(reply.body, `not JSON: ${where}`).toBeDefined()
            expect(check(doc, schema ?? {}, reply.body), where).toEqual([])
          }),
          { numRuns: Client.propRuns() * 8 }
        )
      )
      // The fuzz reached past authentication and validation on every operation.
      for (const operation of operations) {
        expect([...statuses].some((s) => s === `${operation.path} 200`), `${operation.path} never answered 200`).toBe(true)
      }
    }).pipe(Effect.provide(Testkit.layer({ now }))), 120_000)
})
