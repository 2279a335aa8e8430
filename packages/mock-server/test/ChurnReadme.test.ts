/**
 * The README's downstream property test under churn ("Data that moves"), run as written:
 * the block between the README markers below is the README's, verbatim (checked), inside
 * the layer a downstream app would give it. `walk` is that app's own Zenlayer client,
 * written from the provider docs alone (no client package): each time window read in one
 * request, halved while a page comes back full, with a pause on the clock between
 * requests so that the data moves under the walk.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { Arbitraries, Testkit } from "@ledgerkit/mock-server"
import { Clock, Effect, FastCheck, TestClock } from "effect"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Client from "./support/client.js"
import { driveClock } from "./support/clock.js"

const anchor = Date.UTC(2024, 5, 1)
const DAY = 86_400_000
const pageSize = 50
const dataset = { _tag: "Generated", seed: 5, rows: 150, anchor } as const

// --- the app's own client -------------------------------------------------------------------

interface Page {
  readonly response: { readonly dataSet: ReadonlyArray<{ readonly transactionId: string }> }
}

const isoSecond = (second: number) => new Date(second * 1000).toISOString().replace(".000Z", "Z")

/**
 * Every transactionId from the start of the dataset to the end of the current second, in
 * the order delivered. The end is frozen, and waited out, before the first request:
 * records that arrive later are after it. Each window of whole seconds is read in ONE
 * request (so nothing that moves between requests can shift a page under it); a full
 * page means the window may hold more, so it is halved and asked again.
 */
const windows = (baseUrl: string) =>
  Effect.gen(function*() {
    const now = yield* Clock.currentTimeMillis
    const end = Math.floor(now / 1000)
    yield* Effect.sleep((end + 1) * 1000 - now)
    const ids: Array<string> = []
    let start = Math.floor((anchor - 91 * DAY) / 1000)
    let span = end - start + 1
    while (start <= end) {
      const last = Math.min(end, start + span - 1)
      const body = { startTime: isoSecond(start), endTime: isoSecond(last), pageSize, pageNum: 1 }
      const reply = yield* Client.zenlayerPost(baseUrl, body, Client.keys.zenlayer, Math.floor((yield* Clock.currentTimeMillis) / 1000))
      if (reply.status !== 200) return yield* Effect.dieMessage(`HTTP ${reply.status}: ${reply.text}`)
      const rows = (reply.body as Page).response.dataSet
      yield* Effect.sleep("3 seconds") // a polite pause; the data moves meanwhile
      if (rows.length >= pageSize) {
        if (span === 1) return yield* Effect.dieMessage(`more than ${pageSize} records in the second ${isoSecond(start)}`)
        span = Math.ceil(span / 2)
        continue
      }
      ids.push(...rows.map((r) => r.transactionId))
      start = last + 1
      span *= 2
    }
    return ids
  })

/** The app's walk, its clock driven as the test needs (each pause passes at once). */
const walk = (baseUrl: string) => driveClock(windows(baseUrl))

// --- the README's example -------------------------------------------------------------------

const testFile = Fs.readFileSync(import.meta.filename, "utf8")
const readme = Fs.readFileSync(Path.join(import.meta.dirname, "..", "README.md"), "utf8")

/** The first ```ts block of the README section `heading`. */
const readmeBlock = (heading: string) => {
  const section = readme.slice(readme.indexOf(`\n## ${heading}\n`))
  return /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? ""
}

/** The lines between `// README:begin` and `// README:end` of this file, de-indented. */
const markedBlock = () => {
  const lines = testFile.split("\n")
  const body = lines.slice(lines.findIndex((l) => l.trim() === "// README:begin") + 1, lines.findIndex((l) => l.trim() === "// README:end"))
  const indent = Math.min(...body.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length))
  return body.map((l) => l.slice(indent)).join("\n") + "\n"
}

// Each run walks over HTTP: the run count is the suite's (`LEDGERKIT_PROP_RUNS`), not 100.
FastCheck.configureGlobal({ numRuns: Client.propRuns(10) })

describe.sequential("README: a downstream property test that walks during churn", () => {
  it("is the README's block, verbatim", () => {
    expect(readmeBlock("Data that moves (churn)")).toContain("it.effect.prop(")
    expect(markedBlock()).toBe(readmeBlock("Data that moves (churn)"))
  })

  layer(Testkit.layer({ dataset }))((it) => {
    it.effect("the dataset is the generated one, and the clock starts at its anchor", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(anchor)
        const mock = yield* Testkit.MockServer
        const ids = (yield* mock.admin.records("zenlayer.recharge-refund")).map((l) => (JSON.parse(l) as { transactionId: string }).transactionId)
        const generated = Arbitraries.generate({ seed: 5, rows: 150, anchor }).tables["zenlayer.recharge-refund"].records
        expect(ids.sort()).toEqual(generated.map((r) => r.transactionId).sort())
      }))

    // README:begin
    it.effect.prop("every record present for the whole walk arrives exactly once", [FastCheck.integer({ min: 0, max: 1000 })], ([seed]) =>
      Effect.gen(function*() {
        const mock = yield* Testkit.MockServer
        yield* mock.admin.reset // every run from the same dataset, so that a failing seed replays
        const id = "zenlayer.recharge-refund"
        const key = (line: string) => (JSON.parse(line) as { transactionId: string }).transactionId
        const before = new Set((yield* mock.admin.records(id)).map(key))
        yield* mock.admin.churn({ seed, endpoints: { [id]: { arrive: 60, settle: 30, correct: 10, remove: 5 } } })
        const walked = yield* walk(mock.baseUrl) // the app's client, its ids in the order delivered
        const after = new Set((yield* mock.admin.records(id)).map(key))
        const removed = new Set((yield* mock.admin.changes(id)).filter((c) => c.kind === "removed").map((c) => c.identity))
        expect(new Set(walked).size).toBe(walked.length) // no repeats
        for (const t of before) if (after.has(t) && !removed.has(t)) expect(walked).toContain(t) // none lost
        yield* mock.admin.churn(undefined)
      }))
    // README:end
  })
})
