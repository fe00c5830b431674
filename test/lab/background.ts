// Helpers for lab tests that act while the CLI runs: the CLI in the background, polls on host A's sockets, stranger.mjs, the one-line error contract.
import type { Test } from 'tap'
import { DAEMONS, LAB, runCli, type CliResult, type Lab, type LabHost } from './lab.js'

/** The lab attacker, daemons/stranger.mjs (see its usage comment). */
export const STRANGER = DAEMONS.stranger

/** Kill a CLI that hangs well past its own --timeout, so the failure says so instead of tap's file timeout. */
export const CLI_KILL_MS = 30_000

/** Runs one stranger.mjs behaviour in `host` and returns its JSON line. */
export async function stranger<T>(lab: Lab, host: LabHost, args: string[]): Promise<T> {
  const r = await lab.exec(host, [process.execPath, STRANGER, ...args])
  if (r.code !== 0) throw new Error(`stranger.mjs ${args.join(' ')} in ${host} failed (${r.code}): ${r.stderr}`)
  return JSON.parse(r.stdout) as T
}

/** Where each host reaches A's listener: B directly on the LAN, inet through the router's WAN forward. */
export const TARGET: Partial<Record<LabHost, string>> = { b: LAB.hostA, inet: LAB.publicIp }

/** What `stranger.mjs wait-open` reports. */
export interface WaitOpen {
  open: boolean
  attempts: number
  lastError: string | null
}

/**
 * Connects from `host` to A's port until a connect succeeds (closing it at once) or `tries`
 * attempts failed. Every success is a stranger to the listener.
 */
export const waitOpen = (lab: Lab, host: LabHost = 'b', tries = 400): Promise<WaitOpen> =>
  stranger<WaitOpen>(lab, host, ['wait-open', TARGET[host]!, String(LAB.port), String(tries)])

/** The CLI in host A, running in the background: its result, and whether it has exited yet. */
export function startCli(lab: Lab, args: string[]): { result: Promise<CliResult>; exited: () => boolean } {
  let exited = false
  const result = runCli(lab, 'a', args, { timeoutMs: CLI_KILL_MS }).finally(() => (exited = true))
  result.catch(() => {}) // awaited by the test; never an unhandled rejection meanwhile
  return { result, exited: () => exited }
}

/**
 * Polls host A's sockets until `ss -H …ssArgs` lists one (e.g. `-ltn sport = :8443` for the
 * listener, `-tn state syn-sent dst 203.0.113.7` for our probe in flight). False if it never did.
 */
export async function waitSs(lab: Lab, ssArgs: string[], tries = 400): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const r = await lab.exec('a', ['ss', '-H', ...ssArgs])
    if (r.code === 0 && r.stdout.trim() !== '') return true
    await new Promise((res) => setTimeout(res, 25))
  }
  return false
}

/** The one-line error contract: exactly one non-empty line on stderr, from the tool, no stack trace. */
export function oneLine(t: Test, stderr: string, what = 'stderr'): void {
  t.match(stderr, /^hairpin-check: \S.*\n$/, `${what}: one line from the tool`, { stderr })
  t.equal(stderr.trimEnd().split('\n').length, 1, `${what}: exactly one line`, { stderr })
  t.notMatch(stderr, /^\s+at /m, `${what}: no stack trace`)
}
