/**
 * `GET /sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage`: `[startTime, endTime)`,
 * both mandatory; `current` ≥ 1 (default 1); `size` ≤ 100 (default 10); `total` counts
 * the matching rows; only status `S` rows exist for the client.
 */
import { Either } from "effect"
import * as Endpoint from "../../Endpoint.js"
import * as Window from "../../internal/window.js"
import * as Errors from "./errors.js"
import * as Limits from "./limits.js"
import * as Records from "./records.js"
import * as Binance from "./signed.js"

const id = "binance.cloud-mining"

export const endpoint: Endpoint.Endpoint<typeof id> = {
  id,
  provider: "binance",
  method: "GET",
  path: "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage",
  authenticate: Binance.authenticate,
  limit: Limits.sapi,
  problem: Errors.problem,
  maxBodyBytes: Limits.maxBodyBytes,
  respond: (request, context) =>
    Either.gen(function*() {
      const map = yield* Binance.params(request)
      const tranId = yield* Binance.integer(map, "tranId")
      const clientTranId = Binance.text(map, "clientTranId")
      const asset = Binance.text(map, "asset")
      const startTime = yield* Binance.requiredInteger(map, "startTime")
      const endTime = yield* Binance.requiredInteger(map, "endTime")
      const current = (yield* Binance.integer(map, "current", { min: 1 })) ?? 1
      const size = (yield* Binance.integer(map, "size", { min: 1, max: 100 })) ?? 10
      if (startTime > endTime) return yield* Either.left(Binance.startAfterEnd())
      const { order, table } = Endpoint.view<Records.CloudMiningRecord, unknown, unknown>(context, "binance", id)
      const view: Window.View<Records.CloudMiningRecord> = {
        table,
        window: { from: startTime, to: endTime, toInclusive: false },
        order,
        keep: Window.where<Records.CloudMiningRecord>({ status: "S", tranId, clientTranId, asset })
      }
      const rows = Window.page(view, current, size)
      return Binance.ok({ total: Window.count(view), rows: rows.map(Records.renderCloudMining) })
    }).pipe(Either.merge)
}
