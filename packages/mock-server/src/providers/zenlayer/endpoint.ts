/**
 * Zenlayer `POST /api/v2/zbc` with `X-ZC-Action: DescribeRechargeRefundHistory`.
 *
 * Auth is `ZC2-HMAC-SHA256`: the canonical request
 * `POST\n/\n\ncontent-type:<ct>\nhost:<host>\n\ncontent-type;host\n<hex sha256(body)>`,
 * the string to sign `ZC2-HMAC-SHA256\n<X-ZC-Timestamp>\n<hex sha256(canonical)>`, and
 * the hex HMAC-SHA256 of it keyed by the AccessKeyPassword.
 *
 * Errors are `{requestId, code, message}` with a 4xx status; Zenlayer publishes no codes
 * for this action, so the codes below are the mock's choice (see the README).
 */
import { Either, Redacted } from "effect"
import { Signing, Time } from "@ledgerkit/core"
import * as Endpoint from "../../Endpoint.js"
import * as JsonBody from "../../internal/jsonBody.js"
import * as Window from "../../internal/window.js"
import * as MockHttp from "../../MockHttp.js"
import * as Credentials from "./credentials.js"
import * as Documented from "./documented.js"
import * as Errors from "./errors.js"
import * as Limits from "./limits.js"
import * as Records from "./records.js"
import type * as Settings from "./settings.js"

const id = "zenlayer.recharge-refund"
export const action = "DescribeRechargeRefundHistory"
export const signatureMethod = "ZC2-HMAC-SHA256"
/** The zbc API version (PROVIDERS.md: the official SDK's `zbc/v20240809`; the doc's `2022-11-20` is bmc's). */
export const version = "2024-08-09"

const requestIdOf = Errors.requestIdOf

const error = (context: Endpoint.Context, status: number, code: string, message: string, verdict: Partial<MockHttp.Verdict>) =>
  MockHttp.json(status, { requestId: requestIdOf(context), code, message }, { verdict: { ...MockHttp.notReached, ...verdict } })

const authFailure = (context: Endpoint.Context, status: number, code: string, message: string) =>
  error(context, status, code, message, { auth: { _tag: "Failed", code, reason: message } })

const invalid = (context: Endpoint.Context, code: string, message: string, status = 400) =>
  error(context, status, code, message, { validation: { _tag: "Failed", code, reason: message } })

/** The canonical request and the signature of PROVIDERS.md. */
export const sign = (input: {
  readonly contentType: string
  readonly host: string
  readonly body: Uint8Array | string
  readonly timestamp: string
  readonly password: Signing.Key
}): string => {
  const canonical = `POST\n/\n\ncontent-type:${input.contentType}\nhost:${input.host}\n\ncontent-type;host\n` +
    Signing.sha256Hex(input.body)
  const stringToSign = `${signatureMethod}\n${input.timestamp}\n${Signing.sha256Hex(canonical)}`
  return Signing.hmacSha256Hex(input.password, stringToSign)
}

const authorizationPattern = /^ZC2-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/

const authenticate = (
  request: MockHttp.MockRequest,
  context: Endpoint.Context
): Either.Either<Endpoint.Authenticated, MockHttp.MockResponse> => {
  const credentials = Credentials.of(context)
  const authorization = MockHttp.header(request, "authorization")
  if (authorization === undefined || authorization === "") {
    return Either.left(authFailure(context, 401, "AUTHORIZATION_MISSING", "The Authorization header is missing."))
  }
  const timestamp = MockHttp.header(request, "x-zc-timestamp")
  if (timestamp === undefined || timestamp === "") {
    return Either.left(authFailure(context, 400, "MISSING_PARAMETER", "The header X-ZC-Timestamp is missing."))
  }
  if (!/^[0-9]{1,12}$/.test(timestamp)) {
    return Either.left(authFailure(context, 400, "INVALID_PARAMETER", "X-ZC-Timestamp must be Unix time in seconds."))
  }
  const method = MockHttp.header(request, "x-zc-signature-method")
  if (method !== signatureMethod) {
    return Either.left(authFailure(context, 401, "AUTHORIZATION_INVALID", `X-ZC-Signature-Method must be ${signatureMethod}.`))
  }
  const parts = authorizationPattern.exec(authorization)
  if (parts === null || parts[2] !== "content-type;host") {
    return Either.left(
      authFailure(
        context,
        401,
        "AUTHORIZATION_INVALID",
        "Authorization must be `ZC2-HMAC-SHA256 Credential=<AccessKeyId>, SignedHeaders=content-type;host, Signature=<hex>`."
      )
    )
  }
  if (!Signing.constantTimeEqual(parts[1], credentials.accessKeyId)) {
    return Either.left(authFailure(context, 401, "ACCESS_KEY_NOT_FOUND", "The AccessKeyId does not exist."))
  }
  const tolerance = Endpoint.settingsOf<Settings.Settings>(context, Credentials.id).timestampToleranceSeconds
  if (Math.abs(context.now / 1000 - Number(timestamp)) > tolerance) {
    return Either.left(authFailure(context, 401, "SIGNATURE_EXPIRED", `X-ZC-Timestamp is more than ${tolerance} seconds away from the server time.`))
  }
  const expected = sign({
    contentType: MockHttp.header(request, "content-type") ?? "",
    host: MockHttp.header(request, "host") ?? "",
    body: request.body,
    timestamp,
    password: Redacted.value(credentials.accessKeyPassword)
  })
  if (!Signing.constantTimeEqual(parts[3].toLowerCase(), expected)) {
    return Either.left(authFailure(context, 401, "SIGNATURE_FAILURE", "The signature does not match."))
  }
  return Either.right({ _tag: "Passed", principal: credentials.accessKeyId })
}

