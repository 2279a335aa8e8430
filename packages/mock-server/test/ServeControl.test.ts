/**
 * The `serve` flags of part 2 (limits, faults, time scale, journal size), run in process:
 * the banner, then the behaviour they set, read back through the admin API.
 */
import { describe, expect, it } from "@effect/vitest"
import { NodeContext } from "@effect/platform-node"
import { Console, Deferred, Effect, Either, Exit, Fiber, Redacted } from "effect"
import { AdminClient, Cli, Faults, Limits } from "@ledgerkit/mock-server"
import * as Plain from "./support/plain.js"

/** Runs `serve` with `args` until `whileServing` is done; returns the printed lines. */
const serving = <A>(args: ReadonlyArray<string>, whileServing: (baseUrl: string) => Effect.Effect<A>) =>
  Effect.gen(function*() {
    const printed: Array<string> = []
    const ready = yield* Deferred.make<string>()
    const log = (...parts: ReadonlyArray<unknown>) =>
      Effect.gen(function*() {
        const line = parts.join(" ")
        printed.push(line)
        if (line.startsWith("admin ")) yield* Deferred.succeed(ready, printed[0])
      })
    const fiber = yield* Console.consoleWith((console) =>
      Effect.withConsole(Cli.run(["node", "ledgerkit-mock", "serve", "--port", "0", ...args]), { ...console, log, error: log })
    ).pipe(Effect.provide(NodeContext.layer), Effect.fork)
    const result = yield* Effect.flatMap(Deferred.await(ready), whileServing)
    yield* Fiber.interrupt(fiber)
    return { printed, result }
  })

