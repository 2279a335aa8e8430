/**
 * CCXT (the `ccxt` package of bench/package.json) walking `binance.um-income` on the
 * mock, in a process of its own (plain JS: the peers are not installed at the root, so
 * tsc never sees them). Started by `ccxt.ts`.
 *
 * argv[2] is a JSON object: `{ baseUrl, apiKey, secret, from, to, modes }` (`from`/`to`:
 * the inclusive epoch-millis range). For each mode, one warm-up walk, then one timed walk
 * whose records' keys (`incomeType:tranId`, the provider's identity) are sent back:
 *
 * - `fetchLedger`: `fetchLedger(undefined, from, undefined, { portfolioMargin, subType:
 *   "linear", paginate, paginationDirection: "forward", until })`, CCXT's own pagination
 *   (forward: the next request starts 1 ms after the last record it got);
 * - `rawLoop`: CCXT's implicit endpoint `papiGetUmIncome` in a `page` loop over the
 *   whole range, pages of 1000, until a short page (no CCXT parsing).
 *
 * Prints one JSON object on stdout: `{ modes: { [mode]: { millis, cpuMicros, requests, keys } } }`.
 */
import ccxt from "ccxt"

const args = JSON.parse(process.argv[2] ?? "{}")

const exchange = new ccxt.binance({
  apiKey: args.apiKey,
  secret: args.secret,
  // The mock's limits are off, like the library's budget in the same run.
  enableRateLimit: false,
  options: { recvWindow: 60_000 }
})
for (const api of ["papi", "sapi", "fapiPrivate", "public", "private"]) {
  const url = exchange.urls.api[api]
  if (typeof url === "string") exchange.urls.api[api] = url.replace(/^https:\/\/[^/]+/, args.baseUrl)
}
// No market list: the mock serves no exchangeInfo, and the ledger does not need one.
exchange.markets = {}
exchange.markets_by_id = {}
// Requests sent, counted where CCXT sends them.
let requests = 0
const send = exchange.fetch.bind(exchange)
exchange.fetch = (...request) => {
  requests++
  return send(...request)
}

const modes = {
  fetchLedger: async () => {
    const entries = await exchange.fetchLedger(undefined, args.from, undefined, {
      portfolioMargin: true,
      subType: "linear",
      paginate: true,
      paginationDirection: "forward",
      paginationCalls: 100_000,
      until: args.to
    })
    return entries.map((e) => `${e.info.incomeType}:${e.info.tranId}`)
  },
  rawLoop: async () => {
    const keys = []
    for (let page = 1;; page++) {
      const rows = await exchange.papiGetUmIncome({ startTime: args.from, endTime: args.to, limit: 1000, page })
      for (const row of rows) keys.push(`${row.incomeType}:${row.tranId}`)
      if (rows.length < 1000) return keys
    }
  }
}

const out = { modes: {} }
for (const mode of args.modes) {
  await modes[mode]()
  requests = 0
  const cpu = process.cpuUsage()
  const started = performance.now()
  const keys = await modes[mode]()
  const millis = performance.now() - started
  const used = process.cpuUsage(cpu)
  out.modes[mode] = { millis, cpuMicros: used.user + used.system, requests, keys }
}
process.stdout.write(JSON.stringify(out))
