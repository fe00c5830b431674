// The command line's arguments: the yargs parser, and the checks that turn what it read into one command's arguments.

import { isIP, isIPv4 } from 'node:net'
import { validateHostName } from '../net/dns.js'
import { DEFAULT_ECHO_URLS, DEFAULT_ECHO_URLS_V6, validateEchoUrl } from '../discover/echo.js'
import { DEFAULT_EXTERNAL_URL, externalUrl } from '../discover/external.js'
import { DEFAULT_TIMEOUT_MS, EPILOG, FORMATS, OTHER_COMMANDS, PORTS_DESCRIBE, PROBE_DESCRIPTION, PROBE_OPTIONS, type OptionSpec } from './options.js'

export { DEFAULT_TIMEOUT_MS, FORMATS } from './options.js'
import { normalizeAddress } from '../util/ip.js'
import { keyFromToken, newToken } from '../net/token.js'
import { DEFAULT_EXPECTATIONS, parseExpectation, type Expectation } from '../diagnose/expect.js'
import type { RunOptions } from '../run/run.js'
import { printable } from '../util/sanitize.js'
import { TOOL } from '../report/version.js'

/** Below this the first SYN retransmission (1 s) cannot happen and answers get flaky. */
export const MIN_TIMEOUT_MS = 1000
/** Ten minutes: longer is a mistake, not a wish. */
export const MAX_TIMEOUT_MS = 600_000

/** Longest piece of a bad argument quoted back: enough to recognize it, too short to flood the terminal. */
const QUOTED_MAX_CHARS = 40
/** Longest yargs complaint passed on (it quotes every unknown argument). */
const COMPLAINT_MAX_CHARS = 200
/** Columns the help wraps to when stdout does not say (not a terminal). */
const DEFAULT_WIDTH = 80
/** The help never gets wider than this, however wide the terminal: long lines read badly. */
const HELP_MAX_WIDTH = 100

/** A bad argument: exit 2 with one line. */
export class UsageError extends Error {}

/** One of `FORMATS`. */
export type Format = (typeof FORMATS)[number]

/** What the probe runs with (the run's own options for each port, but its clock), and how to show the result. */
export type ProbeArgs = Omit<RunOptions, 'deadline' | 'started' | 'signal' | 'port' | 'external'> & {
  /** The ports, de-duplicated, in the order given. */
  ports: number[]
  /** `--external`: the port-check URL for each port, or null. */
  externalFor(port: number): string | null
  /** `--expect`, in the order given; `works` when none was. */
  expectations: Expectation[]
  timeoutMs: number
  format: Format
  redact: boolean
  quiet: boolean
  color: boolean
  allFixes: boolean
  report: string | null
}

/** Parsed and validated arguments of `echo-server`. */
export interface EchoServerArgs {
  port: number
  bind: string
  trustProxy: string[]
  log: boolean
}

/** Parsed and validated arguments of `serve`. */
export interface ServeArgs {
  port: number
  bind: string | null
  token: string
  tcp: boolean
  udp: boolean
  json: boolean
}

/** The command the arguments ask for, with its validated arguments. */
export type Command = { name: 'probe'; args: ProbeArgs } | { name: 'serve'; args: ServeArgs } | { name: 'echo-server'; args: EchoServerArgs }

/** What yargs made of the command line, before validation. */
export interface Parsed {
  /** The options and positionals yargs read, also when it then refused the command line. */
  raw: Record<string, unknown>
  /** The help or version text when that is what was asked (print it and stop), else null. */
  text: string | null
  /** Why yargs refused the command line (unknown argument, missing port, bad choice), or null. */
  err: Error | null
}

/** What a bad command line still says about how to report it: the port, the format asked for, the report file. */
export interface Fallback {
  port: number | null
  format: Format
  reportPath: string | null
}


/** The argument parser. yargs is imported here, not at the top, so `--version` never loads it. */
async function parser(argv: string[], width: number) {
  const { default: yargs } = await import('yargs')
  return yargs(argv)
    .scriptName(TOOL.name)
    .command(
      '$0 <ports..>',
      PROBE_DESCRIPTION,
      (y) =>
        y
          .positional('ports', { type: 'string', array: true, describe: PORTS_DESCRIBE })
          .options(PROBE_OPTIONS as Record<string, OptionSpec & { choices?: string[] }>)
          .epilog(EPILOG),
    )
    .command('echo-server', OTHER_COMMANDS[0]![1], (y) =>
      y
        .option('port', { type: 'string', default: '8080', describe: 'port to listen on' })
        .option('bind', { type: 'string', default: '0.0.0.0', describe: 'address to listen on' })
        .option('trust-proxy', { type: 'string', array: true, describe: 'honour X-Forwarded-For from this proxy address (repeatable)' })
        .option('log', { type: 'boolean', default: false, describe: 'print one access-log line per request' }),
    )
    .command('serve <port>', OTHER_COMMANDS[1]![1], (y) =>
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
    .wrap(Math.min(HELP_MAX_WIDTH, width))
}

/**
 * Reads `argv` (without node and script) with yargs, for a terminal `columns` wide when it says
 * (the help wraps to it). Never throws: what yargs refuses comes back in `err`.
 */
export async function parse(argv: string[], columns: number | undefined): Promise<Parsed> {
  const y = await parser(argv, columns ?? DEFAULT_WIDTH)
  return new Promise<Parsed>((resolve) => {
    // yargs trips over option names that are also Object.prototype's (--constructor, --to-string,
    // which it reads as toString too): none is ours, so they are unknown arguments.
    const proto = (name: string): boolean => name in Object.prototype || name.replace(/-+([a-z])/gi, (_, c: string) => c.toUpperCase()) in Object.prototype
    const odd = argv.find((a) => proto(/^--?(?:no-)?([^=]*)/.exec(a)?.[1] ?? ''))
    if (odd !== undefined) return resolve({ raw: {}, text: null, err: new Error(`Unknown argument: ${odd}`) })
    // With a callback yargs neither prints nor exits: help, version and errors come back to us.
    void y.parse(argv, {}, (err, raw, output) => {
      const refused = err ?? null
      // `hairpin-check help` is yargs' help command: raw.help is not set, the text is in output.
      const asked = refused === null && (raw['help'] === true || raw['version'] === true || output !== '')
      resolve({ raw, text: asked ? output : null, err: refused })
    })
  })
}

function integerIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null
  const n = Number(text)
  return n >= min && n <= max ? n : null
}

