/**
 * Cryptomus `POST /v2/user-api/transaction/list`.
 *
 * Auth: `userId` (user API) or `merchant` (business API) and `sign` =
 * md5(base64(body bytes as received) + API key), compared on the exact bytes.
 *
 * Filters `date_from` / `date_to` (`YYYY-MM-DD H:mm:ss`, read in the configured offset
 * from UTC, `date_to` inclusive unless switched) and `type`. Pages are Laravel cursor
 * pages: `?cursor=` carries an opaque keyset cursor (base64 JSON of the last item's
 * `created_at` and `uuid`), `paginate` follows Laravel's `CursorPaginator` rules for
 * `hasPages`, `nextCursor` and `previousCursor`.
 *
 * Errors: `{state: 1, message}` (401 for auth, 422 for a bad body or cursor) and
 * `{state: 1, errors: {field: [..]}}` (422) for field validation, in Laravel's wording.
 */
import { Either, Redacted } from "effect"
import { Signing, Time } from "@ledgerkit/core"
import * as Endpoint from "../../Endpoint.js"
import type * as ExactJson from "../../ExactJson.js"
import { compareText, isoMillis } from "../../internal/compare.js"
import * as JsonBody from "../../internal/jsonBody.js"
import * as Query from "../../internal/query.js"
import * as Window from "../../internal/window.js"
import * as MockHttp from "../../MockHttp.js"
import * as Credentials from "./credentials.js"
import * as Documented from "./documented.js"
import { problem } from "./errors.js"
import * as Limits from "./limits.js"
import * as Records from "./records.js"
import type * as Settings from "./settings.js"

const id = "cryptomus.transactions"
type Row = Records.CryptomusRecord

/** The record key: its time, then its uuid. */
export const timeOf = (row: Row): number => isoMillis(row.created_at)

export const tieBreak = (a: Row, b: Row): number => compareText(a.uuid, b.uuid)

const failure = (status: number, body: ExactJson.Json, verdict: Partial<MockHttp.Verdict>) =>
  MockHttp.json(status, body, { verdict: { ...MockHttp.notReached, ...verdict } })

const authFailure = (message: string) =>
  failure(401, { state: 1, message }, { auth: { _tag: "Failed", code: "401", reason: message } })

const badRequest = (message: string) =>
  failure(422, { state: 1, message }, { validation: { _tag: "Failed", code: "422", reason: message } })

/** md5(base64(body) + key), hex. */
export const sign = (body: Uint8Array | string, apiKey: Signing.Key): string =>
  Signing.md5Hex(Signing.base64(body) + (typeof apiKey === "string" ? apiKey : Redacted.value(apiKey)))

const authenticate = (
  request: MockHttp.MockRequest,
  context: Endpoint.Context
): Either.Either<Endpoint.Authenticated, MockHttp.MockResponse> => {
  const credentials = Credentials.of(context)
  const principal = MockHttp.header(request, "userid") || MockHttp.header(request, "merchant")
  if (principal === undefined || principal === "") return Either.left(authFailure("The userId or merchant header is missing."))
  if (!Signing.constantTimeEqual(principal, credentials.userId)) return Either.left(authFailure("User not found."))
  const sent = MockHttp.header(request, "sign")
  if (sent === undefined || sent === "") return Either.left(authFailure("The sign header is missing."))
  if (!Signing.constantTimeEqual(sent.toLowerCase(), sign(request.body, credentials.apiKey))) {
    return Either.left(authFailure("Invalid Sign."))
  }
  return Either.right({ _tag: "Passed", principal: credentials.userId })
}

// --- cursors ----------------------------------------------------------------------------

interface Cursor {
  readonly time: number
  readonly uuid: string
  readonly next: boolean
}

const encodeCursor = (row: Row, next: boolean): string =>
  Buffer.from(JSON.stringify({ created_at: row.created_at, uuid: row.uuid, _pointsToNextItems: next }), "utf8").toString("base64")

