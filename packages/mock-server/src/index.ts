/**
 * A local server that behaves like the providers: real paths, signatures, errors,
 * pagination, rate limits and faults.
 *
 * @since 0.1.0
 */

/**
 * fast-check arbitraries for each endpoint's records and for whole datasets. The
 * `generated` dataset is one sample of `datasets` for a seed, so property tests and the
 * CLI draw from the same code.
 *
 * @since 0.1.0
 */
export * as Arbitraries from "./Arbitraries.js"

/**
 * Large datasets, fast: a seeded generator (mulberry32) that writes records in the
 * endpoints' shapes at a steady density, for benchmarks that need 100k to millions of
 * records. The fast-check `generated` dataset draws each record through arbitraries
 * (about 3 s per 10,000 rows); this one writes a million rows in a few seconds.
 *
 * @since 0.1.0
 */
export * as BulkDataset from "./BulkDataset.js"

/**
 * The `ledgerkit-mock` command line: `serve` starts the mock. The first line printed is
 * the base URL, then the credentials in force, then the dataset and settings.
 *
 * @since 0.1.0
 */
export * as Cli from "./Cli.js"

/**
 * The credentials the mock accepts, one set per provider. Defaults come from DESIGN.md;
 * a credentials JSON file, environment variables and CLI flags override them (in that
 * order of increasing precedence). Secrets are `Redacted`.
 *
 * @since 0.1.0
 */
export * as Credentials from "./Credentials.js"

/**
 * The records the mock serves, one table per endpoint. A table is kept sorted oldest
 * first (by time, then id, then type) with its times alongside, so that a time window is
 * two binary searches and a page is a slice.
 *
 * @since 0.1.0
 */
export * as Datasets from "./Datasets.js"

/**
 * An exact JSON writer. Responses are written by the mock's own writer (a generic
 * serializer only for the parts it writes identically) so that amounts keep their scale:
 * a string stays `"-0.37500000"`, and a Zenlayer amount is written as the number literal
 * `39.05` or `0.12345678`, never through a binary double.
 *
 * @since 0.1.0
 */
export * as ExactJson from "./ExactJson.js"

/**
 * The mock's one clock. Signed requests are checked against it, Binance's `GET
 * /api/v3/time` reports it, and the data rules (default windows, retention) run against
 * it.
 *
 * @since 0.1.0
 */
export * as MockClock from "./MockClock.js"

/**
 * The wire model of the mock: every provider request is normalised into a `MockRequest`
 * (method, path, raw query string, lower-cased headers, raw body bytes) and answered
 * with a `MockResponse` (status, headers, body bytes). Responses are bytes, not values,
 * so that the mock controls exactly what a client receives (documented bytes, and later
 * truncated or malformed bodies).
 *
 * @since 0.1.0
 */
export * as MockHttp from "./MockHttp.js"

/**
 * The records each endpoint serves, in the providers' own wire shapes (the field names,
 * types and order of the documented examples). Amounts are exact decimal strings;
 * Zenlayer writes its amount as a JSON number literal, so the mock keeps the literal as
 * a string and writes it unquoted.
 *
 * @since 0.1.0
 */
export * as Records from "./Records.js"

/**
 * The behaviours the provider docs leave open, as switches, so that a client can be
 * tested against each way the real provider could behave. The defaults are documented in
 * the README ("Where the docs are silent").
 *
 * @since 0.1.0
 */
export * as Settings from "./Settings.js"

/**
 * What one provider endpoint of the mock is: where it lives, how it authenticates a
 * request, and how it validates and answers it. Endpoints are pure functions of the
 * request and a context (the clock's time and one snapshot of the state), which the
 * `Pipeline` reads once per request.
 *
 * @since 0.1.0
 */
export * as Endpoint from "./Endpoint.js"

/**
 * The endpoints of the mock, at the providers' real paths (they do not collide, so all
 * live on one port).
 *
 * @since 0.1.0
 */
export * as Endpoints from "./Endpoints.js"

/**
 * All the mutable state of the mock in one place (one `Ref`): the datasets, the
 * behaviour settings and the credentials. Each request reads one consistent snapshot; an
 * admin API (or a test) replaces parts of it.
 *
 * @since 0.1.0
 */
export * as MockState from "./MockState.js"

/**
 * The one path every provider request takes:
 *
 * @since 0.1.0
 */
export * as Pipeline from "./Pipeline.js"

/**
 * The HTTP side: an `HttpRouter` that turns every request into a `MockRequest`, hands it
 * to the `Pipeline`, and writes the `MockResponse` bytes as they are. `serverLayer`
 * serves it with `@effect/platform-node` and is shared by the CLI and the testkit.
 *
 * @since 0.1.0
 */
