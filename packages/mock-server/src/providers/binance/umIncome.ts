/**
 * `GET /papi/v1/um/income`: inclusive `[startTime, endTime]`; the last 7 days when
 * neither is sent; only the last 3 months are kept (relative to the mock clock);
 * `page` (default 1) and `limit` (default 100, max 1000); no total.
 *
 * Undocumented, chosen: only `startTime` → up to now; only `endTime` → the 7 days before
 * it (the reading CCXT's backward paging relies on), or, switched
 * (`umIncomeEndTimeOnly: "unbounded"`), from the start of retention. The `docs` dataset is
 * served whatever the date: no retention, and no default window.
 */
import { Either } from "effect"
import * as Endpoint from "../../Endpoint.js"
import * as Window from "../../internal/window.js"
import * as Errors from "./errors.js"
import * as Limits from "./limits.js"
import * as Records from "./records.js"
import type * as Settings from "./settings.js"
import * as Binance from "./signed.js"

const id = "binance.um-income"

export const endpoint: Endpoint.Endpoint<typeof id> = {
  id,
  provider: "binance",
  method: "GET",
  path: "/papi/v1/um/income",
  authenticate: Binance.authenticate,
  limit: Limits.papi,
  problem: Errors.problem,
  maxBodyBytes: Limits.maxBodyBytes,
  respond: (request, context) =>
    Either.gen(function*() {
      const map = yield* Binance.params(request)
      const symbol = Binance.text(map, "symbol")
      const incomeType = yield* Binance.enumeration(map, "incomeType", Records.incomeTypes)
      const startTime = yield* Binance.integer(map, "startTime")
      const endTime = yield* Binance.integer(map, "endTime")
      const page = (yield* Binance.integer(map, "page", { min: 1 })) ?? 1
      const limit = (yield* Binance.integer(map, "limit", { min: 1, max: 1000 })) ?? 100
      if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
        return yield* Either.left(Binance.startAfterEnd())
      }
      const { now, order, settings, table } = Endpoint.view<Records.UmIncomeRecord, Settings.Settings, unknown>(
        context,
        "binance",
        id
      )
      const retained = table.documented ? undefined : Window.monthsBefore(now, 3)
      const from = startTime ?? (endTime === undefined
        ? (table.documented ? undefined : now - Window.days(7))
        : settings.umIncomeEndTimeOnly === "week"
        ? endTime - Window.days(7)
        : retained)
      const to = endTime ?? (table.documented ? undefined : now)
      const rows = Window.page({
        table,
        window: { from: retained === undefined || from === undefined ? from : Math.max(from, retained), to, toInclusive: true },
        order,
        keep: Window.where<Records.UmIncomeRecord>({ symbol, incomeType })
      }, page, limit)
      return Binance.ok(rows.map(Records.renderUmIncome))
    }).pipe(Either.merge)
}
