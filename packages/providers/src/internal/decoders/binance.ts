/**
 * Fast decoders of Binance's two pages (see `../wire.ts`): `CloudMining.CloudMiningPage`
 * and `UmIncome.UmIncomePage`.
 */
import * as CloudMining from "../../binance/CloudMining.js"
import type * as UmIncome from "../../binance/UmIncome.js"
import * as Wire from "../wire.js"

const isType = Wire.isOneOf(CloudMining.CloudMiningType.literals)

const cloudMiningRecord = (u: unknown): CloudMining.CloudMiningRecord | undefined => {
  const row = Wire.object(u)
  if (row === undefined) return undefined
  const createTime = Wire.epochMillis(row.createTime)
  const { asset, status, tranId, type } = row
  const amount = Wire.decimalString(row.amount)
  if (
    createTime === undefined || !Wire.isNonNegativeInt(tranId) || !isType(type) || typeof asset !== "string" ||
    amount === undefined || status !== "S"
  ) return undefined
  return Wire.keep<CloudMining.CloudMiningRecord>({ createTime, tranId, type, asset, amount, status }, row)
}

/** `CloudMining.CloudMiningPage`. */
export const cloudMiningPage = (u: unknown): CloudMining.CloudMiningPage | undefined => {
  const page = Wire.object(u)
  if (page === undefined || !Wire.isNonNegativeInt(page.total)) return undefined
  const rows = page.rows === undefined ? [] : Wire.array(page.rows, cloudMiningRecord)
  return rows === undefined ? undefined : { total: page.total, rows }
}

// `UmIncome.TranId`: digits, or a JSON number that a double holds exactly.
const tranId = (u: unknown): string | undefined =>
  typeof u === "string" ? (/^\d+$/.test(u) ? u : undefined) : Wire.isNonNegativeInt(u) ? u.toString() : undefined

// A string field that defaults to "" when absent.
const orEmpty = (u: unknown): string | undefined => u === undefined ? "" : typeof u === "string" ? u : undefined

const umIncomeRecord = (u: unknown): UmIncome.UmIncomeRecord | undefined => {
  const row = Wire.object(u)
  if (row === undefined) return undefined
  const symbol = orEmpty(row.symbol)
  const { asset, incomeType } = row
  const income = Wire.decimalString(row.income)
  const info = orEmpty(row.info)
  const time = Wire.epochMillis(row.time)
  const id = tranId(row.tranId)
  const tradeId = orEmpty(row.tradeId)
  if (
    symbol === undefined || typeof incomeType !== "string" || income === undefined || typeof asset !== "string" ||
    info === undefined || time === undefined || id === undefined || tradeId === undefined
  ) return undefined
  return Wire.keep({ symbol, incomeType, income, asset, info, time, tranId: id, tradeId }, row)
}

/** `UmIncome.UmIncomePage`. */
export const umIncomePage = (u: unknown): ReadonlyArray<UmIncome.UmIncomeRecord> | undefined => Wire.array(u, umIncomeRecord)
