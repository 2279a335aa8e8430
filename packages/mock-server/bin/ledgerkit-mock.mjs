#!/usr/bin/env node
// The package runs from its TypeScript sources (no build step in the workspace), so the
// bin registers tsx and hands over to src/bin.ts.
import { register } from "tsx/esm/api"

register()
await import("../src/bin.ts")
