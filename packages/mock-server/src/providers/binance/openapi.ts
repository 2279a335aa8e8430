/**
 * Binance's part of the OpenAPI document: its paths (at the real host) and components.
 */
import * as Doc from "../../internal/openapi.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Documented from "./documented.js"
import * as Limits from "./limits.js"
import * as Records from "./records.js"

const { headerRef, int, integerHeader, long, parameterRef, query, ref, response } = Doc

const binanceUsage = {
  "X-MBX-USED-WEIGHT-1M": headerRef("XMbxUsedWeight1M")
}

const binanceErrors = (usage: object) => ({
  "400": response("Invalid parameter, timestamp outside recvWindow (-1021) or bad signature (-1022).", ref("BinanceError")),
  "401": response("API-key format invalid (-2014) or invalid API-key, IP, or permissions (-2015).", ref("BinanceError")),
  "413": response(`A request body over ${Limits.maxBodyBytes} bytes (-1000).`, ref("BinanceError")),
  "418": response("IP banned after continued rate-limit violations (-1003).", ref("BinanceError"), {
    headers: { ...usage, "Retry-After": headerRef("RetryAfter") }
  }),
  "429": response("Request weight limit exceeded (-1003).", ref("BinanceError"), {
    headers: { ...usage, "Retry-After": headerRef("RetryAfter") }
  }),
  "5XX": response("Server error; the request's execution status is UNKNOWN.", ref("BinanceError"))
})

const signed = [parameterRef("BinanceRecvWindow"), parameterRef("BinanceTimestamp"), parameterRef("BinanceSignature")]

const cloudMining = {
  get: {
    operationId: "binanceCloudMiningQueryByPage",
    tags: ["binance.cloud-mining"],
    summary: "Get Cloud-Mining payment and refund history (USER_DATA)",
    description:
      "The query of Cloud-Mining payment and refund history. Just return the SUCCESS records of payment and refund: type 248 means payment, 249 refund, status S means SUCCESS. Request weight (UID): 600 of 180,000 per minute.",
    security: [{ binanceApiKey: [] }],
    "x-request-weight": { uid: Limits.sapi.rule.weight },
    parameters: [
      query("tranId", "The transaction id", long),
      query("clientTranId", "The unique flag", { type: "string" }),
      query("asset", "If it is blank, we will query all assets", { type: "string" }),
      query("startTime", "inclusive, unit: ms", long, true),
      query("endTime", "exclusive, unit: ms", long, true),
      query("current", "current page, default 1, the min value is 1", { ...int, minimum: 1, default: 1 }),
      query("size", "page size, default 10, the max value is 100", { ...int, minimum: 1, maximum: 100, default: 10 }),
      ...signed
    ],
    responses: {
      "200": response("A page of SUCCESS rows and the total of the window.", ref("CloudMiningPage"), {
        headers: { "X-SAPI-USED-UID-WEIGHT-1M": headerRef("XSapiUsedUidWeight1M") },
        example: { total: 5, rows: Documented.cloudMining }
      }),
      ...binanceErrors({ "X-SAPI-USED-UID-WEIGHT-1M": headerRef("XSapiUsedUidWeight1M") })
    }
  }
}

const umIncome = {
  get: {
    operationId: "binancePmUmIncome",
    tags: ["binance.um-income"],
    summary: "Get UM Income History (USER_DATA)",
    description:
      "If neither startTime nor endTime is sent, the recent 7-day data will be returned. If incomeType is not sent, all kinds of flow will be returned. tranId is unique in the same incomeType for a user. Income history only contains data for the last three months. Request weight: 30 of 6,000 per minute.",
    security: [{ binanceApiKey: [] }],
    "x-request-weight": { ip: Limits.papi.rule.weight },
    parameters: [
      query("symbol", "Trade symbol", { type: "string" }),
      query("incomeType", "Income type", { type: "string", enum: Records.incomeTypes }),
      query("startTime", "Timestamp in ms to get funding from INCLUSIVE.", long),
      query("endTime", "Timestamp in ms to get funding until INCLUSIVE.", long),
      query("page", "Page number, default 1", { ...int, minimum: 1, default: 1 }),
      query("limit", "Default 100; max 1000", { ...int, minimum: 1, maximum: 1000, default: 100 }),
      ...signed
    ],
    responses: {
      "200": response("Income rows (no total).", { type: "array", items: ref("UmIncomeRow") }, {
        headers: binanceUsage,
        example: Documented.umIncome
      }),
      ...binanceErrors(binanceUsage)
    }
  }
}

