import { Either } from "effect"
import type * as Endpoint from "../../Endpoint.js"
import * as MockHttp from "../../MockHttp.js"
import * as Errors from "./errors.js"
import * as Limits from "./limits.js"

/** `GET /api/v3/time`: the mock clock, unauthenticated, as Binance reports its own. */
export const endpoint: Endpoint.Endpoint<"binance.time"> = {
  id: "binance.time",
  provider: "binance",
  method: "GET",
  path: "/api/v3/time",
  authenticate: () => Either.right({ _tag: "NotRequired" }),
  limit: Limits.spot,
  problem: Errors.problem,
  maxBodyBytes: Limits.maxBodyBytes,
  respond: (_request, context) =>
    MockHttp.json(200, { serverTime: context.now }, {
      contentType: Errors.contentType,
      verdict: { auth: { _tag: "NotRequired" }, validation: { _tag: "Passed" } }
    })
}
