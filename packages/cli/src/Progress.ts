/**
 * Progress on stderr: records and pages per source, rate-limit waits and retries.
 *
 * On a terminal one status line is redrawn in place (events are printed above it);
 * elsewhere (a file, a pipe, CI) every event is a plain line and the status is printed
 * as a plain line at most once per interval, and at the end.
 *
 * Pages, waits and retries are seen on the wire: an `HttpClient` wrapper counts the
 * provider's answers per source, so every provider is covered without hooks of its own.
 *
 * @since 0.1.0
 */
import { HttpClient, type HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { Clock, Context, Duration, Effect, Layer, Option } from "effect"

/**
 * @since 0.1.0
 * @category models
 */
export interface Counters {
  readonly records: number
  readonly pages: number
  readonly rateLimited: number
  readonly retries: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** A successful answer from a source's endpoint. */
  readonly page: (source: string) => Effect.Effect<void>
  /** The provider refused for its rate limit; the client waits, then retries. */
  readonly rateLimited: (source: string, detail: string) => Effect.Effect<void>
  /** A transient failure (5xx, connection reset): printed, not counted. */
  readonly failed: (source: string, detail: string) => Effect.Effect<void>
  /** A request sent again after a failure of the same source. */
  readonly retrying: (source: string) => Effect.Effect<void>
  /** Records written. */
  readonly records: (source: string, count: number) => Effect.Effect<void>
  /** A plain message line. */
  readonly note: (text: string) => Effect.Effect<void>
  /** Prints the final status. */
  readonly done: Effect.Effect<void>
  readonly counters: Effect.Effect<ReadonlyMap<string, Counters>>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Progress extends Context.Tag("@ledgerkit/cli/Progress")<Progress, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Whether stderr is a terminal: redraw one status line instead of printing lines. */
  readonly tty: boolean
  /** Writes text to stderr as is. */
  readonly write: (text: string) => Effect.Effect<void>
  /** The least time between two plain status lines (default 2 s); on a terminal, 100 ms. */
  readonly interval?: Duration.DurationInput | undefined
}

const zero: Counters = { records: 0, pages: 0, rateLimited: 0, retries: 0 }

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The status of every source, as one line of text.
 *
 * @since 0.1.0
 * @category rendering
 */
export const status = (counters: ReadonlyMap<string, Counters>): string =>
  [...counters].map(([source, c]) => {
    const extra = [
      c.rateLimited === 0 ? undefined : plural(c.rateLimited, "rate-limit wait"),
      c.retries === 0 ? undefined : plural(c.retries, "retry", "retries")
    ].filter((p): p is string => p !== undefined)
    return `${source} ${plural(c.records, "record")}, ${plural(c.pages, "page")}${extra.length === 0 ? "" : `, ${extra.join(", ")}`}`
  }).join("; ")

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service> =>
  Effect.sync(() => {
    const counters = new Map<string, Counters>()
    const interval = Duration.toMillis(options.interval ?? (options.tty ? "100 millis" : "2 seconds"))
    let lastStatus = Number.NEGATIVE_INFINITY
    let drawn = false
    // After the final status, lines are plain: nothing is redrawn below them.
    let finished = false

    const statusText = () => `ledgerkit: ${status(counters)}`

    const draw = (force: boolean) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        if (finished || (!force && now - lastStatus < interval)) return Effect.void
        lastStatus = now
        if (!options.tty) return options.write(`${statusText()}\n`)
        const text = `${drawn ? "\r\x1b[2K" : ""}${statusText()}`
        drawn = true
        return options.write(text)
      })

    const line = (text: string) =>
      Effect.suspend(() => {
        const prefix = options.tty && drawn ? "\r\x1b[2K" : ""
        drawn = false
        return Effect.zipRight(options.write(`${prefix}ledgerkit: ${text}\n`), options.tty ? draw(true) : Effect.void)
      })

    const bump = (source: string, f: (c: Counters) => Counters) =>
      Effect.sync(() => {
        counters.set(source, f(counters.get(source) ?? zero))
      })

    return {
      page: (source) => Effect.zipRight(bump(source, (c) => ({ ...c, pages: c.pages + 1 })), draw(false)),
      rateLimited: (source, detail) =>
        Effect.zipRight(bump(source, (c) => ({ ...c, rateLimited: c.rateLimited + 1 })), line(`${source}: ${detail}`)),
      failed: (source, detail) => line(`${source}: ${detail}`),
      retrying: (source) =>
        Effect.zipRight(bump(source, (c) => ({ ...c, retries: c.retries + 1 })), line(`${source}: retrying`)),
      records: (source, count) =>
        Effect.zipRight(bump(source, (c) => ({ ...c, records: c.records + count })), draw(false)),
      note: (text) => line(text),
      done: Effect.suspend(() => {
        finished = true
        if (counters.size === 0) return Effect.void
        const text = `${options.tty && drawn ? "\r\x1b[2K" : ""}${statusText()}\n`
        drawn = false
        return options.write(text)
      }),
      counters: Effect.sync(() => new Map(counters))
    }
  })