const binanceTime = {
  get: {
    operationId: "binanceServerTime",
    tags: ["binance.time"],
    summary: "Check server time",
    description: "The mock clock, for signing with `timestamp`. Request weight: 1.",
    // Unauthenticated (NONE): no API key, no signature.
    security: [],
    parameters: [],
    responses: {
      "200": response("The server time.", ref("ServerTime"), { headers: binanceUsage, example: { serverTime: 1499827319559 } }),
      "413": binanceErrors(binanceUsage)["413"],
      "418": binanceErrors(binanceUsage)["418"],
      "429": binanceErrors(binanceUsage)["429"]
    }
  }
}

export const openApi: MockProvider.OpenApi = {
  paths: {
    "/api/v3/time": { ...binanceTime, servers: [{ url: "https://api.binance.com" }] },
    "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage": { ...cloudMining, servers: [{ url: "https://api.binance.com" }] },
    "/papi/v1/um/income": { ...umIncome, servers: [{ url: "https://papi.binance.com" }] }
  },
  schemas: {
    ServerTime: { type: "object", required: ["serverTime"], properties: { serverTime: long } },
    BinanceError: {
      type: "object",
      required: ["code", "msg"],
      properties: { code: { type: "integer", description: "A negative Binance error code" }, msg: { type: "string" } }
    },
    CloudMiningRow: {
      type: "object",
      required: ["createTime", "tranId", "type", "asset", "amount", "status"],
      properties: {
        createTime: long,
        tranId: long,
        type: { type: "integer", enum: [248, 249], description: "248 payment, 249 refund" },
        asset: { type: "string" },
        amount: ref("Decimal"),
        status: { type: "string", enum: ["S"], description: "S means SUCCESS" }
      }
    },
    CloudMiningPage: {
      type: "object",
      required: ["total", "rows"],
      properties: { total: { type: "integer", minimum: 0 }, rows: { type: "array", items: ref("CloudMiningRow"), maxItems: 100 } }
    },
    UmIncomeRow: {
      type: "object",
      required: ["symbol", "incomeType", "income", "asset", "info", "time", "tranId", "tradeId"],
      properties: {
        symbol: { type: "string", description: "Trade symbol, if existing" },
        incomeType: { type: "string", enum: Records.incomeTypes },
        income: ref("Decimal"),
        asset: { type: "string" },
        info: { type: "string" },
        time: long,
        tranId: { type: "string", description: "Unique within one incomeType" },
        tradeId: { type: "string", description: "Trade id, if existing" }
      }
    }
  },
  parameters: {
    BinanceTimestamp: query("timestamp", "The request time in ms (SIGNED).", long, true),
    BinanceRecvWindow: query("recvWindow", "Milliseconds the request stays valid; default 5000, max 60000.", {
      ...long,
      maximum: 60000,
      default: 5000
    }),
    BinanceSignature: query(
      "signature",
      "Hex HMAC-SHA256 of the query string (without signature) followed by the body, keyed by the API secret; sent last.",
      { type: "string", pattern: "^[0-9a-fA-F]{64}$" },
      true
    )
  },
  headers: {
    XSapiUsedUidWeight1M: integerHeader("UID weight used in the current minute, this request included."),
    XMbxUsedWeight1M: integerHeader("Weight used in the current minute, this request included.")
  },
  securitySchemes: {
    binanceApiKey: { type: "apiKey", in: "header", name: "X-MBX-APIKEY", description: "SIGNED: add timestamp and signature." }
  }
}
