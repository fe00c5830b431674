// Process plumbing for the lab: host-namespace commands, `ip -batch`, readiness waits, kills, and what every child inherits.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Default cap, in ms, for one command run by the lab (see {@link run} and Lab.exec): plumbing calls take milliseconds; a hang is a bug. */
export const EXEC_TIMEOUT_MS = 30_000
/** Default wait, in ms, for a helper server to say "listening": node start-up ~100 ms, more on a loaded CI box with tests in parallel. */
export const READY_TIMEOUT_MS = 10_000
/** Grace, in ms, for a background server to exit on SIGTERM before it gets SIGKILL at teardown. */
export const KILL_GRACE_MS = 500
// How much of a background server's output we keep for error messages.
const OUTPUT_KEEP = 16 * 1024

/** The result of a command run in a lab host. `code` is null when it was killed (timeout or signal). */
export interface ExecResult {
  code: number | null
  stdout: string
  stderr: string
  /** Wall time in milliseconds. */
  ms: number
}

/**
 * Put before every command a lab host runs. The test runner's process-info hook puts itself back
 * into NODE_OPTIONS of every child the test process spawns, whatever {@link childEnv} says, and
 * would then load into each node process in the lab: about 0.15 s of CPU each (hundreds per test
 * file), and a file in .tap/processinfo. `env` execs the command, so its pid stays the one we spawned.
 */
export const WITHOUT_RUNNER_HOOKS: readonly string[] = ['env', '-u', 'NODE_OPTIONS']

/** Environment for lab children: without the test runner's loader and coverage hooks (slower start, foreign output). */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  delete env.NODE_V8_COVERAGE
  return env
}

/**
 * Spawns `argv` with piped stdio, writes `input` (or nothing) to its stdin and collects its
 * output until it closes; SIGKILL after `timeoutMs`. Resolves with whatever exit code it had;
 * rejects only when it cannot be spawned. `track` sees the child first (e.g. to kill it at teardown).
 */
export function collect(
  argv: string[],
  opts: { input?: string | undefined; timeoutMs: number; track?: ((child: ChildProcess, done: boolean) => void) | undefined },
): Promise<ExecResult> {
  return new Promise((resolveP, reject) => {
    const t0 = performance.now()
    const [cmd, ...args] = argv
    const child = spawn(cmd!, args, { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() })
    opts.track?.(child, false)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs)
    child.on('error', (err) => {
      clearTimeout(timer)
      opts.track?.(child, true)
      reject(err)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      opts.track?.(child, true)
      resolveP({ code, stdout, stderr, ms: performance.now() - t0 })
    })
    child.stdin.on('error', () => {})
    child.stdin.end(opts.input ?? '')
  })
}

/** Runs a host-namespace command; rejects with its stderr when it fails. */
export async function run(argv: string[], input?: string, timeoutMs = EXEC_TIMEOUT_MS): Promise<ExecResult> {
  const r = await collect(argv, { input, timeoutMs })
  if (r.code !== 0) throw new Error(`\`${argv.join(' ')}\` failed (${r.code ?? 'killed'}): ${r.stderr.trim() || r.stdout.trim()}`)
  return r
}

/** `ip -batch -` with one command per line: one process instead of dozens. `force` goes on past errors. */
export function ipBatch(lines: string[], netns?: string, force = false): Promise<ExecResult> {
  const argv = ['ip', ...(netns ? ['-n', netns] : []), ...(force ? ['-force'] : []), '-batch', '-']
  return run(argv, lines.join('\n') + '\n')
}

/** Like Promise.all, but waits for every promise to settle first, so no rejection is left unhandled. */
export async function allSettled(ps: Promise<unknown>[]): Promise<void> {
  const rs = await Promise.allSettled(ps)
  const bad = rs.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (bad) throw bad.reason
}

/** Whether a pid runs; a zombie (dead, not yet reaped) counts as gone. */
export function pidAlive(pid: number): boolean {
  try {
    // /proc/PID/stat: "pid (comm) S …"; comm may hold spaces and parens, the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return false
  }
}

/** Sends a signal to a pid, ignoring one that is already gone (or undefined: never spawned). */
export function killQuietly(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(pid, sig)
  } catch {
    /* already gone */
  }
}

/** Kills a child with SIGTERM, then SIGKILL after {@link KILL_GRACE_MS}; resolves once it exited. */
export function stopChild(c: ChildProcess): Promise<void> {
  return new Promise<void>((resolveP) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolveP()
    const t = setTimeout(() => killQuietly(c.pid, 'SIGKILL'), KILL_GRACE_MS)
    c.once('exit', () => {
      clearTimeout(t)
      resolveP()
    })
    killQuietly(c.pid, 'SIGTERM')
  })
}

/** Waits until a child printed `pattern`; rejects when it exits first or `timeoutMs` passes. */
export function waitForOutput(child: ChildProcess, pattern: string | RegExp, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolveP, reject) => {
    let seen = ''
    const test = (s: string) => (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s))
    const onData = (d: Buffer | string) => {
      seen = (seen + d.toString()).slice(-OUTPUT_KEEP)
      if (test(seen)) done()
    }
    const onExit = (code: number | null, sig: string | null) =>
      fail(new Error(`${what} exited (${code ?? sig}) before it was ready: ${seen.trim()}`))
    const timer = setTimeout(() => fail(new Error(`${what} not ready after ${timeoutMs} ms: ${seen.trim()}`)), timeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      child.stdout?.removeListener('data', onData)
      child.stderr?.removeListener('data', onData)
      child.removeListener('exit', onExit)
    }
    const done = () => {
      cleanup()
      resolveP()
    }
    const fail = (err: Error) => {
      cleanup()
      reject(err)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', onExit)
  })
}

let setprivWorks: boolean | undefined
/**
 * `setpriv --pdeathsig TERM` (util-linux): makes a server that cannot watch its stdin (dnsmasq)
 * die with the process that built the lab, even on SIGKILL, like our node servers do on stdin EOF.
 */
export function pdeathsigPrefix(): string[] {
  setprivWorks ??= spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0
  return setprivWorks ? ['setpriv', '--pdeathsig', 'TERM'] : []
}
