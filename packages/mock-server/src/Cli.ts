/**
 * The `ledgerkit-mock` command line: `serve` starts the mock. The first line printed is
 * the base URL, then the credentials in force, then the dataset and settings.
 *
 * @since 0.1.0
 */
import { Command, HelpDoc, Options, ValidationError } from "@effect/cli"
import { Config, Console, Effect, Either, HashMap, Option, Redacted } from "effect"
import * as Crypto from "node:crypto"
import * as Os from "node:os"
import { Time } from "@ledgerkit/core"
import * as Churn from "./Churn.js"
import * as Credentials from "./Credentials.js"
import * as Faults from "./Faults.js"
import * as Limits from "./Limits.js"
import * as MockState from "./MockState.js"
import * as Providers from "./providers/index.js"
import * as Records from "./Records.js"
import * as Registry from "./Registry.js"
import * as Server from "./Server.js"
import * as Settings from "./Settings.js"

const invalid = (message: string) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(message)))

const host = Options.text("host").pipe(
  Options.withDescription(
    "Interface to listen on. Anything but loopback (127.0.0.1, ::1, localhost) opens the mock to the network: the admin API then requires the admin token."
  ),
  Options.withFallbackConfig(Config.string("LEDGERKIT_MOCK_HOST")),
  Options.withDefault("127.0.0.1")
)

const adminToken = Options.redacted("admin-token").pipe(
  Options.withDescription(
    "Require this token on /__admin (Authorization: Bearer TOKEN); generated and printed when --host is not loopback and none is given."
  ),
  Options.withFallbackConfig(Config.redacted("LEDGERKIT_MOCK_ADMIN_TOKEN")),
  Options.optional
)

const port = Options.integer("port").pipe(
  Options.withDescription("Port to listen on; 0 takes a free port."),
  Options.withFallbackConfig(Config.integer("LEDGERKIT_MOCK_PORT")),
  Options.withDefault(4010)
)

const dataset = Options.choice("dataset", ["docs", "generated", "bulk"]).pipe(
  Options.withDescription(
    "docs: the documented examples; generated: seeded records with every hard case (see --seed, --rows); bulk: seeded records at a steady density, fast (a million rows per endpoint in seconds)."
  ),
  Options.withDefault("docs" as const)
)

const seed = Options.integer("seed").pipe(Options.withDescription("Seed of the generated dataset."), Options.withDefault(1))

const rows = Options.integer("rows").pipe(
  Options.withDescription("Records per endpoint in the generated dataset."),
  Options.withDefault(100),
  Options.mapEffect((n) => (n >= 0 && n <= 1_000_000 ? Effect.succeed(n) : invalid("--rows must be between 0 and 1000000")))
)

