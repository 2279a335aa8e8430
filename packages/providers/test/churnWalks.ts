/**
 * The five provider walks as the churn property drives them: how each is built against
 * the mock, what it delivers (id, time, amount), how far the walk reaches when it
 * freezes its end, and how a line of the mock's truth (`GET /__admin/records/:endpoint`)
 * reads: its id, time, amount, and whether the endpoint serves it at a given clock
 * (cloud-mining serves status `S` only; UM income keeps 3 calendar months).
 */
import type { HttpClient } from "@effect/platform"
import { Amount, type Errors, Json } from "@ledgerkit/core"
import { Arbitraries, type Records, type Settings, type Testkit } from "@ledgerkit/mock-server"
import { DateTime, Effect, FastCheck as fc, Redacted, Stream } from "effect"
import * as Binance from "../src/Binance.js"
import * as Cryptomus from "../src/Cryptomus.js"
import * as WooXPro from "../src/WooXPro.js"
import * as Zenlayer from "../src/Zenlayer.js"
import { undrivenTimeout } from "./mockSupport.js"

/** What a walk delivered, or what the truth holds. */
export interface Row {
  readonly id: string
  readonly time: number
  /** The amount exactly as written on the wire (scale kept). */
  readonly amount: string
}

/** A line of the truth, read. */
export interface TruthRow extends Row {
  /** Whether the endpoint serves the record at this mock time. */
  readonly served: (now: number) => boolean
  /** Zenlayer's state, Cryptomus' status. */
  readonly status?: string | undefined
}

/** What one run asks the walk for. */
export interface Ask {
  /** The half-open range `[from, to)` asked. */
  readonly from: number
  readonly to: number
  readonly pageSize: number
  /** Zenlayer's `state` filter (absent: every state). */
  readonly state?: ReadonlyArray<Zenlayer.Records.RechargeState> | undefined
}

/** One walk under churn. */
export interface ChurnWalk {
  readonly id: Records.EndpointId
  /** The churn this endpoint's records undergo (settle only where a status is pending). */
  readonly kinds: ReadonlyArray<"arrive" | "settle" | "correct" | "remove">
  /** The records of one run, timed in `[anchor - span, anchor)`. */
  readonly records: (anchor: number, span: number) => fc.Arbitrary<ReadonlyArray<unknown>>
  /** The mock settings a run may flip where the docs are silent (order, bounds, page size). */
  readonly settings: (pageSize: number) => fc.Arbitrary<Settings.Patch>
  /** The page sizes a run draws from. */
  readonly pageSizes: { readonly min: number; readonly max: number }
  readonly states?: fc.Arbitrary<ReadonlyArray<Zenlayer.Records.RechargeState> | undefined> | undefined
  /** The walk, its client built on the `HttpClient` in context. */
  readonly walk: (mock: Testkit.Handle, ask: Ask) => Stream.Stream<Row, Errors.LedgerError, HttpClient.HttpClient>
  /** The last millisecond the walk covers when it starts at `t0` (its end frozen then). */
  readonly lastCovered: (ask: Ask, t0: number) => number
  readonly truth: (line: string) => TruthRow
  /** Whether a record of this status is one the ask filters for. */
  readonly matches?: ((row: TruthRow, ask: Ask) => boolean) | undefined
}

const built = <S, A>(make: Effect.Effect<S, never, HttpClient.HttpClient>, walk: (s: S) => Stream.Stream<A, Errors.LedgerError>) =>
  Stream.unwrap(Effect.map(make, walk))

const at = (millis: number) => DateTime.unsafeMake(millis)
const toMillis = (t: DateTime.Utc) => DateTime.toEpochMillis(t)
const always = () => true
/** The last millisecond of the last second fully passed at `t0` (Zenlayer, Cryptomus). */
const lastPassedSecond = (t0: number) => Math.floor(t0 / 1000) * 1000 - 1

