/**
 * Zenlayer in the mock: `DescribeRechargeRefundHistory` on `POST /api/v2/zbc`, signed
 * with ZC2-HMAC-SHA256, answered in `{requestId, code, message}`; amounts are JSON
 * number literals.
 *
 * @since 0.1.0
 */
import { compareText, isoMillis } from "../../internal/compare.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Arbitraries from "./arbitraries.js"
import * as Bulk from "./bulk.js"
import * as Churn from "./churn.js"
import * as Credentials from "./credentials.js"
import * as Documented from "./documented.js"
import * as Endpoint from "./endpoint.js"
import { openApi } from "./openapi.js"
import * as Records from "./records.js"
import * as RecordSchemas from "./schemas.js"
import * as Settings from "./settings.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Types {
  readonly id: "zenlayer"
  readonly endpoint: "zenlayer.recharge-refund"
  readonly records: { readonly "zenlayer.recharge-refund": Records.ZenlayerRecord }
  readonly settings: Settings.Settings
  readonly credentials: Credentials.Credentials
  readonly overrides: Credentials.Overrides
}

/**
 * @since 0.1.0
 * @category providers
 */
export const provider = {
  id: Credentials.id,
  endpoints: [Endpoint.endpoint],
  data: {
    "zenlayer.recharge-refund": {
      id: "zenlayer.recharge-refund",
      keys: {
        time: (r) => isoMillis(r.transactionTime),
        identity: (r) => r.transactionId,
        tieBreak: (a, b) => compareText(a.transactionId, b.transactionId)
      },
      documented: Documented.zenlayer,
      render: Records.renderZenlayer,
      schema: RecordSchemas.Zenlayer,
      arbitrary: Arbitraries.zenlayerRecords,
      bulk: Bulk.zenlayer,
      churn: Churn.churn,
      // Its times have no milliseconds.
      timeUnit: 1000,
      // The example has one row: newest first, like a console history.
      order: "desc",
      startBound: "inclusive",
      endBound: "inclusive"
    }
  },
  settings: Settings.settings,
  credentials: Credentials.credentials,
  flags: Credentials.flags,
  openApi
} satisfies MockProvider.MockProvider<Types>
