/**
 * The shape of the package, kept: everything the mock knows about a provider lives in
 * `src/providers/<provider>/`; outside those folders only `src/providers/index.ts` (the
 * list) names a provider. Provider folders are independent of each other and of the
 * list, the kernel's modules import one another without a circle, and nothing imports
 * the client code (`@ledgerkit/providers`).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"

const src = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "../src")

const files = (dir: string): Array<string> =>
  Fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(Path.join(dir, e.name)) : e.name.endsWith(".ts") ? [Path.join(dir, e.name)] : []
  )

const sources = files(src).map((file) => ({ file: Path.relative(src, file), text: Fs.readFileSync(file, "utf8") }))

// The code of a file without its comments: a doc comment (an API reference example, say) may
// name a provider; code may not.
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")

// Each provider's folder (its id), and the other names its docs go by. Read from the
// files, not imported: the shape is checked even when the code would not load.
const folders = Fs.readdirSync(Path.join(src, "providers"), { withFileTypes: true }).filter((e) => e.isDirectory())
const names = [...folders.map((e) => e.name), "woo x", "bitmart"]

const folderOf = (file: string) => /^providers\/([^/]+)\//.exec(file)?.[1]

/** The modules a file imports at run time (`import type` and `export type` excluded), as paths under src. */
const runtimeImports = (file: string, text: string): Array<string> =>
  Array.from(text.matchAll(/^(?:import|export)(?! type)[^"]*?from "(\.[^"]+)\.js"/gm), (m) =>
    Path.normalize(Path.join(Path.dirname(file), `${m[1]}.ts`)))

describe("the package's shape", () => {
  it("outside src/providers/<provider>/, only the list names a provider", () => {
    const naming = sources
      .filter(({ file }) => folderOf(file) === undefined && file !== Path.join("providers", "index.ts"))
      .flatMap(({ file, text }) => names.filter((n) => code(text).toLowerCase().includes(n)).map((n) => `${file}: ${n}`))
    expect(naming).toEqual([])
  })

  it("each provider has its folder; a provider folder imports no other provider and not the list", () => {
    expect(folders.map((e) => e.name).sort()).toEqual(["binance", "cryptomus", "wooxpro", "zenlayer"])
    for (const e of folders) expect(Fs.existsSync(Path.join(src, "providers", e.name, "index.ts"))).toBe(true)
    const crossing = sources.flatMap(({ file, text }) => {
      const own = folderOf(file)
      if (own === undefined) return []
      return runtimeImports(file, text)
        .filter((target) => target.startsWith("providers/") && folderOf(target) !== own)
        .map((target) => `${file} -> ${target}`)
    })
    expect(crossing).toEqual([])
  })

  it("no import circle, and no client code", () => {
    const graph = new Map(sources.map(({ file, text }) => [file, runtimeImports(file, text)]))
    const circles: Array<string> = []
    const state = new Map<string, "open" | "done">()
    const visit = (file: string, path: ReadonlyArray<string>) => {
      if (state.get(file) === "done") return
      if (state.get(file) === "open") {
        circles.push([...path.slice(path.indexOf(file)), file].join(" -> "))
        return
      }
      state.set(file, "open")
      for (const next of graph.get(file) ?? []) visit(next, [...path, file])
      state.set(file, "done")
    }
    for (const file of graph.keys()) visit(file, [])
    expect(circles).toEqual([])
    expect(sources.filter(({ text }) => text.includes("@ledgerkit/providers")).map(({ file }) => file)).toEqual([])
  })
})
