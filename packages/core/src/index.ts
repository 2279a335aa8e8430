/**
 * @since 0.1.0
 */
export * as Amount from "./Amount.js"
export * as Budget from "./Budget.js"
export * as Errors from "./Errors.js"
export * as LedgerEntry from "./LedgerEntry.js"
export * as Pagination from "./Pagination.js"
export * as Retry from "./Retry.js"
export * as Signing from "./Signing.js"
export * as Time from "./Time.js"
