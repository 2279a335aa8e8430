/**
 * The packages as a user gets them: `npm pack` every workspace, install the tarballs into
 * an empty folder outside the workspace (offline, from the npm cache that `npm ci`
 * filled, pinned by the workspace's lockfile), then, with plain node and no tsx: walk a
 * history against the installed mock (`consumer/walk.ts`, type-checked by tsc against the
 * installed declarations first), start `ledgerkit-mock serve`, run `ledgerkit export
 * --help`, and check that every import of the packed code resolves to a declared dependency.
 * The temp dir and every process started (npx and what it runs) are gone when the file
 * ends, pass or fail.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, layer } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import * as Fs from "node:fs"
import { builtinModules } from "node:module"
import * as Path from "node:path"
import { exec, firstLine, groupAlive, spawnScoped } from "./Processes.js"

const root = Path.join(import.meta.dirname, "..", "..")
const consumerSources = Path.join(import.meta.dirname, "..", "consumer")
const tsc = Path.join(root, "node_modules", "typescript", "lib", "tsc.js")

// Plain node: without the `@ledgerkit/source` condition the tests give their children.
const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "" }

interface Manifest {
  readonly name: string
  readonly version: string
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
}

/**
 * The app's package.json and a lockfile: the tarballs, and every other package pinned to
 * what the workspace's lockfile resolved, so an offline install finds it in the cache.
 */
const writeApp = (dir: string, tarballs: ReadonlyArray<{ readonly name: string; readonly filename: string }>) => {
  const lock = JSON.parse(Fs.readFileSync(Path.join(root, "package-lock.json"), "utf8"))
  const dependencies: Record<string, string> = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.filename}`]))
  dependencies["@types/node"] = lock.packages["node_modules/@types/node"].version
  const packages: Record<string, unknown> = { "": { name: "ledgerkit-app", dependencies } }
  for (const [path, entry] of Object.entries<{ readonly link?: boolean }>(lock.packages)) {
    if (path.startsWith("node_modules/") && entry.link !== true) packages[path] = entry
  }
  Fs.writeFileSync(Path.join(dir, "package.json"), JSON.stringify({ name: "ledgerkit-app", private: true, type: "module", dependencies }))
  Fs.writeFileSync(Path.join(dir, "package-lock.json"), JSON.stringify({ name: "ledgerkit-app", lockfileVersion: 3, requires: true, packages }))
}

/** The app folder with the tarballs installed, and their manifests as installed. */
class App extends Context.Tag("install/App")<App, {
  readonly dir: string
  readonly installed: ReadonlyArray<Manifest>
  /** Runs a command in the app folder. */
  readonly run: (file: string, args: ReadonlyArray<string>) => ReturnType<typeof exec>
}>() {}

// The temp dir lives as long as the layer's scope: removed after the last test, or when
// packing or installing fails (the commands' own groups are ended first).
const AppLive = Layer.scoped(
  App,
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped({ prefix: "ledgerkit-install-" })
    const run = (file: string, args: ReadonlyArray<string>, cwd = dir) => exec(file, args, { cwd, env })
    const { stdout } = yield* run("npm", ["pack", "--workspaces", "--json", "--pack-destination", dir], root)
    const tarballs: ReadonlyArray<{ readonly name: string; readonly filename: string }> = JSON.parse(stdout)
    writeApp(dir, tarballs)
    yield* run("npm", ["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"])
    const installed = tarballs.map((t) =>
      JSON.parse(Fs.readFileSync(Path.join(dir, "node_modules", t.name, "package.json"), "utf8")) as Manifest
    )
    return { dir, installed, run: (file, args) => run(file, args) }
  })
).pipe(Layer.provide(NodeContext.layer))

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`. */
const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/")

const filesUnder = (folder: string): ReadonlyArray<string> =>
  Fs.readdirSync(folder, { recursive: true, encoding: "utf8" }).map((f) => Path.join(folder, f))

/**
 * The `@example` blocks of every package's doc comments, one module each. As in docgen,
 * `assert` (node:assert) is in scope.
 */
const examples = (): ReadonlyArray<{ readonly name: string; readonly code: string }> =>
  Fs.readdirSync(Path.join(root, "packages")).flatMap((pkg) => {
    const src = Path.join(root, "packages", pkg, "src")
    if (!Fs.existsSync(src)) return []
    return filesUnder(src).filter((f) => f.endsWith(".ts")).flatMap((file) =>
      [...Fs.readFileSync(file, "utf8").matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)].map((m, i) => ({
        name: `${pkg}-${Path.relative(src, file).replace(/[/.]/g, "-")}-${i}.ts`,
        code: `import * as assert from "node:assert"\n${m[1].replace(/^\s*\* ?/gm, "")}\n`
      }))
    )
  })

