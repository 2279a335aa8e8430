/**
 * Child processes that cannot outlive the test. Each runs in a process group of its own
 * and the whole group is ended when its scope closes, whatever ended it (success, a
 * failed expectation, an Effect timeout, vitest's test timeout): `npx x` runs `x` as a
 * grandchild (npm exec, then the bin), and a signal to npx alone leaves `x` running.
 */
import { Data, Duration, Effect, Schedule, type Scope } from "effect"
import * as ChildProcess from "node:child_process"

/** A command that exited non-zero, was killed, or ran out of time. */
export class CommandFailed extends Data.TaggedError("CommandFailed")<{
  readonly command: string
  readonly reason: string
  readonly stderr: string
}> {
  override get message(): string {
    return `${this.command}: ${this.reason}\n${this.stderr}`
  }
}

export interface Options {
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
}

/** Whether any process of the group is left (EPERM: one exists, owned by someone else). */
export const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

const signalGroup = (pgid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pgid, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Ends the group: SIGTERM (the bins stop cleanly on it), then SIGKILL if anything is
 * still there after `grace`. Returns once the group is gone.
 */
export const endGroup = (pgid: number, grace: Duration.DurationInput = "5 seconds"): Effect.Effect<void> =>
  Effect.gen(function*() {
    signalGroup(pgid, "SIGTERM")
    const gone = Effect.sync(() => !groupAlive(pgid)).pipe(
      Effect.repeat({ until: (done) => done, schedule: Schedule.spaced("20 millis") })
    )
    const ended = yield* Effect.timeoutTo(gone, { duration: grace, onSuccess: () => true, onTimeout: () => false })
    if (!ended) {
      signalGroup(pgid, "SIGKILL")
      yield* Effect.timeoutTo(gone, { duration: grace, onSuccess: () => undefined, onTimeout: () => undefined })
    }
  })

/**
 * `file args` in a process group of its own, stdout and stderr piped; the group is ended
 * when the scope closes.
 */
export const spawnScoped = (
  file: string,
  args: ReadonlyArray<string>,
  options: Options
): Effect.Effect<ChildProcess.ChildProcessWithoutNullStreams, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => ChildProcess.spawn(file, args, { cwd: options.cwd, env: options.env, detached: true, stdio: "pipe" })),
    (child) => child.pid === undefined ? Effect.void : endGroup(child.pid)
  )

/** What `child` writes, kept as it comes. */
const output = (child: ChildProcess.ChildProcessWithoutNullStreams) => {
  const kept = { stdout: "", stderr: "" }
  child.stdout.setEncoding("utf8").on("data", (text: string) => (kept.stdout += text))
  child.stderr.setEncoding("utf8").on("data", (text: string) => (kept.stderr += text))
  return kept
}

const commandOf = (child: ChildProcess.ChildProcess) => child.spawnargs.join(" ")

/** Waits for the first line `child` writes to stdout. */
export const firstLine = (child: ChildProcess.ChildProcessWithoutNullStreams): Effect.Effect<string, CommandFailed> =>
  Effect.async((resume) => {
    const kept = output(child)
    child.stdout.on("data", () => {
      if (kept.stdout.includes("\n")) resume(Effect.succeed(kept.stdout.split("\n")[0]))
    })
    child.on("exit", (code, signal) =>
      resume(Effect.fail(new CommandFailed({ command: commandOf(child), reason: `exited (${code ?? signal}) before printing a line`, stderr: kept.stderr }))))
  })

/**
 * Runs `file args` to its end and returns what it wrote; fails if it exits non-zero or
 * takes longer than `timeout` (its group is ended either way).
 */
export const exec = (
  file: string,
  args: ReadonlyArray<string>,
  options: Options & { readonly timeout?: Duration.DurationInput }
): Effect.Effect<{ readonly stdout: string; readonly stderr: string }, CommandFailed> => {
  const timeout = options.timeout ?? "120 seconds"
  return spawnScoped(file, args, options).pipe(
    Effect.flatMap((child) =>
      Effect.async<{ readonly stdout: string; readonly stderr: string }, CommandFailed>((resume) => {
        const kept = output(child)
        const fail = (reason: string) => Effect.fail(new CommandFailed({ command: commandOf(child), reason, stderr: kept.stderr }))
        child.on("error", (error) => resume(fail(error.message)))
        child.on("close", (code, signal) => resume(code === 0 ? Effect.succeed(kept) : fail(`exited with ${code ?? signal}`)))
      })
    ),
    Effect.timeoutFail({
      duration: timeout,
      onTimeout: () => new CommandFailed({ command: [file, ...args].join(" "), reason: `still running after ${Duration.format(timeout)}`, stderr: "" })
    }),
    Effect.scoped
  )
}
