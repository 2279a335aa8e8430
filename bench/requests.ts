/**
 * `npm run bench:requests`: section 1c of `npm run bench` alone (requests per minimum on a
 * still dataset, for the stream, `ledgerkit export` and the Ledger), printed as a table.
 * `--quick` uses the quick sizes. Writes nothing.
 */
import { startMock } from "./lib/mock.js"
import { measureRequests } from "./lib/requests.js"
import { log } from "./lib/stats.js"

const DAY = 86_400_000
const quick = process.argv.includes("--quick")
const rows = quick
  ? { "binance.cloud-mining": 2_000, "binance.um-income": 3_000, "zenlayer.recharge-refund": 3_000, "wooxpro.contract-transactions": 3_000, "cryptomus.transactions": 600 }
  : { "binance.cloud-mining": 6_000, "binance.um-income": 10_000, "zenlayer.recharge-refund": 10_000, "wooxpro.contract-transactions": 10_000, "cryptomus.transactions": 3_000 }
const anchor = Math.floor(Date.now() / DAY) * DAY
const mock = await startMock({ settings: { limits: { enabled: false } }, journalCapacity: 20_000 })
try {
  const loaded = await mock.load({
    seed: 1,
    anchor,
    endpoints: Object.fromEntries(Object.entries(rows).map(([id, n]) => [id, { rows: n, perDay: 1_000 }]))
  })
  const ids = Object.keys(rows) as Array<keyof typeof rows>
  const counts = await measureRequests(mock, { ids, spans: loaded.spans, cryptomusPerPage: 15, log })
  const line = (text: string) => process.stdout.write(`${text}\n`)
  line("| source | records | minimum | stream | export | ledger |")
  line("|---|---:|---:|---:|---:|---:|")
  const ratio = (n: number, min: number) => `${n} (${(n / min).toFixed(2)})`
  for (const c of counts) {
    line(`| ${c.source} | ${c.records} | ${c.minimum} | ${ratio(c.stream, c.minimum)} | ${ratio(c.export, c.minimum)} | ${ratio(c.ledger, c.minimum)} |`)
  }
} finally {
  await mock.stop()
}
