#!/usr/bin/env node
/**
 * `ledgerkit-mock serve [flags]` (the root `npm start` runs this with `serve`).
 *
 * @since 0.1.0
 */
import { ValidationError } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Cause, Console, Effect, Option } from "effect"
import { run } from "./Cli.js"

run(process.argv).pipe(
  // The CLI has already printed a usage error; anything else is reported once, plainly.
  Effect.tapErrorCause((cause) =>
    Cause.isInterruptedOnly(cause) ||
      Option.exists(Cause.failureOption(cause), ValidationError.isValidationError)
      ? Effect.void
      : Console.error(Cause.pretty(cause))
  ),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
