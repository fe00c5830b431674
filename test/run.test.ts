import t from 'tap'
import type { NetworkInterfaceInfo } from 'node:os'
import { runProbe, systemIO, type RunOptions } from '../src/run.js'
import { fakeIO as fake } from './fixtures.js'

const opts = (over: Partial<RunOptions> = {}): RunOptions => ({
  port: 8443,
  bind: '0.0.0.0',
  publicIp: null,
  echoUrls: ['http://198.51.100.10/ip', 'http://198.51.100.11/json'],
  deadline: 6000,
  started: 0,
  ...over,
})

t.test('a full run through every step', async (t) => {
  const f = fake()
  const r = await runProbe(opts(), f.io)
  t.equal(r.schemaVersion, 1)
  t.equal(r.tool.name, 'hairpin-check')
  t.equal(r.port, 8443)
  t.equal(r.publicIp.address, '203.0.113.7')
  t.equal(r.publicIp.via, 'echo')
  t.equal(r.publicIp.sources.length, 2)
  t.equal(r.publicIp.onThisHost, false)
  t.same(r.client, { address: '192.168.77.10', gateway: '192.168.77.1', lanPrefix: '192.168.77.0/24', interface: 'eth0' })
  t.same(r.listener, { bind: '0.0.0.0' })
  t.same(r.tcp, { outcome: 'ok', observedPeer: '192.168.77.1', peerKind: 'gateway', serverAddress: '192.168.77.10', ms: 3, strangers: 2, error: null, answer: null })
  t.equal(r.fault, null)
  t.equal(r.verdict.cause, 'hairpin-ok-gateway-source')
  t.equal(r.verdict.hairpin, true)
  t.ok(r.durationMs > 1000, 'counted from process start')
  t.equal(r.startedAt, new Date(Date.parse('2026-11-26T12:00:10.000Z') - (1005 + 0)).toISOString())
  t.equal(f.closed, 2, 'closed right after the probe, and again (harmlessly) at the end')
  t.equal(f.listenOpts[0]?.key.length, 32, 'a per-run key')
  const p = f.probeOpts[0]!
  t.equal(p.host, '203.0.113.7')
  t.equal(p.port, 8443)
  t.equal(p.nonce, 'ab'.repeat(16))
  t.ok(p.timeoutMs > 0 && p.timeoutMs < 6000, 'the rest of the budget')
  t.same(f.log, ['Listening on 0.0.0.0:8443', 'Asking 2 echo services for the public IP', 'Connecting to 203.0.113.7:8443 from inside'])
})

t.test('echo services get at most half the time left', async (t) => {
  let given = 0
  const f = fake({
    discover: async (urls, deadline) => {
      given = deadline
      return { address: '203.0.113.7', sources: [] }
    },
  })
  await runProbe(opts({ deadline: 3000 }), f.io)
  t.ok(given > 0 && given <= 1500, `echo deadline ${given}`)
  const late = fake({ discover: async (_u, d) => ((given = d), { address: null, sources: [] }) })
  await runProbe(opts({ deadline: 0 }), late.io)
  t.equal(given, 1, 'never zero or negative')
})

t.test('--public-ip skips discovery', async (t) => {
  let asked = false
  const f = fake({ discover: async () => ((asked = true), { address: null, sources: [] }) })
  const r = await runProbe(opts({ publicIp: '203.0.113.7' }), f.io)
  t.notOk(asked)
  t.equal(r.publicIp.via, 'flag')
  t.same(r.publicIp.sources, [])
  t.equal(r.verdict.hairpin, true)
})

t.test('no public IP: no probe, listener closed', async (t) => {
  const f = fake({ discover: async (urls) => ({ address: null, sources: urls.map((url) => ({ url, address: null, error: 'HTTP 500', ms: 1 })) }) })
  const r = await runProbe(opts(), f.io)
  t.equal(r.tcp, null)
  t.equal(r.publicIp.onThisHost, null)
  t.equal(r.verdict.cause, 'no-public-ip')
  t.equal(r.fault?.kind, 'no-public-ip')
  t.match(r.fault?.message, /^could not learn the public IP: none of the 2 echo services .*198\.51\.100\.10: HTTP 500/)
  t.equal(f.probeOpts.length, 0)
  t.equal(f.closed, 1)
})

t.test('listen failure: fault, no echo traffic', async (t) => {
  let asked = false
  const f = fake({
    listen: async () => {
      throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' })
    },
    discover: async () => ((asked = true), { address: null, sources: [] }),
  })
  const r = await runProbe(opts(), f.io)
  t.notOk(asked, 'the echo services are not asked for nothing')
  t.equal(r.listener, null)
  t.equal(r.fault?.kind, 'listen-failed')
  t.equal(r.fault?.code, 'EADDRINUSE')
  t.match(r.fault?.message, /already listens on port 8443/)
  t.equal(r.verdict.cause, 'listen-failed')
  const bare = fake({ listen: async () => Promise.reject(new Error('weird')) })
  const r2 = await runProbe(opts(), bare.io)
  t.equal(r2.fault?.code, null)
  t.match(r2.fault?.message, /weird/)
})

t.test('a probe error becomes a fault', async (t) => {
  const f = fake({ probe: { outcome: 'error', observedPeer: null, error: 'EADDRNOTAVAIL' } })
  const r = await runProbe(opts(), f.io)
  t.equal(r.fault?.kind, 'probe-error')
  t.equal(r.fault?.code, 'EADDRNOTAVAIL')
  t.equal(r.verdict.cause, 'probe-error')
})

t.test('unknown source address and interface', async (t) => {
  const f = fake({ source: null })
  const r = await runProbe(opts(), f.io)
  t.same(r.client, { address: null, gateway: '192.168.77.1', lanPrefix: null, interface: null })
  const g = fake({ interfaces: {} })
  const r2 = await runProbe(opts(), g.io)
  t.equal(r2.client.interface, null)
})

t.test('the public IP on this host: not behind NAT', async (t) => {
  const ifaces = { eth0: [{ address: '203.0.113.7', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '203.0.113.7/24' }] } as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>
  const f = fake({ interfaces: ifaces, source: '203.0.113.7', probe: { observedPeer: '203.0.113.7' } })
  const r = await runProbe(opts(), f.io)
  t.equal(r.publicIp.onThisHost, true)
  t.equal(r.verdict.cause, 'not-behind-nat')
})

t.test('an exception mid-run still closes the listener', async (t) => {
  const f = fake({ discover: async () => Promise.reject(new Error('boom')) })
  await t.rejects(runProbe(opts(), f.io), /boom/)
  t.equal(f.closed, 1)
})

t.test('systemIO wires the real pieces', async (t) => {
  const io = systemIO()
  t.type(io.now(), 'number')
  t.type(io.date(), Date)
  t.equal(io.randomBytes(4).length, 4)
  t.ok(Array.isArray(await io.defaultRoutes()))
  t.equal(await io.sourceAddressFor('127.0.0.1'), '127.0.0.1')
  t.ok(io.interfaces()['lo'] !== undefined || Object.keys(io.interfaces()).length > 0)
  // The echo path loads the HTTP client lazily; a refused local port answers fast.
  const r = await io.discoverPublicIp(['http://127.0.0.1:1/ip'], 2000)
  t.equal(r.address, null)
  t.match(r.sources[0]?.error, /refused/)
})
