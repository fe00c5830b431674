// The commands behind the CLI: parses arguments, runs the probe, serve or echo-server, renders the report, returns the exit code.

import { rename, rm, writeFile } from 'node:fs/promises'
import { release as osRelease } from 'node:os'
import { isIP, isIPv4 } from 'node:net'
import { validateHostName } from '../net/dns.js'
import { DEFAULT_ECHO_URLS, DEFAULT_ECHO_URLS_V6, validateEchoUrl } from '../discover/echo.js'
import { DEFAULT_EXTERNAL_URL, externalUrl } from '../discover/external.js'
import { normalizeAddress } from '../util/ip.js'
import { describeListenError } from '../net/listener.js'
import { serve, type ServeEvent } from '../servers/serve.js'
import { keyFromToken, newToken } from '../net/token.js'
import { diagnose } from '../diagnose/diagnose.js'
import { renderJson } from '../render/json.js'
import { exitCodeFor } from '../diagnose/causes.js'
import { SCHEMA_VERSION, type Fault, type Report } from '../report/report.js'
import { runProbe, systemIO, type RunIO, type RunOptions } from '../run/run.js'
import { printable } from '../util/sanitize.js'
import { TOOL } from '../report/version.js'

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
   * A signal aborted when the process is asked to stop (SIGINT, SIGTERM). Asking for it takes
   * those signals over, so only commands that stop gracefully (`serve`) ask.
   */
  stopSignal(): AbortSignal
  /**
   * When the run began on `io.now()`'s clock; `--timeout` counts from here. The real CLI
   * passes 0, process start on `performance.now()`, so module loading counts too.
   */
  started: number
}

/** The real environment. */
export function processEnv(): CliEnv {
  let stop: AbortController | null = null
  const stopSignal = (): AbortSignal => {
    if (stop === null) {
      const c = (stop = new AbortController())
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => c.abort(sig))
    }
    return stop.signal
  }
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, io: systemIO(), started: 0, stopSignal }
}

/** A bad argument: exit 2 with one line. */
class UsageError extends Error {}

/** The output formats. */
export const FORMATS = ['human', 'json', 'markdown', 'openmetrics'] as const
type Format = (typeof FORMATS)[number]

/** What the probe runs with (the run's own options, but its clock), and how to show the result. */
type Args = Omit<RunOptions, 'deadline' | 'started' | 'signal'> & {
  timeoutMs: number
  format: Format
  redact: boolean
  quiet: boolean
  color: boolean
  report: string | null
}

/** Parsed and validated arguments of `echo-server`. */
interface EchoServerArgs {
  port: number
  bind: string
  trustProxy: string[]
  log: boolean
}

/** Parsed and validated arguments of `serve`. */
interface ServeArgs {
  port: number
  bind: string | null
  token: string
  tcp: boolean
  udp: boolean
  json: boolean
}

const EPILOG = [
  'Exit codes:',
  '  0  inside clients get through: hairpin NAT works (or split DNS, or no NAT)',
  '  1  they do not: the output says why and how to fix it',
  '  2  no verdict: bad arguments, no public IP, cannot listen, other faults',
  '',
  `Privacy: without --public-ip, the echo services asked (--echo-url, or ${DEFAULT_ECHO_URLS.length} public ones by default) see your public address. While the test runs the port is open to the internet; connections that do not prove they are ours are closed without a byte sent.`,
].join('\n')

