/** Number and verdict formatting for the BENCHMARKS.md renderer. */

export const MiB = 2 ** 20

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "n/a"

export const pct = (share: number) => `${(share * 100).toFixed(1)}%`

export const verdict = (ok: boolean) => (ok ? "met" : "**missed**")

/** "misses by 0.35 (reaches 50% of the target)" for a figure that should be at least `target`. */
export const shortBy = (value: number, target: number) =>
  `misses by ${fmt(target - value, 2)} (reaches ${fmt((value / target) * 100)}% of the target)`
