/**
 * All the mutable state of the mock in one place (one `Ref`): the datasets, the
 * behaviour settings and the credentials. Each request reads one consistent snapshot;
 * an admin API (or a test) replaces parts of it.
 *
 * @since 0.1.0
 */
import { Context, Effect, Either, Layer, Ref, Schema } from "effect"
import * as Arbitraries from "./Arbitraries.js"
import * as BulkDataset from "./BulkDataset.js"
import * as Churn from "./Churn.js"
import * as Credentials from "./Credentials.js"
import * as Datasets from "./Datasets.js"
import * as MockClock from "./MockClock.js"
import type * as MockProvider from "./MockProvider.js"
import * as Providers from "./providers/index.js"
import type * as Records from "./Records.js"
import * as Registry from "./Registry.js"
import * as Settings from "./Settings.js"

/**
 * Records that cannot be served (two share the provider's record key).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidDataset extends Schema.TaggedError<InvalidDataset>()("InvalidDataset", {
  message: Schema.String
}) {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Snapshot {
  readonly datasets: Datasets.Datasets
  readonly settings: Settings.Settings
  readonly credentials: Credentials.Credentials
}

/**
 * Which dataset to load. A generated dataset's records are timed in the 90 days before
 * `anchor`; without one, the anchor is the pinned `--now`, or else the start (00:00 UTC)
 * of the mock clock's current day, so that restarting the same day gives the same bytes.
 * A bulk dataset (`BulkDataset`: a million rows in seconds) spreads `rows` records per
 * endpoint over the 80 days before the anchor; with `endpoints`, only those get records.
 *
 * @since 0.1.0
 * @category models
 */
export type DatasetSpec =
  | { readonly _tag: "Docs" }
  | { readonly _tag: "Generated"; readonly seed: number; readonly rows: number; readonly anchor?: number | undefined }
  | {
    readonly _tag: "Bulk"
    readonly seed: number
    readonly rows: number
    readonly anchor?: number | undefined
    readonly endpoints?: ReadonlyArray<string> | undefined
  }

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The providers served. */
  readonly registry: Registry.Registry
  readonly get: Effect.Effect<Snapshot>
  readonly update: (f: (snapshot: Snapshot) => Snapshot) => Effect.Effect<void>
  /** Builds a dataset from a spec and serves it. */
  readonly load: (spec: DatasetSpec) => Effect.Effect<Datasets.Datasets>
  readonly setDatasets: (datasets: Datasets.Datasets) => Effect.Effect<void>
  /** Replaces one endpoint's records (the dataset becomes `custom`). */
  readonly setRecords: <K extends Records.EndpointId>(
    id: K,
    records: Iterable<Records.RecordOf[K]>
  ) => Effect.Effect<void, InvalidDataset>
  readonly patchSettings: (patch: Settings.Patch) => Effect.Effect<void>
  readonly setCredentials: (credentials: Credentials.Credentials) => Effect.Effect<void>
  /** Back to the state the mock started with. */
  readonly reset: Effect.Effect<void>
  /** The churn in force and its latest changes (applied up to the clock's now). */
  readonly churn: Effect.Effect<Churn.State>
  /** Starts churn at the clock's now (replacing any), or stops it. */
  readonly setChurn: (spec: Churn.Spec | undefined) => Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class MockState extends Context.Tag("@ledgerkit/mock-server/MockState")<MockState, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * The providers to serve (default: every provider of `providers/index.ts`). The typed
   * snapshot describes the default providers; others' parts are held the same way.
   */
  readonly providers?: ReadonlyArray<MockProvider.MockProvider> | undefined
  readonly dataset?: DatasetSpec | undefined
  /** Serve these datasets (takes precedence over `dataset`). */
  readonly datasets?: Datasets.Datasets | undefined
  readonly settings?: Settings.Patch | undefined
  readonly credentials?: Credentials.Credentials | undefined
  /** Data that moves from the start (see `Churn`); off by default. */
  readonly churn?: Churn.Spec | undefined
}

const DAY = 86_400_000

const defaultRegistry = Registry.make(Providers.all)

// The typed view of the datasets of any providers (see `Options.providers`).
const typed = (datasets: Datasets.Any) => datasets as Datasets.Datasets

