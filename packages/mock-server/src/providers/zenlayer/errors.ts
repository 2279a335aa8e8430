/**
 * Zenlayer's answers to "too many requests" (429: `REQUEST_LIMIT_EXCEEDED`), "banned"
 * (the same code, status 418), server errors (`INTERNAL_SERVER_ERROR`, 503
 * `SERVICE_UNAVAILABLE`), a body over the cap (413 `REQUEST_BODY_TOO_LARGE`, the mock's
 * code) and a method other than POST (405 `UNSUPPORTED_HTTP_METHOD`, the mock's choice),
 * in its `{requestId, code, message}` shape.
 */
import type * as Endpoint from "../../Endpoint.js"
import * as MockHttp from "../../MockHttp.js"

export const requestIdOf = (context: Endpoint.Context) => `T${context.requestId.toUpperCase()}`

export const problem: Endpoint.Endpoint["problem"] = (status, p, context, headers) => {
  const [code, message] = p._tag === "PayloadTooLarge"
    ? ["REQUEST_BODY_TOO_LARGE", `The request body is larger than ${p.limit} bytes.`]
    : p._tag === "ServerError"
    ? status === 503
      ? ["SERVICE_UNAVAILABLE", "The service is temporarily unavailable."]
      : ["INTERNAL_SERVER_ERROR", "An internal error occurred; please try again."]
    : p._tag === "MethodNotAllowed"
    ? ["UNSUPPORTED_HTTP_METHOD", `The HTTP method ${p.method} is not supported; use POST.`]
    : ["REQUEST_LIMIT_EXCEEDED", "The request frequency exceeds the limit."]
  return MockHttp.json(status, { requestId: requestIdOf(context), code, message }, { headers })
}
