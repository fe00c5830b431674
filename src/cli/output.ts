// What a run leaves behind: the report on stdout in its format, the report file, at most one line on stderr, and the exit code.

import { exitCodeFor } from '../diagnose/causes.js'
import { checkAll, DEFAULT_EXPECTATIONS, exitCodeOfExpectations, type Expectation } from '../diagnose/expect.js'
import { diagnose } from '../diagnose/diagnose.js'
import { renderJson } from '../render/json.js'
import { emptyObservations } from '../report/observations.js'
import type { Fault, Report } from '../report/report.js'
import { TOOL } from '../report/version.js'
import { printable } from '../util/sanitize.js'
import type { Format } from './args.js'
import type { CliEnv } from './system.js'

/** Columns assumed when stdout does not say (not a terminal). */
const DEFAULT_WIDTH = 80
/** The Markdown report's path picture is for a ticket, not this terminal: a fixed width that reads well there. */
const MARKDOWN_PATH_WIDTH = 100

/** How to show a report, and where else to write it. */
export interface FinishOptions {
  format: Format
  redact: boolean
  quiet: boolean
  color: boolean
  /** `--all-fixes`: every fix with its commands in the human report. */
  allFixes?: boolean
  /** `--report`: the file that also gets the JSON report, or null. */
  reportPath: string | null
}

/** A report for a run that could not happen: bad arguments, or a fault outside the probe; its expectations (the default's when none were read) cannot be told. */
export function faultReport(fault: Fault, port: number | null, expectations: readonly Expectation[] = DEFAULT_EXPECTATIONS): Report {
  const obs = { ...emptyObservations(port), fault }
  const report = { ...obs, verdict: diagnose(obs) }
  return { ...report, expectations: checkAll(expectations, report) }
}

/** One report's exit code: its expectations' (the verdict's without any), or 128 + the signal's number when a signal stopped the run (130 SIGINT, 143 SIGTERM). */
function exitCodeOfOne(report: Report): number {
  if (report.fault?.kind === 'interrupted') return report.fault.code === 'SIGTERM' ? 143 : 130
  return report.expectations === undefined ? exitCodeFor(report.verdict) : exitCodeOfExpectations(report.expectations)
}

/** The run's exit code: a signal's first; else 1 if any port fails its expectations, else 2 if any has no verdict, else 0. */
export function exitCodeOf(reports: readonly Report[]): number {
  const codes = reports.map(exitCodeOfOne)
  const signal = codes.find((c) => c >= 128)
  if (signal !== undefined) return signal
  return codes.includes(1) ? 1 : codes.includes(2) ? 2 : 0
}

/** The Markdown report: one port's as it always was; several ports' as a table of ports, then each report. */
async function markdownOf(reports: readonly Report[], cli: CliEnv): Promise<string> {
  const [{ renderMarkdown }, { renderPath }, { portsTable }] = await Promise.all([import('../render/markdown.js'), import('../render/path.js'), import('../render/ports.js')])
  const one = (r: Report): string => renderMarkdown(r, { environment: cli.environment, path: renderPath(r, { unicode: false, width: MARKDOWN_PATH_WIDTH, colorLevel: 0 }) })
  if (reports.length === 1) return one(reports[0]!)
  return [`# ${TOOL.name}: ${reports.length} ports`, '', ...portsTable(reports), '', ...reports.map((r) => `---\n\n${one(r)}`)].join('\n')
}

/** The human report: one port's, or a verdict line per port and then each port's report. Null when there is nothing to show on stdout. */
async function humanOf(reports: readonly Report[], o: FinishOptions, cli: CliEnv, code: number): Promise<string | null> {
  const { stdout, env } = cli
  // One port without a verdict says why on stderr only.
  if (reports.length === 1 && code >= 2) return null
  const [{ renderHuman }, { supportsUnicode }, { portLines }, { MARKS }] = await Promise.all([
    import('../render/human.js'),
    import('../render/path.js'),
    import('../render/ports.js'),
    import('../render/model.js'),
  ])
  const forced = (env['FORCE_COLOR'] ?? '0') !== '0'
  const noColor = !o.color || (env['NO_COLOR'] ?? '') !== '' || (stdout.isTTY !== true && !forced)
  const one = (r: Report): string =>
    renderHuman(r, { colorLevel: noColor ? 0 : 1, quiet: o.quiet, unicode: supportsUnicode(env, cli.platform), width: stdout.columns ?? DEFAULT_WIDTH, allFixes: o.allFixes === true })
  if (reports.length === 1) return one(reports[0]!)
  const lines = portLines(reports).map(({ line, label }) => `${MARKS[line.mark]} ${label}: ${line.headline}`)
  return o.quiet ? `${lines.join('\n')}\n` : [lines.join('\n'), ...reports.map(one)].join('\n\n')
}

