/**
 * @since 0.1.0
 */
export * as Database from "./Database.js"
export * as Horizon from "./Horizon.js"
export * as Sync from "./Sync.js"
export * as SyncError from "./SyncError.js"
export * as Tables from "./Tables.js"
