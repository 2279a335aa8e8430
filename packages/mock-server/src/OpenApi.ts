/**
 * The OpenAPI 3.1 document of the provider endpoints the mock serves (the five data
 * endpoints and Binance's `GET /api/v3/time`), written as data from the seed docs and
 * PROVIDERS.md: paths, parameters with their documented types, defaults, ranges and
 * enumerations, security, request bodies, the success schemas (with the documented
 * examples), and the error answers with their rate-limit headers.
 *
 * Served at `GET /__admin/openapi.json`.
 *
 * @since 0.1.0
 */
import * as Documented from "./internal/documented.js"
import * as Limits from "./Limits.js"
import * as Records from "./Records.js"

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` })
const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` })

const json = (schema: object, example?: unknown) => ({
  "application/json": example === undefined ? { schema } : { schema, example }
})

const response = (description: string, schema: object, options: { readonly example?: unknown; readonly headers?: object } = {}) => ({
  description,
  ...(options.headers === undefined ? {} : { headers: options.headers }),
  content: json(schema, options.example)
})

const query = (
  name: string,
  description: string,
  schema: object,
  required = false
) => ({ name, in: "query", required, description, schema })

const header = (name: string, description: string, schema: object = { type: "string" }, required = true) => ({
  name,
  in: "header",
  required,
  description,
  schema
})

const long = { type: "integer", format: "int64" }
const int = { type: "integer", format: "int32" }
const binanceWindow = Limits.defaults.rules["binance.um-income"]

// --- Binance ------------------------------------------------------------------------------

const binanceUsage = {
  "X-MBX-USED-WEIGHT-1M": headerRef("XMbxUsedWeight1M")
}

const binanceErrors = (usage: object) => ({
  "400": response("Invalid parameter, timestamp outside recvWindow (-1021) or bad signature (-1022).", ref("BinanceError")),
  "401": response("API-key format invalid (-2014) or invalid API-key, IP, or permissions (-2015).", ref("BinanceError")),
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
    "x-request-weight": { uid: Limits.defaults.rules["binance.cloud-mining"].weight },
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
    "x-request-weight": { ip: binanceWindow.weight },
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
    parameters: [],
    responses: {
      "200": response("The server time.", ref("ServerTime"), { headers: binanceUsage, example: { serverTime: 1499827319559 } }),
      "418": binanceErrors(binanceUsage)["418"],
      "429": binanceErrors(binanceUsage)["429"]
    }
  }
}

// --- Zenlayer -----------------------------------------------------------------------------

const zenlayer = {
  post: {
    operationId: "zenlayerDescribeRechargeRefundHistory",
    tags: ["zenlayer.recharge-refund"],
    summary: "DescribeRechargeRefundHistory",
    description:
      "This API is used to query recharge and refund history. The action is chosen by X-ZC-Action; the request is signed with ZC2-HMAC-SHA256 over `POST\\n/\\n\\ncontent-type:<ct>\\nhost:<host>\\n\\ncontent-type;host\\n<hex sha256(body)>`.",
    security: [{ zenlayerSignature: [] }],
    parameters: [
      header("X-ZC-Action", "The action.", { type: "string", enum: ["DescribeRechargeRefundHistory"] }),
      header("X-ZC-Version", "The API version (2024-08-09 for zbc).", { type: "string", example: "2024-08-09" }),
      header("X-ZC-Timestamp", "Unix time in seconds.", { type: "string", pattern: "^[0-9]{1,12}$" }),
      header("X-ZC-Signature-Method", "The signature method.", { type: "string", enum: ["ZC2-HMAC-SHA256"] })
    ],
    requestBody: {
      required: true,
      content: json(ref("ZenlayerRequest"), Documented.zenlayerExample.request)
    },
    responses: {
      "200": response("The history page and the number of matching records.", ref("ZenlayerResponse"), {
        example: {
          requestId: Documented.zenlayerExample.requestId,
          response: {
            requestId: Documented.zenlayerExample.requestId,
            totalCount: 1,
            dataSet: Documented.zenlayer.map((r) => ({ ...r, amount: Number(r.amount) }))
          }
        }
      }),
      "4XX": response("An invalid or unauthenticated request; 429 is REQUEST_LIMIT_EXCEEDED.", ref("ZenlayerError")),
      "5XX": response("A server error.", ref("ZenlayerError"))
    }
  }
}

// --- WOO X Pro ----------------------------------------------------------------------------

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
      "418": response("Rejected for rate-limit violations (30017).", ref("WooxproError"), {
        headers: { ...wooxproUsage, "Retry-After": headerRef("RetryAfter") }
      }),
      "429": response("Too many requests (30013).", ref("WooxproError"), { headers: wooxproUsage }),
      "5XX": response("Service unavailable or busy (30014, 30018).", ref("WooxproError"))
    }
  }
}

