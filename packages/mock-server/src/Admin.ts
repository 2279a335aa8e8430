/**
 * The admin API, JSON under `/__admin` (never journaled, never rate limited, never
 * faulted, never authenticated: it is the test's side of the mock).
 *
 * | method and path | body | answer |
 * |---|---|---|
 * | `GET /__admin` | | the list of routes |
 * | `GET /__admin/dataset` | | `{name, counts}` |
 * | `PUT /__admin/dataset` | `{dataset:"docs"}` or `{dataset:"generated", seed?, rows?, anchor?}`, optional `endpoints:[id…]` | `{name, counts}` |
 * | `PUT /__admin/dataset/:endpoint/records` | a JSON array of records in the endpoint's shape | `{name, counts}` |
 * | `GET /__admin/counts` | | records per endpoint |
 * | `GET /__admin/faults` | | `{faults}` |
 * | `POST /__admin/faults` | one fault spec | the fault, with its id |
 * | `PUT /__admin/faults` | an array of fault specs (replaces all) | `{faults}` |
 * | `DELETE /__admin/faults` | | `{faults: []}` |
 * | `DELETE /__admin/faults/:id` | | `{removed: id}` |
 * | `GET /__admin/journal?endpoint=&path=&since=&limit=` | | `{entries}` |
 * | `DELETE /__admin/journal` | | `{entries: []}` |
 * | `GET /__admin/limits` | | `{limits, usage}` |
 * | `PATCH /__admin/limits` (or `PUT`) | a `Limits.Patch` | `{limits, usage}` (counters cleared) |
 * | `DELETE /__admin/limits/usage` | | `{limits, usage: []}` |
 * | `GET /__admin/settings` | | the settings |
 * | `PATCH /__admin/settings` | a settings patch | the settings |
 * | `GET /__admin/clock` | | `{now, iso, mode}` |
 * | `PUT /__admin/clock` | `{pin: ms or ISO}`, `{system: true}`, `{scale: rate, origin?}` or `{advance: ms}` | `{now, iso, mode}` |
 * | `POST /__admin/reset` | | `{reset: true}` |
 * | `GET /__admin/openapi.json` | | the OpenAPI 3.1 document of the provider endpoints |
 * | `GET /__admin/records/:endpoint/changes?since=SEQ` | | `{changes}`: what arrived, settled, was corrected or removed after `since` |
 * | `GET /__admin/churn`, `PUT /__admin/churn` (a `Churn.Spec`), `DELETE /__admin/churn` | | `{churn, tick, changes}` |
 * | `GET /__admin/records/:endpoint?offset=&limit=` | | the endpoint's records as they are now, oldest first, one per line (ndjson) exactly as the endpoint writes them; `X-Total-Count`, and a `Link` `rel="next"` while more follow |
 *
 * Errors, each one sentence: `400 {error:"InvalidBody", message}` for a body that does not
 * decode (unknown fields are refused), `404 {error:"NotFound", message}` for an unknown
 * fault id, endpoint or route, `422 {error:"InvalidDataset", message}` for records that
 * share a key, `401 {error:"Unauthorized", message}` without the admin token when one is
 * set (`AdminToken`: a mock reachable from the network requires it).
 *
 * @since 0.1.0
 */
import { HttpRouter, HttpServer, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Context, Effect, Either, Option, ParseResult, Redacted, Schema } from "effect"
import { Signing, Time } from "@ledgerkit/core"
import * as Churn from "./Churn.js"
import * as Control from "./Control.js"
import * as Datasets from "./Datasets.js"
import * as ExactJson from "./ExactJson.js"
import * as Faults from "./Faults.js"
import * as Address from "./internal/address.js"
import * as Journal from "./Journal.js"
import * as Limits from "./Limits.js"
import * as MockClock from "./MockClock.js"
import * as MockState from "./MockState.js"
import * as OpenApi from "./OpenApi.js"
import * as RateLimits from "./RateLimits.js"
import * as Providers from "./providers/index.js"
import * as Records from "./Records.js"
import * as Registry from "./Registry.js"

/**
 * The path prefix of the admin API.
 *
 * @since 0.1.0
 * @category constants
 */
export const prefix = "/__admin"

