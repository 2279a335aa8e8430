/**
 * The building blocks of the providers' OpenAPI paths and components.
 */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
export const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` })
export const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` })

export const json = (schema: object, example?: unknown) => ({
  "application/json": example === undefined ? { schema } : { schema, example }
})

export const response = (
  description: string,
  schema: object,
  options: { readonly example?: unknown; readonly headers?: object } = {}
) => ({
  description,
  ...(options.headers === undefined ? {} : { headers: options.headers }),
  content: json(schema, options.example)
})

export const query = (
  name: string,
  description: string,
  schema: object,
  required = false
) => ({ name, in: "query", required, description, schema })

export const header = (name: string, description: string, schema: object = { type: "string" }, required = true) => ({
  name,
  in: "header",
  required,
  description,
  schema
})

export const long = { type: "integer", format: "int64" }
export const int = { type: "integer", format: "int32" }
export const nullableString = { type: ["string", "null"] }

export const integerHeader = (description: string) => ({ description, schema: { type: "integer" } })
