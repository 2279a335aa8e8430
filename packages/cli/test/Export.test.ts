/**
 * The export over in-memory sources: order, exactly once, nothing half-written, and
 * kill-and-resume with a checkpoint.
 */
import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { expect, layer } from "@effect/vitest"
import { Errors, LedgerEntry } from "@ledgerkit/core"
import * as Ledger from "@ledgerkit/providers/Ledger"
import type * as Source from "@ledgerkit/providers/Source"
import { DateTime, Duration, Effect, FastCheck as fc, Layer, Option, Stream } from "effect"
import * as path from "node:path"
import * as Checkpoint from "../src/Checkpoint.js"
import * as Export from "../src/Export.js"
import type * as Format from "../src/Format.js"
import { capturedProgress, entry, fakeSource, keysOf, parseCsv, parseNdjson, propRuns } from "./support.js"

const hour = 3_600_000
const from = Date.UTC(2024, 2, 1)
const range = { from: DateTime.unsafeMake(from), to: DateTime.unsafeMake(from + 72 * hour) }
const ids: ReadonlyArray<Source.SourceId> = ["binance.um-income", "cryptomus.transactions", "zenlayer.recharge-refund"]

// Three sources over three days; a third of the entries share a few instants.
const history = fc.tuple(
  ...ids.map(() => fc.array(fc.tuple(fc.integer({ min: 0, max: 72 * hour - 1 }), fc.boolean()), { maxLength: 25 }))
).map((perSource) =>
  perSource.map((times, s) =>
    times.map(([t, tie], n) => entry(ids[s], `${n}`, from + (tie ? t - (t % (8 * hour)) : t), `${n}.${"0".repeat(n % 12)}1`))
  )
)

const fixed = ids.map((id, s) =>
  Array.from({ length: 12 }, (_, n) => entry(id, `${n}`, from + ((n * 7 + s * 3) % 72) * hour + (n % 3), n === 0 ? "-0.000000000000000001" : `-${n}.${s}0`))
)

const request = (dir: string, options: Partial<Export.Request> = {}): Export.Request => ({
  sources: "all",
  range,
  format: "ndjson",
  order: "time",
  window: Option.some(Duration.hours(6)),
  out: Option.some(path.join(dir, "out.ndjson")),
  checkpoint: Option.none(),
  ...options
})

const layerOf = (sources: ReadonlyArray<Source.Source>) =>
  Layer.mergeAll(Ledger.layer(sources), NodeContext.layer, capturedProgress().layer)

const expectedKeys = (perSource: ReadonlyArray<ReadonlyArray<LedgerEntry.LedgerEntry>>, order: Ledger.Order) =>
  (order === "time"
    ? perSource.flat().sort(LedgerEntry.byTime)
    : perSource.flatMap((all) => [...all].sort(LedgerEntry.byTime))).map((e) => `${e.source}/${e.id}`)

const readText = (file: string) => Effect.flatMap(FileSystem.FileSystem, (fs) => fs.readFileString(file))

