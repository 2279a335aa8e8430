/**
 * A scripted `HttpClient` for unit tests: records every request it receives (URL,
 * headers, body text) and answers from a handler. Nothing touches the network.
 */
import { HttpClient, HttpClientResponse } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { expect } from "@effect/vitest"
import { Effect, Either, Layer } from "effect"

export interface Sent {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export type Handler = (request: Sent, index: number) => Response

const bodyOf = (request: HttpClientRequest.HttpClientRequest): string =>
  request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""

/** A client answering from `handler`, and the list of what it was sent. */
export const stub = (handler: Handler) => {
  const sent: Array<Sent> = []
  const client = HttpClient.make((request, url) =>
    Effect.sync(() => {
      const entry: Sent = { method: request.method, url, headers: { ...request.headers }, body: bodyOf(request) }
      sent.push(entry)
      return HttpClientResponse.fromWeb(request, handler(entry, sent.length - 1))
    })
  )
  return { sent, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

/** A JSON answer. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

/** A raw text answer. */
export const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers })

/** Property-test run count: `LEDGERKIT_PROP_RUNS`, default `fallback`. */
export const propRuns = (fallback: number): number => {
  const raw = process.env.LEDGERKIT_PROP_RUNS
  const runs = raw === undefined || raw === "" ? fallback : Number(raw)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`LEDGERKIT_PROP_RUNS must be a positive integer, received ${raw}`)
  return runs
}

/** The error of a result that must have failed. */
export const leftOf = <A, E>(result: Either.Either<A, E>): E =>
  Either.match(result, {
    onLeft: (e) => e,
    onRight: (a) => {
      throw new Error(`expected a failure, got ${JSON.stringify(a)}`)
    }
  })

/**
 * Checks one row of an error-mapping table: exactly one request went out, the call
 * failed with `tag` and `fields`, and neither the message nor the JSON of the error
 * contains the secret.
 */
export const expectMapped = <A, E extends { readonly _tag: string; readonly message: string }>(
  outcome: { readonly result: Either.Either<A, E>; readonly sent: ReadonlyArray<Sent> },
  expected: { readonly tag: string; readonly source: string; readonly fields: Record<string, unknown>; readonly secret: string }
): void => {
  expect(outcome.sent).toHaveLength(1)
  const error = leftOf(outcome.result)
  expect(error._tag).toBe(expected.tag)
  expect(error).toMatchObject({ source: expected.source, ...expected.fields })
  expect(error.message).not.toContain(expected.secret)
  expect(JSON.stringify(error)).not.toContain(expected.secret)
}

/**
 * Options for a property test whose runs do HTTP: `LEDGERKIT_PROP_RUNS` runs (default
 * `fallback`), and a time limit that grows with the number of runs.
 */
export const propOptions = (fallback: number, perRunMillis = 1500) => {
  const numRuns = propRuns(fallback)
  return { timeout: Math.max(60_000, numRuns * perRunMillis), fastCheck: { numRuns } }
}
