/**
 * The messages between a benchmark and the mock server it runs in a child process (over
 * the `fork` IPC channel). The child answers each request with the same `id`.
 */
import type * as BulkDataset from "@ledgerkit/mock-server/BulkDataset"
import type * as Records from "@ledgerkit/mock-server/Records"

/** What the parent asks. */
export type Request =
  | { readonly id: number; readonly type: "load"; readonly options: BulkDataset.Options; readonly identities?: boolean | undefined }
  | { readonly id: number; readonly type: "profileStart" }
  | { readonly id: number; readonly type: "profileStop"; readonly file?: string | undefined }
  | { readonly id: number; readonly type: "usage" }

/** Records served per endpoint, with the time span they cover. */
export interface Loaded {
  readonly counts: { readonly [K in Records.EndpointId]: number }
  /** Epoch millis of the oldest and newest record (null when empty). */
  readonly spans: { readonly [K in Records.EndpointId]: readonly [number, number] | null }
  /** The provider key of every record, when asked for (the ledger's entry ids). */
  readonly identities?: { readonly [K in Records.EndpointId]: ReadonlyArray<string> }
  readonly millis: number
}

/** One function of a CPU profile: its self time. */
export interface Hotspot {
  readonly name: string
  readonly where: string
  readonly selfMillis: number
  readonly share: number
}

export interface ProfileSummary {
  readonly totalMillis: number
  /** Functions by self time. */
  readonly top: ReadonlyArray<Hotspot>
  /** Named parts of the call tree, by inclusive time. */
  readonly groups: ReadonlyArray<{ readonly label: string; readonly millis: number; readonly share: number }>
  /** Self time by source file. */
  readonly byFile: ReadonlyArray<{ readonly file: string; readonly millis: number; readonly share: number }>
  readonly file?: string | undefined
}

export interface Usage {
  readonly cpuMicros: number
  readonly rssBytes: number
  readonly maxRssBytes: number
}

/** What the child answers. */
export type Response =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }

/** The first message of the child: where it listens. */
export interface Ready {
  readonly type: "ready"
  readonly baseUrl: string
}
