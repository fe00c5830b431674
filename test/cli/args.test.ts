import t from 'tap'
import { commandOf, DEFAULT_TIMEOUT_MS, fallbackOf, parse, type Command } from '../../src/cli/args.js'
import { newToken } from '../../src/net/token.js'
import { fakeIO } from '../support/fixtures.js'
import { oneLine, runCli as run } from '../support/cli.js'

/** The command and validated arguments argv asks for (parsed for an 80-column terminal). */
async function command(argv: string[]): Promise<Command> {
  return commandOf(await parse(argv, 80))
}

t.test('--help and --version', async (t) => {
  const help = await run(['--help'])
  t.equal(help.code, 0)
  t.match(help.out, /hairpin-check <ports\.\.>/, 'one or more ports')
  t.match(help.out, /--echo-url/)
  t.match(help.out, /--expect/)
  t.match(help.out, /--all-fixes/)
  t.match(help.out, /junit/)
  t.match(help.out, /Exit codes:/)
  t.match(help.out, /Privacy:/)
  t.equal(help.err, '')
  for (const flag of ['--version', '-v']) {
    const version = await run([flag])
    t.equal(version.code, 0)
    t.match(version.out, /^\d+\.\d+\.\d+\n$/)
  }
  const late = await run(['443', '--version'])
  t.equal(late.code, 0, 'also after other arguments, through the parser')
  t.match(late.out, /^\d+\.\d+\.\d+\n$/)
  const lateHelp = await run(['443', '--help'])
  t.equal(lateHelp.code, 0, 'help after other arguments: through the parser')
  t.match(lateHelp.out, /hairpin-check <ports\.\.>/)
  t.match(lateHelp.out, /--expect/)
  // yargs reads a first word `help` as its help command, without setting --help.
  const word = await run(['help'])
  t.equal(word.code, 0, '`hairpin-check help` is the help, not a run without a port')
  t.match(word.out, /hairpin-check <ports\.\.>/)
  t.equal(word.err, '')
})

t.test('the help wraps to the terminal, up to 100 columns', async (t) => {
  const longest = (text: string): number => Math.max(...text.split('\n').map((l) => l.length))
  const narrow = (await parse(['--help'], 60)).text!
  t.ok(longest(narrow) <= 60, 'a narrow terminal')
  const wide = (await parse(['--help'], 300)).text!
  t.ok(longest(wide) <= 100, 'a wide one: no wider than 100')
  t.ok(longest((await parse(['--help'], undefined)).text!) <= 80, 'not a terminal: 80')
  t.equal((await parse(['443'], 80)).text, null, 'no help asked: no text')
})

t.test('bad input: exit 2, one line, no stack trace', async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [[], /Not enough non-option arguments/],
    [['abc'], /port must be an integer from 1 to 65535, not "abc"/],
    [['0'], /port must be/],
    [['65536'], /port must be/],
    [['1.5'], /port must be/],
    [['443', '--frobnicate'], /Unknown argument: frobnicate/],
    [['443', '--public-ip', '300.1.1.1'], /--public-ip must be an IPv4 address/],
    [['443', '--public-ip'], /--public-ip must be an IPv4 address/],
    [['443', '--bind', 'eth0'], /--bind must be an IPv4 address/],
    [['443', '--echo-url', 'ftp://x'], /--echo-url: /],
    [['443', '--echo-url', 'not a url'], /--echo-url: /],
    [['443', '--timeout', '10'], /--timeout must be a whole number of milliseconds from 1000/],
    [['443', '--timeout', 'soon'], /--timeout must be/],
    [['443', '--report', ''], /--report needs a file name/],
    [['443', '--echo-url'], /--echo-url needs a URL/],
    [['\u001b[31mred'], /port must be an integer from 1 to 65535, not "red"/],
    [['443', '8443', 'abc'], /port must be an integer from 1 to 65535, not "abc"/],
    [['443', '0'], /port must be an integer from 1 to 65535, not "0"/],
    [['443', '--expect', 'maybe'], /--expect: must be works, fails or source=public-ip\|gateway\|client\|other/],
    [['443', '--expect', 'source=router'], /--expect: must be works, fails or source=/],
    [['443', '--expect'], /--expect needs a value/],
    [['443', '--constructor'], /Unknown argument: --constructor/],
    [['443', '--no-to-string=1'], /Unknown argument: --no-to-string=1/],
    [['443', '--\u001b[31mred'], /Unknown arguments?: .*red/],
  ]
  for (const [argv, message] of cases) {
    const r = await run(argv)
    t.equal(r.code, 2, argv.join(' '))
    t.equal(r.out, '', 'nothing on stdout')
    t.match(r.err, /^hairpin-check: /)
    t.match(r.err, message)
    t.match(r.err, /\(see --help\)\n$/)
    oneLine(t, r.err)
  }
})

