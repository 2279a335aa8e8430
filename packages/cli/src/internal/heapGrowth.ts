/**
 * How far V8 lets the heap grow past what a collection left alive.
 *
 * An export holds little (one key per record, the page in hand) but allocates a lot that
 * dies young (page bodies, parsed rows, output lines). V8's default grows the old space
 * up to four times what survived, so over a long export garbage piles up to hundreds of
 * MiB before it is collected: peak RSS then grows with the length of the history, not
 * with what is held. Growing by 30% keeps it flat for about a tenth more GC time.
 * A `--heap-growing-percent` given to node (NODE_OPTIONS, execArgv) wins.
 */
import * as v8 from "node:v8"

export const percent = 30

export const limit = (): void => {
  const given = [...process.execArgv, process.env["NODE_OPTIONS"] ?? ""].some((arg) => arg.includes("heap-growing-percent") || arg.includes("heap_growing_percent"))
  if (!given) v8.setFlagsFromString(`--heap-growing-percent=${percent}`)
}
