// The command line: parses arguments, runs the probe, renders the report, returns the exit code.

import { rename, writeFile } from 'node:fs/promises'
import { isIPv4 } from 'node:net'
import { DEFAULT_ECHO_URLS, validateEchoUrl } from './echo.js'
import { diagnose } from './diagnose.js'
import { renderJson } from './render/json.js'
import { exitCodeFor, SCHEMA_VERSION, type Fault, type Report } from './report.js'
import { runProbe, systemIO, type RunIO } from './run.js'
import { printable } from './sanitize.js'
import { TOOL } from './version.js'

/** Default budget for the whole run. Echo services answer in a few hundred ms and a LAN hairpin in
 * a few ms; five seconds also covers two SYN retransmissions (1 s and 3 s, RFC 6298) of a lossy path. */
export const DEFAULT_TIMEOUT_MS = 5000
/** Below this the first SYN retransmission (1 s) cannot happen and answers get flaky. */
export const MIN_TIMEOUT_MS = 1000
/** Ten minutes: longer is a mistake, not a wish. */
export const MAX_TIMEOUT_MS = 600_000

/** Where the CLI writes, and what it runs on; injectable for tests. */
export interface CliEnv {
  stdout: { write(s: string): unknown; isTTY?: boolean }
  stderr: { write(s: string): unknown; isTTY?: boolean }
  env: NodeJS.ProcessEnv
  io: RunIO
  /**
   * When the run began on `io.now()`'s clock; `--timeout` counts from here. The real CLI
   * passes 0, process start on `performance.now()`, so module loading counts too.
   */
  started: number
}

/** The real environment. */
export function processEnv(): CliEnv {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, io: systemIO(), started: 0 }
}

/** A bad argument: exit 2 with one line. */
class UsageError extends Error {}

/** Parsed and validated arguments. */
interface Args {
  port: number
  json: boolean
  quiet: boolean
  color: boolean
  report: string | null
  echoUrls: string[]
  publicIp: string | null
  bind: string
  timeoutMs: number
}

const EPILOG = [
  'Exit codes:',
  '  0  hairpin NAT works (or this host holds the public IP)',
  '  1  hairpin NAT does not work: the output says why and how to fix it',
  '  2  no verdict: bad arguments, no public IP, cannot listen, other faults',
  '',
  `Privacy: without --public-ip, the echo services asked (--echo-url, or ${DEFAULT_ECHO_URLS.length} public ones by default) see your public address. While the test runs the port is open to the internet; connections that do not prove they are ours are closed without a byte sent.`,
].join('\n')

/** The argument parser. yargs is imported here, not at the top, so `--version` never loads it. */
async function parser(argv: string[], width: number) {
  const { default: yargs } = await import('yargs')
  return yargs(argv)
    .scriptName(TOOL.name)
    .usage(
      '$0 <port>',
      'Tests whether inside clients can reach this host through the router\'s public IP\n(hairpin NAT, NAT loopback), shows what the server sees, and names the fix.',
      (y) => y.positional('port', { type: 'string', describe: 'the forwarded TCP port (1-65535) that points at this host' }),
    )
    .option('json', { type: 'boolean', default: false, describe: 'print exactly one JSON report on stdout' })
    .option('report', { type: 'string', describe: 'also write the JSON report to this file (also when the run fails)' })
    .option('echo-url', { type: 'string', array: true, describe: 'echo service to learn the public IP from (repeatable; replaces the defaults)' })
    .option('public-ip', { type: 'string', describe: 'skip discovery: the public IPv4 address to test' })
    .option('bind', { type: 'string', default: '0.0.0.0', describe: 'address to listen on' })
    .option('timeout', { type: 'string', default: String(DEFAULT_TIMEOUT_MS), defaultDescription: String(DEFAULT_TIMEOUT_MS), describe: 'time budget for the whole run, in ms' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only the verdict line' })
    .option('color', { type: 'boolean', default: true, describe: 'colour the output (--no-color, or NO_COLOR=1, to turn off)' })
    .help()
    .alias('h', 'help')
    .version(TOOL.version)
    .alias('v', 'version')
    .strict()
    .showHelpOnFail(false)
    .epilog(EPILOG)
    .wrap(Math.min(100, width))
}

function integerIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null
  const n = Number(text)
  return n >= min && n <= max ? n : null
}

function validate(raw: Record<string, unknown>): Args {
  const portText = String(raw['port']) // yargs has made sure it is there
  const port = integerIn(portText, 1, 65535)
  if (port === null) throw new UsageError(`port must be an integer from 1 to 65535, not "${printable(portText, 40)}"`)
  const timeoutText = String(raw['timeout'])
  const timeoutMs = integerIn(timeoutText, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS)
  if (timeoutMs === null) {
    throw new UsageError(`--timeout must be a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}, not "${printable(timeoutText, 40)}"`)
  }
  const ipOption = (name: string): string | null => {
    const v = raw[name]
    if (v === undefined) return null
    if (typeof v !== 'string' || !isIPv4(v)) throw new UsageError(`--${name} must be an IPv4 address such as 203.0.113.7, not "${printable(String(v), 40)}"`)
    return v
  }
  const publicIp = ipOption('public-ip')
  const bind = ipOption('bind') as string // yargs supplies the default
  const urls = (raw['echo-url'] as string[] | undefined) ?? [...DEFAULT_ECHO_URLS]
  const echoUrls = urls.map((u) => {
    try {
      return validateEchoUrl(u)
    } catch (err) {
      throw new UsageError(`--echo-url: ${(err as Error).message}`)
    }
  })
  if (echoUrls.length === 0) throw new UsageError('--echo-url needs a URL')
  const report = raw['report']
  if (report !== undefined && (typeof report !== 'string' || report === '')) throw new UsageError('--report needs a file name')
  return {
    port,
    json: raw['json'] === true,
    quiet: raw['quiet'] === true,
    color: raw['color'] !== false,
    report: (report as string | undefined) ?? null,
    echoUrls,
    publicIp,
    bind,
    timeoutMs,
  }
}

/** A report for a run that could not happen: bad arguments, or a fault outside the probe. */
function faultReport(fault: Fault, port: number | null): Report {
  const obs = {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    port,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    publicIp: { address: null, via: 'echo' as const, sources: [], onThisHost: null },
    client: { address: null, gateway: null, lanPrefix: null, interface: null },
    listener: null,
    tcp: null,
    fault,
  }
  return { ...obs, verdict: diagnose(obs) }
}

/** Writes the report file atomically: a reader never sees half a report. */
async function writeReport(path: string, json: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, json)
  await rename(tmp, path)
}


