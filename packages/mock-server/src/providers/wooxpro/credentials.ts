/**
 * WOO X Pro's credentials: its KEYED endpoints take only the API key, so the key itself
 * is the secret.
 */
import { Options } from "@effect/cli"
import { Config, Redacted, Schema } from "effect"
import * as Endpoint from "../../Endpoint.js"
import * as Parts from "../../internal/credentials.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Settings from "./settings.js"

export const id = "wooxpro"

export interface Credentials {
  readonly apiKey: Redacted.Redacted<string>
}

export interface Overrides {
  readonly apiKey?: string | undefined
}

const variables = { apiKey: "LEDGERKIT_MOCK_WOOXPRO_API_KEY" }

export const credentials: MockProvider.Credentials<Credentials, Overrides> = {
  defaults: { apiKey: Redacted.make("mock-wooxpro-api-key") },
  file: Schema.Struct({ apiKey: Parts.NonEmpty }),
  environment: Config.all({ apiKey: Parts.variable(variables.apiKey) }),
  override: (base, o) => ({ apiKey: Parts.secret(o.apiKey, base.apiKey) }),
  describe: (c) => `wooxpro    apiKey=${Redacted.value(c.apiKey)}`
}

export const flags: Options.Options<MockProvider.Flags<Settings.Settings, Overrides>> = Options.all({
  apiKey: Parts.flag("wooxpro-api-key", variables.apiKey, "WOO X Pro API key"),
  endTimeOnly: Settings.endTimeOnlyFlag
}).pipe(Options.map(({ endTimeOnly, ...credentials }) => ({ credentials, settings: { endTimeOnly } })))

export const of = (context: Endpoint.Context): Credentials => Endpoint.credentialsOf(context, id)
