/** The machine a run happened on. */
import * as os from "node:os"

export interface Machine {
  readonly cores: number
  readonly cpuModel: string
  readonly memoryBytes: number
  readonly node: string
  readonly platform: string
  /** 1-minute load average at the start and the end of the run (the machine may be shared). */
  readonly loadAtStart: number
  loadAtEnd: number
}

export const machine = (): Machine => ({
  cores: os.cpus().length,
  cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
  memoryBytes: os.totalmem(),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  loadAtStart: os.loadavg()[0],
  loadAtEnd: Number.NaN
})

export const loadNow = () => os.loadavg()[0]
