import { defineProject, mergeConfig } from "vitest/config"
import { shared } from "../../vitest.shared.js"

// The PostgreSQL tests need a server (LEDGERKIT_PG_URL); without one, test/pgNotice.ts
// says in one line which tests did not run.
const withoutPg = process.env.LEDGERKIT_PG_URL === undefined || process.env.LEDGERKIT_PG_URL === ""

export default mergeConfig(
  shared,
  defineProject({
    test: {
      name: "sync",
      globalSetup: ["test/pgNotice.ts"],
      exclude: withoutPg ? ["test/**/*.pg.test.ts"] : []
    }
  })
)
