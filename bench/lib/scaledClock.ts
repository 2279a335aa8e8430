/**
 * An Effect `Clock` on compressed time: it starts at `origin` when the system clock reads
 * `startedAt`, and runs `rate` times faster, exactly as the mock's `Scaled` clock mode
 * does (same formula, same system clock), so a client and the mock agree on every
 * instant. Sleeps last `1 / rate` of their duration.
 */
import { Clock, Duration, Effect } from "effect"

export interface Scale {
  readonly origin: number
  readonly startedAt: number
  readonly rate: number
}

export const scaledClock = (scale: Scale): Clock.Clock => {
  const live = Clock.make()
  const now = () => Math.floor(scale.origin + (Date.now() - scale.startedAt) * scale.rate)
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: now,
    currentTimeMillis: Effect.sync(now),
    unsafeCurrentTimeNanos: () => BigInt(now()) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(now()) * 1_000_000n),
    sleep: (duration) => live.sleep(Duration.millis(Duration.toMillis(duration) / scale.rate))
  }
}
