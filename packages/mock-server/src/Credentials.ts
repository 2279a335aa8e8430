/**
 * The credentials the mock accepts, one set per provider. Defaults come from DESIGN.md;
 * a credentials JSON file, environment variables and CLI flags override them (in that
 * order of increasing precedence). Secrets are `Redacted`.
 *
 * @since 0.1.0
 */
import { Config, Effect, Option, Redacted, Schema } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly binance: { readonly apiKey: string; readonly apiSecret: Redacted.Redacted<string> }
  readonly zenlayer: { readonly accessKeyId: string; readonly accessKeyPassword: Redacted.Redacted<string> }
  /** WOO X Pro's KEYED endpoints take only the key, so the key itself is the secret. */
  readonly wooxpro: { readonly apiKey: Redacted.Redacted<string> }
  readonly cryptomus: { readonly userId: string; readonly apiKey: Redacted.Redacted<string> }
}

/**
 * The defaults of DESIGN.md, printed by `serve` at start.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults: Credentials = {
  binance: { apiKey: "mock-binance-api-key", apiSecret: Redacted.make("mock-binance-api-secret") },
  zenlayer: { accessKeyId: "mock-zenlayer-key-id", accessKeyPassword: Redacted.make("mock-zenlayer-key-password") },
  wooxpro: { apiKey: Redacted.make("mock-wooxpro-api-key") },
  cryptomus: { userId: "mock-cryptomus-user", apiKey: Redacted.make("mock-cryptomus-api-key") }
}

/**
 * A partial override, as read from a file, the environment or flags (plain strings).
 *
 * @since 0.1.0
 * @category models
 */
export interface Overrides {
  readonly binance?: { readonly apiKey?: string | undefined; readonly apiSecret?: string | undefined } | undefined
  readonly zenlayer?: { readonly accessKeyId?: string | undefined; readonly accessKeyPassword?: string | undefined } | undefined
  readonly wooxpro?: { readonly apiKey?: string | undefined } | undefined
  readonly cryptomus?: { readonly userId?: string | undefined; readonly apiKey?: string | undefined } | undefined
}

const NonEmpty = Schema.NonEmptyString

/**
 * The credentials file: every field optional, unknown fields rejected.
 *
 * ```json
 * { "binance": { "apiKey": "k", "apiSecret": "s" },
 *   "zenlayer": { "accessKeyId": "id", "accessKeyPassword": "p" },
 *   "wooxpro": { "apiKey": "k" },
 *   "cryptomus": { "userId": "u", "apiKey": "k" } }
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const OverridesFile = Schema.Struct({
  binance: Schema.optional(Schema.Struct({ apiKey: Schema.optional(NonEmpty), apiSecret: Schema.optional(NonEmpty) })),
  zenlayer: Schema.optional(
    Schema.Struct({ accessKeyId: Schema.optional(NonEmpty), accessKeyPassword: Schema.optional(NonEmpty) })
  ),
  wooxpro: Schema.optional(Schema.Struct({ apiKey: Schema.optional(NonEmpty) })),
  cryptomus: Schema.optional(Schema.Struct({ userId: Schema.optional(NonEmpty), apiKey: Schema.optional(NonEmpty) }))
})

/**
 * Parses the text of a credentials file.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseFile = (text: string) =>
  Schema.decodeUnknown(Schema.parseJson(OverridesFile), { onExcessProperty: "error" })(text)

/**
 * Applies an override on top of credentials.
 *
 * @since 0.1.0
 * @category combinators
 */