/** The argument parser. yargs is imported here, not at the top, so `--version` never loads it. */
async function parser(argv: string[], width: number) {
  const { default: yargs } = await import('yargs')
  return yargs(argv)
    .scriptName(TOOL.name)
    .command(
      '$0 <port>',
      "Tests whether inside clients can reach this host through the router's public IP\n(hairpin NAT, NAT loopback), shows what the server sees, and names the fix.",
      (y) =>
        y
          .positional('port', { type: 'string', describe: 'the forwarded port (1-65535) that points at this host' })
          .option('format', { type: 'string', choices: FORMATS, default: 'human', describe: 'output: human, json (one document), markdown (for a ticket), openmetrics (Prometheus text)' })
          .option('json', { type: 'boolean', default: false, describe: 'short for --format json' })
          .option('redact', { type: 'boolean', default: false, describe: 'mask public addresses and names in every output (for public tickets)' })
          .option('report', { type: 'string', describe: 'also write the JSON report to this file (also when the run fails)' })
          .option('udp', { type: 'boolean', default: false, describe: 'also test UDP on the same port (RFC 4787 hairpinning)' })
          .option('tcp', { type: 'boolean', default: true, describe: 'test TCP (--no-tcp with --udp: UDP only)' })
          .option('peer', { type: 'string', describe: 'the token printed by "hairpin-check serve" on the server; this host then only probes' })
          .option('host', { type: 'string', describe: 'the DNS name clients use: where it points, and probe through it' })
          .option('target', { type: 'string', describe: 'the LAN server holding the port: compare what answers instead of listening' })
          .option('echo-url', { type: 'string', array: true, describe: 'echo service to learn the public IP from (repeatable; replaces the defaults)' })
          .option('echo-url6', { type: 'string', array: true, describe: 'echo service asked over IPv6 (repeatable; replaces the defaults)' })
          .option('ipv6', { type: 'boolean', default: true, describe: 'test the IPv6 path when this host has a global address (--no-ipv6 to skip)' })
          .option('gateway', { type: 'boolean', default: true, describe: 'ask the default gateway over NAT-PMP, PCP and UPnP (--no-gateway to skip)' })
          .option('external', {
            type: 'boolean',
            default: false,
            describe: `also ask an outside service to connect back to the public IP:port (privacy: it learns both; default ${DEFAULT_EXTERNAL_URL})`,
          })
          .option('external-url', { type: 'string', describe: 'the port-check service for --external ({port} is filled in, or /port/N appended)' })
          .option('public-ip', { type: 'string', describe: 'skip discovery: the public IPv4 address to test' })
          .option('bind', { type: 'string', default: '0.0.0.0', describe: 'address to listen on' })
          .option('timeout', { type: 'string', default: String(DEFAULT_TIMEOUT_MS), defaultDescription: String(DEFAULT_TIMEOUT_MS), describe: 'time budget for the whole run, in ms' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only the verdict line' })
          .option('color', { type: 'boolean', default: true, describe: 'colour the output (--no-color, or NO_COLOR=1, to turn off)' })
          .epilog(EPILOG),
    )
    .command('echo-server', 'Serves what-is-my-IP answers (/, /ip, /json) and /port/N checks of the caller\'s own address.', (y) =>
      y
        .option('port', { type: 'string', default: '8080', describe: 'port to listen on' })
        .option('bind', { type: 'string', default: '0.0.0.0', describe: 'address to listen on' })
        .option('trust-proxy', { type: 'string', array: true, describe: 'honour X-Forwarded-For from this proxy address (repeatable)' })
        .option('log', { type: 'boolean', default: false, describe: 'print one access-log line per request' }),
    )
    .command('serve <port>', 'Runs on the server: proves probes from other LAN hosts (hairpin-check PORT --peer TOKEN) until stopped.', (y) =>
      y
        .positional('port', { type: 'string', describe: 'the forwarded port (1-65535) that points at this host' })
        .option('token', { type: 'string', describe: 'reuse a token (default: a new one, printed first)' })
        .option('bind', { type: 'string', describe: 'address to listen on (default: all, IPv6 and IPv4)' })
        .option('tcp', { type: 'boolean', default: true, describe: 'listen on TCP' })
        .option('udp', { type: 'boolean', default: true, describe: 'listen on UDP' })
        .option('json', { type: 'boolean', default: false, describe: 'print events as JSON lines' }),
    )
    .help()
    .alias('h', 'help')
    .version(TOOL.version)
    .alias('v', 'version')
    .strict()
    .showHelpOnFail(false)
    .wrap(Math.min(100, width))
}

function integerIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null
  const n = Number(text)
  return n >= min && n <= max ? n : null
}

function portOf(raw: Record<string, unknown>): number {
  const portText = String(raw['port']) // yargs has made sure it is there
  const port = integerIn(portText, 1, 65535)
  if (port === null) throw new UsageError(`port must be an integer from 1 to 65535, not "${printable(portText, 40)}"`)
  return port
}

/** An optional IPv4 address option: absent is null, anything else but an IPv4 address is an error. */
function ipOption(raw: Record<string, unknown>, name: string): string | null {
  const v = raw[name]
  if (v === undefined) return null
  if (typeof v !== 'string' || !isIPv4(v)) throw new UsageError(`--${name} must be an IPv4 address such as 203.0.113.7, not "${printable(String(v), 40)}"`)
  return v
}

/** Runs a validator that throws plain errors, turning them into usage errors named after the option. */
function checked<T>(name: string, f: () => T): T {
  try {
    return f()
  } catch (err) {
    throw new UsageError(`--${name}: ${(err as Error).message.replace(new RegExp(`^--${name} `), '')}`)
  }
}

/** `--format`, with `--json` as its short form; the two must not disagree. */
function formatOf(raw: Record<string, unknown>): Format {
  const format = raw['format'] as Format
  if (raw['json'] !== true) return format
  if (format !== 'human' && format !== 'json') throw new UsageError(`--json and --format ${format} disagree: pick one`)
  return 'json'
}

function validate(raw: Record<string, unknown>): Args {
  const port = portOf(raw)
  const timeoutText = String(raw['timeout'])
  const timeoutMs = integerIn(timeoutText, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS)
  if (timeoutMs === null) {
    throw new UsageError(`--timeout must be a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}, not "${printable(timeoutText, 40)}"`)
  }
  const urls = (name: string, defaults: readonly string[], family: 4 | 6): string[] => {
    const given = raw[name] as string[] | undefined
    if (given !== undefined && given.length === 0) throw new UsageError(`--${name} needs a URL`)
    return (given ?? [...defaults]).map((u) => checked(name, () => validateEchoUrl(u, family)))
  }
  const report = raw['report']
  if (report !== undefined && (typeof report !== 'string' || report === '')) throw new UsageError('--report needs a file name')
  const tcp = raw['tcp'] !== false
  const udp = raw['udp'] === true
  if (!tcp && !udp) throw new UsageError('nothing to test: --no-tcp needs --udp')
  const peer = raw['peer']
  const peerKey = peer === undefined ? null : checked('peer', () => keyFromToken(String(peer)))
  const host = raw['host'] === undefined ? null : checked('host', () => validateHostName(String(raw['host'])))
  const target = ipOption(raw, 'target')
  if (target !== null && peerKey !== null) throw new UsageError('--target and --peer do not go together: one compares services, the other asks a serve')
  if (target !== null && udp) throw new UsageError('--target compares TCP services only: drop --udp')
  const externalUrlGiven = raw['external-url'] as string | undefined
  if (externalUrlGiven !== undefined && raw['external'] !== true) throw new UsageError('--external-url needs --external')
  const external = raw['external'] === true ? checked('external-url', () => externalUrl(externalUrlGiven ?? DEFAULT_EXTERNAL_URL, port)) : null
  return {
    port,
    format: formatOf(raw),
    redact: raw['redact'] === true,
    quiet: raw['quiet'] === true,
    color: raw['color'] !== false,
    report: (report as string | undefined) ?? null,
    echoUrls: urls('echo-url', DEFAULT_ECHO_URLS, 4),
    echoUrlsV6: urls('echo-url6', DEFAULT_ECHO_URLS_V6, 6),
    publicIp: ipOption(raw, 'public-ip'),
    bind: ipOption(raw, 'bind') as string, // yargs supplies the default
    timeoutMs,
    tcp,
    udp,
    peerKey,
    host,
    target,
    ipv6: raw['ipv6'] !== false,
    gateway: raw['gateway'] !== false,
    external,
  }
}

function validateEchoServer(raw: Record<string, unknown>): EchoServerArgs {
  const port = portOf(raw)
  const trustProxy = ((raw['trust-proxy'] as string[] | undefined) ?? []).map((a) => {
    if (isIP(a) === 0 || a.includes('%')) throw new UsageError(`--trust-proxy must be an IP address (no zone id), not "${printable(a, 40)}"`)
    return normalizeAddress(a)
  })
  return { port, bind: ipOption(raw, 'bind') as string, trustProxy, log: raw['log'] === true }
}

function validateServe(raw: Record<string, unknown>): ServeArgs {
  const port = portOf(raw)
  const token = raw['token'] === undefined ? newToken() : String(raw['token']).trim()
  checked('token', () => keyFromToken(token))
  const tcp = raw['tcp'] !== false
  const udp = raw['udp'] !== false
  if (!tcp && !udp) throw new UsageError('nothing to serve: --no-tcp and --no-udp together')
  return { port, bind: ipOption(raw, 'bind'), token, tcp, udp, json: raw['json'] === true }
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
    mode: 'listen' as const,
    listener: null,
    tcp: null,
    udp: null,
    dns: null,
    ipv6: null,
    target: null,
    gateway: null,
    external: null,
    fault,
  }
  return { ...obs, verdict: diagnose(obs) }
}

