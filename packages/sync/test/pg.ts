/**
 * The PostgreSQL server of the tests: its URL from `LEDGERKIT_PG_URL` (unset: the
 * PostgreSQL tests are not registered, and `pgNotice.ts` says so in one line).
 */
import { PgClient } from "@effect/sql-pg"
import { Redacted } from "effect"

export const pgUrl: string | undefined = process.env.LEDGERKIT_PG_URL === "" ? undefined : process.env.LEDGERKIT_PG_URL

export const pgLayer = (url: string) => PgClient.layer({ url: Redacted.make(url), maxConnections: 4 })

let counter = 0

/** A table prefix no other run (process or test) uses: parallel runs never collide. */
export const uniquePrefix = (): string => `t${process.pid}_${Date.now().toString(36)}_${counter++}_`
