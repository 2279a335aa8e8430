/**
 * The packages as a user gets them: `npm pack` every workspace, install the tarballs into
 * an empty folder outside the workspace (offline, from the npm cache that `npm ci`
 * filled, pinned by the workspace's lockfile), then, with plain node and no tsx: walk a
 * history against the installed mock (`consumer/walk.ts`, type-checked by tsc against the
 * installed declarations first), start `ledgerkit-mock serve`, run `ledgerkit export
 * --help`, and check that every import of the packed code resolves to a declared dependency.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import { builtinModules } from "node:module"
import * as Os from "node:os"
import * as Path from "node:path"
import { promisify } from "node:util"

const execFile = promisify(ChildProcess.execFile)
const root = Path.join(import.meta.dirname, "..", "..")
const consumerSources = Path.join(import.meta.dirname, "..", "consumer")
const tsc = Path.join(root, "node_modules", "typescript", "lib", "tsc.js")

// Plain node: without the `@ledgerkit/source` condition the tests give their children.
const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "" }

let dir = ""
const run = (file: string, args: ReadonlyArray<string>, cwd = dir) =>
  execFile(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 })

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
const writeApp = (tarballs: ReadonlyArray<{ readonly name: string; readonly filename: string }>) => {
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

let installed: ReadonlyArray<Manifest> = []


beforeAll(async () => {
  dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "ledgerkit-install-"))
  const { stdout } = await run("npm", ["pack", "--workspaces", "--json", "--pack-destination", dir], root)
  const tarballs: ReadonlyArray<{ readonly name: string; readonly filename: string }> = JSON.parse(stdout)
  writeApp(tarballs)
  await run("npm", ["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"])
  installed = tarballs.map((t) =>
    JSON.parse(Fs.readFileSync(Path.join(dir, "node_modules", t.name, "package.json"), "utf8")) as Manifest
  )
}, 180_000)

afterAll(() => {
  if (dir !== "") Fs.rmSync(dir, { recursive: true, force: true })
})

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
  it("ship compiled JavaScript, declarations and source maps, and no tests", () => {
    for (const manifest of installed) {
      const files = filesUnder(Path.join(dir, "node_modules", manifest.name)).map((f) => Path.basename(f))
      expect(files, manifest.name).toContain("index.js")
      expect(files, manifest.name).toContain("index.d.ts")
      expect(files, manifest.name).toContain("index.js.map")
      expect(files.filter((f) => f.endsWith(".test.ts")), manifest.name).toEqual([])
    }
  })

  it("import only what they declare (dependencies, peers, node builtins)", () => {
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
  })

  it("type-check a strict NodeNext consumer and the API reference's examples; the consumer then walks a history against the mock on plain node", async () => {
    for (const file of Fs.readdirSync(consumerSources)) Fs.copyFileSync(Path.join(consumerSources, file), Path.join(dir, file))
    const found = examples()
    expect(found.length).toBeGreaterThan(0)
    Fs.mkdirSync(Path.join(dir, "examples"))
    for (const example of found) Fs.writeFileSync(Path.join(dir, "examples", example.name), example.code)
    await run(process.execPath, [tsc, "-p", "tsconfig.json"])
    const { stdout } = await run(process.execPath, ["walk.js"])
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
  })

  it("npx ledgerkit-mock serve --port 0 prints its URL first", async () => {
    const child = ChildProcess.spawn("npx", ["--no", "ledgerkit-mock", "serve", "--port", "0"], {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "inherit"]
    })
    const first = await new Promise<string>((resolve, reject) => {
      let out = ""
      child.stdout.setEncoding("utf8").on("data", (text: string) => {
        out += text
        if (out.includes("\n")) resolve(out.split("\n")[0])
      })
      child.on("exit", (code) => reject(new Error(`ledgerkit-mock exited (${code}) before printing a line: ${out}`)))
    }).finally(() => child.kill("SIGTERM"))
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it("npx ledgerkit export --help describes the command", async () => {
    const { stdout } = await run("npx", ["--no", "ledgerkit", "export", "--help"])
    expect(stdout).toContain("--source")
    expect(stdout).toContain("--checkpoint")
  })
})
