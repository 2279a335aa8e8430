/**
 * Binance's answers to "too many requests" (429), "banned" (418) and server errors
 * (5xx): `{code:-1003,msg}` "Too much request weight used; …", `{code:-1003,msg}` "Way
 * too much request weight used; IP banned until …", and 500 -1000, 502 -1001, 503 -1008,
 * 504 -1007; a body over the cap: 413 -1000 (Binance publishes no code for it); a wrong
 * method 405 `{code:-1000,msg:"Request method 'POST' not supported"}` (the mock's choice).
 * Rate limits and faults both answer with these, so that a client meets one shape
 * whichever produced the error.
 */
import type * as Endpoint from "../../Endpoint.js"
import type * as ExactJson from "../../ExactJson.js"
import * as MockHttp from "../../MockHttp.js"
import * as RateLimitRule from "../../RateLimitRule.js"

export const contentType = "application/json;charset=UTF-8"

const server: Readonly<Record<number, readonly [number, string]>> = {
  500: [-1000, "An unknown error occurred while processing the request."],
  502: [-1001, "Internal error; unable to process your request. Please try again."],
  503: [-1008, "Server is currently overloaded with other requests. Please try again in a few minutes."],
  504: [-1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown."]
}

const body = (status: number, problem: Endpoint.Problem): ExactJson.Json => {
  switch (problem._tag) {
    case "TooManyRequests":
      return {
        code: -1003,
        msg: `Too much request weight used; current limit is ${problem.rule.limit} request weight per ${
          RateLimitRule.intervalWords(problem.rule.windowMillis)
        }. Please use WebSocket Streams for live updates to avoid polling the API.`
      }
    case "Banned":
      return {
        code: -1003,
        msg: `Way too much request weight used; IP banned until ${problem.until}. Please use WebSocket Streams for live updates to avoid bans.`
      }
    case "PayloadTooLarge":
      return { code: -1000, msg: `Request body too large; at most ${problem.limit} bytes are accepted.` }
    case "ServerError": {
      const [code, msg] = server[status] ?? server[500]
      return { code, msg }
    }
    case "MethodNotAllowed":
      // The mock's choice: Binance publishes no answer for a wrong method.
      return { code: -1000, msg: `Request method '${problem.method}' not supported` }
  }
}

export const problem: Endpoint.Endpoint["problem"] = (status, p, _context, headers) =>
  MockHttp.json(status, body(status, p), { headers, contentType })