// Sized uniformly (an array's own size is biased towards a handful).
const rows = fc.integer({ min: 0, max: 200 }).noBias()
const bound = fc.constantFrom("inclusive" as const, "exclusive" as const)
const order = fc.constantFrom("asc" as const, "desc" as const)

interface Wire {
  readonly [field: string]: unknown
}
const parseLine = (line: string) => Json.parse(line) as Wire
const literal = (value: unknown): string => Json.isNumberLiteral(value) ? value.text : String(value)

/** Records of one run, timed in `[anchor - span, anchor)`. */
const recordsOf = (id: Records.EndpointId) => (anchor: number, spanMillis: number) =>
  rows.chain((n) => Arbitraries.recordsOf[id]({ rows: n, anchor, spanMillis }) as fc.Arbitrary<ReadonlyArray<unknown>>)

/** The order, and where the docs leave them open the bounds, read either way. */
const switchesOf = (id: Records.EndpointId, options: { readonly bounds: boolean }) =>
  fc.record({ o: order, s: bound, e: bound }).map(({ e, o, s }): Settings.Patch => ({
    order: { [id]: o },
    ...(options.bounds ? { startBound: { [id]: s }, endBound: { [id]: e } } : {})
  }))

const binance = (mock: Testkit.Handle) =>
  Binance.make({
    apiKey: Redacted.make(mock.credentials.binance.apiKey),
    apiSecret: mock.credentials.binance.apiSecret,
    sapiUrl: mock.baseUrl,
    papiUrl: mock.baseUrl,
    timeout: undrivenTimeout
  })

export const cloudMining: ChurnWalk = {
  id: "binance.cloud-mining",
  kinds: ["arrive", "correct", "remove"],
  records: recordsOf("binance.cloud-mining"),
  settings: () => switchesOf("binance.cloud-mining", { bounds: false }),
  pageSizes: { min: 4, max: 16 },
  walk: (mock, ask) =>
    built(binance(mock), (b) =>
      b.cloudMining({ from: at(ask.from), to: at(ask.to), pageSize: ask.pageSize }).pipe(
        Stream.map((r) => ({ id: String(r.tranId), time: toMillis(r.createTime), amount: Amount.format(r.amount) }))
      )),
  // [from, min(to, now)): now itself has not fully passed.
  lastCovered: (ask, t0) => Math.min(ask.to, t0) - 1,
  truth: (line) => {
    const r = parseLine(line)
    return { id: literal(r.tranId), time: Number(literal(r.createTime)), amount: String(r.amount), served: () => r.status === "S" }
  }
}

export const umIncome: ChurnWalk = {
  id: "binance.um-income",
  kinds: ["arrive", "correct", "remove"],
  records: recordsOf("binance.um-income"),
  settings: () => switchesOf("binance.um-income", { bounds: false }),
  pageSizes: { min: 4, max: 16 },
  walk: (mock, ask) =>
    built(binance(mock), (b) =>
      b.umIncome({ from: at(ask.from), to: at(ask.to - 1), pageSize: ask.pageSize }).pipe(
        Stream.map((r) => ({ id: Binance.UmIncome.keyOf(r), time: toMillis(r.time), amount: Amount.format(r.income) }))
      )),
  lastCovered: (ask, t0) => Math.min(ask.to - 1, t0),
  truth: (line) => {
    const r = parseLine(line)
    const time = Number(literal(r.time))
    return {
      id: `${String(r.incomeType)}:${literal(r.tranId)}`,
      time,
      amount: String(r.income),
      // Kept for 3 calendar months before the mock's clock.
      served: (now) => time >= DateTime.toEpochMillis(DateTime.subtract(at(now), { months: 3 }))
    }
  }
}

