/**
 * A typed client of the admin API (`/__admin`): every call is an HTTP request to a
 * running mock, so the same handle drives a mock in this process (the testkit) or one
 * started elsewhere (`ledgerkit-mock serve`).
 *
 * ```ts
 * const admin = yield* AdminClient.MockAdmin
 * yield* admin.setFault({ endpoint, kind: { _tag: "TooManyRequests", retryAfterSeconds: 3 }, times: 1 })
 * const entries = yield* admin.journal({ endpoint })
 * ```
 *
 * @since 0.1.0
 */
import { FetchHttpClient, HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Context, Effect, Layer, Redacted, Schema } from "effect"
import * as AdminApi from "./Admin.js"
import type * as Churn from "./Churn.js"
import * as Faults from "./Faults.js"
import * as Journal from "./Journal.js"
import type * as Limits from "./Limits.js"
import type * as Records from "./Records.js"
import type * as Settings from "./Settings.js"

/**
 * A failed admin call: the admin API's `{error, message}` with its status, or a
 * transport or decoding failure (status 0).
 *
 * @since 0.1.0
 * @category errors
 */
export class AdminError extends Schema.TaggedError<AdminError>()("AdminError", {
  status: Schema.Int,
  error: Schema.String,
  message: Schema.String
}) {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Admin {
  /** The mock's base URL (the admin API is at `${baseUrl}/__admin`). */
  readonly baseUrl: string
  readonly dataset: Effect.Effect<AdminApi.DatasetInfo, AdminError>
  /** Replaces the dataset (or, with `endpoints`, those endpoints' records). */
  readonly loadDataset: (request: AdminApi.DatasetRequest) => Effect.Effect<AdminApi.DatasetInfo, AdminError>
  /** Replaces one endpoint's records. */
  readonly putRecords: <K extends Records.EndpointId>(
    endpoint: K,
    records: ReadonlyArray<Records.RecordOf[K]>
  ) => Effect.Effect<AdminApi.DatasetInfo, AdminError>
  /** Records per endpoint. */
  readonly counts: Effect.Effect<AdminApi.DatasetInfo["counts"], AdminError>
  /** Adds a fault after the others. */
  readonly setFault: (spec: Faults.Spec) => Effect.Effect<Faults.Fault, AdminError>
  /** Replaces every fault. */
  readonly setFaults: (specs: ReadonlyArray<Faults.Spec>) => Effect.Effect<ReadonlyArray<Faults.Fault>, AdminError>
  readonly faults: Effect.Effect<ReadonlyArray<Faults.Fault>, AdminError>
  readonly removeFault: (id: string) => Effect.Effect<void, AdminError>
  readonly clearFaults: Effect.Effect<void, AdminError>
  readonly journal: (filter?: Journal.Filter) => Effect.Effect<ReadonlyArray<Journal.Entry>, AdminError>
  readonly clearJournal: Effect.Effect<void, AdminError>
  readonly limits: Effect.Effect<AdminApi.LimitsInfo, AdminError>
  /** Changes rules (or switches all off); clears the counters. */
  readonly setLimits: (patch: Limits.Patch) => Effect.Effect<AdminApi.LimitsInfo, AdminError>
  readonly clearLimitUsage: Effect.Effect<AdminApi.LimitsInfo, AdminError>
  readonly settings: Effect.Effect<unknown, AdminError>
  readonly patchSettings: (patch: Settings.Patch) => Effect.Effect<unknown, AdminError>
  readonly clock: Effect.Effect<AdminApi.ClockInfo, AdminError>
  readonly setClock: (request: AdminApi.ClockRequest) => Effect.Effect<AdminApi.ClockInfo, AdminError>
  /** Moves the mock clock forward (or back, with a negative amount). */
  readonly advanceClock: (millis: number) => Effect.Effect<AdminApi.ClockInfo, AdminError>
  /** Everything back to where the mock started. */
  readonly reset: Effect.Effect<void, AdminError>
  /** The OpenAPI document of the provider endpoints. */
  readonly openApi: Effect.Effect<unknown, AdminError>
  /**
   * The endpoint's records as they are now, oldest first, each as the text the endpoint
   * writes on the wire (`JSON.parse` one for its values; its numbers are exact literals).
   */
  readonly records: (endpoint: Records.EndpointId) => Effect.Effect<ReadonlyArray<string>, AdminError>
  /** What arrived, settled, was corrected or removed (after the change `since`). */
  readonly changes: (endpoint: Records.EndpointId, since?: number) => Effect.Effect<ReadonlyArray<Change>, AdminError>
  /** Starts churn now (replacing any); `undefined` stops it. */
  readonly churn: (spec: Churn.Spec | undefined) => Effect.Effect<void, AdminError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MockAdmin extends Context.Tag("@ledgerkit/mock-server/MockAdmin")<MockAdmin, Admin>() {}

const ErrorBody = Schema.Struct({ error: Schema.String, message: Schema.String })
const Changes = Schema.Struct({
  changes: Schema.Array(Schema.Struct({
    seq: Schema.Number,
    time: Schema.Number,
    endpoint: Schema.String,
    kind: Schema.Literal("arrived", "settled", "corrected", "removed"),
    identity: Schema.String,
    record: Schema.optional(Schema.Unknown)
  }))
})

/**
 * One change (`Churn.Change`), as the admin API reports it.
 *
 * @since 0.1.0
 * @category models
 */
export type Change = typeof Changes.Type["changes"][number]

const Faulted = Schema.Struct({ faults: Schema.Array(Faults.Fault) })
const Entries = Schema.Struct({ entries: Schema.Array(Journal.Entry) })

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The admin token of a mock that requires one (bound to a non-loopback address). */
  readonly token?: Redacted.Redacted<string> | undefined
}

/**
 * A client of the admin API of the mock at `baseUrl`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (baseUrl: string, options: Options = {}): Effect.Effect<Admin, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (client) => {
    const http = options.token === undefined ? client : client.pipe(
      HttpClient.mapRequest(HttpClientRequest.bearerToken(Redacted.value(options.token)))
    )
    const base = baseUrl.replace(/\/+$/, "")
    const failure = (status: number, error: string, message: string) => new AdminError({ status, error, message })
    const call = <A, I>(request: HttpClientRequest.HttpClientRequest, schema: Schema.Schema<A, I>) =>
      http.execute(request.pipe(HttpClientRequest.prependUrl(`${base}${AdminApi.prefix}`), HttpClientRequest.acceptJson)).pipe(
        Effect.flatMap((response) =>
          response.status >= 200 && response.status < 300
            ? HttpClientResponse.schemaBodyJson(schema)(response)
            : Effect.flatMap(HttpClientResponse.schemaBodyJson(ErrorBody)(response), (e) =>
              Effect.fail(failure(response.status, e.error, e.message)))
        ),
        Effect.scoped,
        Effect.catchTags({
          RequestError: (e) => Effect.fail(failure(0, "RequestError", e.message)),
          ResponseError: (e) => Effect.fail(failure(e.response.status, "ResponseError", e.message)),
          ParseError: (e) => Effect.fail(failure(0, "InvalidResponse", e.message))
        })
      )
    const send = (method: "POST" | "PUT" | "PATCH", path: string, body: unknown) =>
      HttpClientRequest.make(method)(path).pipe(HttpClientRequest.bodyUnsafeJson(body))
    const get = (path: string) => HttpClientRequest.get(path)
    const del = (path: string) => HttpClientRequest.del(path)
    const journalPath = (filter: Journal.Filter = {}) => {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(filter)) if (value !== undefined) params.set(key, String(value))
      const query = params.toString()
      return query === "" ? "/journal" : `/journal?${query}`
    }
    return {
      baseUrl: base,
      dataset: call(get("/dataset"), AdminApi.DatasetInfo),
      loadDataset: (request) => call(send("PUT", "/dataset", request), AdminApi.DatasetInfo),
      putRecords: (endpoint, records) =>
        call(send("PUT", `/dataset/${encodeURIComponent(endpoint)}/records`, records), AdminApi.DatasetInfo),
      counts: Effect.map(call(get("/dataset"), AdminApi.DatasetInfo), (info) => info.counts),
      setFault: (spec) => call(send("POST", "/faults", spec), Faults.Fault),
      setFaults: (specs) => Effect.map(call(send("PUT", "/faults", specs), Faulted), (r) => r.faults),
      faults: Effect.map(call(get("/faults"), Faulted), (r) => r.faults),
      removeFault: (id) => Effect.asVoid(call(del(`/faults/${encodeURIComponent(id)}`), Schema.Unknown)),
      clearFaults: Effect.asVoid(call(del("/faults"), Schema.Unknown)),
      journal: (filter) => Effect.map(call(get(journalPath(filter)), Entries), (r) => r.entries),
      clearJournal: Effect.asVoid(call(del("/journal"), Schema.Unknown)),
      limits: call(get("/limits"), AdminApi.LimitsInfo),
      setLimits: (patch) => call(send("PATCH", "/limits", patch), AdminApi.LimitsInfo),
      clearLimitUsage: call(del("/limits/usage"), AdminApi.LimitsInfo),
      settings: call(get("/settings"), Schema.Unknown),
      patchSettings: (patch) => call(send("PATCH", "/settings", patch), Schema.Unknown),
      clock: call(get("/clock"), AdminApi.ClockInfo),
      setClock: (request) => call(send("PUT", "/clock", request), AdminApi.ClockInfo),
      advanceClock: (millis) => call(send("PUT", "/clock", { advance: millis }), AdminApi.ClockInfo),
      reset: Effect.asVoid(call(send("POST", "/reset", {}), Schema.Unknown)),
      openApi: call(get("/openapi.json"), Schema.Unknown),
      records: (endpoint) =>
        Effect.gen(function*() {
          const lines: Array<string> = []
          let next: string | undefined = `${AdminApi.prefix}/records/${encodeURIComponent(endpoint)}`
          while (next !== undefined) {
            const url: string = `${base}${next}`
            const { headers, status, text } = yield* http.execute(HttpClientRequest.get(url)).pipe(
              Effect.flatMap((response) => Effect.map(response.text, (text) => ({ headers: response.headers, status: response.status, text }))),
              Effect.scoped
            )
            if (status !== 200) return yield* Effect.fail(failure(status, "NotFound", text))
            lines.push(...text.split("\n").filter((line) => line !== ""))
            next = /<([^>]+)>; rel="next"/.exec(headers.link ?? "")?.[1]
          }
          return lines
        }).pipe(Effect.catchTags({
          RequestError: (e) => Effect.fail(failure(0, "RequestError", e.message)),
          ResponseError: (e) => Effect.fail(failure(e.response.status, "ResponseError", e.message))
        })),
      changes: (endpoint, since = 0) =>
        Effect.map(
          call(get(`/records/${encodeURIComponent(endpoint)}/changes?since=${since}`), Changes),
          (r) => r.changes
        ),
      churn: (spec) => Effect.asVoid(call(spec === undefined ? del("/churn") : send("PUT", "/churn", spec), Schema.Unknown))
    }
  })

/**
 * The admin client of the mock at `baseUrl`, over `fetch`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (baseUrl: string, options: Options = {}): Layer.Layer<MockAdmin> =>
  Layer.effect(MockAdmin, make(baseUrl, options)).pipe(Layer.provide(FetchHttpClient.layer))