/** One port argument: an integer from 1 to 65535. */
function portFrom(text: string): number {
  const port = integerIn(text, 1, 65535)
  if (port === null) throw new UsageError(`port must be an integer from 1 to 65535, not "${printable(text, QUOTED_MAX_CHARS)}"`)
  return port
}

function portOf(raw: Record<string, unknown>): number {
  return portFrom(String(raw['port'])) // yargs has made sure it is there
}

/** The positional ports: each one checked, duplicates dropped, the order kept. */
function portsOf(raw: Record<string, unknown>): number[] {
  const given = (raw['ports'] as unknown[] | undefined) ?? [] // yargs asks for at least one
  return [...new Set(given.map((p) => portFrom(String(p))))]
}

/** `--expect`, each value checked; `works` when none was given. */
function expectationsOf(raw: Record<string, unknown>): Expectation[] {
  const given = raw['expect'] as string[] | undefined
  if (given === undefined) return [...DEFAULT_EXPECTATIONS]
  if (given.length === 0) throw new UsageError('--expect needs a value: works, fails or source=KIND')
  return given.map((e) => checked('expect', () => parseExpectation(e)))
}

/** An optional IPv4 address option: absent is null, anything else but an IPv4 address is an error. */
function ipOption(raw: Record<string, unknown>, name: string): string | null {
  const v = raw[name]
  if (v === undefined) return null
  if (typeof v !== 'string' || !isIPv4(v)) throw new UsageError(`--${name} must be an IPv4 address such as 203.0.113.7, not "${printable(String(v), QUOTED_MAX_CHARS)}"`)
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

/** `--timeout`: whole milliseconds within the bounds. */
function timeoutOf(raw: Record<string, unknown>): number {
  const timeoutText = String(raw['timeout'])
  const timeoutMs = integerIn(timeoutText, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS)
  if (timeoutMs === null) {
    throw new UsageError(`--timeout must be a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}, not "${printable(timeoutText, QUOTED_MAX_CHARS)}"`)
  }
  return timeoutMs
}

/** Validates the probe's arguments (the default command). */
function validateProbe(raw: Record<string, unknown>): ProbeArgs {
  const ports = portsOf(raw)
  const timeoutMs = timeoutOf(raw)
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
  // Checked once now, so a bad URL is a usage error before anything runs; filled in per port later.
  const template = raw['external'] === true ? externalUrlGiven ?? DEFAULT_EXTERNAL_URL : null
  if (template !== null) checked('external-url', () => externalUrl(template, ports[0]!))
  return {
    ports,
    externalFor: (port) => (template === null ? null : externalUrl(template, port)),
    expectations: expectationsOf(raw),
    format: formatOf(raw),
    redact: raw['redact'] === true,
    quiet: raw['quiet'] === true,
    color: raw['color'] !== false,
    allFixes: raw['all-fixes'] === true,
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
  }
}

function validateEchoServer(raw: Record<string, unknown>): EchoServerArgs {
  const port = portOf(raw)
  const trustProxy = ((raw['trust-proxy'] as string[] | undefined) ?? []).map((a) => {
    if (isIP(a) === 0 || a.includes('%')) throw new UsageError(`--trust-proxy must be an IP address (no zone id), not "${printable(a, QUOTED_MAX_CHARS)}"`)
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

/** The command `parsed` asks for, its arguments validated. Throws a `UsageError` for anything wrong. */
export function commandOf(parsed: Parsed): Command {
  // yargs quotes the arguments it did not understand: they reach the terminal only printable.
  if (parsed.err !== null) throw new UsageError(printable(parsed.err.message.split('\n')[0]!, COMPLAINT_MAX_CHARS))
  const command = (parsed.raw['_'] as unknown[] | undefined)?.[0]
  if (command === 'serve') return { name: 'serve', args: validateServe(parsed.raw) }
  if (command === 'echo-server') return { name: 'echo-server', args: validateEchoServer(parsed.raw) }
  return { name: 'probe', args: validateProbe(parsed.raw) }
}

/**
 * How to report a command line that `commandOf` refused: the port when it was good, the report
 * file when one was named, and the report still in the format asked for when that much was understood.
 */
export function fallbackOf(parsed: Parsed, argv: string[]): Fallback {
  const { raw } = parsed
  const given = raw['report']
  const asked = FORMATS.find((f) => f === raw['format'])
  return {
    port: integerIn(String((raw['ports'] as unknown[] | undefined)?.[0] ?? ''), 1, 65535),
    format: raw['json'] === true || argv.includes('--json') ? 'json' : (asked ?? 'human'),
    reportPath: typeof given === 'string' && given !== '' ? given : null,
  }
}
