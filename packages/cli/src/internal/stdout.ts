/**
 * Writing records to stdout, where the reader may go away (`| head -1`).
 */
import { Effect } from "effect"
import { OutputError, StdoutClosed } from "../Failure.js"
import { Progress } from "../Progress.js"

// EPIPE: the reader closed the pipe; ERR_STREAM_DESTROYED: an earlier write found it so.
const closedCodes = new Set(["EPIPE", "ERR_STREAM_DESTROYED"])

/** Writes `chunk` to stdout; resumes once it is handed to the OS. */
export const write = (chunk: Uint8Array | string): Effect.Effect<void, OutputError | StdoutClosed> =>
  Effect.async((resume) => {
    process.stdout.write(chunk, (error) => {
      if (error === null || error === undefined) return resume(Effect.void)
      const code = (error as NodeJS.ErrnoException).code
      resume(Effect.fail(code !== undefined && closedCodes.has(code)
        ? new StdoutClosed()
        : new OutputError({ path: "stdout", reason: error.message })))
    })
  })

/**
 * Keeps a failed stdout from crashing the process. A stream emits `error` after the failed
 * write's callback (which `write` has already turned into StdoutClosed or OutputError),
 * and an `error` event without a listener is thrown. Help text, which goes through the
 * console, is lost on a closed pipe as it would be anyway.
 */
export const reportWritesOnly = (): void => {
  process.stdout.on("error", () => {})
}

/** Ends a command whose stdout was closed: the progress line is cleared, nothing is said, exit 0. */
export const endWhenClosed = <A, E, R>(
  self: Effect.Effect<A, E | StdoutClosed, R>
): Effect.Effect<A | void, Exclude<E, StdoutClosed>, R | Progress> =>
  Effect.catchIf(
    self,
    (error): error is StdoutClosed => error instanceof StdoutClosed,
    () => Effect.flatMap(Progress, (progress) => progress.done)
  )