// --- Cryptomus ----------------------------------------------------------------------------

const cryptomusUsage = {
  "X-RateLimit-Limit": headerRef("XRateLimitLimit"),
  "X-RateLimit-Remaining": headerRef("XRateLimitRemaining")
}

const cryptomus = {
  post: {
    operationId: "cryptomusTransactionList",
    tags: ["cryptomus.transactions"],
    summary: "Transactions",
    description:
      "Lists transactions, filtered by creation date and type. To get the next or previous page, send the same signed body with `?cursor=<nextCursor|previousCursor>`. `sign` is md5(base64(body) + API key) over the exact bytes sent.",
    security: [{ cryptomusUserId: [], cryptomusSign: [] }, { cryptomusMerchant: [], cryptomusSign: [] }],
    parameters: [query("cursor", "The nextCursor or previousCursor of a page", { type: "string" })],
    requestBody: {
      required: false,
      content: json(ref("CryptomusRequest"), Documented.cryptomusExample.request)
    },
    responses: {
      "200": response("A cursor page of transactions.", ref("CryptomusPage"), {
        headers: cryptomusUsage,
        example: {
          state: 0,
          result: {
            items: Documented.cryptomus,
            paginate: {
              count: Documented.cryptomus.length,
              hasPages: true,
              nextCursor: Documented.cryptomusExample.nextCursor,
              previousCursor: null,
              perPage: Documented.cryptomusExample.perPage
            }
          }
        }
      }),
      "401": response("A missing or unknown userId/merchant, or a wrong sign.", ref("CryptomusError")),
      "422": response("A field that does not validate, or a bad cursor.", {
        oneOf: [ref("CryptomusError"), ref("CryptomusValidationError")]
      }),
      "429": response("Too Many Attempts.", ref("CryptomusError"), {
        headers: { ...cryptomusUsage, "Retry-After": headerRef("RetryAfter"), "X-RateLimit-Reset": headerRef("XRateLimitReset") }
      }),
      "5XX": response("A server error.", ref("CryptomusError"))
    }
  }
}

// --- components ---------------------------------------------------------------------------

const decimal = { type: "string", pattern: "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$", description: "A decimal amount, scale kept" }
const nullableString = { type: ["string", "null"] }

const schemas = {
  Decimal: decimal,
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
  },
  ZenlayerRequest: {
    type: "object",
    properties: {
      pageNum: { ...int, minimum: 1, default: 1, description: "Number of pages returned." },
      pageSize: { ...int, minimum: 1, maximum: 5000, description: "Number of items in the current page result." },
      state: { type: "array", items: { type: "string", enum: Records.rechargeStates } },
      startTime: { type: "string", format: "date-time", example: "2023-08-15T09:47:01Z" },
      endTime: { type: "string", format: "date-time", example: "2023-08-15T09:47:01Z" }
    }
  },
  ZenlayerRecord: {
    type: "object",
    required: ["transactionType", "amount", "paymentMethod", "state", "transactionTime", "accountUid", "transactionId"],
    properties: {
      transactionType: { type: "string", enum: Records.zenlayerTransactionTypes },
      amount: { type: "number", description: "A JSON number literal, exact" },
      paymentMethod: { type: "string" },
      state: { type: "string", enum: Records.rechargeStates },
      transactionTime: { type: "string", format: "date-time" },
      accountUid: { type: "string" },
      transactionId: { type: "string" }
    }
  },
  ZenlayerResponse: {
    type: "object",
    required: ["requestId", "response"],
    properties: {
      requestId: { type: "string" },
      response: {
        type: "object",
        required: ["requestId", "totalCount", "dataSet"],
        properties: {
          requestId: { type: "string" },
          totalCount: { type: "integer", minimum: 0 },
          dataSet: { type: "array", items: ref("ZenlayerRecord") }
        }
      }
    }
  },
  ZenlayerError: {
    type: "object",
    required: ["requestId", "code", "message"],
    properties: { requestId: { type: "string" }, code: { type: "string" }, message: { type: "string" } }
  },
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
  },
  CryptomusRequest: {
    type: "object",
    properties: {
      date_from: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2} \\d{1,2}:\\d{2}:\\d{2}$", example: "2023-05-16 00:00:00" },
      date_to: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2} \\d{1,2}:\\d{2}:\\d{2}$", example: "2023-05-16 23:59:59" },
      type: { type: "string", enum: Records.cryptomusTypes }
    }
  },
  CryptomusItem: {
    type: "object",
    required: [
      "uuid",
      "type",
      "status",
      "created_at",
      "amount",
      "amount_equivalent",
      "currency_equivalent",
      "currency",
      "network",
      "txid",
      "address",
      "comment"
    ],
    properties: {
      uuid: { type: "string" },
      type: { type: "string", enum: Records.cryptomusTypes },
      status: { type: "string", enum: Records.cryptomusStatuses },
      created_at: { type: "string", format: "date-time" },
      amount: ref("Decimal"),
      amount_equivalent: ref("Decimal"),
      currency_equivalent: { type: "string" },
      currency: { type: "string" },
      network: nullableString,
      txid: nullableString,
      address: nullableString,
      comment: nullableString
    }
  },
  CryptomusPage: {
    type: "object",
    required: ["state", "result"],
    properties: {
      state: { type: "integer", enum: [0] },
      result: {
        type: "object",
        required: ["items", "paginate"],
        properties: {
          items: { type: "array", items: ref("CryptomusItem") },
          paginate: {
            type: "object",
            required: ["count", "hasPages", "nextCursor", "previousCursor", "perPage"],
            properties: {
              count: { type: "integer", minimum: 0 },
              hasPages: { type: "boolean" },
              nextCursor: nullableString,
              previousCursor: nullableString,
              perPage: { type: "integer", minimum: 1 }
            }
          }
        }
      }
    }
  },
  CryptomusError: {
    type: "object",
    required: ["state", "message"],
    properties: { state: { type: "integer", enum: [1] }, message: { type: "string" } }
  },
  CryptomusValidationError: {
    type: "object",
    required: ["state", "errors"],
    properties: {
      state: { type: "integer", enum: [1] },
      errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } }
    }
  }
}

