/**
 * The ledgerkit command: export normalised ledger entries to NDJSON or CSV, resumably.
 *
 * @since 0.1.0
 */

/**
 * The checkpoint of a resumable export: what the export is, how many bytes of the output
 * hold whole, written batches, and the last entry written (its position in the output
 * order). It is replaced atomically (written beside, then renamed), so it always
 * describes a state the output really reached.
 *
 * @since 0.1.0
 */
export * as Checkpoint from "./Checkpoint.js"

/**
 * The `ledgerkit` command line: `ledgerkit export ...`.
 *
 * @since 0.1.0
 */
export * as Cli from "./Cli.js"

/**
 * The export: the Ledger's entries, formatted, written whole-record by whole-record.
 *
 * @since 0.1.0
 */
export * as Export from "./Export.js"

/**
 * The command's own errors, and how every error becomes one line on stderr with an exit
 * code: 2 for bad input (nothing was sent), 1 for everything that went wrong later.
 *
 * @since 0.1.0
 */
export * as Failure from "./Failure.js"

/**
 * The output formats: NDJSON and CSV, with exact decimal strings, ISO-8601 UTC times and
 * a stable column order. Each function turns whole entries into whole lines, so what is
 * written is always a whole number of records.
 *
 * @since 0.1.0
 */
export * as Format from "./Format.js"

/**
 * Command-line input to a validated export request. Everything here is checked before
 * anything is sent to a provider.
 *
 * @since 0.1.0
 */
export * as Input from "./Input.js"

/**
 * `ledgerkit ledger`: writes the ledger stored by `sync` as NDJSON or CSV, in time order.
 *
 * @since 0.1.0
 */
export * as LedgerCommand from "./LedgerCommand.js"

/**
 * Progress on stderr: records and pages per source, rate-limit waits and retries.
 *
 * @since 0.1.0
 */
export * as Progress from "./Progress.js"

/**
 * Where the sources come from: the environment (DESIGN.md's variables), or, with `--mock
 * URL`, a mock server and the mock's default credentials.
 *
 * @since 0.1.0
 */
export * as Setup from "./Setup.js"

/**
 * `ledgerkit sync`: keeps an account's ledger current in a database (a SQLite file or a
 * PostgreSQL URL), once or every interval, with progress on stderr.
 *
 * @since 0.1.0
 */
export * as SyncCommand from "./SyncCommand.js"
