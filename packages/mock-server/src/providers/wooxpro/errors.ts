/**
 * WOO X Pro's answers to "too many requests" (429: 30013), "banned" (418: 30017) and
 * server errors (503: 30014, other 5xx: 30018), a body over the cap (413: 40007, the
 * mock's parse error) and a wrong method (405 with 30000 "Not found", the mock's choice),
 * in its `{code, message, data, trace}` envelope.
 */
import type * as Endpoint from "../../Endpoint.js"
import * as MockHttp from "../../MockHttp.js"

export const contentType = "application/json;charset=UTF-8"

export const problem: Endpoint.Endpoint["problem"] = (status, p, context, headers) => {
  const [code, message] = p._tag === "PayloadTooLarge"
    ? [40007, `Parse parameter error: the request body is larger than ${p.limit} bytes`]
    : p._tag === "TooManyRequests"
    ? [30013, "Too many requests, please try again later"]
    : p._tag === "Banned"
    ? [30017, "Request rejected for rate limit violations"]
    : p._tag === "MethodNotAllowed"
    ? [30000, "Not found"]
    : status === 503
    ? [30014, "Service unavailable"]
    : [30018, "Service is busy, please try again later"]
  return MockHttp.json(status, { code, message, data: {}, trace: context.requestId }, { headers, contentType })
}
