import { defineConfig } from "vitest/config"
import projects from "./vitest.workspace.js"

export default defineConfig({
  test: {
    projects,
    // Vitest's default on 2 cores is one worker (cores - 1); many tests wait on child
    // processes and sockets (the mock, the CLI, PostgreSQL), so two keep both cores busy.
    maxWorkers: 2,
    minWorkers: 1
  }
})
