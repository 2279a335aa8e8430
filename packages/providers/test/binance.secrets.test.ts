/**
 * The API secret (and the API key) never show in an error, a log line, a trace attribute
 * or the printed service.
 */
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Time } from "@ledgerkit/core"
import { Cause, ConfigProvider, Effect, Inspectable, Layer, Logger, LogLevel, Stream, Tracer } from "effect"
import * as Util from "node:util"
import * as Binance from "../src/Binance.js"
import { apiKey, apiSecret, json, options, text } from "./binanceKit.js"

/** Records every attribute set on any span. */
const recordingTracer = (inner: Tracer.Tracer, sink: Array<string>) =>
  Tracer.make({
    span: (...args) => {
      const span = inner.span(...args)
      const attribute = span.attribute.bind(span)
      span.attribute = (key, value) => {
        sink.push(`${key}=${String(value)}`)
        attribute(key, value)
      }
      return span
    },
    context: (f, fiber) => inner.context(f, fiber)
  })

describe("Binance secrets", () => {
  it.effect("appear in no error, log line, trace attribute, or print of the service", () =>
    Effect.gen(function*() {
      const printed: Array<string> = []
      const logger = Logger.make(({ annotations, cause, message }) => {
        printed.push(`${Inspectable.format(message)} ${Inspectable.format(annotations)} ${Cause.pretty(cause)}`)
      })
      const attributes: Array<string> = []
      const tracer = recordingTracer(yield* Effect.tracer, attributes)

      // One exchange of each kind: success, time sync, refused key, server error,
      // malformed body and a transport failure.
      let calls = 0
      const client = HttpClient.make((request, url) => {
        if (url.pathname === "/api/v3/time") return Effect.succeed(HttpClientResponse.fromWeb(request, json(200, { serverTime: 5 })))
        calls++
        const answers = [
          () => json(200, []),
          () => json(400, { code: -1021, msg: "Timestamp for this request is outside of the recvWindow." }),
          () => json(200, []),
          () => json(401, { code: -2015, msg: "Invalid API-key, IP, or permissions for action." }),
          () => text(503, "Service Unavailable"),
          () => text(200, "{not json")
        ]
        const answer = answers[calls - 1]
        return answer === undefined
          ? Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("socket hang up") }))
          : Effect.succeed(HttpClientResponse.fromWeb(request, answer()))
      })
      const b = yield* Binance.make(options({ retry: { maxRetries: 0 }, retention: "off" })).pipe(
        Effect.provide(Layer.succeed(HttpClient.HttpClient, client))
      )
      const errors: Array<unknown> = []
      const run = <A, E>(effect: Effect.Effect<A, E>) =>
        effect.pipe(
          Effect.tapError((e) => Effect.sync(() => errors.push(e))),
          Effect.tapErrorCause((cause) => Effect.logError("failed", cause)),
          Effect.ignore
        )
      yield* Effect.gen(function*() {
        for (let i = 0; i < 4; i++) yield* run(b.umIncomePage({}))
        yield* run(Stream.runDrain(b.sources.umIncome.entries({ from: Time.fromMillis(0), to: Time.fromMillis(1000) })))
        yield* run(b.umIncomePage({}))
      }).pipe(
        Effect.withTracer(tracer),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.All)
      )
      expect(errors.map((e) => (e as { _tag: string })._tag)).toStrictEqual(
        ["Unauthorized", "Unavailable", "MalformedResponse", "Unavailable"]
      )
      expect(printed.some((line) => line.includes("learned the server time offset"))).toBe(true)
      expect(attributes.some((a) => a.startsWith("http.request.header.x-mbx-apikey="))).toBe(true)

      const texts = [
        ...errors.flatMap((e) => [String(e), JSON.stringify(e), Util.inspect(e, { depth: 10 }), (e as Error).message]),
        ...printed,
        ...attributes,
        String(b),
        JSON.stringify(b),
        Util.inspect(b, { depth: 10, showHidden: true }),
        Util.inspect(options(), { depth: 10 }),
        JSON.stringify(options())
      ]
      for (const t of texts) {
        expect(t).not.toContain(apiSecret)
        expect(t).not.toContain(apiKey)
      }
    }))

  it.effect("layerConfig reads them redacted from the environment", () =>
    Effect.gen(function*() {
      const env = ConfigProvider.fromMap(new Map([["BINANCE_API_KEY", apiKey], ["BINANCE_API_SECRET", apiSecret]]))
      const config = yield* Effect.withConfigProvider(Binance.config, env)
      expect(config.sapiUrl).toBe("https://api.binance.com")
      expect(config.papiUrl).toBe("https://papi.binance.com")
      expect(String(config.apiSecret)).toBe("<redacted>")
      expect(JSON.stringify(config)).not.toContain(apiSecret)
      const b = yield* Binance.Binance.pipe(
        Effect.provide(Binance.layerConfig()),
        Effect.provide(Layer.succeed(HttpClient.HttpClient, HttpClient.make(() => Effect.never))),
        Effect.withConfigProvider(env)
      )
      expect(Util.inspect(b, { depth: 10 })).not.toContain(apiSecret)
    }))
})