layer(NodeContext.layer)("Export", (it) => {
  it.scoped("writes every entry once, in time order or source order, as NDJSON and CSV", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      for (const order of ["time", "source"] as const) {
        for (const format of ["ndjson", "csv"] as const) {
          const out = path.join(dir, `out.${order}.${format}`)
          const fakes = ids.map((id, s) => fakeSource(id, fixed[s]))
          const step = yield* Export.run(request(dir, { order, format, out: Option.some(out) })).pipe(
            Effect.provide(layerOf(fakes.map((f) => f.source)))
          )
          const text = yield* readText(out)
          expect(keysOf(format, text)).toEqual(expectedKeys(fixed, order))
          expect(step.state.records).toBe(36)
          expect(step.state.complete).toBe(true)
        }
      }
      // Exact amounts, ISO-8601 UTC times, the same entry in both formats.
      const ndjson = parseNdjson(yield* readText(path.join(dir, "out.time.ndjson")))
      const csv = parseCsv(yield* readText(path.join(dir, "out.time.csv")))
      expect(csv[0]).toEqual(["time", "source", "id", "kind", "provider_type", "asset", "amount", "status", "symbol", "references"])
      expect(ndjson.map((r) => [r.time, r.source, r.id, r.amount])).toEqual(csv.slice(1).map((r) => [r[0], r[1], r[2], r[6]]))
      expect(ndjson[0]).toMatchObject({ time: "2024-03-01T00:00:00.000Z", source: "binance.um-income", id: "0", amount: "-0.000000000000000001" })
      expect(csv.slice(1).map((r) => JSON.parse(r[9]))).toEqual(ndjson.map((r) => r.references))
      // Only the output files: no temporary file is left behind.
      expect((yield* fs.readDirectory(dir)).sort()).toEqual(
        ["out.source.csv", "out.source.ndjson", "out.time.csv", "out.time.ndjson"]
      )
    }))

  it.scoped("a failure leaves --out as it was and no partial file", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const out = path.join(dir, "out.ndjson")
      yield* fs.writeFileString(out, "the previous export\n")
      const fakes = ids.map((id, s) => fakeSource(id, fixed[s]))
      const refused = new Errors.Unavailable({ source: "cryptomus.transactions", status: 503, reason: "HTTP 503" })
      fakes[1].failOnceFrom(from + 24 * hour, refused)
      const error = yield* Effect.flip(Export.run(request(dir)).pipe(Effect.provide(layerOf(fakes.map((f) => f.source)))))
      expect(error).toEqual(refused)
      expect(yield* readText(out)).toBe("the previous export\n")
      expect(yield* fs.readDirectory(dir)).toEqual(["out.ndjson"])
    }))

  it.scoped("a finished checkpoint is marked complete, and a rerun fetches nothing", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const checkpoint = path.join(dir, "cp.json")
      const fakes = ids.map((id, s) => fakeSource(id, fixed[s]))
      const layer = layerOf(fakes.map((f) => f.source))
      const asResumable = request(dir, { checkpoint: Option.some(checkpoint), format: "csv" })
      yield* Effect.provide(Export.run(asResumable), layer)
      const saved = Option.getOrThrow(yield* Checkpoint.read(checkpoint))
      expect(saved.complete).toBe(true)
      expect(saved.records).toBe(36)
      expect(saved.bytes).toBe(Number((yield* fs.stat(path.join(dir, "out.ndjson"))).size))
      expect(Object.values(saved.sources).map((s) => s.records)).toEqual([12, 12, 12])
      const asked = fakes.map((f) => f.asked.length)
      const again = yield* Effect.provide(Export.run(asResumable), layer)
      expect(again.alreadyComplete).toBe(true)
      expect(fakes.map((f) => f.asked.length)).toEqual(asked)
    }))

  it.scoped("a checkpoint of another export is refused before anything is fetched or written", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const checkpoint = Option.some(path.join(dir, "cp.json"))
      const fakes = ids.map((id, s) => fakeSource(id, fixed[s]))
      const layer = layerOf(fakes.map((f) => f.source))
      yield* Stream.runDrain(Export.steps(request(dir, { checkpoint })).pipe(Stream.take(2))).pipe(Effect.provide(layer))
      const before = yield* readText(path.join(dir, "out.ndjson"))
      const asked = fakes.map((f) => f.asked.length)
      const other = request(dir, { checkpoint, range: { ...range, to: DateTime.unsafeMake(from + 48 * hour) } })
      const error = yield* Effect.flip(Effect.provide(Export.run(other), layer))
      expect(error._tag).toBe("CheckpointError")
      expect(error.message).toContain("belongs to another export")
      expect(yield* readText(path.join(dir, "out.ndjson"))).toBe(before)
      expect(fakes.map((f) => f.asked.length)).toEqual(asked)
    }))

  it.scoped("an unconfigured source is refused before anything is fetched", () =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const fakes = ids.map((id, s) => fakeSource(id, fixed[s]))
      const error = yield* Effect.flip(
        Export.run(request(dir, { sources: ["wooxpro.contract-transactions"] })).pipe(
          Effect.provide(layerOf(fakes.map((f) => f.source)))
        )
      )
      expect(error.message).toBe("wooxpro.contract-transactions is not configured; set WOOXPRO_API_KEY, or use --mock URL")
      expect(fakes.flatMap((f) => f.asked)).toEqual([])
      expect(yield* fs.readDirectory(dir)).toEqual([])
    }))

  // A scenario: where each run stops, what a kill leaves behind, and what fails.
  const kills = fc.array(
    fc.record({
      // Whole batches written (and checkpointed) before the run stops.
      batches: fc.integer({ min: 0, max: 30 }),
      // Bytes of a batch that was being written when the process died (never checkpointed).
      torn: fc.option(fc.string({ unit: fc.constantFrom("{", "\"", ",", "a", "\n", "\r", "é"), maxLength: 40 }), { nil: undefined }),
      // A half-written checkpoint replacement left beside the checkpoint.
      tornCheckpoint: fc.boolean(),
      // A source fails (retries exhausted) instead of the run being killed.
      failAt: fc.option(fc.integer({ min: 0, max: 71 }), { nil: undefined })
    }),
    { maxLength: 4 }
  )

  it.scoped.prop(
    "killed after any number of batches, any number of times, then resumed: every entry exactly once",
    [history, kills, fc.constantFrom<Format.Format>("ndjson", "csv"), fc.constantFrom<Ledger.Order>("time", "source")],
    ([perSource, scenario, format, order]) =>
      Effect.gen(function*() {
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const out = path.join(dir, "out")
        const checkpoint = path.join(dir, "cp.json")
        const fakes = ids.map((id, s) => fakeSource(id, perSource[s]))
        const layer = layerOf(fakes.map((f) => f.source))
        const resumable = request(dir, { format, order, out: Option.some(out), checkpoint: Option.some(checkpoint) })
        for (const kill of scenario) {
          const saved = yield* Checkpoint.read(checkpoint)
          for (const f of fakes) f.asked.length = 0
          if (kill.failAt !== undefined) {
            const s = kill.failAt % 3
            fakes[s].failOnceFrom(from + kill.failAt * hour, new Errors.Unavailable({ source: ids[s], reason: "test" }))
          }
          yield* Export.steps(resumable).pipe(Stream.take(kill.batches), Stream.runDrain, Effect.ignore, Effect.provide(layer))
          // A resumed run asks nothing before the window holding its position (time order).
          const position = Option.flatMap(saved, (c) => Option.fromNullable(c.position))
          if (order === "time" && Option.isSome(position) && Option.isSome(saved) && !saved.value.complete) {
            const t = DateTime.toEpochMillis(position.value.time)
            const holding = from + Math.floor((t - from) / (6 * hour)) * 6 * hour
            for (const f of fakes) for (const [lo] of f.asked) expect(lo).toBeGreaterThanOrEqual(holding)
          }
          // A kill can leave bytes past the last checkpointed batch, never after completion.
          const after = yield* Checkpoint.read(checkpoint)
          const running = Option.isNone(after) || !after.value.complete
          if (kill.torn !== undefined && running && (yield* fs.exists(out))) {
            yield* fs.writeFileString(out, kill.torn, { flag: "a" })
          }
          if (kill.tornCheckpoint) yield* fs.writeFileString(`${checkpoint}.tmp`, "{\"ledgerkitCheck")
        }
        for (const f of fakes) f.heal()
        const final = yield* Effect.provide(Export.run(resumable), layer)
        expect(keysOf(format, yield* readText(out))).toEqual(expectedKeys(perSource, order))
        expect(final.state.complete).toBe(true)
        expect(Option.getOrThrow(yield* Checkpoint.read(checkpoint)).complete).toBe(true)
      }),
    { fastCheck: { numRuns: propRuns(25) } }
  )
})
