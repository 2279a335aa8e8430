/**
 * The command's own errors, and how every error becomes one line on stderr with an exit
 * code: 2 for bad input (nothing was sent), 1 for everything that went wrong later.
 *
 * @since 0.1.0
 */
import { type Errors, Time } from "@ledgerkit/core"
import { ConfigError, Schema } from "effect"

/**
 * Bad command-line input, found before anything is sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>("@ledgerkit/cli/InvalidInput")("InvalidInput", {
  reason: Schema.String
}) {
  override get message(): string {
    return this.reason
  }
}

/**
 * The output file could not be written.
 *
 * @since 0.1.0
 * @category errors
 */
export class OutputError extends Schema.TaggedError<OutputError>("@ledgerkit/cli/OutputError")("OutputError", {
  path: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `cannot write the output ${this.path}: ${this.reason}`
  }
}

/**
 * The checkpoint could not be read, written, or does not fit this export.
 *
 * @since 0.1.0
 * @category errors
 */
export class CheckpointError extends Schema.TaggedError<CheckpointError>("@ledgerkit/cli/CheckpointError")(
  "CheckpointError",
  {
    path: Schema.String,
    reason: Schema.String,
    /** What a person does not need on the line (a decode tree): logged at debug level. */
    detail: Schema.optional(Schema.String)
  }
) {
  override get message(): string {
    return `checkpoint ${this.path}: ${this.reason}`
  }
}

/**
 * stdout was closed by its reader (`ledgerkit export ... | head -1`). Not a failure: the
 * command stops writing and ends quietly with exit code 0, as a Unix tool does on SIGPIPE.
 *
 * @since 0.1.0
 * @category errors
 */
export class StdoutClosed extends Schema.TaggedError<StdoutClosed>("@ledgerkit/cli/StdoutClosed")("StdoutClosed", {}) {
  override get message(): string {
    return "stdout was closed by its reader"
  }
}

/**
 * Every error of an export.
 *
 * @since 0.1.0
 * @category errors
 */
export type ExportError = InvalidInput | OutputError | CheckpointError

/**
 * An error already reported on stderr; the process exits with `code`.
 *
 * @since 0.1.0
 * @category errors
 */
export class Reported extends Schema.TaggedError<Reported>("@ledgerkit/cli/Reported")("Reported", {
  code: Schema.Number
}) {}

const resume = "rerun the same command to resume (with --checkpoint nothing is fetched twice)"

// What to do, where the error's own message does not already say it.
const advice = (e: Errors.LedgerError): string | undefined => {
  switch (e._tag) {
    case "RateLimited":
      return `retries exhausted; wait, then ${resume}`
    case "Unavailable":
      return `retries exhausted; check the provider's URL and the network, then ${resume}`
    case "Banned":
      return `then ${resume}`
    case "InvalidRequest":
      return e.local ? undefined : "check --from/--to against what the provider accepts"
    case "MalformedResponse":
      return "the provider's answer changed or is broken; report it with this line"
    case "IncompletePagination":
      return "narrow the range or report it with this line"
    case "Unauthorized":
    case "ClockSkew":
    case "HistoryUnavailable":
      return undefined
  }
}

// What is wrong with the configuration, by variable. Messages of missing secrets are not
// repeated (they only say "<redacted>").
const describeConfig = (error: ConfigError.ConfigError): string => {
  switch (error._op) {
    case "And":
    case "Or":
      return `${describeConfig(error.left)}; ${describeConfig(error.right)}`
    case "MissingData":
      return `${error.path.join(".")} is not set`
    case "InvalidData":
    case "SourceUnavailable":
    case "Unsupported":
      return `${error.path.join(".")}: ${error.message}`
  }
}

// One line, whatever the message holds (decode errors are multi-line trees).
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim()

// The escape sequences of a styled terminal text.
const ansiStyles = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g")

/**
 * The line of a usage error as @effect/cli prints it (`Received unknown argument: 'x'`, a
 * missing or malformed option): a styled document of paragraphs, one line here.
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderUsage = (text: string): string =>
  text.replace(ansiStyles, "").split(/\n\s*\n/).map(oneLine).filter((p) => p !== "").join("; ")

/**
 * The line and exit code of an error.
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (
  error: ExportError | Errors.LedgerError | ConfigError.ConfigError
): { readonly line: string; readonly code: number } => {
  if (ConfigError.isConfigError(error)) {
    return {
      line: oneLine(`configuration: ${describeConfig(error)}; set it, or use --mock URL`),
      code: 2
    }
  }
  switch (error._tag) {
    case "InvalidInput":
      return { line: oneLine(`${error.message}`), code: 2 }
    case "OutputError":
    case "CheckpointError":
      return { line: oneLine(`${error.message}`), code: 1 }
    case "HistoryUnavailable": {
      // Core's message suggests clamping, which the command does not offer: say what --from works.
      const earliest = Time.formatIso(error.earliest)
      return {
        line: oneLine(`${error.source}: history unavailable: ${error.reason}; requested from ${
          Time.formatIso(error.requestedFrom)
        }, earliest kept ${earliest}; use --from ${earliest} or later`),
        code: 1
      }
    }
    default: {
      const what = advice(error)
      return { line: oneLine(`${error.message}${what === undefined ? "" : `; ${what}`}`), code: 1 }
    }
  }
}