/**
 * Reads `--now`: epoch milliseconds or ISO-8601 UTC.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseNow = (input: string): Either.Either<number, string> =>
  /^[0-9]{1,16}$/.test(input)
    ? Either.right(Number(input))
    : Either.mapLeft(Time.parseIso(input), () => `--now must be epoch milliseconds or ISO-8601 UTC, received ${input}`)

const now = Options.text("now").pipe(
  Options.withDescription("Pin the mock clock (epoch ms or ISO-8601 UTC such as 2024-06-01T00:00:00Z)."),
  Options.mapEffect((s) => Either.match(parseNow(s), { onLeft: invalid, onRight: Effect.succeed })),
  Options.optional
)

const noAuth = Options.boolean("no-auth").pipe(Options.withDescription("Turn authentication off (for quick curl use)."))

const credentialsFile = Options.fileText("credentials").pipe(
  Options.withDescription("A credentials JSON file (see the README); flags and environment override it."),
  Options.optional
)

const registry = Registry.make(Providers.all)

// A wildcard address (0.0.0.0, ::) is reached at each interface's own address.
const reachable = (bound: string): ReadonlyArray<string> => {
  const url = new URL(bound)
  if (url.hostname !== "0.0.0.0" && url.hostname !== "[::]") return []
  const family = url.hostname === "0.0.0.0" ? "IPv4" : "IPv6"
  return Object.values(Os.networkInterfaces()).flatMap((list) => list ?? [])
    .filter((i) => i.family === family)
    .map((i) => `http://${family === "IPv6" ? `[${i.address}]` : i.address}:${url.port}`)
}

// Each provider's own flags (credentials, and settings where it has some).
const providerFlags = Options.all(Object.fromEntries(registry.providers.map((p) => [p.id, p.flags])))

const entries = (map: Option.Option<HashMap.HashMap<string, string>>) =>
  Option.match(map, { onNone: () => [], onSome: (m) => Array.from(HashMap.entries(m)) })

const order = Options.keyValueMap("order").pipe(
  Options.withDescription(`Result order per endpoint: ENDPOINT=asc|desc (${Records.endpointIds.join(", ")}).`),
  Options.optional,
  Options.mapEffect((map) => {
    const patch: Record<string, Settings.Order> = {}
    for (const [key, value] of entries(map)) {
      if (!Records.isEndpointId(key)) return invalid(`--order: unknown endpoint ${key}`)
      if (value !== "asc" && value !== "desc") return invalid(`--order ${key}: expected asc or desc, received ${value}`)
      patch[key] = value
    }
    return Effect.succeed(patch)
  })
)

const boundFlag = (name: string, which: string, switchable: ReadonlyArray<string>) =>
  Options.keyValueMap(name).pipe(
    Options.withDescription(`${which} bound where undocumented: ENDPOINT=inclusive|exclusive (${switchable.join(", ")}).`),
    Options.optional,
    Options.mapEffect((map) => {
      const patch: Record<string, Settings.Bound> = {}
      for (const [key, value] of entries(map)) {
        if (!switchable.includes(key)) return invalid(`--${name}: ${key} is not switchable (${switchable.join(", ")})`)
        if (value !== "inclusive" && value !== "exclusive") return invalid(`--${name} ${key}: expected inclusive or exclusive`)
        patch[key] = value
      }
      return Effect.succeed(patch)
    })
  )

const startBound = boundFlag("start-bound", "Start", Settings.switchableStarts)

const endBound = boundFlag("end-bound", "End", Settings.switchableBounds)

const noLimits = Options.boolean("no-limits").pipe(
  Options.withDescription("Turn every rate limit off (they are on by default, as the providers' are).")
)

const limit = Options.keyValueMap("limit").pipe(
  Options.withDescription(
    `A rate limit per endpoint: ENDPOINT=off|on|LIMIT[/WINDOW], e.g. ENDPOINT=1200/1m or ENDPOINT=off (${
      Limits.ruleIds.join(", ")
    }).`
  ),
  Options.optional,
  Options.mapEffect((map) => {
    const rules: { [K in Limits.RuleId]?: Partial<Limits.Rule> } = {}
    for (const [key, value] of entries(map)) {
      if (!Limits.isRuleId(key)) return invalid(`--limit: unknown endpoint ${key} (${Limits.ruleIds.join(", ")})`)
      const rule = Limits.parseRule(value)
      if (Either.isLeft(rule)) return invalid(`--limit ${key}: ${rule.left}`)
      rules[key] = rule.right
    }
    return Effect.succeed(rules)
  })
)

const fault = Options.text("fault").pipe(
  Options.withDescription(
    "A fault in force from the start (repeatable): ENDPOINT=KIND[,times=N][,probability=P][,seed=S][,retryAfter=S][,status=N][,millis=N][,bytes=N] with KIND 429|418|5xx|500-599|delay|reset|truncated|malformed and ENDPOINT an endpoint id or *, or the admin API's JSON."
  ),
  Options.repeated,
  Options.mapEffect((texts) => Effect.forEach(texts, (text) => Either.match(Faults.parse(text), { onLeft: invalid, onRight: Effect.succeed })))
)

const churn = Options.text("churn").pipe(
  Options.withDescription(
    "Data that moves (repeatable): ENDPOINT=arrive:R,settle:R,correct:R,remove:R with rates per minute of mock time, and seed=S; off by default."
  ),
  Options.repeated,
  Options.mapEffect((texts) => Either.match(Churn.parse(texts), { onLeft: invalid, onRight: Effect.succeed }))
)

const timeScale = Options.float("time-scale").pipe(
  Options.withDescription("Run the mock clock this many times faster than real time (60: a minute per second), from --now or the start."),
  Options.optional,
  Options.mapEffect((o) =>
    Option.match(o, {
      onNone: () => Effect.succeed(undefined),
      onSome: (r) => (r > 0 && r <= 1_000_000 ? Effect.succeed(r) : invalid("--time-scale must be greater than 0 and at most 1000000"))
    })
  )
)

const journalSize = Options.integer("journal-size").pipe(
  Options.withDescription("Requests kept in the journal (GET /__admin/journal)."),
  Options.withDefault(1000),
  Options.mapEffect((n) => (n >= 1 && n <= 1_000_000 ? Effect.succeed(n) : invalid("--journal-size must be between 1 and 1000000")))
)

const journalBodyBytes = Options.integer("journal-body-bytes").pipe(
  Options.withDescription("Body bytes kept per journal entry; a longer body is kept cut short and marked bodyTruncated."),
  Options.withDefault(16 * 1024),
  Options.mapEffect((n) =>
    n >= 0 && n <= 16 * 1024 * 1024 ? Effect.succeed(n) : invalid("--journal-body-bytes must be between 0 and 16777216")
  )
)

const serve = Command.make(
  "serve",
  {
    host,
    port,
    dataset,
    seed,
    rows,
    now,
    noAuth,
    credentialsFile,
    providerFlags,
    order,
    startBound,
    endBound,
    noLimits,
    limit,
    fault,
    churn,
    timeScale,
    journalSize,
    journalBodyBytes,
    adminToken
  },
  (o) =>
    Effect.gen(function*() {
      const flags = Object.entries(o.providerFlags)
      const credentials = yield* Credentials.resolve({
        fileText: Option.getOrUndefined(Option.map(o.credentialsFile, ([, content]) => content)),
        flags: Object.fromEntries(flags.map(([id, f]) => [id, f.credentials])),
        registry
      })
      const spec: MockState.DatasetSpec = o.dataset === "docs"
        ? { _tag: "Docs" }
        : { _tag: o.dataset === "generated" ? "Generated" : "Bulk", seed: o.seed, rows: o.rows }
      const open = !Server.isLoopback(o.host)
      // Off loopback, anyone who reaches the port could turn auth off or read the journal.
      const token = Option.getOrUndefined(o.adminToken) ??
        (open ? Redacted.make(Crypto.randomBytes(18).toString("base64url")) : undefined)
      const layer = Server.serverLayer({
        adminToken: token,
        host: o.host,
        port: o.port,
        now: Option.getOrUndefined(o.now),
        dataset: spec,
        // The defaults' types: the credentials of the default providers, resolved.
        credentials: credentials as Credentials.Credentials,
        faults: o.fault,
        churn: o.churn,
        journalCapacity: o.journalSize,
        journalBodyBytes: o.journalBodyBytes,
        timeScale: o.timeScale,
        settings: {
          limits: { enabled: !o.noLimits, rules: o.limit },
          auth: !o.noAuth,
          order: o.order,
          startBound: o.startBound,
          endBound: o.endBound,
          ...Object.fromEntries(flags.flatMap(([id, f]) => f.settings === undefined ? [] : [[id, f.settings]]))
        }
      })
      yield* Effect.gen(function*() {
        const bound = yield* Server.boundUrl
        yield* Console.log(bound)
        if (open) {
          yield* Console.error(
            `warning: listening on ${bound}, open to the network: anyone who reaches it can call the provider endpoints; /__admin requires the admin token.`
          )
        }
        const state = yield* MockState.MockState
        const snapshot = yield* state.get
        for (const line of Credentials.describe(snapshot.credentials)) yield* Console.log(line)
        yield* Console.log(`dataset    ${snapshot.datasets.name}`)
        yield* Console.log(`auth       ${snapshot.settings.auth ? "on" : "off"}`)
        const scaled = o.timeScale === undefined ? "" : `, ${o.timeScale}x real time`
        yield* Console.log(`clock      ${Option.match(o.now, { onNone: () => "system", onSome: (t) => `pinned at ${new Date(t).toISOString()}` })}${scaled}`)
        yield* Console.log(`order      ${JSON.stringify(snapshot.settings.order)}`)
        yield* Console.log(`start bound ${JSON.stringify(snapshot.settings.startBound)}`)
        yield* Console.log(`end bound  ${JSON.stringify(snapshot.settings.endBound)}`)
        yield* Console.log(`limits     ${Limits.describe(snapshot.settings.limits)}`)
        yield* Console.log(`faults     ${o.fault.length === 0 ? "none" : JSON.stringify(o.fault)}`)
        for (const url of reachable(bound)) yield* Console.log(`reachable  ${url}`)
        yield* Console.log(`churn      ${o.churn === undefined ? "off" : JSON.stringify(o.churn)}`)
        yield* Console.log(`admin      ${bound}/__admin${token === undefined ? "" : ` (token ${Redacted.value(token)}: send Authorization: Bearer <token>)`}`)
        yield* Effect.never
      }).pipe(Effect.provide(layer))
    })
).pipe(Command.withDescription("Serve the five provider endpoints (and GET /api/v3/time) on one port."))

const root = Command.make("ledgerkit-mock").pipe(
  Command.withDescription("A faithful local mock of the ledgerkit providers."),
  Command.withSubcommands([serve])
)

/**
 * Runs the command line (`process.argv`).
 *
 * @since 0.1.0
 * @category commands
 */
export const run = Command.run(root, { name: "ledgerkit-mock", version: "0.1.0" })
