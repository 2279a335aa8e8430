import { Either } from "effect"
import type * as Endpoint from "../Endpoint.js"
import * as MockHttp from "../MockHttp.js"

/** `GET /api/v3/time`: the mock clock, unauthenticated, as Binance reports its own. */
export const endpoint: Endpoint.Endpoint = {
  id: "binance.time",
  provider: "binance",
  method: "GET",
  path: "/api/v3/time",
  authenticate: () => Either.right({ _tag: "NotRequired" }),
  respond: (_request, context) =>
    MockHttp.json(200, { serverTime: context.now }, {
      contentType: "application/json;charset=UTF-8",
      verdict: { auth: { _tag: "NotRequired" }, validation: { _tag: "Passed" } }
    })
}
