// Test helpers for test/host/firewall/: recorded firewall outputs from test/host/fixtures/firewall/ (provenance header removed) and a scripted Exec.

import { readFileSync } from 'node:fs'
import type { Exec, ExecResult, ReadContext } from '../../../src/host/firewall/exec.js'

const DIR = new URL('../../host/fixtures/firewall/', import.meta.url)

/** A fixture's text without its leading `#|` lines (where it came from). */
export function fixture(name: string): string {
  const lines = readFileSync(new URL(name, DIR), 'utf8').split('\n')
  let i = 0
  while (i < lines.length && lines[i]!.startsWith('#|')) i++
  return lines.slice(i).join('\n')
}

/** What a scripted command answers: a result (filled in) or a function of the timeout it was given. */
export type Answer = Partial<ExecResult> | ((timeoutMs: number) => ExecResult | Promise<ExecResult>)

/** The result of a binary that is not installed. */
export const MISSING: ExecResult = { code: null, stdout: '', stderr: '', error: 'ENOENT' }

/**
 * An Exec that answers from `answers`, keyed by `file args…` (full path first, then the binary's
 * base name); anything else is not installed. Every call is logged in `calls`.
 */
export function fakeExec(answers: Record<string, Answer>, calls: string[] = []): Exec {
  return async (file, args, timeoutMs) => {
    const full = [file, ...args].join(' ')
    calls.push(full)
    const answer = answers[full] ?? answers[[file.split('/').pop(), ...args].join(' ')]
    if (answer === undefined) return MISSING
    if (typeof answer === 'function') return answer(timeoutMs)
    return { code: 0, stdout: '', stderr: '', error: null, ...answer }
  }
}

/** A read context for the probe `port`/`protocol` on `platform`, with five seconds to go. */
export function contextFor(exec: Exec, platform: NodeJS.Platform = 'linux', port = 8443, protocol: 'tcp' | 'udp' = 'tcp'): ReadContext {
  return { exec, probe: { port, protocol }, platform, deadline: Date.now() + 5000, nodePath: '/usr/local/bin/node' }
}
