/**
 * WOO X Pro's settings where its docs are silent: how an `end_time` without a
 * `start_time` is read (the docs only say that with neither, the last 7 days are returned).
 */
import { Schema } from "effect"
import * as OneSided from "../../internal/oneSided.js"
import type * as MockProvider from "../../MockProvider.js"

export interface Settings {
  /** `week`: the 7 days before `end_time`; `unbounded`: everything up to it. */
  readonly endTimeOnly: OneSided.EndOnly
}

export const settings: MockProvider.Settings<Settings> = {
  defaults: { endTimeOnly: "week" },
  patch: Schema.partialWith(Schema.Struct({ endTimeOnly: OneSided.EndOnly }), { exact: true })
}

export const endTimeOnlyFlag = OneSided.flag("wooxpro-end-time-only", "How end_time without start_time is read")
