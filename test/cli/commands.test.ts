import t, { type Test } from 'tap'
import http, { createServer } from 'node:http'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { processEnv, type CliEnv } from '../../src/cli/commands.js'
import type { RunIO } from '../../src/run/run.js'
import { fakeIO } from '../support/fixtures.js'
import { newToken } from '../../src/net/token.js'

interface Captured {
  code: number
  out: string
  err: string
}

async function run(argv: string[], opts: { io?: RunIO; env?: NodeJS.ProcessEnv; tty?: boolean; stop?: AbortSignal } = {}): Promise<Captured> {
  let out = ''
  let err = ''
  const cli: CliEnv = {
    stdout: { write: (s: string) => (out += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env: opts.env ?? {},
    io: opts.io ?? fakeIO().io,
    started: 0,
    stopSignal: () => opts.stop ?? new AbortController().signal,
  }
  const code = await main(argv, cli)
  return { code, out, err }
}

const oneLine = (t: Test, s: string): void => {
  t.equal(s.split('\n').filter(Boolean).length, 1, `one line: ${s}`)
  t.notMatch(s, /\n\s+at /, 'no stack trace')
}

t.test('--help and --version', async (t) => {
  const help = await run(['--help'])
  t.equal(help.code, 0)
  t.match(help.out, /hairpin-check <port>/)
  t.match(help.out, /--echo-url/)
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
    [['443', '8443'], /Unknown argument: 8443/],
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
})

t.test('--report is written also when the arguments are bad', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-'))
  const file = join(dir, 'report.json')
  const r = await run(['nope', '--report', file])
  t.equal(r.code, 2)
  t.equal(JSON.parse(readFileSync(file, 'utf8')).verdict.cause, 'bad-input')
})

t.test('a working hairpin: exit 0, human output', async (t) => {
  const r = await run(['8443', '--echo-url', 'http://198.51.100.10/ip'])
  t.equal(r.code, 0)
  t.equal(r.err, '')
  t.match(r.out, /^✔ Hairpin NAT works: the server sees the gateway's address\n/)
  t.match(r.out, /Listener saw\s+192\.168\.77\.1 \(the gateway\)/)
  t.notMatch(r.out, /\u001b\[/, 'no colour when stdout is not a terminal')
})

t.test('a failing hairpin: exit 1 and fixes; --quiet; --json', async (t) => {
  const refused = () => fakeIO({ probe: { outcome: 'refused', observedPeer: null, error: 'ECONNREFUSED' } }).io
  const human = await run(['8443'], { io: refused() })
  t.equal(human.code, 1)
  t.match(human.out, /^✘ Hairpin NAT does not work/)
  t.match(human.out, /Fixes, most likely first/)
  const quiet = await run(['8443', '-q'], { io: refused() })
  t.equal(quiet.code, 1)
  t.equal(quiet.out.trimEnd().split('\n').length, 1)
  const json = await run(['8443', '--json'], { io: refused() })
  t.equal(json.code, 1)
  const report = JSON.parse(json.out)
  t.equal(report.verdict.cause, 'no-reflection')
  t.equal(report.tcp.outcome, 'refused')
  t.equal(json.err, '')
})

t.test('colour follows the terminal, NO_COLOR, --no-color and FORCE_COLOR', async (t) => {
  t.match((await run(['8443'], { tty: true })).out, /\u001b\[/)
  t.notMatch((await run(['8443'], { tty: true, env: { NO_COLOR: '1' } })).out, /\u001b\[/)
  t.notMatch((await run(['8443', '--no-color'], { tty: true })).out, /\u001b\[/)
  t.match((await run(['8443'], { env: { FORCE_COLOR: '1' } })).out, /\u001b\[/)
  t.notMatch((await run(['8443'], { env: { FORCE_COLOR: '0' } })).out, /\u001b\[/)
})

t.test('no verdict: exit 2 with one line on stderr', async (t) => {
  const io = fakeIO({ discover: async (urls) => ({ address: null, sources: urls.map((url) => ({ url, address: null, error: 'HTTP 500', ms: 1 })) }) }).io
  const r = await run(['8443'], { io })
  t.equal(r.code, 2)
  t.equal(r.out, '')
  t.match(r.err, /^hairpin-check: could not learn the public IP: none of the 5 echo services/)
  oneLine(t, r.err)
  const listen = fakeIO({ listen: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EACCES' })) }).io
  const l = await run(['443', '--json'], { io: listen })
  t.equal(l.code, 2)
  t.equal(JSON.parse(l.out).verdict.cause, 'listen-failed')
  t.match(l.err, /ports below 1024 need privileges; run with sudo/)
  oneLine(t, l.err)
})

t.test('an unexpected fault: exit 2, one line, report says probe-error', async (t) => {
  const io = fakeIO({ discover: async () => Promise.reject(Object.assign(new Error('kaboom'), { code: 'EWHAT' })) }).io
  const r = await run(['8443', '--json'], { io })
  t.equal(r.code, 2)
  const report = JSON.parse(r.out)
  t.equal(report.verdict.cause, 'probe-error')
  t.equal(report.fault.code, 'EWHAT')
  t.match(r.err, /kaboom/)
  oneLine(t, r.err)
  const bare = fakeIO({ discover: async () => Promise.reject(new Error('plain')) }).io
  t.equal(JSON.parse((await run(['8443', '--json'], { io: bare })).out).fault.code, null)
})

t.test('a report file that cannot be written is an error', async (t) => {
  const r = await run(['8443', '--report', '/nonexistent-dir/x/report.json'])
  t.equal(r.code, 2)
  t.match(r.err, /^hairpin-check: cannot write the report to \/nonexistent-dir\/x\/report\.json \(ENOENT\): check that its folder exists/)
  oneLine(t, r.err)
  // A fault and an unwritable report: still one line, both said.
  const both = await run(['nope', '--report', '/nonexistent-dir/x/report.json'])
  t.equal(both.code, 2)
  t.match(both.err, /port must be an integer.*; and cannot write the report to \/nonexistent-dir/)
  oneLine(t, both.err)
  // The report path is a folder: the rename fails, and no temporary file is left behind.
  const folder = mkdtempSync(join(tmpdir(), 'hc-'))
  const isDir = await run(['8443', '--report', folder])
  t.equal(isDir.code, 2)
  t.match(isDir.err, /\((EISDIR|ENOTDIR|EEXIST|EPERM)\)/)
  t.same(readdirSync(dirname(folder)).filter((f) => f.startsWith(`${basename(folder)}.`)), [], 'no .tmp left next to it')
  const dir = mkdtempSync(join(tmpdir(), 'hc-'))
  const file = join(dir, 'ok.json')
  const ok = await run(['8443', '--report', file])
  t.equal(ok.code, 0)
  t.equal(JSON.parse(readFileSync(file, 'utf8')).verdict.cause, 'hairpin-ok-gateway-source')
})

t.test('the spinner runs only on a terminal', async (t) => {
  let err = ''
  const stderr = { write: (s: string) => ((err += s), true), isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stderr, once: () => stderr, removeListener: () => stderr }
  const code = await main(['8443'], { stdout: { write: () => true }, stderr, env: {}, io: fakeIO().io, started: 0, stopSignal: () => new AbortController().signal })
  t.equal(code, 0)
  t.type(err, 'string')
  const ci = await main(['8443'], { stdout: { write: () => true }, stderr, env: { CI: '1' }, io: fakeIO().io, started: 0, stopSignal: () => new AbortController().signal })
  t.equal(ci, 0)
})

t.test('end to end on loopback with the real I/O', async (t) => {
  // A local echo service on 127.0.0.1 and the listener on 127.0.0.1: no traffic leaves the host.
  const echo = createServer((req, res) => res.end(`${req.socket.remoteAddress?.replace(/^::ffff:/, '')}\n`))
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r))
  t.teardown(() => echo.close())
  const echoPort = (echo.address() as { port: number }).port
  const probe = createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  const port = (probe.address() as { port: number }).port
  await new Promise((r) => probe.close(r))
  const real = processEnv()
  t.equal(real.started, 0, 'the real CLI counts from process start')
  let out = ''
  // Only loopback traffic: no gateway query, no IPv6 echo services.
  const code = await main([String(port), '--bind', '127.0.0.1', '--echo-url', `http://127.0.0.1:${echoPort}/ip`, '--json', '--timeout', '3000', '--no-gateway', '--no-ipv6'], {
    ...real,
    stdout: { write: (s: string) => (out += s) },
    started: performance.now(), // this test process has run for a while: count from now
  })
  const r = { code, out }
  const report = JSON.parse(r.out)
  t.equal(report.publicIp.address, '127.0.0.1')
  t.equal(report.publicIp.onThisHost, true)
  t.equal(report.tcp.outcome, 'ok')
  t.equal(report.tcp.observedPeer, '127.0.0.1')
  t.equal(report.verdict.cause, 'not-behind-nat')
  t.equal(r.code, 0)
  t.match(report.verdict.warnings.join('\n'), /loopback/)
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
  ]
  for (const [argv, message] of cases) {
    const r = await run(argv)
    t.equal(r.code, 2, argv.join(' '))
    t.match(r.err, message)
    oneLine(t, r.err)
  }
})

t.test('new flags reach the run', async (t) => {
  const f = fakeIO({ udp: { outcome: 'ok', observedPeer: '192.168.77.1' } })
  const token = newToken((n) => Buffer.alloc(n, 9))
  const r = await run(['8443', '--udp', '--peer', token, '--host', 'app.lab', '--json', '--no-ipv6'], { io: f.io })
  const report = JSON.parse(r.out)
  t.equal(r.code, 0)
  t.equal(report.mode, 'peer')
  t.equal(report.udp.outcome, 'ok')
  t.equal(report.dns.name, 'app.lab')
  t.same(f.probeOpts[0]?.key, Buffer.alloc(32, 9), 'the token is the key')
  const target = fakeIO()
  const tr = await run(['8443', '--target', '192.168.77.10', '--json'], { io: target.io })
  t.equal(JSON.parse(tr.out).verdict.cause, 'target-same')
  t.same(target.identified.sort(), ['192.168.77.10', '203.0.113.7'])
  const udpOnly = fakeIO()
  await run(['8443', '--udp', '--no-tcp'], { io: udpOnly.io })
  t.equal(udpOnly.probeOpts.length, 0)
  t.equal(udpOnly.udpProbeOpts.length, 1)
})

t.test('serve prints the token, logs probes, stops on the signal', async (t) => {
  const stop = new AbortController()
  const f = fakeIO()
  let sighting: ((s: { nonce: string; peer: string; peerPort: number; local: string }) => void) | undefined
  f.io.listen = async (o) => {
    sighting = o.onSighting
    return { address: o.bind, port: o.port, strangers: 1, sightings: [], expect: () => {}, close: async () => {} }
  }
  const token = newToken((n) => Buffer.alloc(n, 2))
  const running = run(['serve', '8443', '--token', token], { io: f.io, stop: stop.signal })
  await new Promise((r) => setTimeout(r, 20))
  sighting?.({ nonce: 'n', peer: '192.168.77.20', peerPort: 40000, local: '192.168.77.10' })
  stop.abort()
  const r = await running
  t.equal(r.code, 0)
  const lines = r.out.trimEnd().split('\n')
  t.equal(lines[0], token, 'the token alone on the first line')
  t.equal(lines[1], '2026-11-26T12:00:10.000Z tcp probe from 192.168.77.20:40000 to 192.168.77.10')
  t.match(r.err, /serving TCP\+UDP on \[::\]:8443; on another LAN host run: hairpin-check 8443 --peer hc1\.\S+ --udp\n/, 'all addresses: dual-stack first')
  t.match(r.err, /stopped after 1 probe \(3 others left unanswered\)/)

  const json = new AbortController()
  json.abort()
  const j = await run(['serve', '8443', '--json', '--no-udp'], { io: fakeIO().io, stop: json.signal })
  const events = j.out.trimEnd().split('\n').map((l) => JSON.parse(l))
  t.equal(events[0].type, 'listening')
  t.match(events[0].token, /^hc1\./, 'a new token when none was given')
  t.same(events[0].protocols, ['tcp'])
  t.equal(events.at(-1).type, 'stopped')
  const plural = new AbortController()
  plural.abort()
  const p = await run(['serve', '8443', '--no-udp'], { io: fakeIO().io, stop: plural.signal })
  t.match(p.err, /stopped after 0 probes \(2 others left unanswered\)/)
  const bound = new AbortController()
  bound.abort()
  const b = await run(['serve', '8443', '--bind', '192.168.77.10', '--no-udp'], { io: fakeIO().io, stop: bound.signal })
  t.match(b.err, /serving TCP on 192\.168\.77\.10:8443/)
  t.match(p.err, /on another LAN host run: hairpin-check 8443 --peer hc1\.\S+\n/, 'no --udp hint without UDP')
})

t.test('serve: a port that cannot be opened is exit 2 and one line', async (t) => {
  const f = fakeIO({ listen: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EADDRINUSE' })) })
  const r = await run(['serve', '8443'], { io: f.io })
  t.equal(r.code, 2)
  t.match(r.err, /^hairpin-check: cannot listen on 0\.0\.0\.0:8443: something already listens/)
  oneLine(t, r.err)
})

t.test('processEnv takes SIGINT and SIGTERM over only when asked', async (t) => {
  const before = process.listenerCount('SIGINT')
  const env = processEnv()
  t.equal(process.listenerCount('SIGINT'), before, 'the probe keeps the default Ctrl-C')
  const signal = env.stopSignal()
  t.equal(env.stopSignal(), signal, 'one signal per process')
  t.equal(process.listenerCount('SIGINT'), before + 1)
  process.emit('SIGTERM', 'SIGTERM')
  t.ok(signal.aborted)
  t.equal(signal.reason, 'SIGTERM')
  process.removeAllListeners('SIGINT')
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

t.test('echo-server: serves until stopped; bad input and a taken port are exit 2', async (t) => {
  // A free port (the CLI takes 1-65535, not 0 for "any").
  const probe = createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  const free = String((probe.address() as { port: number }).port)
  await new Promise((r) => probe.close(r))
  const stop = new AbortController()
  let err = ''
  let out = ''
  const running = main(['echo-server', '--port', free, '--bind', '127.0.0.1', '--log'], {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    io: fakeIO().io,
    started: 0,
    stopSignal: () => stop.signal,
  })
  for (let i = 0; i < 200 && !/listening on 127\.0\.0\.1:(\d+)/.test(err); i++) await new Promise((r) => setTimeout(r, 10))
  const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(err)![1])
  const body = await new Promise<string>((resolve) => {
    http.get(`http://127.0.0.1:${port}/ip`, (res) => {
      let b = ''
      res.on('data', (d) => (b += d))
      res.on('end', () => resolve(b))
    })
  })
  t.equal(body, '127.0.0.1\n')
  stop.abort()
  t.equal(await running, 0)
  t.match(out, /127\.0\.0\.1 GET \/ip 200/, 'the access log line')

  const busy = createServer()
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r))
  t.teardown(() => busy.close())
  const taken = await run(['echo-server', '--port', String((busy.address() as { port: number }).port), '--bind', '127.0.0.1'])
  t.equal(taken.code, 2)
  t.match(taken.err, /something already listens/)
  oneLine(t, taken.err)
  for (const [argv, message] of [
    [['echo-server', '--port', 'x'], /port must be an integer/],
    [['echo-server', '--trust-proxy', 'proxy.lan'], /--trust-proxy must be an IP address/],
    [['echo-server', '--trust-proxy', 'fe80::1%eth0'], /no zone id/],
  ] as Array<[string[], RegExp]>) {
    const bad = await run(argv)
    t.equal(bad.code, 2)
    t.match(bad.err, message)
  }
  const stopped = new AbortController()
  stopped.abort()
  t.equal((await run(['echo-server', '--port', free, '--bind', '127.0.0.1', '--trust-proxy', '::ffff:10.0.0.1'], { stop: stopped.signal })).code, 0, 'already stopped: starts and closes')
})

t.test('--format markdown, openmetrics, json; --redact masks every format', async (t) => {
  const md = await run(['8443', '--format', 'markdown'])
  t.equal(md.code, 0)
  t.match(md.out, /^# ✔ Hairpin NAT works/)
  t.match(md.out, /```\nTCP to 203\.0\.113\.7:8443\n {2}client .*--SYN--/, 'the path picture, in ASCII')
  t.match(md.out, /<summary>Raw report \(JSON\)<\/summary>/)
  t.match(md.out, new RegExp(`Node: ${process.version.replace(/\./g, '\\.')}`))
  const om = await run(['8443', '--format', 'openmetrics'])
  t.match(om.out, /^# HELP hairpin_check_ok /)
  t.match(om.out, /\nhairpin_check_ok 1\n/)
  t.equal(JSON.parse((await run(['8443', '--format', 'json'])).out).verdict.cause, 'hairpin-ok-gateway-source')
  t.equal(JSON.parse((await run(['8443', '--json', '--format', 'json'])).out).schemaVersion, 1)

  const redacted = await run(['8443', '--json', '--redact'])
  t.notMatch(redacted.out, /203\.0\.113\.7/, 'the public IP appears nowhere')
  const r = JSON.parse(redacted.out)
  t.equal(r.redacted, true)
  t.equal(r.publicIp.address, '<public-ip-1>')
  t.equal(r.client.address, '192.168.77.10', 'LAN addresses are kept')
  for (const format of ['human', 'markdown', 'openmetrics']) {
    t.notMatch((await run(['8443', '--format', format, '--redact'])).out, /203\.0\.113\.7/, `${format}: masked`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'hc-'))
  const file = join(dir, 'r.json')
  await run(['8443', '--redact', '--report', file])
  t.notMatch(readFileSync(file, 'utf8'), /203\.0\.113\.7/, 'the report file too')

  const failing = fakeIO({ probe: { outcome: 'refused', observedPeer: null } }).io
  const omFail = await run(['8443', '--format', 'openmetrics'], { io: failing })
  t.equal(omFail.code, 1)
  t.match(omFail.out, /\nhairpin_check_ok 0\n/)
  const noVerdict = await run(['8443', '--format', 'openmetrics'], { io: fakeIO({ discover: async () => ({ address: null, sources: [] }) }).io })
  t.equal(noVerdict.code, 2)
  t.match(noVerdict.out, /hairpin_check_verdict\{verdict="none"\} 1/, 'no verdict still gives metrics')
  t.match(noVerdict.err, /^hairpin-check: /)

  for (const [argv, message] of [
    [['443', '--format', 'xml'], /Invalid values/],
    [['443', '--json', '--format', 'markdown'], /--json and --format markdown disagree/],
  ] as Array<[string[], RegExp]>) {
    const bad = await run(argv)
    t.equal(bad.code, 2)
    t.match(bad.err, message)
    oneLine(t, bad.err)
  }
  const badMd = await run(['99999', '--format', 'markdown'])
  t.match(badMd.out, /^# \? No verdict: bad arguments/, 'bad input still renders in the format asked')
})

t.test('interrupted by a signal: exit 130 or 143, one line, the partial report written', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-'))
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    const stop = new AbortController()
    const io = fakeIO({
      discover: async () => {
        setTimeout(() => stop.abort(sig), 5)
        return new Promise(() => {})
      },
    }).io
    const file = join(dir, `${sig}.json`)
    const r = await run(['8443', '--report', file], { io, stop: stop.signal })
    t.equal(r.code, code, sig)
    t.equal(r.out, '', 'no human report for a run that was stopped')
    t.match(r.err, new RegExp(`^hairpin-check: interrupted by ${sig} before the verdict`))
    oneLine(t, r.err)
    const report = JSON.parse(readFileSync(file, 'utf8'))
    t.equal(report.verdict.cause, 'interrupted')
    t.equal(report.fault.code, sig)
  }
})
