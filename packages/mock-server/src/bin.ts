#!/usr/bin/env node
/**
 * `ledgerkit-mock serve [flags]` (the root `npm start` runs this with `serve`).
 *
 * @since 0.1.0
 */
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Effect } from "effect"
import { run } from "./Cli.js"

run(process.argv).pipe(Effect.provide(NodeContext.layer), NodeRuntime.runMain)
