// Shared CLI test helpers: a CliEnv on fake I/O that captures what the CLI prints, running main on it, and the one-line check for stderr.
import type { Test } from 'tap'
import { appendFile, rename, rm, writeFile } from 'node:fs/promises'
import { main } from '../../src/cli/main.js'
import type { CliEnv } from '../../src/cli/system.js'
import type { RunIO } from '../../src/run/run.js'
import { fakeIO } from './fixtures.js'

/** A CliEnv and what the CLI wrote to it so far. */
export interface FakeCli {
  cli: CliEnv
  out(): string
  err(): string
}

/**
 * A CliEnv on the fake LAN of `fakeIO`, on Linux, not a terminal, with an empty environment and a
 * stop signal that never fires; stdout and stderr are captured. Report files go to the real file
 * system (tests name temporary folders). Override what the test is about.
 */
export function fakeCli(over: Partial<CliEnv> = {}): FakeCli {
  let out = ''
  let err = ''
  const cli: CliEnv = {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env: {},
    io: fakeIO().io,
    started: 0,
    stopSignal: () => new AbortController().signal,
    platform: 'linux',
    environment: { os: 'linux 6.1.0 x64', node: process.version },
    pid: process.pid,
    fs: { writeFile, appendFile, rename, rm },
    ...over,
  }
  return { cli, out: () => out, err: () => err }
}

/** What a run of the CLI left: its exit code, stdout and stderr. */
export interface Captured {
  code: number
  out: string
  err: string
}

/**
 * Runs main with `argv` on `fakeCli`: `io` for the run, `env` for the environment variables,
 * `tty` for a terminal stdout, `stop` for the stop signal, `cli` for anything else.
 */
export async function runCli(argv: string[], opts: { io?: RunIO; env?: NodeJS.ProcessEnv; tty?: boolean; stop?: AbortSignal; cli?: Partial<CliEnv> } = {}): Promise<Captured> {
  const f = fakeCli({ env: opts.env ?? {}, io: opts.io ?? fakeIO().io, stopSignal: () => opts.stop ?? new AbortController().signal, ...opts.cli })
  if (opts.tty !== undefined) f.cli.stdout.isTTY = opts.tty
  const code = await main(argv, f.cli)
  return { code, out: f.out(), err: f.err() }
}

/** Asserts that `s` is one line with no stack trace: what the CLI says on stderr when something went wrong. */
export function oneLine(t: Test, s: string): void {
  t.equal(s.split('\n').filter(Boolean).length, 1, `one line: ${s}`)
  t.notMatch(s, /\n\s+at /, 'no stack trace')
}