type Read<A> = Either.Either<A, MockHttp.MockResponse>

const integerField = (
  context: Endpoint.Context,
  body: JsonBody.Obj,
  name: string,
  fallback: number,
  min: number,
  max: number
): Read<number> => {
  const value = body[name]
  if (value === undefined || value === null) return Either.right(fallback)
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return Either.left(invalid(context, "INVALID_PARAMETER", `The parameter ${name} must be an integer.`))
  }
  if (value < min || value > max) {
    return Either.left(invalid(context, "INVALID_PARAMETER", `The parameter ${name} must be between ${min} and ${max}.`))
  }
  return Either.right(value)
}

const timeField = (context: Endpoint.Context, body: JsonBody.Obj, name: string): Read<number | undefined> => {
  const value = body[name]
  if (value === undefined || value === null) return Either.right(undefined)
  const millis = typeof value === "string" ? Time.parseIso(value) : Either.left("not a string")
  return Either.mapLeft(millis, () =>
    invalid(context, "INVALID_PARAMETER", `The parameter ${name} must be an ISO-8601 UTC time such as 2023-08-15T09:47:01Z.`))
}

const stateField = (context: Endpoint.Context, body: JsonBody.Obj): Read<ReadonlySet<string> | undefined> => {
  const value = body.state
  if (value === undefined || value === null) return Either.right(undefined)
  const states: ReadonlyArray<string> = Records.rechargeStates
  if (!Array.isArray(value) || !value.every((s) => typeof s === "string" && states.includes(s))) {
    return Either.left(
      invalid(context, "INVALID_PARAMETER", `The parameter state must be an array of ${states.join(", ")}.`)
    )
  }
  return Either.right(new Set(value.filter((s): s is string => typeof s === "string")))
}

const respond = (request: MockHttp.MockRequest, context: Endpoint.Context): MockHttp.MockResponse =>
  Either.gen(function*() {
    const actionHeader = MockHttp.header(request, "x-zc-action")
    if (actionHeader === undefined || actionHeader === "") {
      return yield* Either.left(invalid(context, "MISSING_PARAMETER", "The header X-ZC-Action is missing."))
    }
    if (actionHeader !== action) {
      return yield* Either.left(invalid(context, "INVALID_ACTION", `The action ${actionHeader} is not supported by this mock.`))
    }
    const sentVersion = MockHttp.header(request, "x-zc-version")
    if (sentVersion === undefined || sentVersion === "") {
      return yield* Either.left(invalid(context, "MISSING_PARAMETER", "The header X-ZC-Version is missing."))
    }
    if (sentVersion !== version) {
      return yield* Either.left(
        invalid(context, "INVALID_VERSION", `The version ${sentVersion} is not supported by zbc; use ${version}.`)
      )
    }
    const contentType = MockHttp.header(request, "content-type") ?? ""
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return yield* Either.left(invalid(context, "INVALID_CONTENT_TYPE", "Content-Type must be application/json.", 415))
    }
    const body = JsonBody.parse(request)
    if (!JsonBody.isObject(body)) {
      return yield* Either.left(invalid(context, "INVALID_PARAMETER", "The request body must be a JSON object."))
    }
    const { endBound, order, settings, startBound, table } = Endpoint.view<Records.ZenlayerRecord, Settings.Settings, unknown>(
      context,
      Credentials.id,
      id
    )
    const pageNum = yield* integerField(context, body, "pageNum", 1, 1, Number.MAX_SAFE_INTEGER)
    const pageSize = yield* integerField(context, body, "pageSize", settings.defaultPageSize, 1, 5000)
    const states = yield* stateField(context, body)
    const startTime = yield* timeField(context, body, "startTime")
    const endTime = yield* timeField(context, body, "endTime")
    if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
      return yield* Either.left(invalid(context, "INVALID_PARAMETER", "The startTime must not be later than the endTime."))
    }
    const view: Window.View<Records.ZenlayerRecord> = {
      table,
      window: { from: startTime, to: endTime, fromExclusive: startBound === "exclusive", toInclusive: endBound === "inclusive" },
      order,
      keep: states === undefined ? undefined : (r) => states.has(r.state)
    }
    const rows = Window.page(view, pageNum, pageSize)
    const requestId = table.documented && JsonBody.equal(body, Documented.zenlayerExample.request)
      ? Documented.zenlayerExample.requestId
      : requestIdOf(context)
    return MockHttp.json(200, {
      requestId,
      response: { requestId, totalCount: Window.count(view), dataSet: rows.map(Records.renderZenlayer) }
    }, { verdict: { auth: { _tag: "NotReached" }, validation: { _tag: "Passed" } } })
  }).pipe(Either.merge)

export const endpoint: Endpoint.Endpoint<typeof id> = {
  id,
  provider: Credentials.id,
  method: "POST",
  path: "/api/v2/zbc",
  authenticate,
  respond,
  limit: Limits.limit,
  problem: Errors.problem,
  maxBodyBytes: Limits.maxBodyBytes
}