/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws;
 * never calls process.exit.
 */
export async function main(argv: string[], cli: CliEnv = processEnv()): Promise<number> {
  const { stdout, stderr, env } = cli
  // The one call that must be instant (scripts and package managers ask it): no parser needed.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    stdout.write(`${TOOL.version}\n`)
    return 0
  }
  const y = await parser(argv, (stdout as { columns?: number }).columns ?? 80)
  const parsed = await new Promise<{ err: Error | null; argv: Record<string, unknown>; output: string }>((resolve) => {
    // With a callback yargs neither prints nor exits: help, version and errors come back to us.
    void y.parse(argv, {}, (err, a, output) => resolve({ err: err ?? null, argv: a, output }))
  })
  if (parsed.err === null && (parsed.argv['help'] === true || parsed.argv['version'] === true)) {
    stdout.write(`${parsed.output.trimEnd()}\n`)
    return 0
  }

  let args: Args
  try {
    if (parsed.err !== null) throw new UsageError(parsed.err.message.split('\n')[0])
    args = validate(parsed.argv)
  } catch (err) {
    const message = (err as UsageError).message
    const report = faultReport({ kind: 'bad-input', code: null, message }, integerIn(String(parsed.argv['port'] ?? ''), 1, 65535))
    const given = parsed.argv['report']
    const reportPath = typeof given === 'string' && given !== '' ? given : null
    return finish(report, { json: parsed.argv['json'] === true || argv.includes('--json'), quiet: false, color: false, reportPath }, cli, `${message} (see --help)`)
  }

  let report: Report
  const spin = !args.json && !args.quiet && stderr.isTTY === true && env['CI'] === undefined
  const spinner = spin ? (await import('ora')).default({ stream: stderr as NodeJS.WriteStream, text: 'Starting' }).start() : null
  try {
    report = await runProbe(
      {
        port: args.port,
        bind: args.bind,
        publicIp: args.publicIp,
        echoUrls: args.echoUrls,
        deadline: cli.started + args.timeoutMs,
        started: cli.started,
      },
      { ...cli.io, onStep: (text) => spinner && (spinner.text = text) },
    )
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? null
    report = faultReport({ kind: 'probe-error', code, message: (err as Error).message }, args.port)
  } finally {
    spinner?.stop()
  }
  return finish(report, { json: args.json, quiet: args.quiet, color: args.color, reportPath: args.report }, cli)
}

interface FinishOptions {
  json: boolean
  quiet: boolean
  color: boolean
  reportPath: string | null
}

/** Prints the report, writes the report file, and turns the verdict into an exit code. */
async function finish(report: Report, o: FinishOptions, cli: CliEnv, errorLine?: string): Promise<number> {
  const { stdout, stderr, env } = cli
  const code = exitCodeFor(report.verdict)
  const json = renderJson(report)
  if (o.json) {
    stdout.write(json)
  } else if (code !== 2) {
    const { renderHuman } = await import('./render/human.js')
    const forced = (env['FORCE_COLOR'] ?? '0') !== '0'
    const noColor = !o.color || (env['NO_COLOR'] ?? '') !== '' || (stdout.isTTY !== true && !forced)
    stdout.write(renderHuman(report, { colorLevel: noColor ? 0 : 1, quiet: o.quiet }))
  }
  if (code === 2) stderr.write(`${TOOL.name}: ${errorLine ?? report.verdict.summary.replace(/^No verdict: /, '')}\n`)
  if (o.reportPath !== null) {
    try {
      await writeReport(o.reportPath, json)
    } catch (err) {
      stderr.write(`${TOOL.name}: cannot write the report: ${(err as Error).message}\n`)
      return 2
    }
  }
  return code
}
