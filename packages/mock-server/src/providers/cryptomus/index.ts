/**
 * Cryptomus in the mock: `POST /v2/user-api/transaction/list`, signed with md5 over the
 * body, answered in `{state, result}` with Laravel's cursor pages and messages.
 *
 * @since 0.1.0
 */
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
  readonly id: "cryptomus"
  readonly endpoint: "cryptomus.transactions"
  readonly records: { readonly "cryptomus.transactions": Records.CryptomusRecord }
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
    "cryptomus.transactions": {
      id: "cryptomus.transactions",
      keys: { time: Endpoint.timeOf, identity: (r) => r.uuid, tieBreak: Endpoint.tieBreak },
      documented: Documented.cryptomus,
      render: Records.renderCryptomus,
      schema: RecordSchemas.Cryptomus,
      arbitrary: Arbitraries.cryptomusRecords,
      bulk: Bulk.cryptomus,
      churn: Churn.churn,
      // Its times have no milliseconds.
      timeUnit: 1000,
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
