#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npx ledgerkit` works in the workspace
// without a build.
import { register } from "tsx/esm/api"

register()
await import("../src/bin.ts")
