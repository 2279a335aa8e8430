/** Small statistics and timing helpers. */

export const median = (values: ReadonlyArray<number>): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Wall time and this process's CPU time of an async function. */
export const timed = async <A>(f: () => Promise<A>): Promise<{ value: A; millis: number; cpuMillis: number }> => {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await f()
  const millis = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { value, millis, cpuMillis: (used.user + used.system) / 1000 }
}

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`)

/**
 * Runs `a` and `b` one after the other, `a` first in even rounds and `b` first in odd
 * ones, so that neither always runs on a warmer (or more tired) machine.
 */
export const alternate = async <A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> => {
  if (round % 2 === 0) {
    const x = await a()
    return [x, await b()]
  }
  const y = await b()
  return [await a(), y]
}
