#!/usr/bin/env node
/**
 * The `ledgerkit` executable: parse the command line, run it, exit with its code.
 *
 * @since 0.1.0
 */
// The modules themselves, not @effect/platform-node's index: it re-exports undici whole.
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, Console, Effect, Layer, Logger } from "effect"
import * as Cli from "./Cli.js"
import * as HeapGrowth from "./internal/heapGrowth.js"
import * as LazyHttpClient from "./internal/lazyHttpClient.js"
import * as Stdout from "./internal/stdout.js"
import * as Progress from "./Progress.js"

// Logs (--log-level) go to stderr: stdout carries the records only.
const stderrLogs = Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true }))

// Peak memory follows what an export holds, not how long it runs.
HeapGrowth.limit()

// `ledgerkit export ... | head -1`: the writes see the closed pipe and the command ends quietly.
Stdout.reportWritesOnly()

Cli.run(process.argv).pipe(
  // Errors are reported as one line where they are caught; only bugs print a trace.
  Effect.tapDefect((cause) => Console.error(Cause.pretty(cause))),
  Effect.provide(
    Layer.mergeAll(NodeContext.layer, LazyHttpClient.layer(() => import("./HttpClientLive.js")), Progress.layerStderr, stderrLogs)
  ),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    disablePrettyLogger: true,
    teardown: (exit, onExit) => onExit(Cli.exitCode(exit))
  })
)
