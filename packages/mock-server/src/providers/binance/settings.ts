/**
 * Binance's settings where its docs are silent: how UM income reads an `endTime` without
 * a `startTime` (the docs only say that with neither, the last 7 days are returned).
 */
import { Schema } from "effect"
import * as OneSided from "../../internal/oneSided.js"
import type * as MockProvider from "../../MockProvider.js"

export interface Settings {
  /** `week`: the 7 days before `endTime` (CCXT's reading); `unbounded`: from the start of retention. */
  readonly umIncomeEndTimeOnly: OneSided.EndOnly
}

export const settings: MockProvider.Settings<Settings> = {
  defaults: { umIncomeEndTimeOnly: "week" },
  patch: Schema.partialWith(Schema.Struct({ umIncomeEndTimeOnly: OneSided.EndOnly }), { exact: true })
}

export const endTimeOnlyFlag = OneSided.flag("binance-um-income-end-time-only", "How UM income reads endTime without startTime")
