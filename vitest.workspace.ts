// The test projects, one per package. The root vitest.config.ts passes this list to
// `test.projects` (vitest 3.2 deprecates reading this file directly).
export default ["packages/core", "packages/mock-server", "packages/providers", "packages/sync", "packages/cli", "install"]
