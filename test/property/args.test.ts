// Property tests for argument parsing through main(argv, env) with fake I/O (test/fixtures.ts):
// whatever the argv, main never throws, exits 0/1/2, says what went wrong on one clean stderr
// line, and --json means one JSON document on stdout (a report, or an array of them for several
// ports). Deterministic: PROPERTY_SEED picks the
// seed (printed on failure), PROPERTY_RUNS may raise the number of runs.

import t from 'tap'
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { newToken } from '../../src/net/token.js'
import { fakeCli } from '../support/cli.js'
import { fakeIO } from '../support/fixtures.js'
import { holds, UNPRINTABLE } from '../support/property.js'

// --- running the CLI on fakes ---

// Every --report goes here; the directory is removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'hairpin-check-args-'))
t.teardown(() => rmSync(scratch, { recursive: true, force: true }))

interface Captured {
  code: number
  out: string
  err: string
}

/** Runs main on fake I/O; `stopped` hands out an already aborted stop signal (for `serve`, which runs until stopped). */
async function runCli(argv: string[], opts: { stopped?: boolean } = {}): Promise<Captured> {
  const f = fakeCli({
    // reachable: false so --external does not wait for the fake listener to see the checker.
    io: fakeIO({ external: { reachable: false } }).io,
    stopSignal: () => (opts.stopped === true ? AbortSignal.abort('SIGTERM') : new AbortController().signal),
  })
  const code = await main(argv, f.cli)
  return { code, out: f.out(), err: f.err() }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
const STACK_FRAME = /\bat .*(?:\(|\s)(?:file:|node:|\/)[^)]*:\d+:\d+/

/** Whether argv asks for help or the version (then stdout is that text, whatever else was asked). */
function asksHelpOrVersion(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  const options = end === -1 ? argv : argv.slice(0, end)
  return options.some((a) => /^--(?:help|version)(?:=|$)/.test(a) || (/^-[^-]/.test(a) && /[hv]/.test(a.slice(1).split('=')[0]!)))
}

// --- generators ---

const TOKEN = newToken(() => Buffer.alloc(32, 7))

const noise = fc.oneof(
  fc.constantFrom('', ' ', '-', '--', '---', '=', '\n', '\u001b[31mred', '\u001b]0;x\u0007', '\u009b2J', '\u0000', '\u202e', '\u061c', '\u180e', '٤٤٣', '🦀', 'NaN', 'null', 'undefined', '__proto__', 'constructor'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.double().map(String),
  fc.integer().map(String),
)

const portish = fc.oneof(
  fc.integer({ min: -2, max: 70000 }).map(String),
  fc.constantFrom('443', '8443', '1', '65535', '0', '65536', '1.5', '0x1bb', '+443', ' 443', '443\n', '1e3', '٤٤٣', '-1', '00443'),
  noise,
)
const addressish = fc.oneof(fc.ipV4(), fc.constantFrom('203.0.113.7', '192.168.77.10', '0.0.0.0', '127.0.0.1', '300.1.1.1', '::1', '2001:db8::1', '::ffff:1.2.3.4', 'eth0', ''), noise)
const urlish = fc.oneof(
  fc.webUrl({ validSchemes: ['http', 'https'] }),
  fc.constantFrom('http://198.51.100.10/ip', 'https://[2001:db8::1]/', 'ftp://x', 'http://u:p@x/', 'http://x/{port}', 'http://x/{port}\u001b[2J', 'not a url', ''),
  fc.tuple(fc.constantFrom('http://', 'https://'), noise).map(([s, n]) => `${s}${n}`),
  noise,
)
const BOOLEAN_FLAGS = [
  '--json',
  '--redact',
  '--udp',
  '--no-udp',
  '--tcp',
  '--no-tcp',
  '--ipv6',
  '--no-ipv6',
  '--gateway',
  '--no-gateway',
  '--external',
  '--no-external',
  '--quiet',
  '-q',
  '--all-fixes',
  '--color',
  '--no-color',
  '--help',
  '-h',
  '--version',
  '-v',
  '--json=false',
  '--udp=true',
  '-qh',
] as const

/** An option and its value, as one `--name=value` token or two tokens. */
const withValue = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc.tuple(value, fc.boolean()).map(([v, joined]) => (joined ? [`${name}=${v}`] : [name, v]))

const option: fc.Arbitrary<string[]> = fc.oneof(
  fc.constantFrom(...BOOLEAN_FLAGS).map((f) => [f]),
  withValue('--format', fc.oneof(fc.constantFrom('human', 'json', 'markdown', 'openmetrics', 'junit', 'JSON', 'xml'), noise)),
  withValue('--expect', fc.oneof(fc.constantFrom('works', 'fails', 'source=public-ip', 'source=gateway', 'source=client', 'source=other', 'source=', 'maybe'), noise)),
  withValue('--public-ip', addressish),
  withValue('--bind', addressish),
  withValue('--target', addressish),
  withValue('--timeout', fc.oneof(fc.constantFrom('1000', '5000', '600000', '999', '600001', 'soon', '1e4'), fc.integer().map(String), noise)),
  withValue('--echo-url', urlish),
  withValue('--echo-url6', urlish),
  withValue('--external-url', urlish),
  withValue('--host', fc.oneof(fc.domain(), fc.constantFrom('app.lab', 'nas.example.org.', '-bad-', 'a..b', ''), noise)),
  withValue('--peer', fc.oneof(fc.constant(TOKEN), fc.constant(`${TOKEN}x`), fc.constant('hc1.'), noise)),
  withValue('--report', fc.constantFrom('report.json', 'other.json', '').map((p) => (p === '' ? '' : join(scratch, p)))),
  // Options nobody defined, and short-option clusters.
  fc.tuple(fc.constantFrom('--', '-', '--no-'), noise).map(([dash, name]) => [`${dash}${name}`]),
)

/** Tokens that would start `serve` (runs until stopped) or `echo-server` (opens a real port): tested apart. */
const COMMANDS = new Set(['serve', 'echo-server'])

/** Names of Object.prototype members ("constructor", "toString", …): options so named once crashed yargs, tested apart. */
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype)
const camel = (s: string): string => s.replace(/-+([a-z])/gi, (_, c: string) => c.toUpperCase())
/** Whether a token is an option named after an Object.prototype member (--constructor, --no-to-string=1, …). */
const protoOption = (a: string): boolean => {
  const m = /^-{1,2}(?:no-)?([^=]*)/.exec(a)
  return m !== null && a.startsWith('-') && PROTO_NAMES.some((n) => n === m[1] || n === camel(m[1]!))
}

/** A token standing on its own: a port, a number, unicode, escapes. */
const loose: fc.Arbitrary<string[]> = fc.oneof(portish, noise).map((s) => [s])

const argvArb: fc.Arbitrary<string[]> = fc
  .tuple(fc.option(portish, { nil: undefined, freq: 4 }), fc.array(fc.oneof({ weight: 3, arbitrary: option }, { weight: 1, arbitrary: loose }), { maxLength: 7 }), fc.boolean())
  .map(([port, parts, portLast]) => {
    const rest = parts.flat()
    if (port === undefined) return rest
    return portLast ? [...rest, port] : [port, ...rest]
  })
  // Keep --report pointed into the scratch directory: a stray token must not write a file elsewhere.
  .filter((argv) => !argv.some((a, i) => COMMANDS.has(a) || protoOption(a) || (/^--report/.test(a) && !a.startsWith(`--report=${scratch}`) && a !== '--report=' && !(a === '--report' && argv[i + 1]?.startsWith(scratch)))))

/** Arguments that mostly make sense, so runs get through to a verdict and every renderer; free-text values carry noise. */
const validishArgv: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom('443', '8443', '65535'),
    fc.subarray(
      [
        ['--format', 'markdown'],
        ['--format', 'openmetrics'],
        ['--format', 'junit'],
        ['--json'],
        ['--all-fixes'],
        ['--expect', 'fails'],
        ['--expect', 'source=gateway'],
        ['8443'],
        ['--quiet'],
        ['--redact'],
        ['--udp'],
        ['--no-ipv6'],
        ['--no-gateway'],
        ['--external'],
        ['--peer', TOKEN],
        ['--timeout', '5000'],
      ],
      { maxLength: 5 },
    ),
    fc.option(fc.ipV4(), { nil: undefined }),
    fc.option(fc.oneof(fc.domain(), fc.constant('app.lab')), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('http://', 'https://'), fc.domain(), fc.constantFrom('/', '/{port}', '/port/{port}?q=', '/{port}#'), noise), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('http://', 'https://'), fc.domain(), fc.constantFrom('/', '/ip?', '/#'), noise), { nil: undefined }),
  )
  .map(([port, flags, publicIp, host, external, echo]) => [
    port,
    ...flags.flat(),
    ...(publicIp === undefined ? [] : ['--public-ip', publicIp]),
    ...(host === undefined ? [] : ['--host', host]),
    ...(external === undefined ? [] : ['--external', '--external-url', external.join('')]),
    ...(echo === undefined ? [] : ['--echo-url', echo.join('')]),
  ])
  .filter((argv) => !argv.some(protoOption))

