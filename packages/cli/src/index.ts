/**
 * @since 0.1.0
 */
export * as Checkpoint from "./Checkpoint.js"
export * as Cli from "./Cli.js"
export * as Export from "./Export.js"
export * as Failure from "./Failure.js"
export * as Format from "./Format.js"
export * as Input from "./Input.js"
export * as Progress from "./Progress.js"
export * as Setup from "./Setup.js"
