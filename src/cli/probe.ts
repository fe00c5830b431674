// The probe command (the default): runs the probe for each port, with a spinner on a terminal, diagnoses what it saw, and shows the reports.

import { diagnose } from '../diagnose/diagnose.js'
import { checkAll } from '../diagnose/expect.js'
import type { Observations, Report } from '../report/report.js'
import { runProbes } from '../run/ports.js'
import type { ProbeArgs } from './args.js'
import { faultReport, finish } from './output.js'
import type { CliEnv } from './system.js'

/** The spinner's text before the run names its first step. */
const FIRST_STEP = 'Starting'

/** A spinner on stderr while the run goes, only for a person watching: human output, a terminal, not CI. ora loads only then. */
async function spinnerFor(args: ProbeArgs, cli: CliEnv) {
  const spin = args.format === 'human' && !args.quiet && cli.stderr.isTTY === true && cli.env['CI'] === undefined
  return spin ? (await import('ora')).default({ stream: cli.stderr as NodeJS.WriteStream, text: FIRST_STEP }).start() : null
}

/** The report of one port's observations: its verdict (a pure function of them) and the expectations checked against it. */
function reportOf(obs: Observations, args: ProbeArgs): Report {
  const report = { ...obs, verdict: diagnose(obs) }
  return { ...report, expectations: checkAll(args.expectations, report) }
}

/** Runs the probe `args` ask for on every port, shows the reports and returns the exit code. A fault in the run becomes every port's. */
export async function probeCommand(args: ProbeArgs, cli: CliEnv): Promise<number> {
  let reports: Report[]
  const { timeoutMs, format, redact, quiet, color, allFixes, report: reportPath, expectations: _, ...run } = args
  const spinner = await spinnerFor(args, cli)
  try {
    const observed = await runProbes(
      // The budget counts from `cli.started`; Ctrl-C or a service manager's SIGTERM stops the run
      // where it is, and the report holds what was seen.
      { ...run, deadline: cli.started + timeoutMs, started: cli.started, signal: cli.stopSignal() },
      { ...cli.io, onStep: (text) => spinner && (spinner.text = text) },
    )
    reports = observed.map((obs) => reportOf(obs, args))
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? null
    reports = run.ports.map((port) => faultReport({ kind: 'probe-error', code, message: (err as Error).message }, port, args.expectations))
  } finally {
    spinner?.stop()
  }
  return finish(reports, { format, redact, quiet, color, allFixes, reportPath }, cli)
}