/** Either kind of argv. */
const anyArgv = fc.oneof(argvArb, validishArgv)

/** The checks every run must pass; returns what is wrong, or null. */
function problems(argv: readonly string[], r: Captured): string | null {
  if (![0, 1, 2].includes(r.code)) return `exit code ${r.code}`
  if (STACK_FRAME.test(r.out) || STACK_FRAME.test(r.err)) return 'a stack trace was printed'
  if (r.code === 2) {
    if (!r.err.endsWith('\n') || r.err.slice(0, -1).includes('\n')) return `stderr is not exactly one line: ${JSON.stringify(r.err)}`
    if (!r.err.startsWith('hairpin-check: ')) return `stderr does not start with the tool's name: ${JSON.stringify(r.err)}`
  } else if (r.err !== '') {
    return `exit ${r.code} but stderr says ${JSON.stringify(r.err)}`
  }
  if (argv.includes('--json') && !(r.code === 0 && asksHelpOrVersion(argv) && !r.out.startsWith('{'))) {
    let doc: unknown
    try {
      doc = JSON.parse(r.out)
    } catch {
      return `--json given but stdout is not one JSON document: ${JSON.stringify(r.out.slice(0, 200))}`
    }
    // One port: one report; several ports: an array of them, one per port.
    const reports = Array.isArray(doc) ? (doc as unknown[]) : [doc]
    if (Array.isArray(doc) && doc.length < 2) return `an array of ${doc.length} reports: one port gives one document`
    for (const report of reports) {
      if (typeof report !== 'object' || report === null || (report as { schemaVersion?: unknown }).schemaVersion !== 1) return 'the JSON document is not a report'
      // Every report of a run that happened carries its expectations (--expect, `works` by default).
      const { expectations, fault } = report as { expectations?: unknown; fault?: { kind?: string } | null }
      if (fault?.kind !== 'bad-input' && !Array.isArray(expectations)) return 'a report without its expectations'
    }
  }
  return null
}

