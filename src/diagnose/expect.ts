// `--expect`: what a CI check asks of the verdict (hairpin works, stays off, or shows a kind of source), and whether it held.

import type { ExpectationResult, PeerKind, Report } from '../report/report.js'
import { exitCodeFor } from './causes.js'

/** The kinds of source address `--expect source=KIND` may ask for (the report's `peerKind`). */
export const SOURCE_KINDS: readonly PeerKind[] = ['public-ip', 'gateway', 'client', 'other']

/** One expectation, parsed. */
export type Expectation = { kind: 'works' } | { kind: 'fails' } | { kind: 'source'; source: PeerKind }

/** What every run expects unless told otherwise. */
export const DEFAULT_EXPECTATIONS: readonly Expectation[] = [{ kind: 'works' }]

/**
 * Parses one `--expect` value: `works`, `fails`, or `source=public-ip|gateway|client|other`.
 *
 * @throws Error with a one-line reason naming the accepted values.
 */
export function parseExpectation(text: string): Expectation {
  const t = text.trim()
  if (t === 'works' || t === 'fails') return { kind: t }
  const m = /^source=(.*)$/.exec(t)
  const source = SOURCE_KINDS.find((k) => k === m?.[1])
  if (source !== undefined) return { kind: 'source', source }
  throw new Error(`must be works, fails or source=${SOURCE_KINDS.join('|')}`)
}

/** The expectation as the user wrote it. */
export function expectationText(e: Expectation): string {
  return e.kind === 'source' ? `source=${e.source}` : e.kind
}

/** The kind of address the server saw on the protocol the verdict is about (TCP first), or null when unknown. */
function sourceSeen(report: Report): PeerKind | null {
  const r = report.verdict.protocol === 'udp' ? report.udp : (report.tcp ?? report.udp)
  return r?.outcome === 'ok' ? r.peerKind : null
}

/** Whether `e` holds for `report`: true, false, or null without a verdict (or, for a source, without a known one). */
export function check(e: Expectation, report: Report): ExpectationResult {
  const expect = expectationText(e)
  const code = exitCodeFor(report.verdict)
  const cause = report.verdict.cause
  if (code === 2) return { expect, holds: null, why: `no verdict (${cause})` }
  if (e.kind === 'works') return { expect, holds: code === 0, why: code === 0 ? `inside clients get through (${cause})` : `inside clients do not get through (${cause})` }
  if (e.kind === 'fails') return { expect, holds: code === 1, why: code === 1 ? `hairpin NAT stays off (${cause})` : `inside clients get through (${cause})` }
  if (code === 1) return { expect, holds: false, why: `inside clients do not get through (${cause})` }
  const seen = sourceSeen(report)
  if (seen === null) return { expect, holds: null, why: `the address the server sees is not known here (${cause})` }
  return { expect, holds: seen === e.source, why: `the server sees ${seen === 'public-ip' ? 'the public IP' : seen === 'client' ? "the client's own address" : seen === 'gateway' ? "the gateway's address" : 'another address'}` }
}

/** Every expectation checked against `report`, in the order given. */
export function checkAll(expectations: readonly Expectation[], report: Report): ExpectationResult[] {
  return expectations.map((e) => check(e, report))
}

/** The exit code for checked expectations: 1 if any failed, else 2 if any could not be told, else 0. */
export function exitCodeOfExpectations(results: readonly ExpectationResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.holds === false)) return 1
  return results.some((r) => r.holds === null) ? 2 : 0
}