/**
 * The token every admin call must carry as `Authorization: Bearer <token>`; without this
 * service the admin API is open (a mock on loopback only).
 *
 * @since 0.1.0
 * @category tags
 */
export class AdminToken extends Context.Tag("@ledgerkit/mock-server/AdminToken")<AdminToken, Redacted.Redacted<string>>() {}

// --- bodies -------------------------------------------------------------------------------

const EndpointIdSchema = Schema.Literal(...Records.endpointIds)

/**
 * `PUT /__admin/dataset`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatasetRequest = Schema.Struct({
  /** `bulk`: `BulkDataset`, for big datasets (a million rows per endpoint in seconds). */
  dataset: Schema.Literal("docs", "generated", "bulk"),
  seed: Schema.optional(Schema.Int),
  rows: Schema.optional(Schema.Int.pipe(Schema.between(0, 1_000_000))),
  /** Generated records are timed in the 90 days before this instant (epoch ms). */
  anchor: Schema.optional(Schema.Int),
  /** Only these endpoints' records are replaced (default: all). */
  endpoints: Schema.optional(Schema.Array(EndpointIdSchema))
})

/**
 * @since 0.1.0
 * @category models
 */
export type DatasetRequest = Schema.Schema.Type<typeof DatasetRequest>

/**
 * `GET|PUT /__admin/dataset`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DatasetInfo = Schema.Struct({
  name: Schema.String,
  counts: Schema.Record({ key: EndpointIdSchema, value: Schema.Int })
})

/**
 * @since 0.1.0
 * @category models
 */
export type DatasetInfo = Schema.Schema.Type<typeof DatasetInfo>

const Instant = Schema.Union(Schema.Int, Schema.String)

/**
 * `PUT /__admin/clock`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClockRequest = Schema.Union(
  Schema.Struct({ pin: Instant }),
  Schema.Struct({ system: Schema.Literal(true) }),
  Schema.Struct({ scale: Schema.Number.pipe(Schema.positive()), origin: Schema.optional(Instant) }),
  Schema.Struct({ advance: Schema.Int })
)

/**
 * @since 0.1.0
 * @category models
 */
export type ClockRequest = Schema.Schema.Type<typeof ClockRequest>

/**
 * `GET|PUT /__admin/clock`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClockInfo = Schema.Struct({
  now: Schema.Number,
  iso: Schema.String,
  mode: Schema.Union(
    Schema.TaggedStruct("System", {}),
    Schema.TaggedStruct("Pinned", { millis: Schema.Number }),
    Schema.TaggedStruct("Scaled", { origin: Schema.Number, startedAt: Schema.Number, rate: Schema.Number })
  )
})

/**
 * @since 0.1.0
 * @category models
 */
export type ClockInfo = Schema.Schema.Type<typeof ClockInfo>

const Order = Schema.Literal("asc", "desc")
const Bound = Schema.Literal("inclusive", "exclusive")

const byData = <A>(registry: Pick<Registry.Registry, "data">, f: (id: string) => A): { readonly [id: string]: A } =>
  Object.fromEntries(registry.data.map((d) => [d.id, f(d.id)]))

/**
 * `PATCH /__admin/settings`: any subset of the settings.
 *
 * @since 0.1.0
 * @category schemas
 */
export const settingsPatchOf = (registry: Registry.Registry) =>
  Schema.Struct({
    auth: Schema.optional(Schema.Boolean),
    order: Schema.optional(Schema.partialWith(Schema.Struct(byData(registry, () => Order)), { exact: true })),
    startBound: Schema.optional(Schema.partialWith(
      Schema.Struct(byData({ ...registry, data: registry.data.filter((d) => d.startBound !== undefined) }, () => Bound)),
      { exact: true }
    )),
    endBound: Schema.optional(Schema.partialWith(
      Schema.Struct(byData({ ...registry, data: registry.data.filter((d) => d.endBound !== undefined) }, () => Bound)),
      { exact: true }
    )),
    ...Object.fromEntries(
      registry.providers.flatMap((p) => p.settings === undefined ? [] : [[p.id, Schema.optional(p.settings.patch)]])
    ),
    limits: Schema.optional(Limits.patchSchemaOf(registry))
  })

/**
 * @since 0.1.0
 * @category schemas
 */