const decodeCursor = (text: string): Cursor | undefined => {
  if (!/^[A-Za-z0-9+/]+=*$/.test(text)) return undefined
  try {
    const value = JSON.parse(Buffer.from(text, "base64").toString("utf8")) as JsonBody.Value
    if (!JsonBody.isObject(value)) return undefined
    const { _pointsToNextItems: next, created_at, uuid } = value
    if (typeof created_at !== "string" || typeof uuid !== "string" || typeof next !== "boolean") return undefined
    return Either.match(Time.parseIso(created_at), { onLeft: () => undefined, onRight: (time) => ({ time, uuid, next }) })
  } catch {
    return undefined
  }
}

// --- validation (Laravel's messages) ----------------------------------------------------

const wallClock = /^(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2}:\d{2})$/

const readDate = (value: JsonBody.Value | undefined, field: string, offset: number): Either.Either<number | undefined, string> => {
  if (value === undefined || value === null || value === "") return Either.right(undefined)
  const label = field.replace("_", " ")
  if (typeof value !== "string") return Either.left(`The ${label} must be a string.`)
  const m = wallClock.exec(value)
  const parsed = m === null ? Either.left("") : Time.parseWallClock(`${m[1]} ${m[2].padStart(2, "0")}:${m[3]}`, offset)
  return Either.mapLeft(parsed, () => `The ${label} does not match the format Y-m-d H:i:s.`)
}

interface Filters {
  readonly from: number | undefined
  readonly to: number | undefined
  readonly type: string | undefined
}

const validate = (body: JsonBody.Obj, offset: number): Either.Either<Filters, Record<string, Array<string>>> => {
  const errors: Record<string, Array<string>> = {}
  const from = readDate(body.date_from, "date_from", offset)
  const to = readDate(body.date_to, "date_to", offset)
  if (Either.isLeft(from)) errors.date_from = [from.left]
  if (Either.isLeft(to)) errors.date_to = [to.left]
  const type = body.type
  if (type !== undefined && type !== null && !(typeof type === "string" && (Records.cryptomusTypes as ReadonlyArray<string>).includes(type))) {
    errors.type = ["The selected type is invalid."]
  }
  if (Either.isRight(from) && Either.isRight(to) && from.right !== undefined && to.right !== undefined && to.right < from.right) {
    errors.date_to = ["The date to must be a date after or equal to date from."]
  }
  if (Object.keys(errors).length > 0 || Either.isLeft(from) || Either.isLeft(to)) return Either.left(errors)
  return Either.right({ from: from.right, to: to.right, type: typeof type === "string" ? type : undefined })
}

// --- pages ------------------------------------------------------------------------------

const passed = { auth: { _tag: "NotReached" }, validation: { _tag: "Passed" } } as const

const page = (
  view: Window.View<Row>,
  perPage: number,
  cursor: Cursor | undefined,
  compare: (time: number, uuid: string, row: Row) => number
): ExactJson.Json => {
  let items: ReadonlyArray<Row>
  let hasMore: boolean
  if (cursor === undefined || cursor.next) {
    // From the first row after the cursor, perPage + 1 rows (the extra one: more follow).
    const after: Array<Row> = []
    Window.each(view, (r) => {
      if (after.length > 0 || cursor === undefined || compare(cursor.time, cursor.uuid, r) < 0) after.push(r)
      return after.length <= perPage
    })
    hasMore = after.length > perPage
    items = after.slice(0, perPage)
  } else {
    // The last perPage + 1 rows before the first row at or after the cursor; only a tail is
    // kept while reading, not every row before the cursor.
    const before: Array<Row> = []
    Window.each(view, (r) => {
      if (compare(cursor.time, cursor.uuid, r) <= 0) return false
      if (before.push(r) > 2 * (perPage + 1)) before.splice(0, perPage + 1)
      return true
    })
    const taken = before.slice(Math.max(0, before.length - perPage - 1))
    hasMore = taken.length > perPage
    items = taken.slice(-perPage)
  }
  // Laravel's CursorPaginator: onFirstPage, hasMorePages, hasPages, nextCursor, previousCursor.
  const onFirstPage = cursor === undefined || (!cursor.next && !hasMore)
  const hasMorePages = (cursor === undefined || cursor.next) ? hasMore : true
  const last = items[items.length - 1]
  const first = items[0]
  const nextCursor = (cursor === undefined || cursor.next) && !hasMore || last === undefined ? null : encodeCursor(last, true)
  const previousCursor = onFirstPage || first === undefined ? null : encodeCursor(first, false)
  return {
    state: 0,
    result: {
      items: items.map(Records.renderCryptomus),
      paginate: { count: items.length, hasPages: !(onFirstPage && !hasMorePages), nextCursor, previousCursor, perPage }
    }
  }
}

