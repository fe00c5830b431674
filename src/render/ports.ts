// Several ports in one run: a verdict line per port first, then each port's report; a table of ports in Markdown; GitHub Actions annotations.

import type { Report } from '../report/report.js'
import { buildModel, MARKS, type VerdictLine } from './model.js'
import { inline } from './markdown.js'

/** Whether the report's expectations hold: true, false (one failed), null (one could not be told); the verdict's exit code without any. */
export function expectationsHold(report: Report): boolean | null {
  const results = report.expectations
  if (results === undefined) {
    const code = buildModel(report).verdict.exitCode
    return code === 2 ? null : code === 0
  }
  if (results.some((r) => r.holds === false)) return false
  return results.some((r) => r.holds === null) ? null : true
}

/** `443/tcp+udp`: the port and the protocols its report tested. */
export function portLabel(report: Report): string {
  const protocols = [report.tcp !== null || report.target !== null ? 'tcp' : null, report.udp !== null ? 'udp' : null].filter(Boolean).join('+')
  return `${report.port ?? 'no port'}${protocols === '' ? '' : `/${protocols}`}`
}

/** One line per port: its mark, label and headline (the verdict line a single-port run prints). */
export function portLines(reports: readonly Report[]): Array<{ line: VerdictLine; label: string }> {
  return reports.map((r) => ({ line: buildModel(r).verdict, label: portLabel(r) }))
}

/** The Markdown table of ports for a multi-port report: port, verdict, cause, expectations. */
export function portsTable(reports: readonly Report[]): string[] {
  const rows = reports.map((r) => {
    const m = buildModel(r)
    const held = expectationsHold(r)
    const exps = (r.expectations ?? []).map((e) => e.expect).join(', ') || 'works'
    const verdict = `${MARKS[m.verdict.mark]} ${m.verdict.headline}`
    return `| ${inline(portLabel(r))} | ${inline(verdict)} | \`${inline(r.verdict.cause)}\` | ${inline(exps)}: ${held === null ? 'cannot tell' : held ? 'holds' : 'fails'} |`
  })
  return ['| Port | Verdict | Cause | Expected |', '|---|---|---|---|', ...rows]
}

/** A value for a GitHub Actions workflow command: `%`, CR and LF escaped, as the runner reads them. */
function workflowValue(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A property of a workflow command (`title=`): also `:` and `,` escaped. */
function workflowProperty(text: string): string {
  return workflowValue(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * GitHub Actions workflow commands, one per port that needs attention: `::error` when its
 * expectations fail, `::warning` when there is no verdict. Nothing for a port that passes.
 */
export function githubAnnotations(reports: readonly Report[]): string[] {
  return reports.flatMap((r) => {
    const held = expectationsHold(r)
    if (held === true) return []
    const m = buildModel(r)
    const level = held === false ? 'error' : 'warning'
    return [`::${level} title=${workflowProperty(`hairpin-check ${portLabel(r)}`)}::${workflowValue(`${m.verdict.headline}. ${m.summary}`)}`]
  })
}
