/**
 * A source: one provider endpoint's history, normalised to `LedgerEntry`. The unified
 * Ledger composes sources; each provider service offers one per endpoint.
 *
 * @since 0.1.0
 */
import type { Errors, LedgerEntry } from "@ledgerkit/core"
import type { DateTime, Stream } from "effect"

/**
 * The source ids, one per documented endpoint.
 *
 * @since 0.1.0
 * @category models
 */
export const ids = [
  "binance.cloud-mining",
  "binance.um-income",
  "zenlayer.recharge-refund",
  "wooxpro.contract-transactions",
  "cryptomus.transactions"
] as const

/**
 * @since 0.1.0
 * @category models
 */
export type SourceId = typeof ids[number]

/**
 * A half-open time range `[from, to)`; each provider maps it to its own bound rules.
 *
 * @since 0.1.0
 * @category models
 */
export interface Range {
  readonly from: DateTime.Utc
  readonly to: DateTime.Utc
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Source {
  readonly id: SourceId
  /** Every entry with `from <= time < to`, each exactly once, in time order (ties in any order). */
  readonly entries: (range: Range) => Stream.Stream<LedgerEntry.LedgerEntry, Errors.LedgerError>
}
