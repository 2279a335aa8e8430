/**
 * The fast decoder of WOO X Pro's page (see `../wire.ts`): `Records.SuccessEnvelope`.
 */
import { successCode, Transaction } from "../../wooxpro/Records.js"
import * as Wire from "../wire.js"

// `Records.TransactionTime`: epoch milliseconds as digits or as a number.
const transactionTime = (u: unknown) => typeof u === "string" ? Wire.epochMillisString(u) : Wire.epochMillis(u)

const transaction = (u: unknown): Transaction | undefined => {
  const row = Wire.object(u)
  if (row === undefined) return undefined
  const { account, asset, symbol, tran_id, type } = row
  const amount = Wire.decimalString(row.amount)
  const time = transactionTime(row.time)
  if (
    typeof symbol !== "string" || typeof type !== "string" || amount === undefined || typeof asset !== "string" ||
    typeof account !== "string" || time === undefined || typeof tran_id !== "string"
  ) return undefined
  // Checked above: no constructor to validate again.
  return Wire.keep(Wire.instance(Transaction, { symbol, type, amount, asset, account, time, tran_id }), row)
}

/** `Records.SuccessEnvelope`. */
export const successEnvelope = (u: unknown): {
  readonly code: typeof successCode
  readonly message: string
  readonly data: ReadonlyArray<Transaction>
  readonly trace?: string | undefined
} | undefined => {
  const envelope = Wire.object(u)
  if (envelope === undefined) return undefined
  const { code, message, trace } = envelope
  const data = Wire.array(envelope.data, transaction)
  if (code !== successCode || typeof message !== "string" || data === undefined || (trace !== undefined && typeof trace !== "string")) {
    return undefined
  }
  return Object.hasOwn(envelope, "trace") ? { code, message, data, trace } : { code, message, data }
}
