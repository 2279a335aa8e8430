/**
 * WOO X Pro's part of the OpenAPI document: its paths (at the real host) and components.
 */
import * as Doc from "../../internal/openapi.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Documented from "./documented.js"
import * as Limits from "./limits.js"
import * as Records from "./records.js"

const { headerRef, int, integerHeader, long, query, ref, response } = Doc

const wooxproUsage = {
  "X-BM-RateLimit-Remaining": headerRef("XBmRateLimitRemaining"),
  "X-BM-RateLimit-Limit": headerRef("XBmRateLimitLimit"),
  "X-BM-RateLimit-Reset": headerRef("XBmRateLimitReset")
}

const wooxpro = {
  get: {
    operationId: "wooxproContractTransactionHistory",
    tags: ["wooxpro.contract-transactions"],
    summary: "Get contract transaction history (KEYED)",
    description:
      "If neither start_time nor end_time is sent, only the last 7 days are returned. If flow_type is not sent, every type is returned. Rate limit: 6 requests per 2 seconds per key.",
    security: [{ wooxproApiKey: [] }, { wooxproBmKey: [] }],
    parameters: [
      query("symbol", "Trading pair", { type: "string" }),
      query(
        "flow_type",
        "0 = All (default), 1 = Transfer, 2 = Realized PNL, 3 = Funding Fee, 4 = Commission Fee, 5 = Liquidation Clearance",
        { ...int, enum: [0, 1, 2, 3, 4, 5], default: 0 }
      ),
      query("account", "futures = futures main account, copy_trading = copy trading sub-account", {
        type: "string",
        enum: Records.wooxproAccounts
      }),
      query("start_time", "Start time (timestamp in ms)", long),
      query("end_time", "End time (timestamp in ms)", long),
      query("page_size", "Records per page, default 100, max 1000", { ...int, minimum: 1, maximum: 1000, default: 100 })
    ],
    responses: {
      "200": response("The transactions of the window.", ref("WooxproEnvelope"), {
        headers: wooxproUsage,
        example: Documented.wooxproExample.response
      }),
      "400": response("An invalid parameter (4xxxx).", ref("WooxproError")),
      "401": response("A missing or unknown key (3000x).", ref("WooxproError")),
      "413": response(`A request body over ${Limits.maxBodyBytes} bytes (40007).`, ref("WooxproError")),
      "418": response("Rejected for rate-limit violations (30017).", ref("WooxproError"), {
        headers: { ...wooxproUsage, "Retry-After": headerRef("RetryAfter") }
      }),
      "429": response("Too many requests (30013).", ref("WooxproError"), { headers: wooxproUsage }),
      "5XX": response("Service unavailable or busy (30014, 30018).", ref("WooxproError"))
    }
  }
}

export const openApi: MockProvider.OpenApi = {
  paths: {
    "/contract/private/transaction-history": { ...wooxpro, servers: [{ url: "https://cloud-api.wooxpro.com" }] }
  },
  schemas: {
    WooxproRecord: {
      type: "object",
      required: ["symbol", "type", "amount", "asset", "account", "time", "tran_id"],
      properties: {
        symbol: { type: "string" },
        type: { type: "string", enum: Records.wooxproTypes },
        amount: ref("Decimal"),
        asset: { type: "string" },
        account: { type: "string", enum: Records.wooxproAccounts },
        time: { type: "string", pattern: "^[0-9]+$", description: "Timestamp in ms" },
        tran_id: { type: "string" }
      }
    },
    WooxproEnvelope: {
      type: "object",
      required: ["code", "message", "data", "trace"],
      properties: {
        code: { type: "integer", enum: [1000] },
        message: { type: "string" },
        data: { type: "array", items: ref("WooxproRecord") },
        trace: { type: "string" }
      }
    },
    WooxproError: {
      type: "object",
      required: ["code", "message", "data", "trace"],
      properties: { code: { type: "integer" }, message: { type: "string" }, data: {}, trace: { type: "string" } }
    }
  },
  headers: {
    XBmRateLimitRemaining: integerHeader("Requests used in the current window (BitMart's name; it holds the number used)."),
    XBmRateLimitLimit: integerHeader("Requests allowed per window."),
    XBmRateLimitReset: integerHeader("The window's length in seconds.")
  },
  securitySchemes: {
    wooxproApiKey: { type: "apiKey", in: "header", name: "X-API-KEY" },
    wooxproBmKey: { type: "apiKey", in: "header", name: "X-BM-KEY", description: "BitMart's name for the same key." }
  }
}
