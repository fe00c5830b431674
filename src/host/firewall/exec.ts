// Runs a firewall's read-only status command (never through a shell, never throwing) and says why one could not be read.

import { execFile, type ExecFileException } from 'node:child_process'
import type { HostFirewallFinding } from '../../report/report.js'
import { printable } from '../../util/sanitize.js'
import type { Probe } from './match.js'

/** What a command did: its exit code (null when it did not exit by itself), its output, and why it failed to run. */
export interface ExecResult {
  code: number | null
  stdout: string
  stderr: string
  /** `ENOENT` (not installed), `EACCES`, `ETIMEDOUT`, `ERR_CHILD_PROCESS_STDIO_MAXBUFFER`, …; null when it ran. */
  error: string | null
}

/** Runs `file` with `args`, no shell, for at most `timeoutMs`; resolves, never rejects. */
export type Exec = (file: string, args: string[], timeoutMs: number) => Promise<ExecResult>

/**
 * Cap on one command's output. A big nftables ruleset (Kubernetes, Docker with many containers) is a
 * few MiB of JSON, and `netsh … show rule name=all verbose` is about 1 MiB; past 32 MiB it is not
 * worth reading.
 */
export const MAX_FIREWALL_OUTPUT_BYTES = 32 * 1024 * 1024

/**
 * The least time a step is given even when the overall budget is nearly spent, so that a late step
 * fails for the firewall's sake and not for the budget's.
 */
export const MIN_STEP_TIMEOUT_MS = 100

/** Turns execFile's callback arguments into an ExecResult. */
export function toResult(err: ExecFileException | null, stdout: string, stderr: string): ExecResult {
  if (err === null) return { code: 0, stdout, stderr, error: null }
  const code = typeof err.code === 'number' ? err.code : null
  let error: string | null = null
  if (typeof err.code === 'string') error = err.code
  else if (err.killed === true) error = 'ETIMEDOUT' // killed by us: the only kill is the timeout's
  else if (err.signal) error = `killed by ${err.signal}`
  return { code, stdout, stderr, error }
}

/** The code of a thrown error (`ERR_INVALID_ARG_VALUE`), or its text. */
export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : String(e)
}

/**
 * The real Exec: node:child_process execFile with a timeout and an output cap, the C locale (English
 * messages from ufw and the like), no window on Windows. A missing binary resolves with error `ENOENT`.
 */
export const systemExec: Exec = (file, args, timeoutMs) =>
  new Promise((resolve) => {
    try {
      const options = {
        timeout: timeoutMs,
        maxBuffer: MAX_FIREWALL_OUTPUT_BYTES,
        killSignal: 'SIGKILL' as const,
        windowsHide: true,
        encoding: 'utf8' as const,
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      }
      execFile(file, args, options, (err, stdout, stderr) => resolve(toResult(err, String(stdout), String(stderr))))
    } catch (e) {
      resolve({ code: null, stdout: '', stderr: '', error: errorCode(e) }) // e.g. a NUL byte in an argument
    }
  })

/** What a reader needs: how to run commands, what is probed, and the time left. */
export interface ReadContext {
  exec: Exec
  probe: Probe
  platform: NodeJS.Platform
  /** When the whole read must be over (ms since the epoch). */
  deadline: number
  /** Where to look for the node binary a per-application firewall should allow. */
  nodePath: string
}

/** The time left before `deadline`, and never less than MIN_STEP_TIMEOUT_MS. */
export function remaining(deadline: number, now: number = Date.now()): number {
  return Math.max(MIN_STEP_TIMEOUT_MS, deadline - now)
}

/**
 * Where Linux status tools live when PATH lacks them: Debian and Ubuntu give ordinary users no
 * /usr/sbin, where nft, iptables-save and ufw are.
 */
const SBIN_DIRS = ['/usr/sbin', '/sbin']

/**
 * Runs a status tool by name: on Linux, by PATH and then in the sbin directories. Null when it is
 * installed nowhere (no finding at all, then). A PATH search that fails with EACCES has only met a
 * directory this user may not search (root's PATH kept by `sudo -u`, say), not the tool.
 */
export async function runTool(ctx: ReadContext, name: string, args: string[]): Promise<ExecResult | null> {
  const linux = ctx.platform === 'linux' || ctx.platform === 'android'
  const files = linux && !name.includes('/') ? [name, ...SBIN_DIRS.map((d) => `${d}/${name}`)] : [name]
  for (const file of files) {
    const result = await ctx.exec(file, args, remaining(ctx.deadline))
    const searched = linux && result.error === 'EACCES' && !file.includes('/')
    if (result.error !== 'ENOENT' && !searched) return result
  }
  return null
}

/** What a tool prints when it may not be read by this user. */
const DENIED = /permission denied|operation not permitted|must be root|need to be root|not authori[sz]ed|authorization failed|access is denied|requires elevation/i

/** The first non-empty line of a command's messages, made printable. */
export function firstLine(text: string): string {
  return printable(text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '', 120)
}

/** A finding for a firewall that could not be read. */
export function unreadable(tool: string, detail: string): HostFirewallFinding {
  return { tool, state: 'unreadable', detail, where: null }
}

/**
 * Why a status command gave no status, as a finding; null when it ran and exited 0. A refusal
 * (not root, not authorised) says so, for the diagnosis to warn "could not be read (not root)".
 */
export function failure(tool: string, command: string, r: ExecResult): HostFirewallFinding | null {
  const said = firstLine(r.stderr) || firstLine(r.stdout)
  if (r.error === 'ETIMEDOUT') return unreadable(tool, `${command}: no answer in time`)
  if (r.error === 'EACCES' || r.error === 'EPERM' || DENIED.test(`${r.stderr}\n${r.stdout}`)) {
    return unreadable(tool, `${command}: could not be read (not root)${said ? `: ${said}` : ''}`)
  }
  if (r.error !== null) return unreadable(tool, `${command}: ${r.error}`)
  if (r.code !== 0) return unreadable(tool, `${command}: exit ${r.code}${said ? `: ${said}` : ''}`)
  return null
}
