// The probe command (the default): runs the probe, with a spinner on a terminal, diagnoses what it saw, and shows the report.

import { diagnose } from '../diagnose/diagnose.js'
import type { Report } from '../report/report.js'
import { runProbe } from '../run/run.js'
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

/** Runs the probe `args` ask for, shows the report and returns the exit code. A fault in the run becomes the report's. */
export async function probeCommand(args: ProbeArgs, cli: CliEnv): Promise<number> {
  let report: Report
  const { timeoutMs, format, redact, quiet, color, report: reportPath, ...run } = args
  const spinner = await spinnerFor(args, cli)
  try {
    const obs = await runProbe(
      // The budget counts from `cli.started`; Ctrl-C or a service manager's SIGTERM stops the run
      // where it is, and the report holds what was seen.
      { ...run, deadline: cli.started + timeoutMs, started: cli.started, signal: cli.stopSignal() },
      { ...cli.io, onStep: (text) => spinner && (spinner.text = text) },
    )
    // The verdict is a pure function of the observations.
    report = { ...obs, verdict: diagnose(obs) }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? null
    report = faultReport({ kind: 'probe-error', code, message: (err as Error).message }, run.port)
  } finally {
    spinner?.stop()
  }
  return finish(report, { format, redact, quiet, color, reportPath }, cli)
}