t.test('main(argv): total, exit 0/1/2, one stderr line on 2, one JSON document with --json', async (t) => {
  await holds(
    t,
    'arbitrary argv',
    fc.asyncProperty(anyArgv, async (argv) => {
      let r: Captured
      try {
        r = await runCli(argv)
      } catch (err) {
        throw new Error(`main threw: ${(err as Error)?.stack ?? String(err)}`)
      }
      const wrong = problems(argv, r)
      if (wrong !== null) throw new Error(wrong)
    }),
    200,
  )
})

t.test('main(argv): --json always gets its document, also with bad arguments', async (t) => {
  // The same argv generator, with --json put in at a random place before any `--`.
  const withJson = fc.tuple(anyArgv, fc.nat()).map(([argv, at]) => {
    const end = argv.indexOf('--')
    const limit = end === -1 ? argv.length : end
    const copy = [...argv]
    copy.splice(at % (limit + 1), 0, '--json')
    return copy
  })
  await holds(
    t,
    'argv with --json',
    fc.asyncProperty(withJson, async (argv) => {
      const wrong = problems(argv, await runCli(argv))
      if (wrong !== null) throw new Error(wrong)
    }),
    100,
  )
})

t.test('serve: total, exit 0 or 2, one stderr line on 2', async (t) => {
  const serveArgv = fc
    .tuple(portish, fc.array(fc.oneof(option, loose, fc.constantFrom(['--token', TOKEN], ['--no-tcp'], ['--no-udp'], ['--token', 'hc1.x'])), { maxLength: 4 }))
    .map(([port, parts]) => ['serve', port, ...parts.flat()])
    .filter((argv) => !argv.some((a, i) => a === 'echo-server' || protoOption(a) || (/^--report/.test(a) && !a.startsWith(`--report=${scratch}`) && !(a === '--report' && argv[i + 1]?.startsWith(scratch)))))
  await holds(
    t,
    'arbitrary serve argv, stopped at once',
    fc.asyncProperty(serveArgv, async (argv) => {
      const r = await runCli(argv, { stopped: true })
      if (![0, 2].includes(r.code)) throw new Error(`exit code ${r.code}`)
      if (STACK_FRAME.test(r.out) || STACK_FRAME.test(r.err)) throw new Error('a stack trace was printed')
      if (r.code === 2 && (!r.err.endsWith('\n') || r.err.slice(0, -1).includes('\n'))) throw new Error(`stderr is not exactly one line: ${JSON.stringify(r.err)}`)
    }),
    60,
  )
})