describe("serve: limits, faults, time scale", () => {
  it.live("flags set the limits, the faults and the clock; the banner says so", () =>
    Effect.gen(function*() {
      const { printed, result } = yield* serving(
        [
          "--no-auth",
          "--now", "2024-06-01T00:00:00Z",
          "--time-scale", "60",
          "--limit", "binance.time=2/1m",
          "--limit", "zenlayer.recharge-refund=off",
          "--fault", "binance.um-income=503,times=1",
          "--fault", "{\"endpoint\":\"*\",\"kind\":{\"_tag\":\"Reset\"},\"probability\":0}",
          "--journal-size", "2"
        ],
        (baseUrl) =>
          Effect.gen(function*() {
            const admin = yield* Effect.provide(AdminClient.MockAdmin, AdminClient.layer(baseUrl))
            const times = yield* Effect.forEach([1, 2, 3], () => Plain.requests["binance.time"](baseUrl))
            const income = yield* Effect.forEach([1, 2], () => Plain.requests["binance.um-income"](baseUrl))
            return {
              times: times.map((w) => [w.status, w.headers["x-mbx-used-weight-1m"]]),
              income: income.map((w) => w.status),
              clock: yield* admin.clock,
              limits: yield* admin.limits,
              faults: yield* admin.faults,
              journal: yield* admin.journal()
            }
          }).pipe(Effect.orDie)
      )
      expect(printed[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(printed).toContain("clock      pinned at 2024-06-01T00:00:00.000Z, 60x real time")
      expect(printed.find((l) => l.startsWith("limits "))).toContain("binance.time=2/1m")
      expect(printed.find((l) => l.startsWith("limits "))).toContain("zenlayer.recharge-refund=off")
      expect(printed).toContain(`admin      ${printed[0]}/__admin`)
      expect(result.times).toEqual([[200, "1"], [200, "2"], [429, "3"]])
      expect(result.income).toEqual([503, 200])
      expect(result.clock.mode).toMatchObject({ _tag: "Scaled", origin: Date.UTC(2024, 5, 1), rate: 60 })
      expect(result.limits.limits.rules["binance.time"]).toMatchObject({ limit: 2, windowMillis: 60_000 })
      expect(result.limits.limits.rules["zenlayer.recharge-refund"].enabled).toBe(false)
      expect(result.faults.map((f) => [f.endpoint, f.kind._tag, f.fired])).toEqual([
        ["binance.um-income", "ServerError", 1],
        ["*", "Reset", 0]
      ])
      expect(result.journal.map((e) => e.path)).toEqual(["/papi/v1/um/income", "/papi/v1/um/income"])
    }))

  it.live("off loopback: a warning, the real address, and /__admin behind a generated or given token", () =>
    Effect.gen(function*() {
      const statuses = (baseUrl: string, token: string) =>
        Effect.promise(async () => {
          const local = baseUrl.replace("0.0.0.0", "127.0.0.1")
          const get = (path: string, headers: Record<string, string> = {}) => fetch(`${local}${path}`, { headers }).then((r) => r.status)
          return [
            await get("/__admin"),
            await get("/__admin/journal", { authorization: "Bearer wrong" }),
            await get("/__admin/journal", { authorization: `Bearer ${token}` }),
            await get("/api/v3/time")
          ]
        })
      const tokenOf = (printed: ReadonlyArray<string>) => /\(token (\S+):/.exec(printed.find((l) => l.startsWith("admin ")) ?? "")?.[1] ?? ""
      const generated = yield* serving(["--host", "0.0.0.0"], (baseUrl) => Effect.succeed(baseUrl))
      const token = tokenOf(generated.printed)
      expect(generated.printed[0]).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/)
      expect(generated.printed.find((l) => l.startsWith("warning:"))).toContain("open to the network")
      expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/)
      const given = yield* serving(["--host", "0.0.0.0", "--admin-token", "s3cret-admin"], (baseUrl) =>
        Effect.gen(function*() {
          const local = baseUrl.replace("0.0.0.0", "127.0.0.1")
          const withToken = AdminClient.layer(local, { token: Redacted.make("s3cret-admin") })
          const mode = yield* Effect.provide(Effect.flatMap(AdminClient.MockAdmin, (a) => a.clock), withToken)
          const refused = yield* Effect.provide(Effect.flip(Effect.flatMap(AdminClient.MockAdmin, (a) => a.clock)), AdminClient.layer(local))
          return { statuses: yield* statuses(baseUrl, "s3cret-admin"), mode: mode.mode._tag, refused: refused.status }
        }).pipe(Effect.orDie))
      expect(tokenOf(given.printed)).toBe("s3cret-admin")
      expect(given.result).toEqual({ statuses: [401, 401, 200, 200], mode: "System", refused: 401 })
      // On loopback no token is asked for, and none is printed.
      const local = yield* serving([], (baseUrl) => statuses(baseUrl, ""))
      expect(local.result).toEqual([200, 200, 200, 200])
      expect(local.printed.some((l) => l.startsWith("warning:"))).toBe(false)
    }))

  it.effect("--help lists the flags; bad values are refused with a reason", () =>
    Effect.gen(function*() {
      const printed: Array<string> = []
      const capture = (args: ReadonlyArray<string>) =>
        Console.consoleWith((console) =>
          Effect.withConsole(Cli.run(["node", "ledgerkit-mock", "serve", ...args]), {
            ...console,
            log: (...a: ReadonlyArray<unknown>) => Effect.sync(() => void printed.push(a.join(" "))),
            error: (...a: ReadonlyArray<unknown>) => Effect.sync(() => void printed.push(a.join(" ")))
          })
        ).pipe(Effect.provide(NodeContext.layer), Effect.exit)
      yield* capture(["--help"])
      for (const flag of ["--no-limits", "--limit", "--fault", "--time-scale", "--journal-size"]) {
        expect(printed.join("\n")).toContain(flag)
      }
      for (const [args, reason] of [
        [["--fault", "binance.um-income=teapot"], "unknown kind teapot"],
        [["--limit", "binance.um-income=fast"], "expected off, on or LIMIT"],
        [["--limit", "nowhere=10"], "unknown endpoint nowhere"],
        [["--time-scale", "0"], "--time-scale must be greater than 0"]
      ] as const) {
        printed.length = 0
        expect(Exit.isFailure(yield* capture(args))).toBe(true)
        expect(printed.join("\n")).toContain(reason)
      }
    }))
})

describe("flag parsers", () => {
  it("--fault short forms", () => {
    expect(Faults.parse("binance.um-income=429,times=3,retryAfter=5")).toEqual(Either.right({
      endpoint: "binance.um-income",
      kind: { _tag: "TooManyRequests", retryAfterSeconds: 5 },
      times: 3
    }))
    expect(Faults.parse("*=reset,probability=0.05,seed=7")).toEqual(Either.right({
      endpoint: "*",
      kind: { _tag: "Reset" },
      probability: 0.05,
      seed: 7
    }))
    expect(Faults.parse("wooxpro.contract-transactions=502")).toEqual(Either.right({
      endpoint: "wooxpro.contract-transactions",
      kind: { _tag: "ServerError", status: 502 }
    }))
    expect(Faults.parse("cryptomus.transactions=delay,millis=2000")).toEqual(Either.right({
      endpoint: "cryptomus.transactions",
      kind: { _tag: "Delay", millis: 2000 }
    }))
    expect(Faults.parse("binance.time=truncated,bytes=3")).toEqual(Either.right({
      endpoint: "binance.time",
      kind: { _tag: "Truncated", bytes: 3 }
    }))
    expect(Faults.parse("binance.time=malformed")).toEqual(Either.right({ endpoint: "binance.time", kind: { _tag: "MalformedJson" } }))
    expect(Faults.parse("binance.time=418")).toEqual(Either.right({ endpoint: "binance.time", kind: { _tag: "Banned" } }))
    for (const bad of ["binance.time=delay", "nowhere=429", "binance.time=429,color=3", "binance.time=429,probability=2", "{"]) {
      expect(Either.isLeft(Faults.parse(bad)), bad).toBe(true)
    }
  })

  it("--limit values", () => {
    expect(Limits.parseRule("off")).toEqual(Either.right({ enabled: false }))
    expect(Limits.parseRule("1200/1m")).toEqual(Either.right({ enabled: true, limit: 1200, windowMillis: 60_000 }))
    expect(Limits.parseRule("10/500ms")).toEqual(Either.right({ enabled: true, limit: 10, windowMillis: 500 }))
    expect(Limits.parseRule("7")).toEqual(Either.right({ enabled: true, limit: 7 }))
    expect(Either.isLeft(Limits.parseRule("0/1s"))).toBe(true)
  })
})
