/** Where the benchmarks write. */
import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import { render } from "./report.js"
import type { Results, SoakResults } from "./results.js"
import type { StartupResults } from "./startup.js"
import { startupSection } from "./startupReport.js"

export const paths = {
  results: fileURLToPath(new URL("../results.json", import.meta.url)),
  soak: fileURLToPath(new URL("../soak-results.json", import.meta.url)),
  startup: fileURLToPath(new URL("../startup-results.json", import.meta.url)),
  markdown: fileURLToPath(new URL("../../BENCHMARKS.md", import.meta.url)),
  scratch: fileURLToPath(new URL("../.bench-tmp/", import.meta.url))
}

const read = <A>(file: string): A | undefined => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as A) : undefined)

export const writeJson = (file: string, value: unknown) => fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`)

/** BENCHMARKS.md from the last results of the scripts (the bench's are needed). */
export const writeMarkdown = () => {
  const results = read<Results>(paths.results)
  if (results === undefined) return false
  fs.writeFileSync(paths.markdown, render(results, read<SoakResults>(paths.soak)) + startupSection(read<StartupResults>(paths.startup)))
  return true
}
