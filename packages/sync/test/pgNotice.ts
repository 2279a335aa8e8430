// Vitest global setup: one plain line when the PostgreSQL tests cannot run.
export default function setup(): void {
  const url = process.env.LEDGERKIT_PG_URL
  if (url === undefined || url === "") {
    process.stderr.write(
      "sync: LEDGERKIT_PG_URL is not set; the PostgreSQL tests (test/Sync.pg.test.ts: multi-run property, concurrent syncs, crashed worker) did not run\n"
    )
  }
}
