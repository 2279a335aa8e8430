/**
 * The fast decoder of Cryptomus's page (see `../wire.ts`): `Records.SuccessEnvelope`.
 */
import { Transaction, TransactionPage, TransactionStatus, TransactionType } from "../../cryptomus/Records.js"
import * as Wire from "../wire.js"

const isType = Wire.isOneOf(TransactionType.literals)
const isStatus = Wire.isOneOf(TransactionStatus.literals)

// `Schema.NullOr(Amount.DecimalString)`: `null` stays `null`.
const decimalOrNull = (u: unknown) => u === null ? null : Wire.decimalString(u)

const transaction = (u: unknown): Transaction | undefined => {
  const row = Wire.object(u)
  if (row === undefined) return undefined
  const { address, comment, currency, currency_equivalent, network, status, txid, type, uuid } = row
  const created_at = Wire.isoUtc(row.created_at)
  const amount = Wire.decimalString(row.amount)
  const amount_equivalent = decimalOrNull(row.amount_equivalent)
  if (
    typeof uuid !== "string" || !isType(type) || !isStatus(status) || created_at === undefined || amount === undefined ||
    amount_equivalent === undefined || !Wire.isStringOrNull(currency_equivalent) || typeof currency !== "string" ||
    !Wire.isStringOrNull(network) || !Wire.isStringOrNull(txid) || !Wire.isStringOrNull(address) ||
    !Wire.isStringOrNull(comment)
  ) return undefined
  const fields = {
    uuid,
    type,
    status,
    created_at,
    amount,
    amount_equivalent,
    currency_equivalent,
    currency,
    network,
    txid,
    address,
    comment
  }
  // Checked above: no constructor to validate again.
  return Wire.keep(Wire.instance(Transaction, fields), row)
}

// `Records.Paginate`.
const paginate = (u: unknown) => {
  const p = Wire.object(u)
  if (p === undefined) return undefined
  const { count, hasPages, nextCursor, perPage, previousCursor } = p
  return Wire.isInt(count) && typeof hasPages === "boolean" && Wire.isStringOrNull(nextCursor) &&
      Wire.isStringOrNull(previousCursor) && Wire.isInt(perPage)
    ? { count, hasPages, nextCursor, previousCursor, perPage }
    : undefined
}

/** `Records.SuccessEnvelope`. */
export const successEnvelope = (u: unknown): { readonly state: 0; readonly result: TransactionPage } | undefined => {
  const envelope = Wire.object(u)
  const result = envelope === undefined ? undefined : Wire.object(envelope.result)
  const state = envelope?.state
  if (result === undefined || state !== 0) return undefined
  const items = Wire.array(result.items, transaction)
  const pages = paginate(result.paginate)
  // `state` as sent: a literal decodes to its input (`-0` stays `-0`).
  return items === undefined || pages === undefined
    ? undefined
    : { state, result: Wire.instance(TransactionPage, { items, paginate: pages }) }
}
