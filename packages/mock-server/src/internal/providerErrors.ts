/**
 * The providers' own answers to "too many requests" (429), "banned" (418) and server
 * errors (5xx), in each provider's error shape. Rate limits and faults both answer with
 * these, so that a client meets one shape whichever produced the error.
 *
 * | provider | 429 | 418 | 5xx |
 * |---|---|---|---|
 * | Binance | `{code:-1003,msg}` "Too much request weight used; …" | `{code:-1003,msg}` "Way too much request weight used; IP banned until …" | 500 -1000, 502 -1001, 503 -1008, 504 -1007 |
 * | WOO X Pro | `{code:30013,message,data:{},trace}` | `{code:30017,…}` | 503 → 30014, other 5xx → 30018 |
 * | Zenlayer | `{requestId,code:"REQUEST_LIMIT_EXCEEDED",message}` | the same code, status 418 | `INTERNAL_SERVER_ERROR`, 503 `SERVICE_UNAVAILABLE` |
 * | Cryptomus | `{state:1,message:"Too Many Attempts."}` (Laravel) | `{state:1,message}` | `{state:1,message:"Server Error"}`, 503 "Service Unavailable" |
 * | no endpoint | `{code:status,message}` | same | same |
 */
import type * as Endpoint from "../Endpoint.js"
import type * as ExactJson from "../ExactJson.js"
import * as Limits from "../Limits.js"
import * as MockHttp from "../MockHttp.js"

/**
 * @since 0.1.0
 */
export type Problem =
  | { readonly _tag: "TooManyRequests"; readonly rule: Limits.Rule }
  | { readonly _tag: "Banned"; readonly until: number }
  | { readonly _tag: "ServerError" }

const binanceServer: Readonly<Record<number, readonly [number, string]>> = {
  500: [-1000, "An unknown error occurred while processing the request."],
  502: [-1001, "Internal error; unable to process your request. Please try again."],
  503: [-1008, "Server is currently overloaded with other requests. Please try again in a few minutes."],
  504: [-1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown."]
}

const binanceBody = (status: number, problem: Problem): ExactJson.Json => {
  switch (problem._tag) {
    case "TooManyRequests":
      return {
        code: -1003,
        msg: `Too much request weight used; current limit is ${problem.rule.limit} request weight per ${
          Limits.intervalWords(problem.rule.windowMillis)
        }. Please use WebSocket Streams for live updates to avoid polling the API.`
      }
    case "Banned":
      return {
        code: -1003,
        msg: `Way too much request weight used; IP banned until ${problem.until}. Please use WebSocket Streams for live updates to avoid bans.`
      }
    case "ServerError": {
      const [code, msg] = binanceServer[status] ?? binanceServer[500]
      return { code, msg }
    }
  }
}

const wooxproBody = (status: number, problem: Problem, context: Endpoint.Context): ExactJson.Json => {
  const [code, message] = problem._tag === "TooManyRequests"
    ? [30013, "Too many requests, please try again later"]
    : problem._tag === "Banned"
    ? [30017, "Request rejected for rate limit violations"]
    : status === 503
    ? [30014, "Service unavailable"]
    : [30018, "Service is busy, please try again later"]
  return { code, message, data: {}, trace: context.requestId }
}

const zenlayerBody = (status: number, problem: Problem, context: Endpoint.Context): ExactJson.Json => {
  const [code, message] = problem._tag === "ServerError"
    ? status === 503
      ? ["SERVICE_UNAVAILABLE", "The service is temporarily unavailable."]
      : ["INTERNAL_SERVER_ERROR", "An internal error occurred; please try again."]
    : ["REQUEST_LIMIT_EXCEEDED", "The request frequency exceeds the limit."]
  return { requestId: `T${context.requestId.toUpperCase()}`, code, message }
}

const cryptomusBody = (status: number, problem: Problem): ExactJson.Json => ({
  state: 1,
  message: problem._tag === "TooManyRequests"
    ? "Too Many Attempts."
    : problem._tag === "Banned"
    ? "Too Many Attempts. Access is blocked for a while."
    : status === 503
    ? "Service Unavailable"
    : "Server Error"
})

const binanceContentType = "application/json;charset=UTF-8"

/**
 * The provider's answer with this status to this problem, with extra headers.
 */
export const answer = (
  endpoint: Endpoint.Endpoint | undefined,
  context: Endpoint.Context,
  status: number,
  problem: Problem,
  headers: Readonly<Record<string, string>> = {}
): MockHttp.MockResponse => {
  switch (endpoint?.provider) {
    case "binance":
      return MockHttp.json(status, binanceBody(status, problem), { headers, contentType: binanceContentType })
    case "wooxpro":
      return MockHttp.json(status, wooxproBody(status, problem, context), { headers, contentType: binanceContentType })
    case "zenlayer":
      return MockHttp.json(status, zenlayerBody(status, problem, context), { headers })
    case "cryptomus":
      return MockHttp.json(status, cryptomusBody(status, problem), { headers })
    case undefined:
      return MockHttp.json(status, { code: status, message: problem._tag }, { headers })
  }
}