/**
 * Builds the dataset of a spec, reading the clock for a default anchor.
 *
 * @since 0.1.0
 * @category constructors
 */
export const build = (
  spec: DatasetSpec,
  registry: Registry.Registry = defaultRegistry
): Effect.Effect<Datasets.Datasets, never, MockClock.MockClock> =>
  Effect.gen(function*() {
    if (spec._tag === "Docs") return typed(Datasets.docsOf(registry))
    const clock = yield* MockClock.MockClock
    const mode = yield* clock.mode
    const now = yield* clock.now
    const anchor = spec.anchor ?? (mode._tag === "Pinned" ? mode.millis : Math.floor(now / DAY) * DAY)
    if (spec._tag === "Generated") return typed(Arbitraries.generateOf(registry, { seed: spec.seed, rows: spec.rows, anchor }))
    const ids = spec.endpoints ?? registry.data.map((d) => d.id)
    const endpoints = Object.fromEntries(ids.map((id) => [id, { rows: spec.rows }]))
    return typed(BulkDataset.generateOf(registry, { seed: spec.seed, anchor, endpoints }))
  })

const tableOf = <R>(registry: Registry.Registry, id: string, records: Iterable<R>): Either.Either<Datasets.Table<R>, string> => {
  const data = registry.dataById.get(id)
  return data === undefined ? Either.left(`${id}: no such endpoint`) : Datasets.tableWith(data.keys as Datasets.Keys<R>, id, records)
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Service, never, MockClock.MockClock> =>
  Effect.gen(function*() {
    const clock = yield* MockClock.MockClock
    const registry = Registry.make(options.providers ?? Providers.all)
    const initial: Snapshot = {
      datasets: options.datasets ?? (yield* build(options.dataset ?? { _tag: "Docs" }, registry)),
      settings: Settings.patchWith(registry, Settings.defaultsOf(registry) as Settings.Settings, options.settings ?? {}),
      credentials: options.credentials ?? (Credentials.defaultsOf(registry) as Credentials.Credentials)
    }
    const started = Churn.start(Churn.off, options.churn, yield* clock.now)
    // The snapshot and the churn that moves it, in one Ref: a read applies churn up to now.
    const ref = yield* Ref.make({ snapshot: initial, churn: started })
    const sync = Effect.flatMap(clock.now, (now) =>
      Ref.modify(ref, (current) => {
        const moved = Churn.advance(registry, current.churn, current.snapshot.datasets, now)
        if (moved.state === current.churn) return [current, current]
        const next = { churn: moved.state, snapshot: { ...current.snapshot, datasets: typed(moved.datasets) } }
        return [next, next]
      }))
    const update = (f: (s: Snapshot) => Snapshot) =>
      Effect.zipRight(sync, Ref.update(ref, (current) => ({ ...current, snapshot: f(current.snapshot) })))
    return {
      registry,
      get: Effect.map(sync, (current) => current.snapshot),
      churn: Effect.map(sync, (current) => current.churn),
      setChurn: (spec) =>
        Effect.zipRight(
          sync,
          Effect.flatMap(clock.now, (now) => Ref.update(ref, (current) => ({ ...current, churn: Churn.start(current.churn, spec, now) })))
        ),
      update,
      load: (spec) =>
        build(spec, registry).pipe(
          Effect.provideService(MockClock.MockClock, clock),
          Effect.tap((datasets) => update((s) => ({ ...s, datasets })))
        ),
      setDatasets: (datasets) => update((s) => ({ ...s, datasets })),
      setRecords: (id, records) =>
        Either.match(tableOf(registry, id, records), {
          onLeft: (message) => Effect.fail(new InvalidDataset({ message })),
          onRight: (t) => update((s) => ({ ...s, datasets: Datasets.withTable(s.datasets, id, t) }))
        }),
      patchSettings: (patch) => update((s) => ({ ...s, settings: Settings.patchWith(registry, s.settings, patch) })),
      setCredentials: (credentials) => update((s) => ({ ...s, credentials })),
      reset: Ref.set(ref, { snapshot: initial, churn: started })
    }
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<MockState, never, MockClock.MockClock> =>
  Layer.effect(MockState, make(options))
