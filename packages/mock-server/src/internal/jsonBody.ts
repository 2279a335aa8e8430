/**
 * Reading JSON request bodies the way a provider would: parse the received bytes, then
 * inspect plain values.
 */
import * as MockHttp from "../MockHttp.js"

export type Value = null | boolean | number | string | ReadonlyArray<Value> | { readonly [key: string]: Value }

export type Obj = { readonly [key: string]: Value }

export const isObject = (v: Value | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v)

/** The body parsed as JSON, `undefined` when it is not JSON; an empty body is `{}` when allowed. */
export const parse = (request: MockHttp.MockRequest, options: { readonly emptyIsObject?: boolean } = {}): Value | undefined => {
  const text = MockHttp.bodyText(request)
  if (text.trim() === "" && options.emptyIsObject === true) return {}
  try {
    return JSON.parse(text) as Value
  } catch {
    return undefined
  }
}

export const equal = (a: Value | undefined, b: Value | undefined): boolean => {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]))
  }
  return false
}
