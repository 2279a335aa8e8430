/**
 * The request journal: every provider request the mock received (unknown paths too),
 * with what the mock decided, so that a test can assert what its client sent.
 *
 * Each entry holds the mock-clock time, method, path, endpoint, the query parameters and
 * the JSON body, the headers, the authentication and validation verdicts, the status,
 * how the bytes left (normally, reset, truncated), and the fault and rate-limit outcome.
 *
 * **No secret is ever stored.** Before an entry is kept, these are replaced by
 * `<redacted>`: the headers `X-MBX-APIKEY`, `X-API-KEY`, `X-BM-KEY`, `X-BM-SIGN`, `sign`,
 * `userId`, `merchant`, `Cookie`, and any header whose name mentions a key, secret,
 * password, token or signature (except `X-ZC-Signature-Method`, which names an
 * algorithm); `Authorization` keeps only its scheme (`ZC2-HMAC-SHA256 <redacted>`); query
 * parameters and JSON body fields whose name mentions sign, secret, key, password or
 * token (such as `signature`); the principal of a passed authentication (an API key or
 * account id). Then every configured credential value (keys, ids, secrets of at least
 * `minSecretLength` characters) is replaced wherever it appears: in any header, the path,
 * the query and the body, whatever the field is called. A body that is not JSON is not
 * kept (only its length).
 *
 * Bodies are kept up to `bodyBytes` (default 16 KiB): a longer one is kept as the text of
 * its first `bodyBytes` bytes, with `bodyTruncated: true` (a body the endpoint refused as
 * too large was never read, so none of it is kept).
 *
 * The journal keeps the latest `capacity` entries (default 1000).
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Predicate, Redacted, Schema } from "effect"
import type * as MockHttp from "./MockHttp.js"
import type * as Pipeline from "./Pipeline.js"
import * as Query from "./internal/query.js"

/**
 * The marker that replaces a secret.
 *
 * @since 0.1.0
 * @category constants
 */
export const redacted = "<redacted>"

