import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { KeySet } from "../src/internal/KeySet.js"
import { runs } from "./support.js"

// Few characters and short keys, so that keys repeat, share prefixes and collide in the table.
const narrowKey = fc.string({ unit: fc.constantFrom("a", "b", "\u00ff", "\u0100", "\u{1F600}"), maxLength: 4 })
const anyKey = fc.oneof(narrowKey, fc.string({ unit: "binary", maxLength: 40 }))

describe("KeySet", () => {
  it.prop("answers add as a Set<string> does: true the first time a key comes, false after", [fc.array(anyKey, { maxLength: 3000 })], ([added]) => {
    const keys = new KeySet()
    const reference = new Set<string>()
    for (const key of added) {
      expect(keys.add(key)).toBe(!reference.has(key))
      reference.add(key)
    }
    expect(keys.size).toBe(reference.size)
  }, runs())

  it("keeps a hundred thousand keys exactly, past every growth of its arrays", () => {
    const keys = new KeySet()
    for (let i = 0; i < 100_000; i++) expect(keys.add(`FUNDING_FEE:${i}`)).toBe(true)
    for (let i = 0; i < 100_000; i++) expect(keys.add(`FUNDING_FEE:${i}`)).toBe(false)
    expect(keys.add("FUNDING_FEE:")).toBe(true)
    expect(keys.add("FUNDING_FEE:100000")).toBe(true)
    expect(keys.size).toBe(100_002)
  })
})