t.test('bad input with --json still prints the report', async (t) => {
  const r = await run(['99999', '--json'])
  t.equal(r.code, 2)
  const report = JSON.parse(r.out)
  t.equal(report.schemaVersion, 1)
  t.equal(report.port, null)
  t.equal(report.verdict.hairpin, null)
  t.equal(report.verdict.cause, 'bad-input')
  t.equal(report.fault.kind, 'bad-input')
  oneLine(t, r.err)
  const unknown = await run(['443', '--json', '--nope'])
  t.equal(JSON.parse(unknown.out).port, 443)
  const several = await run(['443', '8443', 'x', '--json'])
  t.equal(several.code, 2, 'a bad port among several')
  t.equal(JSON.parse(several.out).port, 443, 'one document, for the first port')
  oneLine(t, several.err)
})

t.test('what a bad command line still says: port, format, report file', async (t) => {
  t.same(fallbackOf(await parse(['99999', '--format', 'markdown', '--report', 'r.json'], 80), []), { port: null, format: 'markdown', reportPath: 'r.json' })
  t.same(fallbackOf(await parse(['443', '--format', 'xml'], 80), []), { port: 443, format: 'human', reportPath: null }, 'a format not understood: human')
  t.same(fallbackOf(await parse(['8443', '443', '--format', 'junit', '--expect', 'x'], 80), []), { port: 8443, format: 'junit', reportPath: null }, 'several ports: the first')
  const odd = ['443', '--json', '--constructor']
  t.same(fallbackOf(await parse(odd, 80), odd), { port: null, format: 'json', reportPath: null }, 'nothing parsed: --json is still seen')
  t.equal(fallbackOf(await parse(['443', '--report', ''], 80), []).reportPath, null, 'an empty report name is none')
})

t.test('new flags: bad input, exit 2, one line', async (t) => {
  const token = newToken((n) => Buffer.alloc(n, 1))
  const cases: Array<[string[], RegExp]> = [
    [['443', '--no-tcp'], /nothing to test: --no-tcp needs --udp/],
    [['443', '--peer', 'nope'], /--peer: not a token from "hairpin-check serve"/],
    [['443', '--host', 'bad_name'], /--host: must be a DNS name/],
    [['443', '--target', 'server'], /--target must be an IPv4 address/],
    [['443', '--target', '192.168.1.10', '--peer', token], /--target and --peer do not go together/],
    [['443', '--target', '192.168.1.10', '--udp'], /--target compares TCP services only/],
    [['443', '--echo-url6', 'http://198.51.100.10/ip'], /--echo-url6: echo URL has an IPv4 address, IPv6 is asked/],
    [['443', '--echo-url6'], /--echo-url6 needs a URL/],
    [['serve'], /Not enough non-option arguments/],
    [['serve', 'x'], /port must be an integer/],
    [['serve', '443', '--token', 'hc1.short'], /--token: not a token/],
    [['serve', '443', '--no-tcp', '--no-udp'], /nothing to serve/],
    [['serve', '443', '--public-ip', '1.2.3.4'], /Unknown arguments?: public-ip/],
    [['echo-server', '--port', 'x'], /port must be an integer/],
    [['echo-server', '--trust-proxy', 'proxy.lan'], /--trust-proxy must be an IP address/],
    [['echo-server', '--trust-proxy', 'fe80::1%eth0'], /no zone id/],
  ]
  for (const [argv, message] of cases) {
    const r = await run(argv)
    t.equal(r.code, 2, argv.join(' '))
    t.match(r.err, message)
    oneLine(t, r.err)
  }
})

t.test('--external, --external-url, --no-gateway', async (t) => {
  const f = fakeIO()
  const r = await run(['8443', '--external', '--external-url', 'http://198.51.100.10/port/{port}', '--json', '--no-gateway'], { io: f.io })
  t.equal(r.code, 0)
  t.same(f.externalUrls, ['http://198.51.100.10/port/8443'])
  t.equal(JSON.parse(r.out).gateway, null)
  t.equal(f.gatewayOpts.length, 0)
  const dflt = fakeIO()
  await run(['443', '--external'], { io: dflt.io })
  t.same(dflt.externalUrls, ['https://ifconfig.co/port/443'])
  const several = fakeIO()
  await run(['443', '8443', '--external', '--external-url', 'http://198.51.100.10/port/{port}'], { io: several.io })
  t.same(several.externalUrls.sort(), ['http://198.51.100.10/port/443', 'http://198.51.100.10/port/8443'], 'each port its own check')
  const help = await run(['--help'])
  t.match(help.out, /privacy: it learns both/)
  for (const [argv, message] of [
    [['443', '--external-url', 'http://x/port/{port}'], /--external-url needs --external/],
    [['443', '--external', '--external-url', 'ftp://x'], /--external-url: /],
  ] as Array<[string[], RegExp]>) {
    const bad = await run(argv)
    t.equal(bad.code, 2)
    t.match(bad.err, message)
    oneLine(t, bad.err)
  }
})