export * as Server from "./Server.js"

/**
 * A Layer for tests: the mock served on a free port of 127.0.0.1, with a handle that
 * yields its base URL, its state, and a typed admin handle (datasets, faults, journal,
 * rate limits, clock, reset: `AdminClient.Admin`). Rate limits start off (see
 * `testSettings`).
 *
 * @since 0.1.0
 */
export * as Testkit from "./Testkit.js"

/**
 * The admin API, JSON under `/__admin` (never journaled, never rate limited, never
 * faulted, never authenticated: it is the test's side of the mock).
 *
 * @since 0.1.0
 */
export * as Admin from "./Admin.js"

/**
 * A typed client of the admin API (`/__admin`): every call is an HTTP request to a
 * running mock, so the same handle drives a mock in this process (the testkit) or one
 * started elsewhere (`ledgerkit-mock serve`).
 *
 * @since 0.1.0
 */
export * as AdminClient from "./AdminClient.js"

/**
 * Data that moves: seeded churn per data endpoint (arrivals at now, settlements,
 * corrections, removals) as the mock clock runs, deterministic for (seed, clock), with a
 * log of the changes.
 *
 * @since 0.1.0
 */
export * as Churn from "./Churn.js"

/**
 * The control plane of the mock: the journal, the faults and the rate limits, plugged
 * into the `Pipeline` as its stages, and a `reset` that puts everything back to where
 * the server started (dataset, settings, credentials, clock, faults; journal and rate
 * counters emptied).
 *
 * @since 0.1.0
 */
export * as Control from "./Control.js"

/**
 * Faults on demand, per endpoint: for the next N matching requests, with a probability
 * (drawn from the fault's own seeded generator, so a run is reproducible), or both.
 *
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"

/**
 * The request journal: every provider request the mock received (unknown paths too),
 * with what the mock decided, so that a test can assert what its client sent.
 *
 * @since 0.1.0
 */
export * as Journal from "./Journal.js"

/**
 * The rate-limit rules of the mock, one per endpoint, as data (part of `Settings`).
 *
 * @since 0.1.0
 */
export * as Limits from "./Limits.js"

/**
 * The rate-limit stage: counts each provider request against its endpoint's rule
 * (`Limits`, read from the settings of the request's snapshot), reports the usage in the
 * provider's own headers, and answers 429 (then 418 where the provider bans) in the
 * provider's own error shape once the budget is spent.
 *
 * @since 0.1.0
 */
export * as RateLimits from "./RateLimits.js"

/**
 * Schemas of each endpoint's records (the `Records` models), for records uploaded
 * through the admin API (`PUT /__admin/dataset/:endpoint/records`). They check what the
 * mock needs to serve a record faithfully: amounts are plain decimal literals, times
 * parse, enumerations hold documented values.
 *
 * @since 0.1.0
 */
export * as RecordSchemas from "./RecordSchemas.js"

/**
 * The OpenAPI 3.1 document of the provider endpoints the mock serves (the five data
 * endpoints and Binance's `GET /api/v3/time`), written as data from the seed docs and
 * PROVIDERS.md: paths, parameters with their documented types, defaults, ranges and
 * enumerations, security, request bodies, the success schemas (with the documented
 * examples), and the error answers with their rate-limit headers.
 *
 * @since 0.1.0
 */
export * as OpenApi from "./OpenApi.js"

/**
 * What a provider is to the mock: one value that the kernel (server, pipeline, state,
 * datasets, admin API, CLI, OpenAPI assembler) consumes without knowing the provider.
 * Each provider's folder under `providers/` exports one; `providers/index.ts` lists
 * them.
 *
 * @since 0.1.0
 */
export * as MockProvider from "./MockProvider.js"

/**
 * The providers the mock serves, in order (the order of the endpoints, the datasets, the
 * OpenAPI document and the banner). This is the one place that names them: a sixth
 * provider is one folder here and one line below.
 *
 * @since 0.1.0
 */
export * as Providers from "./providers/index.js"

/**
 * One endpoint's rate-limit rule and what it does to one client's counter. A provider
 * declares a rule per endpoint (its default); `Limits` holds the rules in force and
 * `RateLimits` counts requests against them.
 *
 * @since 0.1.0
 */
export * as RateLimitRule from "./RateLimitRule.js"

/**
 * The providers a server serves, indexed once: endpoints by method and path, data
 * endpoints by id. Every part of the kernel that needs to know about providers reads a
 * registry (the server's is `MockState`'s, made from `Server.Options.providers`, by
 * default every provider of `providers/index.ts`); none names a provider.
 *
 * @since 0.1.0
 */
export * as Registry from "./Registry.js"
