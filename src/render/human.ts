// Renders a report for a person at a terminal: verdict line, what was observed, cause, fixes.

import { Chalk, type ChalkInstance } from 'chalk'
import type { Report } from '../report/report.js'
import { buildModel, MARKS, type FixView, type Model, type Row, type VerdictLine } from './model.js'
import { renderPath } from './path.js'
import stringWidth from 'string-width'
import wrapAnsi from 'wrap-ansi'

/** How to render. `level` is chalk's colour level: 0 for none. */
export interface HumanOptions {
  colorLevel: 0 | 1 | 2 | 3
  /** Only the verdict line (`--quiet`). */
  quiet?: boolean
  /** Box-drawing arrows and marks in the path picture (else ASCII); default true. */
  unicode?: boolean
  /** Terminal width for the path picture and the wrapped list of further fixes; default 80. */
  width?: number
  /** Every fix with its commands (`--all-fixes`); by default only the first `FIXES_WITH_COMMANDS`. */
  allFixes?: boolean
}

/**
 * Most fixes shown with their commands; the rest by system only. The first few are the likely ones
 * (the vendor's own first when the router is known); a screenful of every router's syntax buries them.
 */
export const FIXES_WITH_COMMANDS = 3

/**
 * The screen lines (at the terminal's width, long lines counted as they wrap) the report aims to
 * fit: fewer fixes get their commands, down to one, until it does. 45 leaves a 50-line terminal
 * the command line and the prompt.
 */
export const HUMAN_MAX_LINES = 45

/** The width the human output is laid out for when the terminal does not say. */
const DEFAULT_WIDTH = 80

/** Narrowest a wrapped entry gets, however narrow the terminal: words stay readable. */
const MIN_WRAP_COLUMNS = 30

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

/** The system a fix is for: its title up to the colon ("MikroTik RouterOS: add …" → "MikroTik RouterOS"), else the whole title. */
const systemOf = (fix: FixView): string => (fix.title.includes(': ') ? fix.title.slice(0, fix.title.indexOf(': ')) : fix.title)

/** The systems `fixes` are for, each named once (two OPNsense menus for one fix are one OPNsense). */
const systemsOf = (fixes: readonly FixView[]): string => [...new Set(fixes.map(systemOf))].join(', ')

/** `text` wrapped to `width` columns after `prefix`, continuation lines indented under it. */
function hanging(prefix: string, text: string, width: number): string[] {
  const room = Math.max(MIN_WRAP_COLUMNS, width - stringWidth(prefix))
  return wrapAnsi(text, room, { hard: true, trim: true })
    .split('\n')
    .map((line, i) => `${i === 0 ? prefix : ' '.repeat(stringWidth(prefix))}${line}`)
}

/**
 * The fixes after the first `from`, without commands: each run of fixes that share a reason is one
 * entry naming its systems ("4–15. The same for OPNsense, MikroTik RouterOS, …"), so a long catalogue
 * still fits a screen and every fix keeps its number for `--all-fixes`.
 */
function restLines(c: ChalkInstance, fixes: readonly FixView[], from: number, width: number): string[] {
  const lines: string[] = []
  let i = from
  while (i < fixes.length) {
    const first = fixes[i]!
    let j = i + 1
    while (j < fixes.length && fixes[j]!.why === first.why) j++
    const run = fixes.slice(i, j)
    const text = fixes.slice(0, from).some((f) => f.why === first.why)
      ? `The same for ${systemsOf(run)}`
      : run.length === 1
        ? first.title
        : `${first.title}; also for ${systemsOf(run.slice(1))}`
    lines.push(...hanging(`  ${c.bold(j - i > 1 ? `${i + 1}–${j}.` : `${i + 1}.`)} `, text, width))
    i = j
  }
  return lines
}

/** Warnings, then fixes (the first few with their commands, the rest by system), each under its heading when there are any. */
function adviceLines(c: ChalkInstance, m: Model, withCommands: number, width: number): string[] {
  const lines: string[] = []
  if (m.warnings.length > 0) lines.push('', c.bold('Warnings'), ...m.warnings.map((w) => `  ${c.yellow('!')} ${w}`))
  if (m.fixes.length > 0) {
    lines.push('', c.bold(m.verdict.exitCode === 0 ? 'Improvements, most useful first' : 'Fixes, most likely first'))
    const shown = Math.min(m.fixes.length, withCommands)
    m.fixes.slice(0, shown).forEach((fix, i) => {
      lines.push(`  ${c.bold(`${i + 1}. ${fix.title}`)}`)
      // A reason the fix before gave already is not repeated.
      if (i === 0 || fix.why !== m.fixes[i - 1]!.why) lines.push(`     ${c.dim(fix.why)}`)
      lines.push(...fix.lines.map((line) => `       ${c.cyan(line)}`))
    })
    lines.push(...restLines(c, m.fixes, shown, width))
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
  const path = renderPath(report, { unicode: opts.unicode ?? true, width: opts.width ?? DEFAULT_WIDTH, colorLevel: opts.colorLevel })
  if (path.length > 0) lines.push('', c.bold('Path'), ...path)
  lines.push('', c.bold('Observed'), ...m.rows.filter((r) => !r.ticketOnly).map((r) => rowLine(c, r)))
  const { verdict, tool, durationMs } = report
  const tail = ['', c.dim(`cause: ${verdict.cause} · ${tool.name} ${tool.version} · ${durationMs} ms`)]
  const width = opts.width ?? DEFAULT_WIDTH
  const withAdvice = (n: number): string[] => [...lines, ...adviceLines(c, m, n, width), ...tail]
  if (opts.allFixes === true) return `${withAdvice(m.fixes.length).join('\n')}\n`
  // The most fixes with commands (up to FIXES_WITH_COMMANDS) that still fit HUMAN_MAX_LINES; at least one.
  for (let n = FIXES_WITH_COMMANDS; n > 1; n--) {
    const tried = withAdvice(n)
    if (screenLines(tried, width) <= HUMAN_MAX_LINES) return `${tried.join('\n')}\n`
  }
  return `${withAdvice(1).join('\n')}\n`
}

/** How many lines `lines` take on a terminal `width` columns wide, the long ones wrapped. */
export function screenLines(lines: readonly string[], width: number): number {
  return lines.reduce((n, line) => n + Math.max(1, Math.ceil(stringWidth(line) / width)), 0)
}
