/**
 * The endpoints of the mock, at the providers' real paths (they do not collide, so all
 * live on one port).
 *
 * @since 0.1.0
 */
import type * as Endpoint from "./Endpoint.js"
import * as BinanceCloudMining from "./internal/binanceCloudMining.js"
import * as BinanceTime from "./internal/binanceTime.js"
import * as BinanceUmIncome from "./internal/binanceUmIncome.js"
import * as Cryptomus from "./internal/cryptomus.js"
import * as Wooxpro from "./internal/wooxpro.js"
import * as Zenlayer from "./internal/zenlayer.js"

/**
 * @since 0.1.0
 * @category constants
 */
export const all: ReadonlyArray<Endpoint.Endpoint> = [
  BinanceCloudMining.endpoint,
  BinanceUmIncome.endpoint,
  BinanceTime.endpoint,
  Zenlayer.endpoint,
  Wooxpro.endpoint,
  Cryptomus.endpoint
]

/**
 * The endpoint at a method and path.
 *
 * @since 0.1.0
 * @category accessors
 */
export const find = (method: string, path: string): Endpoint.Endpoint | undefined =>
  all.find((e) => e.path === path && e.method === method.toUpperCase())
