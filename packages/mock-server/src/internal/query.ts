/**
 * Query strings as the providers read them: `k=v` pairs split on `&`, form-decoded
 * (`+` is a space), in the order sent.
 */
import { Either } from "effect"

export interface Param {
  readonly key: string
  readonly value: string
  /** The segment as sent, still encoded. */
  readonly raw: string
}

export type QueryError =
  | { readonly _tag: "Malformed"; readonly raw: string }
  | { readonly _tag: "Duplicate"; readonly key: string }

const decode = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "))
  } catch {
    return undefined
  }
}

export const parse = (query: string): Either.Either<ReadonlyArray<Param>, QueryError> => {
  const params: Array<Param> = []
  for (const raw of query.split("&")) {
    if (raw === "") continue
    const eq = raw.indexOf("=")
    const key = decode(eq < 0 ? raw : raw.slice(0, eq))
    const value = decode(eq < 0 ? "" : raw.slice(eq + 1))
    if (key === undefined || value === undefined) return Either.left({ _tag: "Malformed", raw })
    params.push({ key, value, raw })
  }
  return Either.right(params)
}

/** The parameters as a map, refusing a parameter sent twice. */
export const parseUnique = (query: string): Either.Either<ReadonlyMap<string, string>, QueryError> =>
  Either.flatMap(parse(query), (params) => {
    const map = new Map<string, string>()
    for (const p of params) {
      if (map.has(p.key)) return Either.left({ _tag: "Duplicate", key: p.key } as const)
      map.set(p.key, p.value)
    }
    return Either.right(map)
  })
