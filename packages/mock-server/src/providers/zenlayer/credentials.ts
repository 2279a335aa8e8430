/**
 * Zenlayer's credentials: an AccessKeyId and its AccessKeyPassword (ZC2-HMAC-SHA256).
 */
import { Options } from "@effect/cli"
import { Config, Redacted, Schema } from "effect"
import * as Endpoint from "../../Endpoint.js"
import * as Parts from "../../internal/credentials.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Settings from "./settings.js"

export const id = "zenlayer"

export interface Credentials {
  readonly accessKeyId: string
  readonly accessKeyPassword: Redacted.Redacted<string>
}

export interface Overrides {
  readonly accessKeyId?: string | undefined
  readonly accessKeyPassword?: string | undefined
}

const variables = {
  accessKeyId: "LEDGERKIT_MOCK_ZENLAYER_ACCESS_KEY_ID",
  accessKeyPassword: "LEDGERKIT_MOCK_ZENLAYER_ACCESS_KEY_PASSWORD"
}

export const credentials: MockProvider.Credentials<Credentials, Overrides> = {
  defaults: { accessKeyId: "mock-zenlayer-key-id", accessKeyPassword: Redacted.make("mock-zenlayer-key-password") },
  file: Schema.Struct({ accessKeyId: Parts.NonEmpty, accessKeyPassword: Parts.NonEmpty }),
  environment: Config.all({
    accessKeyId: Parts.variable(variables.accessKeyId),
    accessKeyPassword: Parts.variable(variables.accessKeyPassword)
  }),
  override: (base, o) => ({
    accessKeyId: o.accessKeyId ?? base.accessKeyId,
    accessKeyPassword: Parts.secret(o.accessKeyPassword, base.accessKeyPassword)
  }),
  describe: (c) => `zenlayer   accessKeyId=${c.accessKeyId} accessKeyPassword=${Redacted.value(c.accessKeyPassword)}`
}

export const flags: Options.Options<MockProvider.Flags<Settings.Settings, Overrides>> = Options.all({
  accessKeyId: Parts.flag("zenlayer-access-key-id", variables.accessKeyId, "Zenlayer AccessKeyId"),
  accessKeyPassword: Parts.flag("zenlayer-access-key-password", variables.accessKeyPassword, "Zenlayer AccessKeyPassword"),
  defaultPageSize: Settings.defaultPageSizeFlag
}).pipe(Options.map(({ defaultPageSize, ...credentials }) => ({ credentials, settings: { defaultPageSize } })))

export const of = (context: Endpoint.Context): Credentials => Endpoint.credentialsOf(context, id)
