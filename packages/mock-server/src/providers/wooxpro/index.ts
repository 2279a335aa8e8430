/**
 * WOO X Pro (BitMart's API) in the mock: contract transaction history, KEYED by the API
 * key alone, answered in `{code, message, data, trace}`; a time window only, no pages.
 *
 * @since 0.1.0
 */
import { compareText } from "../../internal/compare.js"
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
  readonly id: "wooxpro"
  readonly endpoint: "wooxpro.contract-transactions"
  readonly records: { readonly "wooxpro.contract-transactions": Records.WooxproRecord }
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
    "wooxpro.contract-transactions": {
      id: "wooxpro.contract-transactions",
      keys: {
        time: (r) => Number(r.time),
        identity: (r) => `${r.type}:${r.tran_id}`,
        tieBreak: (a, b) => compareText(a.tran_id, b.tran_id) || compareText(a.type, b.type)
      },
      documented: Documented.wooxpro,
      render: Records.renderWooxpro,
      schema: RecordSchemas.Wooxpro,
      arbitrary: Arbitraries.wooxproRecords,
      bulk: Bulk.wooxpro,
      churn: Churn.churn,
      timeUnit: 1,
      order: "asc",
      startBound: "inclusive",
      endBound: "inclusive"
    }
  },
  settings: Settings.settings,
  credentials: Credentials.credentials,
  flags: Credentials.flags,
  openApi
} satisfies MockProvider.MockProvider<Types>