/** Writes the report file atomically: a reader never sees half a report. */
async function writeReport(path: string, json: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    await writeFile(tmp, json)
    await rename(tmp, path)
  } catch (err) {
    await rm(tmp, { force: true }) // never leave the half-step behind
    throw err
  }
}

/** One line for a report file that could not be written: the path asked for, the reason, what to do. */
function reportFailure(path: string, err: NodeJS.ErrnoException): string {
  // File system errors always carry a code (ENOENT, EACCES, EISDIR, …).
  return `cannot write the report to ${printable(path)} (${err.code}): check that its folder exists and is writable, and that it is not a folder itself`
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws;
 * never calls process.exit. (`main` in cli.ts answers `--version` before loading this module.)
 */
export async function run(argv: string[], cli: CliEnv = processEnv()): Promise<number> {
  const { stdout, stderr, env } = cli
  const y = await parser(argv, (stdout as { columns?: number }).columns ?? 80)
  const parsed = await new Promise<{ err: Error | null; argv: Record<string, unknown>; output: string }>((resolve) => {
    // yargs trips over option names that are also Object.prototype's (--constructor, --to-string,
    // which it reads as toString too): none is ours, so they are unknown arguments.
    const proto = (name: string): boolean => name in Object.prototype || name.replace(/-+([a-z])/gi, (_, c: string) => c.toUpperCase()) in Object.prototype
    const odd = argv.find((a) => proto(/^--?(?:no-)?([^=]*)/.exec(a)?.[1] ?? ''))
    if (odd !== undefined) return resolve({ err: new Error(`Unknown argument: ${odd}`), argv: {}, output: '' })
    // With a callback yargs neither prints nor exits: help, version and errors come back to us.
    void y.parse(argv, {}, (err, a, output) => resolve({ err: err ?? null, argv: a, output }))
  })
  if (parsed.err === null && (parsed.argv['help'] === true || parsed.argv['version'] === true)) {
    stdout.write(`${parsed.output.trimEnd()}\n`)
    return 0
  }

  const command = (parsed.argv['_'] as unknown[] | undefined)?.[0]
  let args: Args
  try {
    // yargs quotes the arguments it did not understand: they reach the terminal only printable.
    if (parsed.err !== null) throw new UsageError(printable(parsed.err.message.split('\n')[0]!, 200))
    if (command === 'serve') return await serveCommand(validateServe(parsed.argv), cli)
    if (command === 'echo-server') return await echoServerCommand(validateEchoServer(parsed.argv), cli)
    args = validate(parsed.argv)
  } catch (err) {
    const message = (err as UsageError).message
    const report = faultReport({ kind: 'bad-input', code: null, message }, integerIn(String(parsed.argv['port'] ?? ''), 1, 65535))
    const given = parsed.argv['report']
    const reportPath = typeof given === 'string' && given !== '' ? given : null
    // The report still goes out in the format asked for, when that much was understood.
    const asked = FORMATS.find((f) => f === parsed.argv['format'])
    const format = parsed.argv['json'] === true || argv.includes('--json') ? 'json' : (asked ?? 'human')
    return finish(report, { format, redact: false, quiet: false, color: false, reportPath }, cli, `${message} (see --help)`)
  }

  let report: Report
  const { timeoutMs, format, redact, quiet, color, report: reportPath, ...run } = args
  const spin = format === 'human' && !quiet && stderr.isTTY === true && env['CI'] === undefined
  const spinner = spin ? (await import('ora')).default({ stream: stderr as NodeJS.WriteStream, text: 'Starting' }).start() : null
  try {
    const obs = await runProbe(
      // The budget counts from `cli.started`; Ctrl-C or a service manager's SIGTERM stops the run
      // where it is, and the report holds what was seen.
      { ...run, deadline: cli.started + timeoutMs, started: cli.started, signal: cli.stopSignal() },
      { ...cli.io, onStep: (text) => spinner && (spinner.text = text) },
    )
    report = { ...obs, verdict: diagnose(obs) }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? null
    report = faultReport({ kind: 'probe-error', code, message: (err as Error).message }, run.port)
  } finally {
    spinner?.stop()
  }
  return finish(report, { format, redact, quiet, color, reportPath }, cli)
}

/** `serve`: prints the token, then one line per proven probe, until the signal stops it. */
async function serveCommand(a: ServeArgs, cli: CliEnv): Promise<number> {
  const { stdout, stderr } = cli
  const emit = (e: ServeEvent): void => {
    if (a.json) {
      stdout.write(`${JSON.stringify(e.type === 'listening' ? { ...e, token: a.token } : e)}\n`)
    } else if (e.type === 'listening') {
      stdout.write(`${a.token}\n`)
      stderr.write(
        `${TOOL.name}: serving ${e.protocols.join('+').toUpperCase()} on ${e.bind.includes(':') ? `[${e.bind}]` : e.bind}:${e.port}; on another LAN host run: ${TOOL.name} ${e.port} --peer ${a.token}${a.udp ? ' --udp' : ''}\n`,
      )
    } else if (e.type === 'probe') {
      stdout.write(`${e.at} ${e.protocol} probe from ${e.peer}:${e.peerPort} to ${e.local}\n`)
    } else {
      stderr.write(`${TOOL.name}: stopped after ${e.probes} probe${e.probes === 1 ? '' : 's'} (${e.strangers} others left unanswered)\n`)
    }
  }
  try {
    await serve(
      { port: a.port, bind: a.bind, key: keyFromToken(a.token), protocols: { tcp: a.tcp, udp: a.udp }, signal: cli.stopSignal(), onEvent: emit },
      { listen: cli.io.listen, listenUdp: cli.io.listenUdp, date: cli.io.date },
    )
    return 0
  } catch (err) {
    stderr.write(`${TOOL.name}: ${describeListenError(err as NodeJS.ErrnoException, a.bind ?? '0.0.0.0', a.port)}\n`)
    return 2
  }
}

/** `echo-server`: serves until the signal stops it; one access-log line per request with --log. */
async function echoServerCommand(a: EchoServerArgs, cli: CliEnv): Promise<number> {
  const { startEchoServer } = await import('../servers/echoserver.js')
  const log = a.log ? (line: string) => cli.stdout.write(`${line}\n`) : null
  let server: Awaited<ReturnType<typeof startEchoServer>>
  try {
    server = await startEchoServer({ bind: a.bind, port: a.port, trustProxy: a.trustProxy, log })
  } catch (err) {
    cli.stderr.write(`${TOOL.name}: ${describeListenError(err as NodeJS.ErrnoException, a.bind, a.port)}\n`)
    return 2
  }
  const stop = cli.stopSignal()
  cli.stderr.write(`${TOOL.name}: echo server listening on ${server.address}:${server.port}\n`)
  if (!stop.aborted) await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }))
  await server.close()
  return 0
}

