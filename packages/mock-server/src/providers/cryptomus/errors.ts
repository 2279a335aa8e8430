/**
 * Cryptomus' answers to "too many requests" (429: Laravel's "Too Many Attempts."),
 * "banned" (418), server errors ("Server Error", 503 "Service Unavailable"), a body over
 * the cap (413, Laravel's "The POST data is too large.") and a wrong method (405,
 * Laravel's `MethodNotAllowedHttpException` message), in its `{state: 1, message}` shape.
 */
import type * as Endpoint from "../../Endpoint.js"
import * as MockHttp from "../../MockHttp.js"

export const problem: Endpoint.Endpoint["problem"] = (status, p, _context, headers) =>
  MockHttp.json(status, {
    state: 1,
    message: p._tag === "PayloadTooLarge"
      ? "The POST data is too large."
      : p._tag === "TooManyRequests"
      ? "Too Many Attempts."
      : p._tag === "MethodNotAllowed"
      ? `The ${p.method} method is not supported for route v2/user-api/transaction/list. Supported methods: POST.`
      : p._tag === "Banned"
      ? "Too Many Attempts. Access is blocked for a while."
      : status === 503
      ? "Service Unavailable"
      : "Server Error"
  }, { headers })
