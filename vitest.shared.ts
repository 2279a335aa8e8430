import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { ViteUserConfig } from "vitest/config"

const root = path.dirname(fileURLToPath(import.meta.url))

// Tests run the workspace packages from their TypeScript sources: each package's exports
// map the `@ledgerkit/source` condition to src/ (plain node gets the compiled dist/). The
// processes a test starts (tsx examples, the bins) inherit the condition through
// NODE_OPTIONS. The other conditions are vite's server defaults, which a list replaces.
const source = "@ledgerkit/source"
const conditions = [source, "module", "node", "development|production"]

// Shared by every package's vitest.config.ts.
export const shared: ViteUserConfig = {
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    setupFiles: [path.join(root, "vitest.setup.ts")],
    include: ["test/**/*.test.ts"],
    env: { NODE_OPTIONS: [process.env.NODE_OPTIONS, `--conditions=${source}`].filter(Boolean).join(" ") },
    fakeTimers: { toFake: undefined },
    sequence: { concurrent: true },
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
}