t.test('--format and --json', async (t) => {
  for (const [argv, message] of [
    [['443', '--format', 'xml'], /Invalid values/],
    [['443', '--json', '--format', 'markdown'], /--json and --format markdown disagree/],
  ] as Array<[string[], RegExp]>) {
    const bad = await run(argv)
    t.equal(bad.code, 2)
    t.match(bad.err, message)
    oneLine(t, bad.err)
  }
  for (const [argv, format] of [
    [['443'], 'human'],
    [['443', '--json'], 'json'],
    [['443', '--json', '--format', 'json'], 'json'],
    [['443', '--json', '--format', 'human'], 'json'],
    [['443', '--format', 'openmetrics'], 'openmetrics'],
    [['443', '--format', 'junit'], 'junit'],
  ] as Array<[string[], string]>) {
    const c = await command(argv)
    t.equal(c.name === 'probe' && c.args.format, format, argv.join(' '))
  }
})

t.test('the probe: defaults, and every option read', async (t) => {
  const dflt = await command(['443'])
  t.equal(dflt.name, 'probe')
  t.match(dflt.args, {
    ports: [443],
    expectations: [{ kind: 'works' }],
    allFixes: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    format: 'human',
    redact: false,
    quiet: false,
    color: true,
    report: null,
    publicIp: null,
    bind: '0.0.0.0',
    tcp: true,
    udp: false,
    peerKey: null,
    host: null,
    target: null,
    ipv6: true,
    gateway: true,
  })
  t.equal(dflt.name === 'probe' && dflt.args.externalFor(443), null, 'no --external: no outside check for any port')
  const token = newToken((n) => Buffer.alloc(n, 3))
  const all = await command(['443', '--redact', '-q', '--no-color', '--report', 'r.json', '--public-ip', '203.0.113.9', '--bind', '192.168.77.10', '--timeout', '2000', '--udp', '--no-tcp', '--peer', token, '--host', 'app.lab', '--no-ipv6', '--no-gateway', '--echo-url', 'http://198.51.100.10/ip'])
  t.match(all.args, {
    redact: true,
    quiet: true,
    color: false,
    report: 'r.json',
    publicIp: '203.0.113.9',
    bind: '192.168.77.10',
    timeoutMs: 2000,
    tcp: false,
    udp: true,
    peerKey: Buffer.alloc(32, 3),
    host: 'app.lab',
    ipv6: false,
    gateway: false,
    echoUrls: ['http://198.51.100.10/ip'],
  })
  t.match((await command(['443', '--target', '192.168.77.10'])).args, { target: '192.168.77.10' })
  const more = await command(['443', '8443', '443', '22', '--expect', 'works', '--expect', 'source=public-ip', '--all-fixes', '--external'])
  t.match(more.args, {
    ports: [443, 8443, 22],
    expectations: [{ kind: 'works' }, { kind: 'source', source: 'public-ip' }],
    allFixes: true,
  }, 'ports de-duplicated in the order given; every --expect, in order')
  t.equal(more.name === 'probe' && more.args.externalFor(8443), 'https://ifconfig.co/port/8443', "each port's own outside check")
  t.match((await command(['443', '--expect', 'fails'])).args, { expectations: [{ kind: 'fails' }] })
})

t.test('the ports come from yargs, which asks for at least one', async (t) => {
  const raw = { _: [], timeout: '5000', format: 'human', bind: '0.0.0.0' }
  const c = commandOf({ raw, text: null, err: null })
  t.same(c.name === 'probe' && c.args.ports, [], 'none read: none tested, and no crash')
  t.match((await command(['443', '443'])).args, { ports: [443] }, 'the same port twice: tested once')
})

t.test('serve and echo-server: defaults, and every option read', async (t) => {
  const serve = await command(['serve', '8443'])
  t.equal(serve.name, 'serve')
  t.match(serve.args, { port: 8443, bind: null, tcp: true, udp: true, json: false, token: /^hc1\./ })
  const token = newToken((n) => Buffer.alloc(n, 4))
  t.same((await command(['serve', '8443', '--token', ` ${token} `, '--bind', '192.168.77.10', '--no-udp', '--json'])).args, {
    port: 8443,
    bind: '192.168.77.10',
    token,
    tcp: true,
    udp: false,
    json: true,
  }, 'the token trimmed')
  t.same((await command(['echo-server'])).args, { port: 8080, bind: '0.0.0.0', trustProxy: [], log: false })
  t.same((await command(['echo-server', '--port', '9000', '--bind', '127.0.0.1', '--trust-proxy', '::ffff:10.0.0.1', '--trust-proxy', '2001:db8::1', '--log'])).args, {
    port: 9000,
    bind: '127.0.0.1',
    trustProxy: ['10.0.0.1', '2001:db8::1'],
    log: true,
  }, 'proxies in one spelling')
})