export const zenlayer: ChurnWalk = {
  id: "zenlayer.recharge-refund",
  kinds: ["arrive", "settle", "correct", "remove"],
  records: recordsOf("zenlayer.recharge-refund"),
  settings: () => switchesOf("zenlayer.recharge-refund", { bounds: true }),
  pageSizes: { min: 4, max: 16 },
  // Settling moves records out of (and into) a state filter: the case that shifted pages.
  states: fc.constantFrom(undefined, ["PAYING" as const], ["PAY_SUCCESS" as const], ["PAYING" as const, "PAY_FAILED" as const]),
  walk: (mock, ask) =>
    built(
      Zenlayer.make({
        accessKeyId: mock.credentials.zenlayer.accessKeyId,
        accessKeyPassword: mock.credentials.zenlayer.accessKeyPassword,
        apiUrl: mock.baseUrl,
        timeout: undrivenTimeout
      }),
      (z) =>
        z.rechargeRefunds({ startTime: at(ask.from), endTime: at(ask.to - 1), pageSize: ask.pageSize, state: ask.state }).pipe(
          Stream.map((r) => ({ id: r.transactionId, time: toMillis(r.transactionTime), amount: Amount.format(r.amount) }))
        )
    ),
  lastCovered: (ask, t0) => Math.min(ask.to - 1, lastPassedSecond(t0)),
  truth: (line) => {
    const r = parseLine(line)
    return {
      id: String(r.transactionId),
      time: Date.parse(String(r.transactionTime)),
      amount: literal(r.amount),
      served: always,
      status: String(r.state)
    }
  },
  matches: (row, ask) => ask.state === undefined || ask.state.some((s) => s === row.status)
}

export const wooxpro: ChurnWalk = {
  id: "wooxpro.contract-transactions",
  kinds: ["arrive", "correct", "remove"],
  records: recordsOf("wooxpro.contract-transactions"),
  settings: () => switchesOf("wooxpro.contract-transactions", { bounds: true }),
  // No page or cursor: a millisecond holding a page fails the walk, so pages are larger.
  pageSizes: { min: 10, max: 60 },
  walk: (mock, ask) =>
    built(
      WooXPro.make({ apiKey: mock.credentials.wooxpro.apiKey, apiUrl: mock.baseUrl, timeout: undrivenTimeout }),
      (w) =>
        w.transactions({ from: at(ask.from), to: at(ask.to - 1), pageSize: ask.pageSize }).pipe(
          Stream.map((t) => ({ id: WooXPro.Records.keyOf(t), time: toMillis(t.time), amount: Amount.format(t.amount) }))
        )
    ),
  lastCovered: (ask, t0) => Math.min(ask.to - 1, t0),
  truth: (line) => {
    const r = parseLine(line)
    return { id: `${String(r.type)}:${String(r.tran_id)}`, time: Number(literal(r.time)), amount: String(r.amount), served: always }
  }
}

export const cryptomus: ChurnWalk = {
  id: "cryptomus.transactions",
  kinds: ["arrive", "settle", "correct", "remove"],
  records: recordsOf("cryptomus.transactions"),
  // The page size is the mock's (Cryptomus takes none).
  settings: (perPage) =>
    switchesOf("cryptomus.transactions", { bounds: true }).map((patch) => ({ ...patch, cryptomus: { perPage } })),
  pageSizes: { min: 4, max: 16 },
  walk: (mock, ask) =>
    built(
      Cryptomus.make({
        userId: mock.credentials.cryptomus.userId,
        apiKey: mock.credentials.cryptomus.apiKey,
        apiUrl: mock.baseUrl,
        timeout: undrivenTimeout
      }),
      (c) =>
        c.source.entries({ from: at(ask.from), to: at(ask.to) }).pipe(
          Stream.map((e) => ({ id: e.id, time: toMillis(e.time), amount: String((e.original as Wire).amount) }))
        )
    ),
  lastCovered: (ask, t0) => Math.min(ask.to - 1, lastPassedSecond(t0)),
  truth: (line) => {
    const r = parseLine(line)
    return { id: String(r.uuid), time: Date.parse(String(r.created_at)), amount: String(r.amount), served: always, status: String(r.status) }
  }
}

export const all: ReadonlyArray<ChurnWalk> = [cloudMining, umIncome, zenlayer, wooxpro, cryptomus]