const Verdict = Schema.Struct({
  _tag: Schema.String,
  principal: Schema.optional(Schema.String),
  code: Schema.optional(Schema.String),
  reason: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const Entry = Schema.Struct({
  /** 1, 2, 3… in the order the answers were written; never reused (also after `clear`). */
  seq: Schema.Int,
  requestId: Schema.String,
  /** The mock clock when the request arrived (epoch millis, and ISO-8601). */
  time: Schema.Number,
  timeIso: Schema.String,
  method: Schema.String,
  path: Schema.String,
  /** The endpoint id, `null` for a path the mock does not serve. */
  endpoint: Schema.NullOr(Schema.String),
  /** Query parameters in the order sent, decoded, secrets redacted. */
  query: Schema.Array(Schema.Tuple(Schema.String, Schema.String)),
  /**
   * The JSON body with secrets redacted; `null` when empty or not JSON. When
   * `bodyTruncated`, the text of its first bytes instead (or `null`: never read).
   */
  body: Schema.Unknown,
  /** The body's length (as announced, for a body refused as too large). */
  bodyBytes: Schema.Int,
  bodyTruncated: Schema.Boolean,
  /** Lower-case names, secrets redacted. */
  headers: Schema.Record({ key: Schema.String, value: Schema.String }),
  auth: Verdict,
  validation: Verdict,
  /** The status sent; `null` when the connection was reset before any. */
  status: Schema.NullOr(Schema.Int),
  transport: Schema.Literal("Normal", "Reset", "Truncated"),
  fault: Schema.NullOr(Schema.Struct({ id: Schema.String, kind: Schema.String })),
  limit: Schema.NullOr(Schema.Struct({ rule: Schema.String, outcome: Schema.String, used: Schema.Number }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type Entry = Schema.Schema.Type<typeof Entry>

/**
 * Which entries to read: by endpoint or path, after a sequence number, the last N.
 *
 * @since 0.1.0
 * @category models
 */
export interface Filter {
  readonly endpoint?: string | undefined
  readonly path?: string | undefined
  /** Only entries with `seq` greater than this. */
  readonly since?: number | undefined
  /** Only the last N matching entries. */
  readonly limit?: number | undefined
}

const secretHeaders = new Set([
  "x-mbx-apikey",
  "x-api-key",
  "x-bm-key",
  "x-bm-sign",
  "sign",
  "userid",
  "merchant",
  "cookie",
  "proxy-authorization"
])
const secretHeaderPattern = /key|secret|password|passwd|token|sign|credential/i
const publicHeaders = new Set(["x-zc-signature-method"])
const secretFieldPattern = /sign|secret|key|password|passwd|token|credential/i

/**
 * The header value as the journal keeps it.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactHeader = (name: string, value: string): string => {
  const lower = name.toLowerCase()
  if (lower === "authorization") {
    const scheme = /^([A-Za-z0-9-]+)\s/.exec(value)
    return scheme === null ? redacted : `${scheme[1]} ${redacted}`
  }
  if (publicHeaders.has(lower)) return value
  return secretHeaders.has(lower) || secretHeaderPattern.test(lower) ? redacted : value
}

/**
 * A query parameter or JSON field value as the journal keeps it.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactField = (name: string, value: string): string => secretFieldPattern.test(name) ? redacted : value

/**
 * Credential values shorter than this are not searched for (a one-letter key would blank
 * out every word that contains the letter).
 *
 * @since 0.1.0
 * @category redaction
 */
export const minSecretLength = 4

/**
 * Every credential value in force (clear or `Redacted`), longest first, as the journal
 * searches for them.
 *
 * @since 0.1.0
 * @category redaction
 */
export const secretsOf = (credentials: unknown): ReadonlyArray<string> => {
  const found = new Set<string>()
  const walk = (value: unknown): void => {
    if (Redacted.isRedacted(value)) walk(Redacted.value(value))
    else if (typeof value === "string") {
      if (value.length >= minSecretLength) found.add(value)
    } else if (Predicate.isObject(value)) Object.values(value).forEach(walk)
  }
  walk(credentials)
  return [...found].sort((a, b) => b.length - a.length)
}

/**
 * Replaces each of `secrets` wherever it appears in `text`.
 *
 * @since 0.1.0
 * @category redaction
 */
export const redactValues = (text: string, secrets: ReadonlyArray<string>): string =>
  secrets.reduce((out, secret) => out.includes(secret) ? out.split(secret).join(redacted) : out, text)

const redactJson = (value: unknown, secrets: ReadonlyArray<string>): unknown => {
  if (typeof value === "string") return redactValues(value, secrets)
  if (Array.isArray(value)) return value.map((v) => redactJson(v, secrets))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, secretFieldPattern.test(k) ? redacted : redactJson(v, secrets)])
    )
  }
  return value
}

// `"<secret-looking name>": "value"` in a body cut short (no longer JSON).
const secretJsonField = /("[^"]*(?:sign|secret|key|password|passwd|token|credential)[^"]*"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\s]*)/gi

const decoder = new TextDecoder("utf-8", { fatal: false })

const readBody = (request: MockHttp.MockRequest, limit: number, secrets: ReadonlyArray<string>) => {
  const { body } = request
  if (request.bodyExceeded !== undefined) return { body: null, bodyBytes: request.bodyExceeded, bodyTruncated: true }
  if (body.length > limit) {
    const head = decoder.decode(body.subarray(0, limit)).replace(secretJsonField, `$1"${redacted}"`)
    return { body: redactValues(head, secrets), bodyBytes: body.length, bodyTruncated: true }
  }
  const parsed = (() => {
    if (body.length === 0) return null
    try {
      return redactJson(JSON.parse(decoder.decode(body)), secrets)
    } catch {
      return null
    }
  })()
  return { body: parsed, bodyBytes: body.length, bodyTruncated: false }
}

const readQuery = (query: string, secrets: ReadonlyArray<string>): ReadonlyArray<readonly [string, string]> => {
  const parsed = Query.parse(query)
  if (parsed._tag === "Right") {
    return parsed.right.map((p) => [redactValues(p.key, secrets), redactValues(redactField(p.key, p.value), secrets)] as const)
  }
  // Not decodable: keep the raw segments' names only.
  return query.split("&").filter((s) => s !== "").map((s) => [redactValues(s.split("=")[0], secrets), redacted] as const)
}

/**
 * What the journal keeps of a request body, and which values it never keeps.
 *
 * @since 0.1.0
 * @category models
 */
export interface Keep {
  /** Body bytes kept per entry (default 16 KiB). */
  readonly bodyBytes: number
  /** Values redacted wherever they appear (`secretsOf` the credentials in force by default). */
  readonly secrets?: ReadonlyArray<string> | undefined
}

/**
 * The default body size kept per entry: 16 KiB.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultBodyBytes = 16 * 1024

/**
 * The journal's record of one request and its answer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const record = (
  seq: number,
  exchange: Pipeline.Exchange,
  response: MockHttp.MockResponse,
  keep: Keep = { bodyBytes: defaultBodyBytes }
): Entry => {
  const { context, endpoint, request } = exchange
  const transport = response.transport?._tag ?? "Normal"
  const secrets = keep.secrets ?? secretsOf(context.snapshot.credentials)
  return {
    seq,
    requestId: context.requestId,
    time: context.now,
    timeIso: new Date(context.now).toISOString(),
    method: request.method,
    path: redactValues(request.path, secrets),
    endpoint: endpoint?.id ?? null,
    query: readQuery(request.query, secrets),
    ...readBody(request, keep.bodyBytes, secrets),
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, redactValues(redactHeader(k, v), secrets)])),
    // The principal is an API key or account id: kept out, like the headers it came from.
    auth: response.verdict.auth._tag === "Passed" ? { _tag: "Passed", principal: redacted } : response.verdict.auth,
    validation: response.verdict.validation,
    status: transport === "Reset" ? null : response.status,
    transport,
    fault: response.applied?.fault ?? null,
    limit: response.applied?.limit ?? null
  }
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly stage: Pipeline.Stage
  readonly entries: (filter?: Filter) => Effect.Effect<ReadonlyArray<Entry>>
  readonly clear: Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Journal extends Context.Tag("@ledgerkit/mock-server/Journal")<Journal, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Entries kept (default 1000). */
  readonly capacity?: number | undefined
  /** Body bytes kept per entry (default `defaultBodyBytes`). */
  readonly bodyBytes?: number | undefined
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Service> =>
  Effect.sync(() => {
    const capacity = Math.max(1, options.capacity ?? 1000)
    const keep: Keep = { bodyBytes: Math.max(0, options.bodyBytes ?? defaultBodyBytes) }
    // A ring of the latest entries; JavaScript runs one fiber step at a time, so the
    // synchronous updates below cannot interleave.
    const ring: Array<Entry> = []
    let start = 0
    let seq = 0
    const push = (entry: Entry) => {
      if (ring.length < capacity) ring.push(entry)
      else {
        ring[start] = entry
        start = (start + 1) % capacity
      }
    }
    const all = () => [...ring.slice(start), ...ring.slice(0, start)]
    const stage: Pipeline.Stage = (next) => (exchange) =>
      Effect.tap(next(exchange), (response) => Effect.sync(() => push(record(++seq, exchange, response, keep))))
    return {
      stage,
      entries: (filter = {}) =>
        Effect.sync(() => {
          const matching = all().filter((e) =>
            (filter.endpoint === undefined || e.endpoint === filter.endpoint) &&
            (filter.path === undefined || e.path === filter.path) &&
            (filter.since === undefined || e.seq > filter.since)
          )
          return filter.limit === undefined ? matching : matching.slice(Math.max(0, matching.length - filter.limit))
        }),
      clear: Effect.sync(() => {
        ring.length = 0
        start = 0
      })
    }
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<Journal> =>
  Layer.effect(Journal, make(options))
