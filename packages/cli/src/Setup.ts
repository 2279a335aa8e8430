/**
 * Where the sources come from: the environment (`BINANCE_API_KEY`, ...: see
 * `Ledger.providers`), or, with `--mock URL`, a mock server and the mock's default
 * credentials.
 *
 * @since 0.1.0
 */
import type { HttpClient } from "@effect/platform"
import * as Ledger from "@ledgerkit/providers/Ledger"
import { type ConfigError, ConfigProvider, Layer, Option } from "effect"

/**
 * The mock's default credentials (what its `serve` prints at start), by variable.
 *
 * @since 0.1.0
 * @category constants
 */
export const mockCredentials: Readonly<Record<string, string>> = {
  BINANCE_API_KEY: "mock-binance-api-key",
  BINANCE_API_SECRET: "mock-binance-api-secret",
  ZENLAYER_ACCESS_KEY_ID: "mock-zenlayer-key-id",
  ZENLAYER_ACCESS_KEY_PASSWORD: "mock-zenlayer-key-password",
  WOOXPRO_API_KEY: "mock-wooxpro-api-key",
  CRYPTOMUS_USER_ID: "mock-cryptomus-user",
  CRYPTOMUS_API_KEY: "mock-cryptomus-api-key"
}

/**
 * The variables that point every provider at a mock server with its default
 * credentials.
 *
 * @since 0.1.0
 * @category constants
 */
export const mockVariables = (url: string): Map<string, string> =>
  new Map([
    ...Object.entries(mockCredentials),
    ...Ledger.providers.flatMap((p) => p.urls.map((name) => [name, url] as const))
  ])

/**
 * The ledger of the configured providers; with a mock URL, of every provider on the mock
 * (other settings still come from the environment).
 *
 * @since 0.1.0
 * @category layers
 */
export const ledgerLayer = (
  mock: Option.Option<string>,
  options: Ledger.ConfigOptions = {}
): Layer.Layer<Ledger.Ledger, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Option.match(mock, {
    onNone: () => Ledger.layerConfig(options),
    onSome: (url) =>
      Ledger.layerConfig(options).pipe(
        Layer.provide(
          Layer.setConfigProvider(
            ConfigProvider.orElse(ConfigProvider.fromMap(mockVariables(url)), () => ConfigProvider.fromEnv())
          )
        )
      )
  })
