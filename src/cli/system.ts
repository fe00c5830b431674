// What the CLI runs on (CliEnv), and the real one: the one file in src/cli that touches `process` and the file system.

import { appendFile, rename, rm, writeFile } from 'node:fs/promises'
import { release } from 'node:os'
import type { RunIO } from '../run/run.js'

/** A stream the CLI writes to: a terminal's knows whether it is one, and how wide. */
export interface CliStream {
  write(s: string): unknown
  isTTY?: boolean
  columns?: number
}

/** The file system, as much as the report file needs: written beside its place, then renamed over it. */
export interface CliFs {
  writeFile(path: string, data: string): Promise<void>
  /** Adds to the end of a file, creating it (the GitHub Actions step summary). */
  appendFile(path: string, data: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  rm(path: string, opts: { force: boolean }): Promise<void>
}

/** Where the CLI writes, and what it runs on; injectable for tests. */
export interface CliEnv {
  stdout: CliStream
  stderr: CliStream
  env: NodeJS.ProcessEnv
  io: RunIO
  /**
   * A signal aborted when the process is asked to stop (SIGINT, SIGTERM). Asking for it takes
   * those signals over, so only commands that stop gracefully (`serve`) ask.
   */
  stopSignal(): AbortSignal
  /**
   * When the run began on `io.now()`'s clock; `--timeout` counts from here. The real CLI
   * passes 0, process start on `performance.now()`, so module loading counts too.
   */
  started: number
  /** The operating system: whether the terminal shows Unicode depends on it (Windows consoles). */
  platform: NodeJS.Platform
  /** Where the run happens, as a Markdown report names it for a ticket, e.g. `{ os: 'linux 6.1.0 x64', node: 'v20.20.2' }`. */
  environment: { os: string; node: string }
  /** This process's id: the report file's temporary name holds it, so two runs never write the same one. */
  pid: number
  fs: CliFs
}

/** The real standard output: all `--version` needs, so that it loads nothing else. */
export function processStdout(): CliStream {
  return process.stdout
}

/** The real environment. The run's I/O (the network modules) is loaded here, not before: `--version` never needs it. */
export async function processEnv(): Promise<CliEnv> {
  const { systemIO } = await import('../run/run.js')
  let stop: AbortController | null = null
  const stopSignal = (): AbortSignal => {
    if (stop === null) {
      const c = (stop = new AbortController())
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => c.abort(sig))
    }
    return stop.signal
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    io: systemIO(),
    started: 0,
    stopSignal,
    platform: process.platform,
    environment: { os: `${process.platform} ${release()} ${process.arch}`, node: process.version },
    pid: process.pid,
    fs: { writeFile, appendFile, rename, rm },
  }
}