const integerHeader = (description: string) => ({ description, schema: { type: "integer" } })

/**
 * The document.
 *
 * @since 0.1.0
 * @category constants
 */
export const document = {
  openapi: "3.1.0",
  info: {
    title: "ledgerkit mock providers",
    version: "0.1.0",
    description:
      "The provider endpoints served by @ledgerkit/mock-server on one port, at their real paths. Each operation also lists the provider's real host in `servers`."
  },
  servers: [{ url: "http://127.0.0.1:4010", description: "The mock (default port)" }],
  tags: [...Records.endpointIds, "binance.time"].map((name) => ({ name })),
  paths: {
    "/api/v3/time": { ...binanceTime, servers: [{ url: "https://api.binance.com" }] },
    "/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage": { ...cloudMining, servers: [{ url: "https://api.binance.com" }] },
    "/papi/v1/um/income": { ...umIncome, servers: [{ url: "https://papi.binance.com" }] },
    "/api/v2/zbc": { ...zenlayer, servers: [{ url: "https://console.zenlayer.com" }] },
    "/contract/private/transaction-history": { ...wooxpro, servers: [{ url: "https://cloud-api.wooxpro.com" }] },
    "/v2/user-api/transaction/list": { ...cryptomus, servers: [{ url: "https://api.cryptomus.com" }] }
  },
  components: {
    schemas,
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
      RetryAfter: integerHeader("Seconds to wait before the next request."),
      XSapiUsedUidWeight1M: integerHeader("UID weight used in the current minute, this request included."),
      XMbxUsedWeight1M: integerHeader("Weight used in the current minute, this request included."),
      XBmRateLimitRemaining: integerHeader("Requests used in the current window (BitMart's name; it holds the number used)."),
      XBmRateLimitLimit: integerHeader("Requests allowed per window."),
      XBmRateLimitReset: integerHeader("The window's length in seconds."),
      XRateLimitLimit: integerHeader("Requests allowed per minute."),
      XRateLimitRemaining: integerHeader("Requests left in the current minute."),
      XRateLimitReset: integerHeader("When the window ends (epoch seconds).")
    },
    securitySchemes: {
      binanceApiKey: { type: "apiKey", in: "header", name: "X-MBX-APIKEY", description: "SIGNED: add timestamp and signature." },
      zenlayerSignature: {
        type: "apiKey",
        in: "header",
        name: "Authorization",
        description: "ZC2-HMAC-SHA256 Credential=<AccessKeyId>, SignedHeaders=content-type;host, Signature=<hex>"
      },
      wooxproApiKey: { type: "apiKey", in: "header", name: "X-API-KEY" },
      wooxproBmKey: { type: "apiKey", in: "header", name: "X-BM-KEY", description: "BitMart's name for the same key." },
      cryptomusUserId: { type: "apiKey", in: "header", name: "userId" },
      cryptomusMerchant: { type: "apiKey", in: "header", name: "merchant" },
      cryptomusSign: { type: "apiKey", in: "header", name: "sign", description: "md5(base64(body) + API key), hex." }
    }
  }
}
