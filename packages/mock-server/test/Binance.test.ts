/**
 * Binance SAPI cloud-mining and PAPI UM income: SIGNED security with Binance's codes and
 * statuses, every parameter rule, and the documented semantics.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { Credentials, Datasets, Records, Testkit } from "@ledgerkit/mock-server"
import * as Client from "./support/client.js"

const now = Date.UTC(2024, 5, 1, 12, 0, 0)
const DAY = 86_400_000
const cloudMining = "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage"
const umIncome = "/papi/v1/um/income"
const window = { startTime: now - 30 * DAY, endTime: now }

const row = (time: number, tranId: number, status = "S", type: 248 | 249 = 248): Records.CloudMiningRecord => ({
  createTime: time,
  tranId,
  type,
  asset: tranId % 2 === 0 ? "USDT" : "BTC",
  amount: "0.123456789012",
  status,
  clientTranId: `c-${tranId}`
})

const income = (time: number, tranId: string, incomeType: Records.IncomeType, symbol = "BTCUSDT"): Records.UmIncomeRecord => ({
  symbol,
  incomeType,
  income: "-0.00000001",
  asset: "USDT",
  info: incomeType,
  time,
  tranId,
  tradeId: ""
})

const datasets: Datasets.Datasets = {
  ...Datasets.docs,
  name: "binance test",
  tables: {
    ...Datasets.docs.tables,
    "binance.cloud-mining": Datasets.unsafeTable("binance.cloud-mining", [
      row(now - 10 * DAY, 1),
      row(now - 10 * DAY, 2, "F"),
      row(now - 5 * DAY, 3, "S", 249),
      row(now, 4),
      row(now - 40 * DAY, 5)
    ]),
    "binance.um-income": Datasets.unsafeTable("binance.um-income", [
      income(now - 100 * DAY, "1", "TRANSFER", ""),
      income(now - 60 * DAY, "2", "DELIVERED_SETTELMENT"),
      income(now - 8 * DAY, "3", "REALIZED_PNL"),
      income(now - 7 * DAY, "3", "COMMISSION"),
      income(now - 1 * DAY, "4", "FUNDING_FEE", "ETHUSDT"),
      income(now, "5", "COMMISSION")
    ])
  }
}

const call = (path: string, params: Record<string, string | number>, keys: Client.BinanceKeys = Client.keys.binance, timestamp = now) =>
  Effect.flatMap(Testkit.MockServer, ({ baseUrl }) => Client.binanceGet(baseUrl, path, params, keys, timestamp))

const expectError = (reply: Client.Reply, status: number, code: number, msg?: string) => {
  expect(reply.status).toBe(status)
  expect(reply.body).toEqual(msg === undefined ? { code, msg: expect.any(String) } : { code, msg })
}

describe("Binance SIGNED security", () => {
  layer(Testkit.layer({ now, datasets }))((it) => {
    for (const path of [cloudMining, umIncome]) {
      it.effect(`${path}: missing key -2014/401, wrong key -2015/401`, () =>
        Effect.gen(function*() {
          const { baseUrl } = yield* Testkit.MockServer
          const query = Client.binanceQuery({ ...window, timestamp: now }, Client.keys.binance.secret)
          expectError(yield* Client.request(`${baseUrl}${path}?${query}`), 401, -2014, "API-key format invalid.")
          expectError(
            yield* Client.request(`${baseUrl}${path}?${query}`, { headers: { "X-MBX-APIKEY": "someone-else" } }),
            401,
            -2015,
            "Invalid API-key, IP, or permissions for action."
          )
        }))

      it.effect(`${path}: wrong signature -1022/400, wrong secret too`, () =>
        Effect.gen(function*() {
          const { baseUrl } = yield* Testkit.MockServer
          const query = Client.binanceQuery({ ...window, timestamp: now }, Client.keys.binance.secret)
          const tampered = query.replace(`startTime=${window.startTime}`, `startTime=${window.startTime + 1}`)
          const headers = { "X-MBX-APIKEY": Client.keys.binance.apiKey }
          expectError(yield* Client.request(`${baseUrl}${path}?${tampered}`, { headers }), 400, -1022, "Signature for this request is not valid.")
          expectError(yield* call(path, window, { ...Client.keys.binance, secret: "not-the-secret" }), 400, -1022)
        }))

      it.effect(`${path}: stale and future timestamps -1021/400; recvWindow`, () =>
        Effect.gen(function*() {
          expectError(yield* call(path, window, Client.keys.binance, now - 5001), 400, -1021, "Timestamp for this request is outside of the recvWindow.")
          expect((yield* call(path, window, Client.keys.binance, now - 5000)).status).toBe(200)
          expectError(yield* call(path, window, Client.keys.binance, now + 1000), 400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.")
          expect((yield* call(path, window, Client.keys.binance, now + 999)).status).toBe(200)
          expect((yield* call(path, { ...window, recvWindow: 60000 }, Client.keys.binance, now - 59_000)).status).toBe(200)
          expectError(yield* call(path, { ...window, recvWindow: 60001 }), 400, -1131)
          expectError(yield* call(path, { ...window, recvWindow: "5s" }), 400, -1100)
        }))

      it.effect(`${path}: missing timestamp or signature -1102/400; upper-case hex signature passes`, () =>
        Effect.gen(function*() {
          const { baseUrl } = yield* Testkit.MockServer
          const headers = { "X-MBX-APIKEY": Client.keys.binance.apiKey }
          const noTimestamp = Client.binanceQuery(window, Client.keys.binance.secret)
          expectError(yield* Client.request(`${baseUrl}${path}?${noTimestamp}`, { headers }), 400, -1102,
            "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.")
          const unsigned = new URLSearchParams({ ...window, timestamp: now } as unknown as Record<string, string>).toString()
          expectError(yield* Client.request(`${baseUrl}${path}?${unsigned}`, { headers }), 400, -1102,
            "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.")
          const signed = Client.binanceQuery({ ...window, timestamp: now }, Client.keys.binance.secret)
          const upper = signed.replace(/signature=([0-9a-f]+)$/, (_, hex: string) => `signature=${hex.toUpperCase()}`)
          expect((yield* Client.request(`${baseUrl}${path}?${upper}`, { headers })).status).toBe(200)
        }))
    }
  })

  // The published vector of Binance's REST API docs: this secret signs this payload to
  // c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71.
  const vectorCredentials: Credentials.Credentials = {
    ...Credentials.defaults,
    binance: {
      apiKey: "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
      apiSecret: Redacted.make("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")
    }
  }
  layer(Testkit.layer({ now: 1499827319559, credentials: vectorCredentials }))("published vector", (it) => {
    it.effect("the documented signature passes authentication (then the endpoint's own rules apply)", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        const headers = { "X-MBX-APIKEY": vectorCredentials.binance.apiKey }
        const signature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        const reply = yield* Client.request(`${baseUrl}${cloudMining}?${payload}&signature=${signature}`, { headers })
        // Past authentication: the missing startTime is what fails now.
        expectError(reply, 400, -1102, "Mandatory parameter 'startTime' was not sent, was empty/null, or malformed.")
        const ok = yield* Client.request(`${baseUrl}${umIncome}?${payload}&signature=${signature}`, { headers })
        expect(ok.status).toBe(200)
        const bad = yield* Client.request(`${baseUrl}${umIncome}?${payload}&signature=${signature.replace("c8", "c9")}`, { headers })
        expectError(bad, 400, -1022)
      }))
  })

  layer(Testkit.layer({ now, settings: { auth: false } }))("auth off", (it) => {
    it.effect("no key, no timestamp, no signature needed", () =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Testkit.MockServer
        const reply = yield* Client.request(`${baseUrl}${umIncome}?startTime=1570608000000&endTime=1570636800000`)
        expect(reply.status).toBe(200)
        expect(reply.body).toHaveLength(2)
      }))
  })
})

describe("cloud-mining parameters and semantics", () => {
  layer(Testkit.layer({ now, datasets }))((it) => {
    it.effect("startTime and endTime are mandatory (-1102)", () =>
      Effect.gen(function*() {
        expectError(yield* call(cloudMining, { endTime: now }), 400, -1102, "Mandatory parameter 'startTime' was not sent, was empty/null, or malformed.")
        expectError(yield* call(cloudMining, { startTime: now }), 400, -1102, "Mandatory parameter 'endTime' was not sent, was empty/null, or malformed.")
        expectError(yield* call(cloudMining, { startTime: "", endTime: now }), 400, -1102)
      }))

    it.effect("types: LONG and INT parameters reject other characters (-1100)", () =>
      Effect.gen(function*() {
        for (const [name, value] of [["startTime", "1e12"], ["endTime", "-1"], ["current", "1.5"], ["size", "ten"], ["tranId", "12a"]] as const) {
          expectError(yield* call(cloudMining, { ...window, [name]: value }), 400, -1100,
            `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`)
        }
      }))

    it.effect("size <= 100, size >= 1, current >= 1", () =>
      Effect.gen(function*() {
        expectError(yield* call(cloudMining, { ...window, size: 101 }), 400, -1102, "'size' contains unexpected value. Cannot be greater than '100'.")
        expect((yield* call(cloudMining, { ...window, size: 100 })).status).toBe(200)
        expectError(yield* call(cloudMining, { ...window, size: 0 }), 400, -1130, "Data sent for parameter 'size' is not valid.")
        expectError(yield* call(cloudMining, { ...window, current: 0 }), 400, -1130, "Data sent for parameter 'current' is not valid.")
      }))

    it.effect("start after end (-1023), duplicated parameter (-1101), empty optional (-1105)", () =>
      Effect.gen(function*() {
        expectError(yield* call(cloudMining, { startTime: now, endTime: now - 1 }), 400, -1023, "Start time is greater than end time.")
        const { baseUrl } = yield* Testkit.MockServer
        const query = `startTime=1&startTime=2&endTime=${now}&timestamp=${now}`
        const headers = { "X-MBX-APIKEY": Client.keys.binance.apiKey }
        const signed = `${query}&signature=${Client.hmacHex(Client.keys.binance.secret, query)}`
        expectError(yield* Client.request(`${baseUrl}${cloudMining}?${signed}`, { headers }), 400, -1101, "Duplicate values for a parameter detected.")
        expectError(yield* call(cloudMining, { ...window, size: "" }), 400, -1105, "Parameter 'size' was empty.")
      }))

    it.effect("[startTime, endTime): start inclusive, end exclusive; only status S; total", () =>
      Effect.gen(function*() {
        const all = yield* call(cloudMining, { startTime: now - 10 * DAY, endTime: now })
        // tranId 2 is status F (never served), 4 sits exactly at the exclusive end, 5 before the start.
        expect(all.body).toEqual({ total: 2, rows: [expect.objectContaining({ tranId: 3, type: 249 }), expect.objectContaining({ tranId: 1 })] })
        const withEnd = yield* call(cloudMining, { startTime: now - 10 * DAY, endTime: now + 1 })
        expect(withEnd.body).toMatchObject({ total: 3 })
      }))

    it.effect("filters: tranId, clientTranId, asset; blank asset means all; pages", () =>
      Effect.gen(function*() {
        const wide = { startTime: now - 50 * DAY, endTime: now + 1 }
        expect((yield* call(cloudMining, { ...wide, tranId: 3 })).body).toMatchObject({ total: 1, rows: [{ tranId: 3 }] })
        expect((yield* call(cloudMining, { ...wide, clientTranId: "c-4" })).body).toMatchObject({ total: 1, rows: [{ tranId: 4 }] })
        expect((yield* call(cloudMining, { ...wide, asset: "BTC" })).body).toMatchObject({ total: 3 })
        expect((yield* call(cloudMining, { ...wide, asset: "" })).body).toMatchObject({ total: 4 })
        const page2 = yield* call(cloudMining, { ...wide, size: 3, current: 2 })
        expect(page2.body).toEqual({ total: 4, rows: [expect.objectContaining({ tranId: 5 })] })
        expect((yield* call(cloudMining, { ...wide, size: 3, current: 3 })).body).toEqual({ total: 4, rows: [] })
      }))
  })
})

describe("UM income parameters and semantics", () => {
  layer(Testkit.layer({ now, datasets }))((it) => {
    it.effect("incomeType: the 19 documented values (DELIVERED_SETTELMENT spelled as documented); others -1130", () =>
      Effect.gen(function*() {
        expect(Records.incomeTypes).toHaveLength(19)
        const wide = { startTime: now - 80 * DAY, endTime: now }
        const settled = yield* call(umIncome, { ...wide, incomeType: "DELIVERED_SETTELMENT" })
        expect(settled.body).toEqual([expect.objectContaining({ tranId: "2" })])
        expectError(yield* call(umIncome, { ...wide, incomeType: "DELIVERED_SETTLEMENT" }), 400, -1130,
          "Data sent for parameter 'incomeType' is not valid.")
      }))

    it.effect("limit <= 1000, limit >= 1, page >= 1, start after end", () =>
      Effect.gen(function*() {
        expectError(yield* call(umIncome, { limit: 1001 }), 400, -1102, "'limit' contains unexpected value. Cannot be greater than '1000'.")
        expect((yield* call(umIncome, { limit: 1000 })).status).toBe(200)
        expectError(yield* call(umIncome, { limit: 0 }), 400, -1130)
        expectError(yield* call(umIncome, { page: 0 }), 400, -1130, "Data sent for parameter 'page' is not valid.")
        expectError(yield* call(umIncome, { startTime: 2, endTime: 1 }), 400, -1023)
        expectError(yield* call(umIncome, { startTime: "x" }), 400, -1100)
      }))

    it.effect("both bounds inclusive; one tranId under two income types", () =>
      Effect.gen(function*() {
        const body = (yield* call(umIncome, { startTime: now - 8 * DAY, endTime: now })).body
        expect(body).toEqual([
          expect.objectContaining({ tranId: "3", incomeType: "REALIZED_PNL" }),
          expect.objectContaining({ tranId: "3", incomeType: "COMMISSION" }),
          expect.objectContaining({ tranId: "4" }),
          expect.objectContaining({ tranId: "5" })
        ])
      }))

    it.effect("no time: the last 7 days of the mock clock, inclusive", () =>
      Effect.gen(function*() {
        const body = (yield* call(umIncome, {})).body as ReadonlyArray<{ tranId: string }>
        expect(body.map((r) => r.tranId)).toEqual(["3", "4", "5"])
      }))

    it.effect("3-month retention relative to the mock clock; symbol filter; pages", () =>
      Effect.gen(function*() {
        const body = (yield* call(umIncome, { startTime: now - 200 * DAY })).body as ReadonlyArray<{ tranId: string }>
        expect(body.map((r) => r.tranId)).toEqual(["2", "3", "3", "4", "5"])
        // Only endTime: the 7 days before it (issue 13; the old reading is a switch, see Fidelity.test.ts).
        expect((yield* call(umIncome, { endTime: now - 30 * DAY })).body).toEqual([])
        const onlyEnd = (yield* call(umIncome, { endTime: now - 55 * DAY })).body as ReadonlyArray<{ tranId: string }>
        expect(onlyEnd.map((r) => r.tranId)).toEqual(["2"])
        expect((yield* call(umIncome, { symbol: "ETHUSDT" })).body).toEqual([expect.objectContaining({ tranId: "4" })])
        const page2 = (yield* call(umIncome, { startTime: now - 80 * DAY, limit: 2, page: 2 })).body as ReadonlyArray<{ tranId: string; incomeType: string }>
        expect(page2.map((r) => `${r.incomeType}:${r.tranId}`)).toEqual(["COMMISSION:3", "FUNDING_FEE:4"])
      }))
  })

  layer(Testkit.layer({ now: now + 40 * DAY, datasets }))("a later clock", (it) => {
    it.effect("moving the clock moves retention and the default window", () =>
      Effect.gen(function*() {
        expect((yield* call(umIncome, {}, Client.keys.binance, now + 40 * DAY)).body).toEqual([])
        const body = (yield* call(umIncome, { startTime: 0 }, Client.keys.binance, now + 40 * DAY)).body as ReadonlyArray<{ tranId: string }>
        expect(body.map((r) => r.tranId)).toEqual(["3", "3", "4", "5"])
      }))
  })
})
