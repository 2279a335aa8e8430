/**
 * One valid request per endpoint, for a mock with authentication off (faults and rate
 * limits act before authentication, so these tests do not need signatures).
 */
import type { Limits } from "@ledgerkit/mock-server"
import * as Wire from "./wire.js"

const zenlayerHeaders = {
  "content-type": "application/json",
  "x-zc-action": "DescribeRechargeRefundHistory",
  "x-zc-version": "2024-08-09"
}

export const requests: { readonly [K in Limits.RuleId]: (baseUrl: string, headers?: Record<string, string>) => ReturnType<typeof Wire.send> } = {
  "binance.cloud-mining": (baseUrl, headers = {}) =>
    Wire.send(`${baseUrl}/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage?startTime=0&endTime=1`, { headers }),
  "binance.um-income": (baseUrl, headers = {}) => Wire.send(`${baseUrl}/papi/v1/um/income`, { headers }),
  "binance.time": (baseUrl, headers = {}) => Wire.send(`${baseUrl}/api/v3/time`, { headers }),
  "zenlayer.recharge-refund": (baseUrl, headers = {}) =>
    Wire.send(`${baseUrl}/api/v2/zbc`, { method: "POST", headers: { ...zenlayerHeaders, ...headers }, body: "{}" }),
  "wooxpro.contract-transactions": (baseUrl, headers = {}) =>
    Wire.send(`${baseUrl}/contract/private/transaction-history`, { headers }),
  "cryptomus.transactions": (baseUrl, headers = {}) =>
    Wire.send(`${baseUrl}/v2/user-api/transaction/list`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: "{}"
    })
}

export const endpointIds = Object.keys(requests) as ReadonlyArray<Limits.RuleId>
