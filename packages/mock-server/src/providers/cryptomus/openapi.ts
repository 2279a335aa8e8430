/**
 * Cryptomus's part of the OpenAPI document: its paths (at the real host) and components.
 */
import * as Doc from "../../internal/openapi.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Documented from "./documented.js"
import * as Limits from "./limits.js"
import * as Records from "./records.js"

const { headerRef, integerHeader, json, nullableString, query, ref, response } = Doc

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
      "413": response(`A request body over ${Limits.maxBodyBytes} bytes.`, ref("CryptomusError")),
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

export const openApi: MockProvider.OpenApi = {
  paths: {
    "/v2/user-api/transaction/list": { ...cryptomus, servers: [{ url: "https://api.cryptomus.com" }] }
  },
  schemas: {
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
  },
  headers: {
    XRateLimitLimit: integerHeader("Requests allowed per minute."),
    XRateLimitRemaining: integerHeader("Requests left in the current minute."),
    XRateLimitReset: integerHeader("When the window ends (epoch seconds).")
  },
  securitySchemes: {
    cryptomusUserId: { type: "apiKey", in: "header", name: "userId" },
    cryptomusMerchant: { type: "apiKey", in: "header", name: "merchant" },
    cryptomusSign: { type: "apiKey", in: "header", name: "sign", description: "md5(base64(body) + API key), hex." }
  }
}
