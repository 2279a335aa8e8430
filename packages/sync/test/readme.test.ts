/**
 * The README's library example is `test/sync.example.ts`, verbatim (tsc -b type-checks it).
 */
import { describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"

const read = (name: string) => fs.readFileSync(new URL(name, import.meta.url), "utf8")

describe("README", () => {
  it("shows the example program verbatim", () => {
    const readme = read("../README.md")
    const block = /## Library\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBe(read("sync.example.ts"))
  })
})
