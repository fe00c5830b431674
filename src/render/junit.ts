// Renders reports as JUnit XML, the test-report format GitLab, Jenkins and Azure DevOps read: one testcase per port and protocol.

import type { ExpectationResult, Report } from '../report/report.js'
import { buildModel } from './model.js'

/** Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, newline and return; lone surrogates; U+FFFE/FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g

/** Text for an XML attribute or element: the five special characters escaped, what XML cannot hold dropped. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`)
}

/** How one testcase ended. */
type CaseStatus = { kind: 'pass' } | { kind: 'failure' | 'error'; message: string; detail: string }

/** A testcase: a port and a protocol of one report. */
interface Case {
  name: string
  seconds: number
  status: CaseStatus
}

/** The expectations that decide: those that failed, else those that could not be told. */
function deciding(results: readonly ExpectationResult[]): { failed: ExpectationResult[]; unknown: ExpectationResult[] } {
  return { failed: results.filter((r) => r.holds === false), unknown: results.filter((r) => r.holds === null) }
}

/**
 * The testcases of one report: one per protocol tested (TCP, UDP; `--target` compares TCP). The
 * verdict's expectations decide the protocol the verdict is about; the other protocol passes when
 * its own probe proved and otherwise shares the verdict.
 */
function casesOf(report: Report): Case[] {
  const m = buildModel(report)
  const results = report.expectations ?? [{ expect: 'works', holds: m.verdict.exitCode === 2 ? null : m.verdict.exitCode === 0, why: report.verdict.cause }]
  const { failed, unknown } = deciding(results)
  const protocols = (['tcp', 'udp'] as const).filter((p) => report[p] !== null || (p === 'tcp' && report.target !== null))
  const seconds = report.durationMs / 1000
  const detail = [m.summary, ...m.warnings.map((w) => `! ${w}`)].join('\n')
  return (protocols.length === 0 ? (['tcp'] as const) : protocols).map((p) => {
    const name = `${report.port ?? 'no port'}/${p}`
    const aboutOther = report.verdict.protocol !== null && report.verdict.protocol !== p
    if (aboutOther && report[p]?.outcome === 'ok') return { name, seconds, status: { kind: 'pass' } }
    if (failed.length > 0) return { name, seconds, status: { kind: 'failure', message: `${failed.map((r) => `expected ${r.expect}: ${r.why}`).join('; ')}`, detail } }
    if (unknown.length > 0) return { name, seconds, status: { kind: 'error', message: m.verdict.headline, detail } }
    return { name, seconds, status: { kind: 'pass' } }
  })
}

function caseXml(c: Case, classname: string): string[] {
  const open = `  <testcase classname="${xmlText(classname)}" name="${xmlText(c.name)}" time="${c.seconds.toFixed(3)}"`
  if (c.status.kind === 'pass') return [`${open}/>`]
  const { kind, message, detail } = c.status
  return [`${open}>`, `    <${kind} message="${xmlText(message)}" type="${kind === 'failure' ? 'expectation' : 'no-verdict'}">${xmlText(detail)}</${kind}>`, '  </testcase>']
}

/**
 * The reports as one JUnit XML document, ending in a newline: one `<testsuite name="hairpin-check">`
 * with a testcase per port and protocol; `<failure>` (with the summary) when an expectation
 * fails, `<error>` when there is no verdict. All text from the reports is made printable and escaped.
 */
export function renderJunit(reports: readonly Report[]): string {
  const cases = reports.flatMap((r) => casesOf(r).map((c) => ({ c, classname: `hairpin-check.${r.mode}` })))
  const count = (kind: CaseStatus['kind']): number => cases.filter(({ c }) => c.status.kind === kind).length
  const seconds = reports.reduce((most, r) => Math.max(most, r.durationMs / 1000), 0)
  const timestamp = reports[0]?.startedAt.replace(/\.\d+Z$/, '') ?? ''
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hairpin-check" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" time="${seconds.toFixed(3)}">`,
    `<testsuite name="hairpin-check" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="0" time="${seconds.toFixed(3)}" timestamp="${xmlText(timestamp)}">`,
    ...cases.flatMap(({ c, classname }) => caseXml(c, classname)),
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
