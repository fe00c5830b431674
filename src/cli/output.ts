// What a run leaves behind: the report on stdout in its format, the report file, at most one line on stderr, and the exit code.

import { exitCodeFor } from '../diagnose/causes.js'
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
  /** `--report`: the file that also gets the JSON report, or null. */
  reportPath: string | null
}

/** A report for a run that could not happen: bad arguments, or a fault outside the probe. */
export function faultReport(fault: Fault, port: number | null): Report {
  const obs = { ...emptyObservations(port), fault }
  return { ...obs, verdict: diagnose(obs) }
}

/** The exit code: the verdict's, or 128 + the signal's number when a signal stopped the run (130 SIGINT, 143 SIGTERM). */
function exitCodeOf(report: Report): number {
  if (report.fault?.kind !== 'interrupted') return exitCodeFor(report.verdict)
  return report.fault.code === 'SIGTERM' ? 143 : 130
}

/**
 * The report as stdout shows it in `o.format`, or null for none: a human report without a
 * verdict (exit `code` 2 or more) says why on stderr only. Renderers load only when asked for.
 */
async function rendered(report: Report, json: string, o: FinishOptions, cli: CliEnv, code: number): Promise<string | null> {
  const { stdout, env } = cli
  if (o.format === 'json') return json
  if (o.format === 'openmetrics') {
    const { renderOpenMetrics } = await import('../render/openmetrics.js')
    return renderOpenMetrics(report, {})
  }
  if (o.format === 'markdown') {
    const [{ renderMarkdown }, { renderPath }] = await Promise.all([import('../render/markdown.js'), import('../render/path.js')])
    return renderMarkdown(report, { environment: cli.environment, path: renderPath(report, { unicode: false, width: MARKDOWN_PATH_WIDTH, colorLevel: 0 }) })
  }
  if (code >= 2) return null
  const [{ renderHuman }, { supportsUnicode }] = await Promise.all([import('../render/human.js'), import('../render/path.js')])
  const forced = (env['FORCE_COLOR'] ?? '0') !== '0'
  const noColor = !o.color || (env['NO_COLOR'] ?? '') !== '' || (stdout.isTTY !== true && !forced)
  return renderHuman(report, { colorLevel: noColor ? 0 : 1, quiet: o.quiet, unicode: supportsUnicode(env, cli.platform), width: stdout.columns ?? DEFAULT_WIDTH })
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

/**
 * Prints the report in its format, writes the report file (always JSON), says on one stderr line
 * what went wrong (`errorLine`, else the verdict's summary), and returns the exit code.
 */
export async function finish(full: Report, o: FinishOptions, cli: CliEnv, errorLine?: string): Promise<number> {
  const report = o.redact ? (await import('../render/redact.js')).redact(full) : full
  const code = exitCodeOf(report)
  const json = renderJson(report)
  const text = await rendered(report, json, o, cli, code)
  if (text !== null) cli.stdout.write(text)
  let unwritten: string | null = null
  if (o.reportPath !== null) {
    try {
      await writeReport(o.reportPath, json, cli)
    } catch (err) {
      unwritten = reportFailure(o.reportPath, err as NodeJS.ErrnoException)
    }
  }
  // Exactly one line on stderr, whatever went wrong: the fault, the report file, or both.
  const fault = code >= 2 ? (errorLine ?? report.verdict.summary.replace(/^No verdict: /, '')) : null
  const line = [fault, unwritten].filter((x) => x !== null).join('; and ')
  if (line !== '') cli.stderr.write(`${TOOL.name}: ${line}\n`)
  return unwritten !== null && code < 2 ? 2 : code
}
