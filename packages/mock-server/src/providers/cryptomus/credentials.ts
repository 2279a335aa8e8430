/**
 * Cryptomus' credentials: a userId (user API) or merchant (business API) and its API key
 * (`sign` = md5(base64(body) + key)).
 */
import { Options } from "@effect/cli"
import { Config, Redacted, Schema } from "effect"
import * as Endpoint from "../../Endpoint.js"
import * as Parts from "../../internal/credentials.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Settings from "./settings.js"

export const id = "cryptomus"

export interface Credentials {
  readonly userId: string
  readonly apiKey: Redacted.Redacted<string>
}

export interface Overrides {
  readonly userId?: string | undefined
  readonly apiKey?: string | undefined
}

const variables = { userId: "LEDGERKIT_MOCK_CRYPTOMUS_USER_ID", apiKey: "LEDGERKIT_MOCK_CRYPTOMUS_API_KEY" }

export const credentials: MockProvider.Credentials<Credentials, Overrides> = {
  defaults: { userId: "mock-cryptomus-user", apiKey: Redacted.make("mock-cryptomus-api-key") },
  file: Schema.Struct({ userId: Parts.NonEmpty, apiKey: Parts.NonEmpty }),
  environment: Config.all({ userId: Parts.variable(variables.userId), apiKey: Parts.variable(variables.apiKey) }),
  override: (base, o) => ({ userId: o.userId ?? base.userId, apiKey: Parts.secret(o.apiKey, base.apiKey) }),
  describe: (c) => `cryptomus  userId=${c.userId} apiKey=${Redacted.value(c.apiKey)}`
}

export const flags: Options.Options<MockProvider.Flags<Settings.Settings, Overrides>> = Options.all({
  userId: Parts.flag("cryptomus-user-id", variables.userId, "Cryptomus userId (or merchant)"),
  apiKey: Parts.flag("cryptomus-api-key", variables.apiKey, "Cryptomus API key"),
  utcOffsetMinutes: Settings.utcOffsetFlag,
  perPage: Settings.perPageFlag
}).pipe(Options.map(({ perPage, utcOffsetMinutes, ...credentials }) => ({ credentials, settings: { utcOffsetMinutes, perPage } })))

export const of = (context: Endpoint.Context): Credentials => Endpoint.credentialsOf(context, id)
