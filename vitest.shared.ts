import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { ViteUserConfig } from "vitest/config"

const root = path.dirname(fileURLToPath(import.meta.url))

// Shared by every package's vitest.config.ts.
export const shared: ViteUserConfig = {
  test: {
    setupFiles: [path.join(root, "vitest.setup.ts")],
    include: ["test/**/*.test.ts"],
    fakeTimers: { toFake: undefined },
    sequence: { concurrent: true },
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
}