export const SettingsPatch = settingsPatchOf(Registry.make(Providers.all))

/**
 * `GET|PATCH /__admin/limits`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LimitsInfo = Schema.Struct({
  limits: Limits.Limits,
  usage: Schema.Array(Schema.Struct({
    endpoint: Schema.String,
    client: Schema.String,
    window: Schema.Number,
    used: Schema.Number,
    limited: Schema.Number,
    bannedUntil: Schema.Number,
    bans: Schema.Number
  }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type LimitsInfo = Schema.Schema.Type<typeof LimitsInfo>

// --- answers ------------------------------------------------------------------------------

class AdminFailure extends Schema.TaggedError<AdminFailure>()("AdminFailure", {
  status: Schema.Int,
  error: Schema.String,
  message: Schema.String
}) {}

const clip = (text: string, max: number) => text.length <= max ? text : `${text.slice(0, max - 1)}…`

/**
 * One readable sentence for a body that does not decode: the first field at fault and
 * what was expected there (alternatives joined), clipped, and how many other fields are
 * wrong; never the schema itself.
 *
 * @since 0.1.0
 * @category errors
 */
export const describeParseError = (error: ParseResult.ParseError): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  if (first === undefined) return "The body does not have the expected shape."
  const key = (path: ReadonlyArray<PropertyKey>) => path.map(String).join(".")
  const at = key(first.path)
  const where = first.path.length === 0 ? "the body" : at
  const others = new Set(
    issues.map((i) => key(i.path)).filter((k) => !(k === at || k.startsWith(`${at}.`) || at.startsWith(`${k}.`) || k === ""))
  ).size
  const more = others > 0 ? ` (and ${others} more field${others > 1 ? "s" : ""})` : ""
  const unknown = /^is unexpected, expected: (.+)$/s.exec(first.message)
  if (unknown !== null) return `Unknown field ${where}; known here: ${clip(unknown[1].replace(/"/g, ""), 200)}${more}.`
  if (first.message === "is missing") return `Missing field ${where}${more}.`
  const expected = issues.filter((i) => key(i.path) === at).map((i) => /^Expected (.+), actual (.+)$/s.exec(i.message))
  const what = expected.every((m) => m !== null)
    ? `expected ${clip([...new Set(expected.map((m) => m[1]))].join(" or "), 120)}, received ${clip(expected[0][2], 40)}`
    : clip(first.message.replace(/\s+/g, " "), 160)
  return `Invalid ${where}: ${what}${more}.`
}

const ok = (body: unknown, status = 200) => Effect.succeed(HttpServerResponse.unsafeJson(body, { status }))

const notFound = (message: string) => new AdminFailure({ status: 404, error: "NotFound", message })

const body = <A, I>(schema: Schema.Schema<A, I>) =>
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => request.json).pipe(
    Effect.mapError(() => new AdminFailure({ status: 400, error: "InvalidBody", message: "The body is not JSON." })),
    Effect.flatMap((json) =>
      Schema.decodeUnknown(schema, { onExcessProperty: "error", errors: "all" })(json).pipe(
        Effect.mapError((e) =>
          new AdminFailure({ status: 400, error: "InvalidBody", message: describeParseError(e) })
        )
      )
    )
  )

const param = (name: string) => Effect.map(HttpRouter.params, (params) => params[name] ?? "")

const searchParams = Effect.map(HttpServerRequest.HttpServerRequest, (request) => new URL(request.url, "http://mock").searchParams)

const instant = (value: number | string): Effect.Effect<number, AdminFailure> =>
  typeof value === "number" ? Effect.succeed(value) : Either.match(Time.parseIso(value), {
    onLeft: (message) => Effect.fail(new AdminFailure({ status: 400, error: "InvalidBody", message })),
    onRight: Effect.succeed
  })

// --- operations ---------------------------------------------------------------------------

const datasetInfo = Effect.map(
  Effect.flatMap(MockState.MockState, (state) => state.get),
  (snapshot): DatasetInfo => ({ name: snapshot.datasets.name, counts: Datasets.counts(snapshot.datasets) })
)

const replaceTables = (
  base: Datasets.Datasets,
  from: Datasets.Datasets,
  ids: ReadonlyArray<string>,
  all: number
): Datasets.Datasets => {
  const tables = { ...base.tables }
  for (const id of ids) Object.assign(tables, { [id]: (from.tables as Datasets.Any["tables"])[id] })
  return { name: ids.length === all ? from.name : "custom", tables }
}

