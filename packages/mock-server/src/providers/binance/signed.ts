/**
 * Binance's side of the wire, shared by the SAPI and PAPI endpoints: `{code, msg}`
 * errors, the USER_DATA (SIGNED) check, and parameter readers with Binance's codes.
 *
 * Error statuses: -2014 and -2015 answer 401; every other rejection here answers 400.
 */
import { Either } from "effect"
import { Signing } from "@ledgerkit/core"
import type * as Endpoint from "../../Endpoint.js"
import * as Query from "../../internal/query.js"
import * as MockHttp from "../../MockHttp.js"
import * as Credentials from "./credentials.js"
import { contentType } from "./errors.js"

export const error = (
  status: number,
  code: number,
  msg: string,
  verdict: Partial<MockHttp.Verdict>
): MockHttp.MockResponse =>
  MockHttp.json(status, { code, msg }, { contentType, verdict: { ...MockHttp.notReached, ...verdict } })

export const ok = (body: Parameters<typeof MockHttp.json>[1]): MockHttp.MockResponse =>
  MockHttp.json(200, body, { contentType, verdict: { auth: { _tag: "NotReached" }, validation: { _tag: "Passed" } } })

const authFailure = (status: number, code: number, msg: string) =>
  error(status, code, msg, { auth: { _tag: "Failed", code: String(code), reason: msg } })

const invalid = (code: number, msg: string) =>
  error(400, code, msg, { validation: { _tag: "Failed", code: String(code), reason: msg } })

const digits = /^[0-9]{1,20}$/
const legalRange = "^[0-9]{1,20}$"
const apiKeyFormat = /^[\x21-\x7e]{1,256}$/

export const messages = {
  mandatory: (name: string) => `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
  illegal: (name: string) => `Illegal characters found in parameter '${name}'; legal range is '${legalRange}'.`,
  empty: (name: string) => `Parameter '${name}' was empty.`,
  notValid: (name: string) => `Data sent for parameter '${name}' is not valid.`,
  tooBig: (name: string, max: number) => `'${name}' contains unexpected value. Cannot be greater than '${max}'.`
}

const queryError = (e: Query.QueryError, fail: (code: number, msg: string) => MockHttp.MockResponse) =>
  e._tag === "Duplicate"
    ? fail(-1101, "Duplicate values for a parameter detected.")
    : fail(-1100, "Illegal characters found in a parameter.")

/** The parameters, or Binance's answer to a malformed or repeated one. */
export const params = (
  request: MockHttp.MockRequest,
  fail: (code: number, msg: string) => MockHttp.MockResponse = invalid
): Either.Either<ReadonlyMap<string, string>, MockHttp.MockResponse> =>
  Either.mapLeft(Query.parseUnique(request.query), (e) => queryError(e, fail))

/**
 * SIGNED (USER_DATA) security: the key in `X-MBX-APIKEY`, then `timestamp`, `signature`
 * and `recvWindow`, then the timing rule, then the HMAC over the query string without
 * `signature` followed by the body.
 */
export const authenticate = (
  request: MockHttp.MockRequest,
  context: Endpoint.Context
): Either.Either<Endpoint.Authenticated, MockHttp.MockResponse> => {
  const credentials = Credentials.of(context)
  const key = MockHttp.header(request, "x-mbx-apikey")
  if (key === undefined || !apiKeyFormat.test(key)) return Either.left(authFailure(401, -2014, "API-key format invalid."))
  if (!Signing.constantTimeEqual(key, credentials.apiKey)) {
    return Either.left(authFailure(401, -2015, "Invalid API-key, IP, or permissions for action."))
  }
  const fail = (code: number, msg: string) => authFailure(400, code, msg)
  return Either.flatMap(params(request, fail), (map) => {
    const timestamp = map.get("timestamp")
    if (timestamp === undefined || timestamp === "") return Either.left(fail(-1102, messages.mandatory("timestamp")))
    if (!digits.test(timestamp)) return Either.left(fail(-1100, messages.illegal("timestamp")))
    const signature = map.get("signature")
    if (signature === undefined || signature === "") return Either.left(fail(-1102, messages.mandatory("signature")))
    const recvWindowText = map.get("recvWindow")
    if (recvWindowText !== undefined && !digits.test(recvWindowText)) {
      return Either.left(fail(-1100, messages.illegal("recvWindow")))
    }
    const recvWindow = recvWindowText === undefined ? 5000 : Number(recvWindowText)
    if (recvWindow > 60_000) return Either.left(fail(-1131, "recvWindow must be less than 60000"))
    const sent = Number(timestamp)
    if (sent >= context.now + 1000) {
      return Either.left(fail(-1021, "Timestamp for this request was 1000ms ahead of the server's time."))
    }
    if (context.now - sent > recvWindow) {
      return Either.left(fail(-1021, "Timestamp for this request is outside of the recvWindow."))
    }
    const payload = request.query.split("&").filter((segment) => !/^signature(=|$)/.test(segment)).join("&") +
      MockHttp.bodyText(request)
    const expected = Signing.hmacSha256Hex(credentials.apiSecret, payload)
    if (!Signing.constantTimeEqual(signature.toLowerCase(), expected)) {
      return Either.left(fail(-1022, "Signature for this request is not valid."))
    }
    return Either.right({ _tag: "Passed", principal: credentials.apiKey })
  })
}

// --- parameter readers ----------------------------------------------------------------

/** The parameters that belong to SIGNED security, not to the endpoint. */
export const securityParams = new Set(["timestamp", "signature", "recvWindow"])

type Read<A> = Either.Either<A, MockHttp.MockResponse>

/** A LONG or INT parameter; `undefined` when absent and optional. */
export const integer = (
  map: ReadonlyMap<string, string>,
  name: string,
  options: { readonly mandatory?: boolean; readonly min?: number; readonly max?: number } = {}
): Read<number | undefined> => {
  const text = map.get(name)
  if (text === undefined || text === "") {
    if (options.mandatory === true) return Either.left(invalid(-1102, messages.mandatory(name)))
    return text === "" ? Either.left(invalid(-1105, messages.empty(name))) : Either.right(undefined)
  }
  if (!digits.test(text) || !Number.isSafeInteger(Number(text))) return Either.left(invalid(-1100, messages.illegal(name)))
  const value = Number(text)
  if (options.min !== undefined && value < options.min) return Either.left(invalid(-1130, messages.notValid(name)))
  if (options.max !== undefined && value > options.max) return Either.left(invalid(-1102, messages.tooBig(name, options.max)))
  return Either.right(value)
}

/** A mandatory LONG or INT parameter. */
export const requiredInteger = (map: ReadonlyMap<string, string>, name: string): Read<number> =>
  Either.flatMap(integer(map, name, { mandatory: true }), (value) =>
    value === undefined ? Either.left(invalid(-1102, messages.mandatory(name))) : Either.right(value))

/** A STRING parameter; an empty value counts as absent ("blank: all"). */
export const text = (map: ReadonlyMap<string, string>, name: string): string | undefined => {
  const value = map.get(name)
  return value === undefined || value === "" ? undefined : value
}

export const enumeration = <A extends string>(
  map: ReadonlyMap<string, string>,
  name: string,
  values: ReadonlyArray<A>
): Read<A | undefined> => {
  const value = text(map, name)
  if (value === undefined) return Either.right(undefined)
  return (values as ReadonlyArray<string>).includes(value)
    ? Either.right(value as A)
    : Either.left(invalid(-1130, messages.notValid(name)))
}

export const startAfterEnd = () => invalid(-1023, "Start time is greater than end time.")