export const override = (base: Credentials, o: Overrides): Credentials => {
  const secret = (value: string | undefined, fallback: Redacted.Redacted<string>) =>
    value === undefined ? fallback : Redacted.make(value)
  return {
    binance: {
      apiKey: o.binance?.apiKey ?? base.binance.apiKey,
      apiSecret: secret(o.binance?.apiSecret, base.binance.apiSecret)
    },
    zenlayer: {
      accessKeyId: o.zenlayer?.accessKeyId ?? base.zenlayer.accessKeyId,
      accessKeyPassword: secret(o.zenlayer?.accessKeyPassword, base.zenlayer.accessKeyPassword)
    },
    wooxpro: { apiKey: secret(o.wooxpro?.apiKey, base.wooxpro.apiKey) },
    cryptomus: {
      userId: o.cryptomus?.userId ?? base.cryptomus.userId,
      apiKey: secret(o.cryptomus?.apiKey, base.cryptomus.apiKey)
    }
  }
}

/**
 * The environment variables that override credentials (distinct from the client's
 * `BINANCE_API_KEY` & co., so real keys in a shell are never picked up and printed).
 *
 * @since 0.1.0
 * @category constants
 */
export const environmentVariables = {
  binanceApiKey: "LEDGERKIT_MOCK_BINANCE_API_KEY",
  binanceApiSecret: "LEDGERKIT_MOCK_BINANCE_API_SECRET",
  zenlayerAccessKeyId: "LEDGERKIT_MOCK_ZENLAYER_ACCESS_KEY_ID",
  zenlayerAccessKeyPassword: "LEDGERKIT_MOCK_ZENLAYER_ACCESS_KEY_PASSWORD",
  wooxproApiKey: "LEDGERKIT_MOCK_WOOXPRO_API_KEY",
  cryptomusUserId: "LEDGERKIT_MOCK_CRYPTOMUS_USER_ID",
  cryptomusApiKey: "LEDGERKIT_MOCK_CRYPTOMUS_API_KEY"
} as const

const optionalVar = (name: string) =>
  Config.option(Config.nonEmptyString(name)).pipe(Config.map(Option.getOrUndefined))

/**
 * The overrides found in the environment.
 *
 * @since 0.1.0
 * @category config
 */
export const fromEnvironment: Config.Config<Overrides> = Config.all({
  binance: Config.all({
    apiKey: optionalVar(environmentVariables.binanceApiKey),
    apiSecret: optionalVar(environmentVariables.binanceApiSecret)
  }),
  zenlayer: Config.all({
    accessKeyId: optionalVar(environmentVariables.zenlayerAccessKeyId),
    accessKeyPassword: optionalVar(environmentVariables.zenlayerAccessKeyPassword)
  }),
  wooxpro: Config.all({ apiKey: optionalVar(environmentVariables.wooxproApiKey) }),
  cryptomus: Config.all({
    userId: optionalVar(environmentVariables.cryptomusUserId),
    apiKey: optionalVar(environmentVariables.cryptomusApiKey)
  })
})

/**
 * Lines describing the credentials in force (secrets shown: they are the mock's own,
 * printed so that a developer can paste them into a client).
 *
 * @since 0.1.0
 * @category formatting
 */
export const describe = (c: Credentials): ReadonlyArray<string> => [
  `binance    apiKey=${c.binance.apiKey} apiSecret=${Redacted.value(c.binance.apiSecret)}`,
  `zenlayer   accessKeyId=${c.zenlayer.accessKeyId} accessKeyPassword=${Redacted.value(c.zenlayer.accessKeyPassword)}`,
  `wooxpro    apiKey=${Redacted.value(c.wooxpro.apiKey)}`,
  `cryptomus  userId=${c.cryptomus.userId} apiKey=${Redacted.value(c.cryptomus.apiKey)}`
]

/**
 * Reads a credentials file and applies it, then the environment.
 *
 * @since 0.1.0
 * @category constructors
 */
export const resolve = (options: {
  readonly fileText?: string | undefined
  readonly flags?: Overrides | undefined
}) =>
  Effect.gen(function*() {
    const fromFile = options.fileText === undefined ? {} : yield* parseFile(options.fileText)
    const fromEnv = yield* fromEnvironment
    return override(override(override(defaults, fromFile), fromEnv), options.flags ?? {})
  })
