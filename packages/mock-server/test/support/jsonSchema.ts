/**
 * A small JSON Schema (2020-12 subset, as the mock's OpenAPI document uses it) checker:
 * `$ref` within the document, type, enum, required, properties, additionalProperties,
 * items, oneOf, pattern, minimum, maximum. Shared by the OpenAPI tests and the fuzz test.
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }
export type Obj = { readonly [key: string]: Json }

export const isObj = (u: unknown): u is Obj => typeof u === "object" && u !== null && !Array.isArray(u)
export const obj = (u: unknown, where: string): Obj => {
  if (!isObj(u)) throw new Error(`${where} is not an object`)
  return u
}

export const resolve = (doc: Obj, node: Json): Json => {
  if (isObj(node) && typeof node.$ref === "string") {
    const parts = node.$ref.replace(/^#\//, "").split("/")
    let target: Json = doc
    for (const part of parts) target = obj(target, node.$ref)[part]
    if (target === undefined) throw new Error(`unresolved ${node.$ref}`)
    return resolve(doc, target)
  }
  return node
}

/** A small JSON Schema (2020-12 subset) check: type, enum, required, properties, items, oneOf, pattern, bounds. */
export const check = (doc: Obj, schemaNode: Json, value: unknown, path = "$"): Array<string> => {
  const schema = obj(resolve(doc, schemaNode), path)
  const errors: Array<string> = []
  if (Array.isArray(schema.oneOf)) {
    const matches = schema.oneOf.filter((s) => check(doc, s, value, path).length === 0).length
    return matches === 1 ? [] : [`${path}: ${matches} oneOf branches match`]
  }
  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type]
  const typeOf = value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" && Number.isInteger(value) ? "integer" : typeof value
  if (types !== undefined && !types.some((t) => t === typeOf || (t === "number" && typeOf === "integer"))) {
    return [`${path}: ${typeOf} is not ${types.join("|")}`]
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value as Json)) errors.push(`${path}: ${String(value)} not in enum`)
  if (typeof schema.pattern === "string" && typeof value === "string" && !new RegExp(schema.pattern).test(value)) {
    errors.push(`${path}: ${value} does not match ${schema.pattern}`)
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: below minimum`)
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: above maximum`)
  }
  if (isObj(value)) {
    for (const key of Array.isArray(schema.required) ? schema.required : []) {
      if (!(String(key) in value)) errors.push(`${path}: missing ${String(key)}`)
    }
    const properties = isObj(schema.properties) ? schema.properties : {}
    for (const [key, field] of Object.entries(value)) {
      if (key in properties) errors.push(...check(doc, properties[key], field, `${path}.${key}`))
      else if (isObj(schema.additionalProperties)) errors.push(...check(doc, schema.additionalProperties, field, `${path}.${key}`))
      else if (isObj(schema.properties) && Object.keys(properties).length > 0) errors.push(`${path}: unexpected ${key}`)
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => errors.push(...check(doc, schema.items, item, `${path}[${i}]`)))
  }
  return errors
}