const loadDataset = Effect.gen(function*() {
  const request = yield* body(DatasetRequest)
  const state = yield* MockState.MockState
  const seed = request.seed ?? 1
  const rows = request.rows ?? 100
  const spec: MockState.DatasetSpec = request.dataset === "docs"
    ? { _tag: "Docs" }
    : request.dataset === "generated"
    ? { _tag: "Generated", seed, rows, anchor: request.anchor }
    : { _tag: "Bulk", seed, rows, anchor: request.anchor, endpoints: request.endpoints }
  const built = yield* MockState.build(spec, state.registry)
  const all = state.registry.data.map((d) => d.id)
  const ids = request.endpoints ?? all
  yield* state.update((s) => ({ ...s, datasets: replaceTables(s.datasets, built, ids, all.length) }))
  return yield* datasetInfo
})

// The data endpoint named in the path, or 404.
const endpointParam = Effect.gen(function*() {
  const id = yield* param("endpoint")
  const state = yield* MockState.MockState
  const data = state.registry.dataById.get(id)
  if (data === undefined) {
    return yield* Effect.fail(notFound(`No endpoint ${id} (${state.registry.data.map((d) => d.id).join(", ")})`))
  }
  return { data, id, state }
})

const putRecords = Effect.gen(function*() {
  const { data, id, state } = yield* endpointParam
  const input = yield* body(Schema.Unknown)
  const records = yield* Schema.decodeUnknown(Schema.Array(data.schema), { onExcessProperty: "error" })(input).pipe(
    Effect.mapError((e) =>
      new AdminFailure({ status: 400, error: "InvalidBody", message: describeParseError(e) })
    )
  )
  // The registry's own id: its records are typed by its provider's schema.
  yield* Effect.mapError(
    state.setRecords(id as Records.EndpointId, records),
    (e) => new AdminFailure({ status: 422, error: "InvalidDataset", message: e.message })
  )
  return yield* datasetInfo
})

const clockInfo = Effect.gen(function*() {
  const clock = yield* MockClock.MockClock
  const now = yield* clock.now
  return { now, iso: new Date(now).toISOString(), mode: yield* clock.mode } satisfies ClockInfo
})

const setClock = Effect.gen(function*() {
  const request = yield* body(ClockRequest)
  const clock = yield* MockClock.MockClock
  if ("pin" in request) yield* clock.pin(yield* instant(request.pin))
  else if ("system" in request) yield* clock.setMode({ _tag: "System" })
  else if ("scale" in request) {
    yield* clock.scale(request.origin === undefined ? yield* clock.now : yield* instant(request.origin), request.scale)
  } else {
    const mode = yield* clock.mode
    const now = yield* clock.now
    if (mode._tag === "Pinned") yield* clock.pin(mode.millis + request.advance)
    else if (mode._tag === "Scaled") yield* clock.setMode({ ...mode, origin: mode.origin + request.advance })
    else yield* clock.scale(now + request.advance, 1)
  }
  return yield* clockInfo
})

const limitsInfo = Effect.gen(function*() {
  const snapshot = yield* Effect.flatMap(MockState.MockState, (state) => state.get)
  const usage = yield* Effect.flatMap(RateLimits.RateLimits, (limits) => limits.usage)
  return { limits: snapshot.settings.limits, usage } satisfies LimitsInfo
})

const setLimits = Effect.gen(function*() {
  const state = yield* MockState.MockState
  const patch = yield* body(Limits.patchSchemaOf(state.registry))
  yield* state.patchSettings({ limits: patch })
  yield* Effect.flatMap(RateLimits.RateLimits, (limits) => limits.clear)
  return yield* limitsInfo
})

const settings = Effect.map(Effect.flatMap(MockState.MockState, (state) => state.get), (s) => s.settings)

const optionalInt = (params: URLSearchParams, name: string): Effect.Effect<number | undefined, AdminFailure> => {
  const text = params.get(name)
  if (text === null || text === "") return Effect.succeed(undefined)
  return /^[0-9]{1,15}$/.test(text)
    ? Effect.succeed(Number(text))
    : Effect.fail(new AdminFailure({ status: 400, error: "InvalidQuery", message: `${name} must be a whole number` }))
}

