/**
 * Binance's credentials: an API key and its secret (HMAC-SHA256).
 */
import { Options } from "@effect/cli"
import { Config, Redacted, Schema } from "effect"
import * as Endpoint from "../../Endpoint.js"
import * as Parts from "../../internal/credentials.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Settings from "./settings.js"

export const id = "binance"

export interface Credentials {
  readonly apiKey: string
  readonly apiSecret: Redacted.Redacted<string>
}

export interface Overrides {
  readonly apiKey?: string | undefined
  readonly apiSecret?: string | undefined
}

const variables = { apiKey: "LEDGERKIT_MOCK_BINANCE_API_KEY", apiSecret: "LEDGERKIT_MOCK_BINANCE_API_SECRET" }

export const credentials: MockProvider.Credentials<Credentials, Overrides> = {
  defaults: { apiKey: "mock-binance-api-key", apiSecret: Redacted.make("mock-binance-api-secret") },
  file: Schema.Struct({ apiKey: Parts.NonEmpty, apiSecret: Parts.NonEmpty }),
  environment: Config.all({ apiKey: Parts.variable(variables.apiKey), apiSecret: Parts.variable(variables.apiSecret) }),
  override: (base, o) => ({ apiKey: o.apiKey ?? base.apiKey, apiSecret: Parts.secret(o.apiSecret, base.apiSecret) }),
  describe: (c) => `binance    apiKey=${c.apiKey} apiSecret=${Redacted.value(c.apiSecret)}`
}

export const flags: Options.Options<MockProvider.Flags<Settings.Settings, Overrides>> = Options.all({
  apiKey: Parts.flag("binance-api-key", variables.apiKey, "Binance API key"),
  apiSecret: Parts.flag("binance-api-secret", variables.apiSecret, "Binance API secret"),
  umIncomeEndTimeOnly: Settings.endTimeOnlyFlag
}).pipe(Options.map(({ umIncomeEndTimeOnly, ...credentials }) => ({ credentials, settings: { umIncomeEndTimeOnly } })))

export const of = (context: Endpoint.Context): Credentials => Endpoint.credentialsOf(context, id)
