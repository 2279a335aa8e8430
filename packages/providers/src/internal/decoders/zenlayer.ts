/**
 * The fast decoder of Zenlayer's page (see `../wire.ts`): `Records.SuccessEnvelope`, from
 * a body parsed by core's `Json.parse`.
 */
import { RechargeRefund, RechargeRefundPage, RechargeState } from "../../zenlayer/Records.js"
import * as Wire from "../wire.js"

const isState = Wire.isOneOf(RechargeState.literals)

// `Schema.optional(Schema.String)`: absent stays absent, `undefined` stays `undefined`.
const isOptionalString = (u: unknown): u is string | undefined => u === undefined || typeof u === "string"

const rechargeRefund = (u: unknown): RechargeRefund | undefined => {
  const row = Wire.object(u)
  if (row === undefined) return undefined
  const { accountUid, paymentMethod, state, transactionId, transactionType } = row
  const amount = Wire.decimalFromJsonNumber(row.amount)
  const transactionTime = Wire.isoUtc(row.transactionTime)
  if (
    typeof transactionId !== "string" || typeof transactionType !== "string" || amount === undefined ||
    !isOptionalString(paymentMethod) || !isState(state) || transactionTime === undefined || !isOptionalString(accountUid)
  ) return undefined
  // In the schema's field order; an optional field absent on the wire stays absent.
  const fields: Record<string, unknown> = { transactionId, transactionType, amount }
  if (Object.hasOwn(row, "paymentMethod")) fields.paymentMethod = paymentMethod
  fields.state = state
  fields.transactionTime = transactionTime
  if (Object.hasOwn(row, "accountUid")) fields.accountUid = accountUid
  // Checked above: no constructor to validate again.
  return Wire.keep(Wire.instance(RechargeRefund, fields as ConstructorParameters<typeof RechargeRefund>[0]), row)
}

/** `Records.SuccessEnvelope`. */
export const successEnvelope = (u: unknown): { readonly requestId: string; readonly response: RechargeRefundPage } | undefined => {
  const envelope = Wire.object(u)
  const page = envelope === undefined ? undefined : Wire.object(envelope.response)
  if (envelope === undefined || page === undefined) return undefined
  const { requestId } = envelope
  const { totalCount } = page
  const dataSet = page.dataSet === undefined || page.dataSet === null ? [] : Wire.array(page.dataSet, rechargeRefund)
  if (typeof requestId !== "string" || typeof page.requestId !== "string" || !Wire.isNonNegativeInt(totalCount) || dataSet === undefined) {
    return undefined
  }
  return { requestId, response: Wire.instance(RechargeRefundPage, { requestId: page.requestId, totalCount, dataSet }) }
}
