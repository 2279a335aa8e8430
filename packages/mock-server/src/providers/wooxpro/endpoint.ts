/**
 * WOO X Pro `GET /contract/private/transaction-history` (BitMart's white label), KEYED:
 * the key alone, in `X-API-KEY` (or BitMart's `X-BM-KEY`).
 *
 * Only a time window and `page_size` (default 100, max 1000); no times → the last 7 days.
 * Undocumented, chosen (and switchable): the order (`asc` serves the oldest `page_size`
 * records of the window oldest first, `desc` the newest newest first), the start and end
 * bounds; only `start_time` → up to now; only `end_time` → the 7 days before
 * it, or, switched (`endTimeOnly: "unbounded"`), everything up to it.
 *
 * Envelope `{code, message, data, trace}`: 1000 on success; 3000x (HTTP 401) for the key;
 * 4xxxx (HTTP 400) for parameters: 40007 when a value does not parse, 40011 when it is
 * out of range (the codes are the mock's choice; no table is published for this endpoint).
 */
import { Either, Redacted } from "effect"
import { Signing } from "@ledgerkit/core"
import * as Endpoint from "../../Endpoint.js"
import type * as ExactJson from "../../ExactJson.js"
import * as Query from "../../internal/query.js"
import * as Window from "../../internal/window.js"
import * as MockHttp from "../../MockHttp.js"
import * as Credentials from "./credentials.js"
import * as Documented from "./documented.js"
import { contentType, problem } from "./errors.js"
import * as Limits from "./limits.js"
import * as Records from "./records.js"
import type * as Settings from "./settings.js"

const id = "wooxpro.contract-transactions"

const envelope = (
  context: Endpoint.Context,
  status: number,
  code: number,
  message: string,
  data: ExactJson.Json,
  verdict: Partial<MockHttp.Verdict>
) => MockHttp.json(status, { code, message, data, trace: context.requestId }, { contentType, verdict: { ...MockHttp.notReached, ...verdict } })

const authFailure = (context: Endpoint.Context, code: number, message: string) =>
  envelope(context, 401, code, message, {}, { auth: { _tag: "Failed", code: String(code), reason: message } })

const invalid = (context: Endpoint.Context, code: number, message: string) =>
  envelope(context, 400, code, message, null, { validation: { _tag: "Failed", code: String(code), reason: message } })

const authenticate = (
  request: MockHttp.MockRequest,
  context: Endpoint.Context
): Either.Either<Endpoint.Authenticated, MockHttp.MockResponse> => {
  const key = MockHttp.header(request, "x-api-key") || MockHttp.header(request, "x-bm-key")
  if (key === undefined || key === "") return Either.left(authFailure(context, 30001, "Header X-BM-KEY is empty"))
  const expected = Redacted.value(Credentials.of(context).apiKey)
  if (!Signing.constantTimeEqual(key, expected)) return Either.left(authFailure(context, 30002, "Header X-BM-KEY not found"))
  return Either.right({ _tag: "Passed", principal: "wooxpro-api-key" })
}

type Read<A> = Either.Either<A, MockHttp.MockResponse>

const integer = (
  context: Endpoint.Context,
  map: ReadonlyMap<string, string>,
  name: string,
  range: { readonly min: number; readonly max: number }
): Read<number | undefined> => {
  const text = map.get(name)
  if (text === undefined || text === "") return Either.right(undefined)
  if (!/^-?[0-9]{1,19}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    return Either.left(invalid(context, 40007, `Parse parameter error: ${name} must be an integer`))
  }
  const value = Number(text)
  if (value < range.min || value > range.max) {
    return Either.left(invalid(context, 40011, `Invalid parameter: ${name} must be between ${range.min} and ${range.max}`))
  }
  return Either.right(value)
}

const isAccount = (text: string): text is Records.WooxproRecord["account"] =>
  (Records.wooxproAccounts as ReadonlyArray<string>).includes(text)

const isExample = (map: ReadonlyMap<string, string>) => {
  const example: Readonly<Record<string, string>> = Documented.wooxproExample.query
  return map.size === Object.keys(example).length && Object.entries(example).every(([k, v]) => map.get(k) === v)
}

const respond = (request: MockHttp.MockRequest, context: Endpoint.Context): MockHttp.MockResponse =>
  Either.gen(function*() {
    const map = yield* Either.mapLeft(Query.parseUnique(request.query), (e) =>
      invalid(context, 40007, e._tag === "Duplicate" ? `Parse parameter error: ${e.key} sent twice` : "Parse parameter error"))
    const { endBound, now, order, settings, startBound, table } = Endpoint.view<
      Records.WooxproRecord,
      Settings.Settings,
      unknown
    >(context, Credentials.id, id)
    const passed = { auth: { _tag: "NotReached" }, validation: { _tag: "Passed" } } as const
    if (table.documented && isExample(map)) {
      return MockHttp.json(200, Documented.wooxproExample.response, { contentType, verdict: passed })
    }
    const symbol = map.get("symbol") || undefined
    const flowType = (yield* integer(context, map, "flow_type", { min: 0, max: 5 })) ?? 0
    const account = map.get("account") || undefined
    if (account !== undefined && !isAccount(account)) {
      return yield* Either.left(invalid(context, 40011, "Invalid parameter: account must be futures or copy_trading"))
    }
    const startTime = yield* integer(context, map, "start_time", { min: 0, max: Number.MAX_SAFE_INTEGER })
    const endTime = yield* integer(context, map, "end_time", { min: 0, max: Number.MAX_SAFE_INTEGER })
    const pageSize = (yield* integer(context, map, "page_size", { min: 1, max: 1000 })) ?? 100
    if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
      return yield* Either.left(invalid(context, 40011, "Invalid parameter: end_time must be greater than or equal to start_time"))
    }
    const noWindow = startTime === undefined && endTime === undefined
    const from = startTime ?? (noWindow
      ? (table.documented ? undefined : now - Window.days(7))
      : settings.endTimeOnly === "week" && endTime !== undefined
      ? endTime - Window.days(7)
      : undefined)
    const to = endTime ?? (table.documented ? undefined : now)
    const type = flowType === 0 ? undefined : Records.wooxproFlowTypes[flowType as 1 | 2 | 3 | 4 | 5]
    const rows = Window.page({
      table,
      window: {
        from,
        to,
        fromExclusive: startTime !== undefined && startBound === "exclusive",
        toInclusive: endBound === "inclusive"
      },
      order,
      keep: Window.where<Records.WooxproRecord>({ symbol, type, account })
    }, 1, pageSize)
    return envelope(context, 200, 1000, "Ok", rows.map(Records.renderWooxpro), passed)
  }).pipe(Either.merge)

export const endpoint: Endpoint.Endpoint<typeof id> = {
  id,
  provider: Credentials.id,
  method: "GET",
  path: "/contract/private/transaction-history",
  authenticate,
  respond,
  limit: Limits.limit,
  maxBodyBytes: Limits.maxBodyBytes,
  problem
}