/**
 * The reports as stdout shows them in `o.format`, or null for none. JSON is one document for one
 * port, an array for several. Renderers load only when asked for.
 */
async function rendered(reports: readonly Report[], o: FinishOptions, cli: CliEnv, code: number): Promise<string | null> {
  if (o.format === 'json') return reports.length === 1 ? renderJson(reports[0]!) : `${JSON.stringify(reports, null, 2)}\n`
  if (o.format === 'openmetrics') {
    const { renderOpenMetrics, renderOpenMetricsPorts } = await import('../render/openmetrics.js')
    return reports.length === 1 ? renderOpenMetrics(reports[0]!, {}) : renderOpenMetricsPorts(reports, {})
  }
  if (o.format === 'junit') return (await import('../render/junit.js')).renderJunit(reports)
  if (o.format === 'markdown') return markdownOf(reports, cli)
  return humanOf(reports, o, cli, code)
}

/**
 * In a GitHub Actions job: the Markdown report appended to the step summary (when the runner names
 * its file), and with the human format one workflow command per port that needs attention.
 * Machine formats stay exactly as they are.
 */
async function github(reports: readonly Report[], o: FinishOptions, cli: CliEnv): Promise<string | null> {
  if (cli.env['GITHUB_ACTIONS'] !== 'true') return null
  const summary = cli.env['GITHUB_STEP_SUMMARY']
  let unwritten: string | null = null
  if (summary !== undefined && summary !== '') {
    try {
      await cli.fs.appendFile(summary, `${await markdownOf(reports, cli)}\n`)
    } catch (err) {
      unwritten = `cannot append to the GitHub step summary ${printable(summary)} (${(err as NodeJS.ErrnoException).code})`
    }
  }
  if (o.format === 'human') {
    const { githubAnnotations } = await import('../render/ports.js')
    for (const line of githubAnnotations(reports)) cli.stdout.write(`${line}\n`)
  }
  return unwritten
}

/** Writes the report file atomically: a reader never sees half a report. */
async function writeReport(path: string, json: string, cli: CliEnv): Promise<void> {
  const tmp = `${path}.${cli.pid}.tmp`
  try {
    await cli.fs.writeFile(tmp, json)
    await cli.fs.rename(tmp, path)
  } catch (err) {
    await cli.fs.rm(tmp, { force: true }) // never leave the half-step behind
    throw err
  }
}

/** One line for a report file that could not be written: the path asked for, the reason, what to do. */
function reportFailure(path: string, err: NodeJS.ErrnoException): string {
  // File system errors always carry a code (ENOENT, EACCES, EISDIR, …).
  return `cannot write the report to ${printable(path)} (${err.code}): check that its folder exists and is writable, and that it is not a folder itself`
}

/** The one stderr line for a run without a verdict: the error given, else the summary of the first port without one. */
function faultLine(reports: readonly Report[], code: number, errorLine?: string): string | null {
  if (code < 2) return null
  if (errorLine !== undefined) return errorLine
  const first = reports.find((r) => exitCodeOfOne(r) >= 2)! // the code is 2 or more only when a report's is
  const why = first.verdict.summary.replace(/^No verdict: /, '')
  return reports.length === 1 ? why : `port ${first.port}: ${why}`
}

/**
 * Prints the reports in their format, writes the report file (always JSON: one document, or an
 * array for several ports), says on one stderr line what went wrong (`errorLine`, else a
 * summary without a verdict), and returns the exit code.
 */
export async function finish(given: Report | readonly Report[], o: FinishOptions, cli: CliEnv, errorLine?: string): Promise<number> {
  const full = Array.isArray(given) ? (given as readonly Report[]) : [given as Report]
  const reports = o.redact ? await redactAll(full) : full
  const code = exitCodeOf(reports)
  const text = await rendered(reports, o, cli, code)
  if (text !== null) cli.stdout.write(text)
  const problems = [await github(reports, o, cli)]
  if (o.reportPath !== null) {
    const json = reports.length === 1 ? renderJson(reports[0]!) : `${JSON.stringify(reports, null, 2)}\n`
    try {
      await writeReport(o.reportPath, json, cli)
    } catch (err) {
      problems.push(reportFailure(o.reportPath, err as NodeJS.ErrnoException))
    }
  }
  const unwritten = problems.filter((p) => p !== null)
  // Exactly one line on stderr, whatever went wrong: the fault, the files, or all of them.
  const line = [faultLine(reports, code, errorLine), ...unwritten].filter((x) => x !== null).join('; and ')
  if (line !== '') cli.stderr.write(`${TOOL.name}: ${line}\n`)
  return unwritten.length > 0 && code < 2 ? 2 : code
}

/** Each port's report redacted (`--redact`). */
async function redactAll(reports: readonly Report[]): Promise<Report[]> {
  const { redact } = await import('../render/redact.js')
  return reports.map((r) => redact(r))
}
