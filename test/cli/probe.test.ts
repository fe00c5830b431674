import t from 'tap'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { newToken } from '../../src/net/token.js'
import { fakeIO } from '../support/fixtures.js'
import { fakeCli, oneLine, runCli as run } from '../support/cli.js'

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

t.test('no verdict: exit 2 with one line on stderr', async (t) => {
  const io = fakeIO({ discover: async (urls) => ({ address: null, sources: urls.map((url) => ({ url, address: null, error: 'HTTP 500', ms: 1, rejected: null })), candidates: [] }) }).io
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

t.test('the spinner runs only on a terminal', async (t) => {
  let err = ''
  const stderr = { write: (s: string) => ((err += s), true), isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stderr, once: () => stderr, removeListener: () => stderr }
  const code = await main(['8443'], fakeCli({ stdout: { write: () => true }, stderr }).cli)
  t.equal(code, 0)
  t.type(err, 'string')
  const ci = await main(['8443'], fakeCli({ stdout: { write: () => true }, stderr, env: { CI: '1' } }).cli)
  t.equal(ci, 0)
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