// Static imports and re-exports (tsc writes them at the start of a line, so doc comments
// are left out) and the `import("...")` types of declarations; relative paths are skipped.
const importRe = /^(?:import|export)\b[^;]*?from\s*"([^"./][^"]*)"|^import\s*"([^"./][^"]*)"|\bimport\("([^"./][^"]*)"\)/gm

describe.sequential("the packed packages, installed", () => {
  // Live clock: the commands' timeouts are real time.
  layer(AppLive, { timeout: "240 seconds", excludeTestServices: true })((it) => {
    it.effect("ship compiled JavaScript, declarations and source maps, and no tests", () =>
      Effect.gen(function*() {
        const { dir, installed } = yield* App
        for (const manifest of installed) {
          const files = filesUnder(Path.join(dir, "node_modules", manifest.name)).map((f) => Path.basename(f))
          expect(files, manifest.name).toContain("index.js")
          expect(files, manifest.name).toContain("index.d.ts")
          expect(files, manifest.name).toContain("index.js.map")
          expect(files.filter((f) => f.endsWith(".test.ts")), manifest.name).toEqual([])
        }
      }))

    it.effect("import only what they declare (dependencies, peers, node builtins)", () =>
      Effect.gen(function*() {
        const { dir, installed } = yield* App
        const builtins = new Set(builtinModules)
        for (const manifest of installed) {
          const declared = new Set([manifest.name, ...Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })])
          const dist = Path.join(dir, "node_modules", manifest.name, "dist")
          const undeclared = filesUnder(dist)
            .filter((f) => f.endsWith(".js") || f.endsWith(".d.ts"))
            .flatMap((f) => [...Fs.readFileSync(f, "utf8").matchAll(importRe)].map((m) => m[1] ?? m[2] ?? m[3]))
            .filter((s) => !s.startsWith("node:") && !builtins.has(s) && !declared.has(packageOf(s)))
          expect([...new Set(undeclared)], manifest.name).toEqual([])
        }
      }))

    it.effect("type-check a strict NodeNext consumer and the API reference's examples; the consumer then walks a history against the mock on plain node", () =>
      Effect.gen(function*() {
        const { dir, run } = yield* App
        for (const file of Fs.readdirSync(consumerSources)) Fs.copyFileSync(Path.join(consumerSources, file), Path.join(dir, file))
        const found = examples()
        expect(found.length).toBeGreaterThan(0)
        Fs.mkdirSync(Path.join(dir, "examples"))
        for (const example of found) Fs.writeFileSync(Path.join(dir, "examples", example.name), example.code)
        yield* run(process.execPath, [tsc, "-p", "tsconfig.json"])
        const { stdout } = yield* run(process.execPath, ["walk.js"])
        const lines = stdout.trim().split("\n").map((line) => JSON.parse(line))
        const requests = lines.pop()
        const byId = [...lines].sort((a, b) => a.id.localeCompare(b.id))
        expect(byId).toEqual([
          { id: "119973028551", time: "2022-10-26T04:07:58Z", amount: "-0.018" },
          { id: "119973601721", time: "2022-10-26T04:23:09Z", amount: "-0.018" },
          { id: "119977966327", time: "2022-10-26T06:08:25Z", amount: "-0.027" },
          { id: "119991507468", time: "2022-10-26T09:26:06Z", amount: "0.027" },
          { id: "121230610120", time: "2022-11-08T04:01:52Z", amount: "-25.0068" }
        ])
        // Five records two a page: at least three pages were asked for.
        expect(requests.requests).toBeGreaterThanOrEqual(3)
      }))

    it.effect("npx ledgerkit-mock serve --port 0 prints its URL first, and leaves no process behind", () =>
      Effect.gen(function*() {
        const { dir } = yield* App
        const pgid = yield* Effect.scoped(Effect.gen(function*() {
          const child = yield* spawnScoped("npx", ["--no", "ledgerkit-mock", "serve", "--port", "0"], { cwd: dir, env })
          expect(yield* Effect.timeout(firstLine(child), "60 seconds")).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
          return child.pid!
        }))
        // The scope ended the whole group (npx on SIGTERM alone left the server running).
        expect(groupAlive(pgid)).toBe(false)
      }))

    it.effect("npx ledgerkit export --help describes the command", () =>
      Effect.gen(function*() {
        const { run } = yield* App
        const { stdout } = yield* run("npx", ["--no", "ledgerkit", "export", "--help"])
        expect(stdout).toContain("--source")
        expect(stdout).toContain("--checkpoint")
      }))
  })
})