const journal = Effect.gen(function*() {
  const params = yield* searchParams
  const entries = yield* Effect.flatMap(Journal.Journal, (j) =>
    Effect.flatMap(
      Effect.all({ since: optionalInt(params, "since"), limit: optionalInt(params, "limit") }),
      ({ limit, since }) =>
        j.entries({
          endpoint: params.get("endpoint") ?? undefined,
          path: params.get("path") ?? undefined,
          since,
          limit
        })
    ))
  return { entries }
})

const routes = [
  "GET /__admin",
  "GET /__admin/dataset",
  "PUT /__admin/dataset",
  "PUT /__admin/dataset/:endpoint/records",
  "GET /__admin/counts",
  "GET /__admin/faults",
  "POST /__admin/faults",
  "PUT /__admin/faults",
  "DELETE /__admin/faults",
  "DELETE /__admin/faults/:id",
  "GET /__admin/journal",
  "DELETE /__admin/journal",
  "GET /__admin/limits",
  "PATCH /__admin/limits",
  "DELETE /__admin/limits/usage",
  "GET /__admin/settings",
  "PATCH /__admin/settings",
  "GET /__admin/clock",
  "PUT /__admin/clock",
  "POST /__admin/reset",
  "GET /__admin/openapi.json",
  "GET /__admin/records/:endpoint",
  "GET /__admin/records/:endpoint/changes",
  "GET /__admin/churn",
  "PUT /__admin/churn",
  "DELETE /__admin/churn"
]

const unauthorized = new AdminFailure({
  status: 401,
  error: "Unauthorized",
  message: "The admin API needs the admin token printed at start: send Authorization: Bearer <token>."
})

const authorize = Effect.gen(function*() {
  const token = yield* Effect.serviceOption(AdminToken)
  if (Option.isNone(token)) return
  const request = yield* HttpServerRequest.HttpServerRequest
  const sent = /^Bearer (.+)$/.exec(request.headers["authorization"] ?? "")?.[1] ?? ""
  if (!Signing.constantTimeEqual(sent, Redacted.value(token.value))) return yield* Effect.fail(unauthorized)
})

const churnInfo = Effect.gen(function*() {
  const churn = yield* Effect.flatMap(MockState.MockState, (state) => state.churn)
  return { churn: churn.spec ?? null, tick: churn.tick, changes: churn.seq }
})

const setChurn = Effect.gen(function*() {
  const spec = yield* body(Churn.Spec)
  const state = yield* MockState.MockState
  const unknown = Object.keys(spec.endpoints).filter((id) => !state.registry.dataById.has(id))
  if (unknown.length > 0) {
    return yield* Effect.fail(new AdminFailure({ status: 400, error: "InvalidBody", message: `No endpoint ${unknown.join(", ")}` }))
  }
  yield* state.setChurn(spec)
  return yield* churnInfo
})

const changes = Effect.gen(function*() {
  const { id, state } = yield* endpointParam
  const since = (yield* optionalInt(yield* searchParams, "since")) ?? 0
  const churn = yield* state.churn
  return { changes: churn.changes.filter((c) => c.endpoint === id && c.seq > since) }
})

const recordsPage = Effect.gen(function*() {
  const { data, id, state } = yield* endpointParam
  const params = yield* searchParams
  const offset = (yield* optionalInt(params, "offset")) ?? 0
  const limit = Math.min((yield* optionalInt(params, "limit")) ?? 1000, 100_000)
  const table = (yield* state.get).datasets.tables[id as Records.EndpointId] as Datasets.Table<unknown>
  const rows = table.records.slice(offset, offset + limit)
  const next = offset + rows.length
  return HttpServerResponse.text(rows.map((r) => `${ExactJson.stringify(data.render(r))}\n`).join(""), {
    contentType: "application/x-ndjson",
    headers: {
      "x-total-count": String(table.records.length),
      ...(next < table.records.length ? { link: `<${prefix}/records/${id}?offset=${next}&limit=${limit}>; rel="next"` } : {})
    }
  })
})

