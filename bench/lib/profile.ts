/**
 * CPU profiles of this process through the inspector (the same V8 sampling profiler as
 * `node --cpu-prof`, started and stopped around the part being measured), summarised as
 * the functions with the most self time.
 */
import * as fs from "node:fs"
import * as inspector from "node:inspector"
import * as path from "node:path"
import type { Hotspot, ProfileSummary } from "./protocol.js"

interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
}
interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
  readonly startTime: number
  readonly endTime: number
}

const post = <A>(session: inspector.Session, method: string, params: object = {}) =>
  new Promise<A>((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as A)))
  )

// Shortens a file URL to the part a reader recognises: the package and file.
const where = (frame: CallFrame) => {
  if (frame.url === "") return ""
  const file = frame.url.replace(/^file:\/\//, "")
  const marker = file.lastIndexOf("/node_modules/")
  const short = marker >= 0 ? file.slice(marker + "/node_modules/".length) : file.replace(/^.*\/(packages|bench)\//, "$1/")
  return `${short}:${frame.lineNumber + 1}`
}

/** A named part of the call tree: every call of a matching frame, with all it calls. */
export interface Group {
  readonly label: string
  readonly matches: (frame: CallFrame) => boolean
}

/** The groups every summary reports (inclusive time). */
export const groups: ReadonlyArray<Group> = [
  {
    label: "Schema.Class constructors validating their fields (effect Schema `klass` -> `ParseResult.validateSync`)",
    matches: (f) => f.functionName === "klass" && f.url.includes("effect/dist/esm/Schema.js")
  },
  {
    label: "effect Schema parsers: decoding records, validating (outermost `ParseResult` frames)",
    matches: (f) => f.url.includes("effect/dist/esm/ParseResult.js")
  },
  {
    label: "the providers' HTTP exchange: send, read, parse, decode a page (`providers/src/internal/http.ts`)",
    matches: (f) => f.url.includes("providers/src/internal/http.ts")
  },
  { label: "JSON.parse", matches: (f) => f.functionName === "parse" && f.url === "" },
  { label: "garbage collection", matches: (f) => f.functionName === "(garbage collector)" }
]

/** Self time per function (name and place), largest first; idle time left out. */
export const summarize = (profile: Profile, top = 15): ProfileSummary => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  // The profiler's own work (stopping and serialising the profile through the inspector) is left out.
  const excluded = new Set<number>()
  const exclude = (id: number) => {
    excluded.add(id)
    for (const child of byId.get(id)?.children ?? []) exclude(child)
  }
  for (const node of profile.nodes) if (node.callFrame.url === "node:inspector") exclude(node.id)
  const self = new Map<string, { name: string; where: string; micros: number }>()
  let total = 0
  profile.samples.forEach((sample, i) => {
    const node = byId.get(sample)
    const delta = profile.timeDeltas[i] ?? 0
    if (node === undefined || node.callFrame.functionName === "(idle)" || excluded.has(sample)) return
    total += delta
    const name = node.callFrame.functionName === "" ? "(anonymous)" : node.callFrame.functionName
    const key = `${name} ${where(node.callFrame)}`
    const entry = self.get(key) ?? { name, where: where(node.callFrame), micros: 0 }
    entry.micros += delta
    self.set(key, entry)
  })
  const hotspots: Array<Hotspot> = [...self.values()]
    .sort((a, b) => b.micros - a.micros)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfMillis: e.micros / 1000, share: total === 0 ? 0 : e.micros / total }))
  // Inclusive time of each group (a call inside another call of the same group counts once).
  const selfOf = new Map<number, number>()
  profile.samples.forEach((sample, i) => selfOf.set(sample, (selfOf.get(sample) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const inclusive = new Map<number, number>()
  const inclusiveOf = (id: number): number => {
    const known = inclusive.get(id)
    if (known !== undefined) return known
    const node = byId.get(id)!
    if (excluded.has(id)) {
      inclusive.set(id, 0)
      return 0
    }
    const value = (node.callFrame.functionName === "(idle)" ? 0 : selfOf.get(id) ?? 0) +
      (node.children ?? []).reduce((sum, child) => sum + inclusiveOf(child), 0)
    inclusive.set(id, value)
    return value
  }
  const grouped = groups.map((group) => {
    let micros = 0
    const visit = (id: number) => {
      const node = byId.get(id)!
      if (group.matches(node.callFrame)) micros += inclusiveOf(id)
      else for (const child of node.children ?? []) visit(child)
    }
    if (profile.nodes.length > 0) visit(profile.nodes[0].id)
    return { label: group.label, millis: micros / 1000, share: total === 0 ? 0 : micros / total }
  })
  // Self time by file: which package the time is spent in.
  const files = new Map<string, number>()
  for (const e of self.values()) {
    const file = e.where !== "" ? e.where.replace(/:\d+$/, "") : e.name.startsWith("(") ? e.name : `(${e.name})`
    files.set(file, (files.get(file) ?? 0) + e.micros)
  }
  const byFile = [...files].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([file, micros]) => ({
    file,
    millis: micros / 1000,
    share: total === 0 ? 0 : micros / total
  }))
  return { totalMillis: total / 1000, top: hotspots, groups: grouped, byFile }
}

/** A profiler of this process. */
export const profiler = () => {
  let session: inspector.Session | undefined
  return {
    start: async () => {
      session = new inspector.Session()
      session.connect()
      await post(session, "Profiler.enable")
      await post(session, "Profiler.setSamplingInterval", { interval: 500 })
      await post(session, "Profiler.start")
    },
    /** Stops, writes the raw profile to `file` when given (`.cpuprofile`, opens in DevTools), summarises. */
    stop: async (file?: string): Promise<ProfileSummary> => {
      if (session === undefined) throw new Error("the profiler was not started")
      const { profile } = await post<{ profile: Profile }>(session, "Profiler.stop")
      session.disconnect()
      session = undefined
      if (file !== undefined) {
        fs.mkdirSync(path.dirname(file), { recursive: true })
        fs.writeFileSync(file, JSON.stringify(profile))
      }
      return { ...summarize(profile), file }
    }
  }
}