// Regression properties for bugs these tests found, fixed in 77b8748: the raw token a yargs error
// quotes reached stderr unfiltered, external.via (from --external-url) reached stdout unfiltered,
// and an option named after an Object.prototype member (443 --constructor) crashed yargs so that
// main() rejected with a stack trace. A failure here fails the suite.

t.test('stderr is free of control characters and escapes', async (t) => {
  await holds(
    t,
    'arbitrary argv: stderr printable',
    fc.asyncProperty(anyArgv, async (argv) => {
      const r = await runCli(argv)
      if (UNPRINTABLE.test(r.err.replace(/\n$/, ''))) throw new Error(`stderr carries a control or invisible character: ${JSON.stringify(r.err)}`)
    }),
    150,
  )
})

t.test('stdout is free of control characters but newline and tab (colour off)', async (t) => {
  await holds(
    t,
    'arbitrary argv: stdout clean',
    // Mostly arguments that get through to a report, where the renderers run.
    fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: argvArb }, { weight: 3, arbitrary: validishArgv }), async (argv) => {
      const r = await runCli(argv)
      const bad = r.out.split('\n').find((line) => CONTROL.test(line))
      if (bad !== undefined) throw new Error(`stdout line carries a control character: ${JSON.stringify(bad)}`)
    }),
    150,
  )
})

t.test('options named after Object.prototype members: never throws, exit 2 with one line', async (t) => {
  const protoArgv = fc
    .tuple(
      fc.constantFrom('443', '8443'),
      fc.constantFrom(...PROTO_NAMES, 'to-string', 'has-own-property', 'value-of'),
      fc.constantFrom('--', '--no-', '-'),
      fc.option(noise, { nil: undefined }),
      fc.array(option, { maxLength: 3 }),
    )
    .map(([port, name, dash, value, rest]) => [port, `${dash}${name}${value === undefined ? '' : `=${value}`}`, ...rest.flat()])
    .filter((argv) => !argv.some((a) => COMMANDS.has(a) || (/^--report/.test(a) && !a.startsWith(`--report=${scratch}`) && a !== '--report')))
  await holds(
    t,
    '443 --constructor and the like',
    fc.asyncProperty(protoArgv, async (argv) => {
      let r: Captured
      try {
        r = await runCli(argv)
      } catch (err) {
        throw new Error(`main threw: ${String(err)}`)
      }
      const wrong = problems(argv, r)
      if (wrong !== null) throw new Error(wrong)
    }),
    50,
  )
})

// Fixed in aa67b2f (finish() joins both reasons on one line); kept as a regression property.
t.test('exit 2 with a --report that cannot be written: still one stderr line', async (t) => {
  const unwritable = join(scratch, 'no-such-dir', 'report.json')
  await holds(
    t,
    'arbitrary argv plus an unwritable --report',
    fc.asyncProperty(anyArgv, fc.boolean(), async (argv, joined) => {
      fc.pre(!asksHelpOrVersion(argv)) // help and version print and return before any report
      const r = await runCli([...argv.filter((a) => !a.startsWith('--report') && !a.startsWith(scratch)), ...(joined ? [`--report=${unwritable}`] : ['--report', unwritable])])
      if (r.code !== 2) throw new Error(`exit ${r.code}: an unwritable report must give 2`)
      if (r.err.slice(0, -1).includes('\n')) throw new Error(`stderr is not exactly one line: ${JSON.stringify(r.err)}`)
    }),
    50,
  )
})
