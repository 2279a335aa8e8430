/**
 * Zenlayer's part of the OpenAPI document: its paths (at the real host) and components.
 */
import * as Doc from "../../internal/openapi.js"
import type * as MockProvider from "../../MockProvider.js"
import * as Documented from "./documented.js"
import * as Records from "./records.js"

const { header, int, json, ref, response } = Doc

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
      header("X-ZC-Version", "The API version (2024-08-09 for zbc).", { type: "string", enum: ["2024-08-09"] }),
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

export const openApi: MockProvider.OpenApi = {
  paths: {
    "/api/v2/zbc": { ...zenlayer, servers: [{ url: "https://console.zenlayer.com" }] }
  },
  schemas: {
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
    }
  },
  securitySchemes: {
    zenlayerSignature: {
      type: "apiKey",
      in: "header",
      name: "Authorization",
      description: "ZC2-HMAC-SHA256 Credential=<AccessKeyId>, SignedHeaders=content-type;host, Signature=<hex>"
    }
  }
}