const answer = <R>(effect: Effect.Effect<unknown, AdminFailure, R>) =>
  Effect.zipRight(authorize, effect).pipe(
    Effect.flatMap((value) => ok(value)),
    Effect.catchTag("AdminFailure", (e) => ok({ error: e.error, message: e.message }, e.status))
  )

/**
 * The admin routes, without the prefix (mount them at `/__admin`).
 *
 * @since 0.1.0
 * @category routers
 */
export const router = HttpRouter.empty.pipe(
  HttpRouter.get("/", answer(Effect.succeed({ routes }))),
  HttpRouter.get("/dataset", answer(datasetInfo)),
  HttpRouter.put("/dataset", answer(loadDataset)),
  HttpRouter.put("/dataset/:endpoint/records", answer(putRecords)),
  HttpRouter.get("/counts", answer(Effect.map(datasetInfo, (d) => d.counts))),
  HttpRouter.get("/faults", answer(Effect.map(Effect.flatMap(Faults.Faults, (f) => f.list), (faults) => ({ faults })))),
  HttpRouter.post("/faults", answer(Effect.flatMap(body(Faults.Spec), (spec) => Effect.flatMap(Faults.Faults, (f) => f.add(spec))))),
  HttpRouter.put(
    "/faults",
    answer(Effect.flatMap(body(Schema.Array(Faults.Spec)), (specs) =>
      Effect.map(Effect.flatMap(Faults.Faults, (f) => f.replace(specs)), (faults) => ({ faults }))))
  ),
  HttpRouter.del("/faults", answer(Effect.as(Effect.flatMap(Faults.Faults, (f) => f.clear), { faults: [] }))),
  HttpRouter.del(
    "/faults/:id",
    answer(Effect.gen(function*() {
      const id = yield* param("id")
      const removed = yield* Effect.flatMap(Faults.Faults, (f) => f.remove(id))
      return removed ? { removed: id } : yield* Effect.fail(notFound(`No fault ${id}`))
    }))
  ),
  HttpRouter.get("/journal", answer(journal)),
  HttpRouter.del("/journal", answer(Effect.as(Effect.flatMap(Journal.Journal, (j) => j.clear), { entries: [] }))),
  HttpRouter.get("/limits", answer(limitsInfo))
).pipe(
  HttpRouter.patch("/limits", answer(setLimits)),
  HttpRouter.put("/limits", answer(setLimits)),
  HttpRouter.del("/limits/usage", answer(Effect.zipRight(Effect.flatMap(RateLimits.RateLimits, (l) => l.clear), limitsInfo))),
  HttpRouter.get("/settings", answer(settings)),
  HttpRouter.patch(
    "/settings",
    answer(Effect.zipRight(
      Effect.flatMap(MockState.MockState, (state) =>
        Effect.flatMap(body(settingsPatchOf(state.registry)), (patch) => state.patchSettings(patch))),
      settings
    ))
  ),
  HttpRouter.get("/clock", answer(clockInfo)),
  HttpRouter.put("/clock", answer(setClock)),
  HttpRouter.post("/reset", answer(Effect.as(Effect.flatMap(Control.Control, (c) => c.reset), { reset: true }))),
  HttpRouter.get("/records/:endpoint/changes", answer(changes)),
  HttpRouter.get("/churn", answer(churnInfo)),
  HttpRouter.put("/churn", answer(setChurn)),
  HttpRouter.del("/churn", answer(Effect.zipRight(Effect.flatMap(MockState.MockState, (s) => s.setChurn(undefined)), churnInfo))),
  HttpRouter.get(
    "/records/:endpoint",
    Effect.zipRight(authorize, recordsPage).pipe(
      Effect.catchTag("AdminFailure", (e) => ok({ error: e.error, message: e.message }, e.status))
    )
  ),
  HttpRouter.get(
    "/openapi.json",
    answer(Effect.gen(function*() {
      const state = yield* MockState.MockState
      // The address this mock serves on (a wildcard bind: the loopback address).
      const server = yield* Effect.serviceOption(HttpServer.HttpServer)
      return OpenApi.documentOf(state.registry, Option.match(server, { onNone: () => undefined, onSome: (s) => Address.urlOf(s) }))
    }))
  ),
  HttpRouter.all("*", answer(Effect.fail(notFound("No admin route here; GET /__admin lists them"))))
)
