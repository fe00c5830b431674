// Renders a report for a person at a terminal: verdict line, what was observed, cause, fixes.

import { Chalk, type ChalkInstance } from 'chalk'
import type { Report } from '../report/report.js'
import { buildModel, MARKS, type Model, type Row, type VerdictLine } from './model.js'
import { renderPath } from './path.js'

/** How to render. `level` is chalk's colour level: 0 for none. */
export interface HumanOptions {
  colorLevel: 0 | 1 | 2 | 3
  /** Only the verdict line (`--quiet`). */
  quiet?: boolean
  /** Box-drawing arrows and marks in the path picture (else ASCII); default true. */
  unicode?: boolean
  /** Terminal width for the path picture; default 80. */
  width?: number
  /** Every fix with its commands (`--all-fixes`); by default only the first `FIXES_WITH_COMMANDS`. */
  allFixes?: boolean
}

/**
 * Fixes shown with their commands; the rest by title only. The first few are the likely ones
 * (the vendor's own first when the router is known); a screenful of every router's syntax buries them.
 */
export const FIXES_WITH_COMMANDS = 3

/** Labels are padded to this, so values line up. */
const LABEL_WIDTH = 13

/** The mark and headline, coloured by what they mean. */
function verdictText(c: ChalkInstance, v: VerdictLine): string {
  const paint = v.mark === 'ok' ? c.green : v.mark === 'fail' ? c.red : c.yellow
  return `${paint(MARKS[v.mark])} ${paint.bold(v.headline)}`
}

/** One observation: `  Label        value`; a sub-row by its own label, capitalised; an echo service as `    · url  said  N ms`. */
function rowLine(c: ChalkInstance, r: Row): string {
  const e = r.echo
  if (e !== undefined) return `    ${c.dim('·')} ${e.url}  ${e.failed ? c.yellow(e.said) : e.said}${e.ms === null ? '' : c.dim(`  ${e.ms} ms`)}`
  const label = r.parent === null ? r.label : `${r.label.charAt(0).toUpperCase()}${r.label.slice(1)}`
  return `  ${c.dim(label.padEnd(LABEL_WIDTH))} ${r.value}`
}

/** Warnings, then fixes (the first few with their commands, the rest by title), each under its heading when there are any. */
function adviceLines(c: ChalkInstance, m: Model, allFixes: boolean): string[] {
  const lines: string[] = []
  if (m.warnings.length > 0) lines.push('', c.bold('Warnings'), ...m.warnings.map((w) => `  ${c.yellow('!')} ${w}`))
  if (m.fixes.length > 0) {
    lines.push('', c.bold(m.verdict.exitCode === 0 ? 'Improvements, most useful first' : 'Fixes, most likely first'))
    const shown = allFixes ? m.fixes.length : FIXES_WITH_COMMANDS
    m.fixes.forEach((fix, i) => {
      lines.push(`  ${c.bold(`${i + 1}. ${fix.title}`)}`)
      if (i < shown) lines.push(`     ${c.dim(fix.why)}`, ...fix.lines.map((line) => `       ${c.cyan(line)}`))
    })
    if (m.fixes.length > shown) lines.push(c.dim(`  (--all-fixes shows the commands of all ${m.fixes.length}; --format markdown or --json keeps them too)`))
  }
  return lines
}

/** The human report as one string, ending in a newline. */
export function renderHuman(report: Report, opts: HumanOptions): string {
  const c = new Chalk({ level: opts.colorLevel })
  const m = buildModel(report)
  const top = verdictText(c, m.verdict)
  if (opts.quiet) return `${top}\n`

  const lines = [top, '', `  ${m.summary}`]
  const path = renderPath(report, { unicode: opts.unicode ?? true, width: opts.width ?? 80, colorLevel: opts.colorLevel })
  if (path.length > 0) lines.push('', c.bold('Path'), ...path)
  lines.push('', c.bold('Observed'), ...m.rows.filter((r) => !r.ticketOnly).map((r) => rowLine(c, r)))
  lines.push(...adviceLines(c, m, opts.allFixes === true))
  const { verdict, tool, durationMs } = report
  lines.push('', c.dim(`cause: ${verdict.cause} · ${tool.name} ${tool.version} · ${durationMs} ms`))
  return `${lines.join('\n')}\n`
}