const respond = (request: MockHttp.MockRequest, context: Endpoint.Context): MockHttp.MockResponse =>
  Either.gen(function*() {
    const params = yield* Either.mapLeft(Query.parse(request.query), () => badRequest("The query string is malformed."))
    const cursorText = params.find((p) => p.key === "cursor")?.value || undefined
    const body = JsonBody.parse(request, { emptyIsObject: true })
    if (!JsonBody.isObject(body)) return yield* Either.left(badRequest("The request body must be a JSON object."))
    const { endBound, order, settings, startBound, table } = Endpoint.view<Row, Settings.Settings, unknown>(context, Credentials.id, id)
    if (table.documented && cursorText === undefined && JsonBody.equal(body, Documented.cryptomusExample.request)) {
      return MockHttp.json(200, {
        state: 0,
        result: {
          items: table.records.map(Records.renderCryptomus),
          paginate: {
            count: table.records.length,
            hasPages: true,
            nextCursor: Documented.cryptomusExample.nextCursor,
            previousCursor: null,
            perPage: Documented.cryptomusExample.perPage
          }
        }
      }, { verdict: passed })
    }
    const filters = yield* Either.mapLeft(validate(body, settings.utcOffsetMinutes), (errors) =>
      failure(422, { state: 1, errors }, {
        validation: { _tag: "Failed", code: "422", reason: Object.values(errors).flat().join(" ") }
      }))
    let cursor: Cursor | undefined
    if (cursorText !== undefined) {
      if (table.documented && cursorText === Documented.cryptomusExample.nextCursor) {
        // The documented cursor leads to the (empty) last page.
        return MockHttp.json(200, {
          state: 0,
          result: {
            items: [],
            paginate: { count: 0, hasPages: true, nextCursor: null, previousCursor: null, perPage: settings.perPage }
          }
        }, { verdict: passed })
      }
      cursor = decodeCursor(cursorText)
      if (cursor === undefined) return yield* Either.left(badRequest("The cursor is invalid."))
    }
    const direction = order === "asc" ? 1 : -1
    const compare = (time: number, uuid: string, row: Row) =>
      direction * (time - timeOf(row) || tieBreak({ ...row, uuid }, row))
    const view: Window.View<Row> = {
      table,
      window: {
        from: filters.from,
        to: filters.to,
        fromExclusive: startBound === "exclusive",
        toInclusive: endBound === "inclusive"
      },
      order,
      keep: filters.type === undefined ? undefined : (r) => r.type === filters.type
    }
    return MockHttp.json(200, page(view, settings.perPage, cursor, compare), { verdict: passed })
  }).pipe(Either.merge)

export const endpoint: Endpoint.Endpoint<typeof id> = {
  id,
  provider: Credentials.id,
  method: "POST",
  path: "/v2/user-api/transaction/list",
  authenticate,
  respond,
  limit: Limits.limit,
  maxBodyBytes: Limits.maxBodyBytes,
  problem
}