interface FinishOptions {
  format: Format
  redact: boolean
  quiet: boolean
  color: boolean
  reportPath: string | null
}

/** The exit code: the verdict's, or 128 + the signal's number when a signal stopped the run (130 SIGINT, 143 SIGTERM). */
function exitCodeOf(report: Report): number {
  if (report.fault?.kind !== 'interrupted') return exitCodeFor(report.verdict)
  return report.fault.code === 'SIGTERM' ? 143 : 130
}

/** Prints the report in its format, writes the report file (always JSON), and turns the verdict into an exit code. */
async function finish(full: Report, o: FinishOptions, cli: CliEnv, errorLine?: string): Promise<number> {
  const { stdout, stderr, env } = cli
  const report = o.redact ? (await import('../render/redact.js')).redact(full) : full
  const code = exitCodeOf(report)
  const json = renderJson(report)
  const width = (stdout as { columns?: number }).columns ?? 80
  if (o.format === 'json') {
    stdout.write(json)
  } else if (o.format === 'openmetrics') {
    const { renderOpenMetrics } = await import('../render/openmetrics.js')
    stdout.write(renderOpenMetrics(report, {}))
  } else if (o.format === 'markdown') {
    const [{ renderMarkdown }, { renderPath }] = await Promise.all([import('../render/markdown.js'), import('../render/path.js')])
    const environment = { os: `${process.platform} ${osRelease()} ${process.arch}`, node: process.version }
    stdout.write(renderMarkdown(report, { environment, path: renderPath(report, { unicode: false, width: 100, colorLevel: 0 }) }))
  } else if (code < 2) {
    const [{ renderHuman }, { supportsUnicode }] = await Promise.all([import('../render/human.js'), import('../render/path.js')])
    const forced = (env['FORCE_COLOR'] ?? '0') !== '0'
    const noColor = !o.color || (env['NO_COLOR'] ?? '') !== '' || (stdout.isTTY !== true && !forced)
    stdout.write(renderHuman(report, { colorLevel: noColor ? 0 : 1, quiet: o.quiet, unicode: supportsUnicode(env, process.platform), width }))
  }
  let unwritten: string | null = null
  if (o.reportPath !== null) {
    try {
      await writeReport(o.reportPath, json)
    } catch (err) {
      unwritten = reportFailure(o.reportPath, err as NodeJS.ErrnoException)
    }
  }
  // Exactly one line on stderr, whatever went wrong: the fault, the report file, or both.
  const fault = code >= 2 ? (errorLine ?? report.verdict.summary.replace(/^No verdict: /, '')) : null
  const line = [fault, unwritten].filter((x) => x !== null).join('; and ')
  if (line !== '') stderr.write(`${TOOL.name}: ${line}\n`)
  return unwritten !== null && code < 2 ? 2 : code
}
