/**
 * Binance in the mock: cloud-mining (SAPI), Portfolio Margin UM income (PAPI) and the
 * server time, signed with HMAC-SHA256, answered in `{code, msg}`.
 *
 * @since 0.1.0
 */
import { compareText } from "../../internal/compare.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Arbitraries from "./arbitraries.js"
import * as Bulk from "./bulk.js"
import * as Churn from "./churn.js"
import * as CloudMining from "./cloudMining.js"
import * as Credentials from "./credentials.js"
import * as Documented from "./documented.js"
import { openApi } from "./openapi.js"
import * as Records from "./records.js"
import * as RecordSchemas from "./schemas.js"
import * as Settings from "./settings.js"
import * as Time from "./time.js"
import * as UmIncome from "./umIncome.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Types {
  readonly id: "binance"
  readonly endpoint: "binance.cloud-mining" | "binance.um-income" | "binance.time"
  readonly records: {
    readonly "binance.cloud-mining": Records.CloudMiningRecord
    readonly "binance.um-income": Records.UmIncomeRecord
  }
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
  endpoints: [CloudMining.endpoint, UmIncome.endpoint, Time.endpoint],
  data: {
    "binance.cloud-mining": {
      id: "binance.cloud-mining",
      keys: {
        time: (r) => r.createTime,
        identity: (r) => String(r.tranId),
        tieBreak: (a, b) => a.tranId - b.tranId
      },
      documented: Documented.cloudMining,
      render: Records.renderCloudMining,
      schema: RecordSchemas.CloudMining,
      arbitrary: Arbitraries.cloudMiningRecords,
      bulk: Bulk.cloudMining,
      churn: Churn.cloudMining,
      timeUnit: 1,
      order: "desc"
    },
    "binance.um-income": {
      id: "binance.um-income",
      keys: {
        time: (r) => r.time,
        identity: (r) => `${r.incomeType}:${r.tranId}`,
        tieBreak: (a, b) => compareText(a.tranId, b.tranId) || compareText(a.incomeType, b.incomeType)
      },
      documented: Documented.umIncome,
      render: Records.renderUmIncome,
      schema: RecordSchemas.UmIncome,
      arbitrary: Arbitraries.umIncomeRecords,
      bulk: Bulk.umIncome,
      churn: Churn.umIncome,
      timeUnit: 1,
      order: "asc"
    }
  },
  settings: Settings.settings,
  credentials: Credentials.credentials,
  flags: Credentials.flags,
  openApi
} satisfies MockProvider.MockProvider<Types>