/**
 * Progress on the process's stderr (plain lines unless it is a terminal).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerStderr: Layer.Layer<Progress> = Layer.effect(
  Progress,
  make({
    tty: process.stderr.isTTY === true,
    write: (text) => Effect.sync(() => void process.stderr.write(text))
  })
)

// The source each provider endpoint belongs to, by path.
const endpoints: ReadonlyArray<readonly [string, string]> = [
  ["/sapi/v1/asset/ledger-transfer/cloud-mining/queryByPage", "binance.cloud-mining"],
  ["/papi/v1/um/income", "binance.um-income"],
  ["/api/v2/zbc", "zenlayer.recharge-refund"],
  ["/contract/private/transaction-history", "wooxpro.contract-transactions"],
  ["/v2/user-api/transaction/list", "cryptomus.transactions"],
  ["/api/v3/time", "binance.time"]
]

/**
 * The source a request is for, from its path.
 *
 * @since 0.1.0
 * @category instrumentation
 */
export const sourceOf = (request: HttpClientRequest.HttpClientRequest): string => {
  const path = Option.match(Option.liftThrowable(() => new URL(request.url))(), {
    onNone: () => request.url,
    onSome: (url) => url.pathname
  })
  return endpoints.find(([suffix]) => path.endsWith(suffix))?.[1] ?? path
}

// What an answer says; true when the request failed in a way the client retries.
const observe = (progress: Service, source: string, response: HttpClientResponse.HttpClientResponse) => {
  const status = response.status
  if (status >= 200 && status < 300) {
    return Effect.as(source === "binance.time" ? Effect.void : progress.page(source), false)
  }
  if (status === 429 || status === 418) {
    const after = response.headers["retry-after"]
    const wait = after === undefined ? "" : `, Retry-After ${after}s`
    return Effect.as(progress.rateLimited(source, `rate limited (HTTP ${status}${wait}); waiting`), true)
  }
  if (status >= 500) return Effect.as(progress.failed(source, `HTTP ${status} from the provider`), true)
  return Effect.succeed(false)
}

/**
 * Wraps a client so that every answer, failed connection and retry is counted. A retry
 * is a request to a source whose previous request failed transiently.
 *
 * @since 0.1.0
 * @category instrumentation
 */
export const instrument = (progress: Service) => (client: HttpClient.HttpClient): HttpClient.HttpClient => {
  const failedLast = new Set<string>()
  return HttpClient.transform(client, (effect, request) => {
    const source = sourceOf(request)
    const retry = Effect.suspend(() => failedLast.delete(source) ? progress.retrying(source) : Effect.void)
    return retry.pipe(
      Effect.zipRight(effect),
      Effect.tap((response) =>
        Effect.flatMap(observe(progress, source, response), (failed) =>
          Effect.sync(() => failed ? failedLast.add(source) : failedLast.delete(source)))
      ),
      Effect.tapError((error) =>
        Effect.zipRight(
          progress.failed(source, `connection failed (${error.message})`),
          Effect.sync(() => failedLast.add(source))
        )
      )
    )
  })
}

/**
 * The `HttpClient` in context, counted by the `Progress` in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient, never, HttpClient.HttpClient | Progress> = Layer
  .effect(
    HttpClient.HttpClient,
    Effect.zipWith(HttpClient.HttpClient, Progress, (client, progress) => instrument(progress)(client))
  )
