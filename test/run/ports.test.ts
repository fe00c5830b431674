// Several ports at once: one echo lookup and one gateway query serve them all; each port listens and probes.
import t from 'tap'
import { runProbes, sharedIO } from '../../src/run/ports.js'
import { fakeIO, runOptions } from '../support/fixtures.js'

const { port: _, external: __, ...base } = runOptions()

t.test('each port gets its own run; the lookups are shared', async (t) => {
  const f = fakeIO()
  let asked = 0
  const io = { ...f.io, discoverPublicIp: (...a: Parameters<typeof f.io.discoverPublicIp>) => (asked++, f.io.discoverPublicIp(...a)) }
  const obs = await runProbes({ ...base, ipv6: false, ports: [80, 443], externalFor: (p) => `http://198.51.100.10/port/${p}` }, io)
  t.same(obs.map((o) => o.port), [80, 443], 'in the order given')
  t.equal(asked, 1, 'one echo lookup')
  t.equal(f.gatewayOpts.length, 1, 'one gateway query')
  t.same(f.listenOpts.map((o) => o.port).sort(), [443, 80].sort(), 'a listener per port')
  t.same(f.externalUrls.sort(), ['http://198.51.100.10/port/443', 'http://198.51.100.10/port/80'])
})

t.test('one port: the I/O as it is', async (t) => {
  const f = fakeIO()
  const [obs] = await runProbes({ ...base, ports: [8443], externalFor: () => null }, f.io)
  t.equal(obs?.port, 8443)
  t.equal(obs?.external, null)
})

t.test('sharedIO: the same answer for the same family and URLs, asked once', async (t) => {
  const f = fakeIO()
  let calls = 0
  const io = sharedIO({ ...f.io, discoverPublicIp: async (urls, d, family) => (calls++, f.io.discoverPublicIp(urls, d, family)) })
  const [a, b, c] = await Promise.all([io.discoverPublicIp(['u'], 1, 4), io.discoverPublicIp(['u'], 1, 4), io.discoverPublicIp(['u'], 1, 6)])
  t.equal(a, b)
  t.not(a, c)
  t.equal(calls, 2, 'once per family')
})

t.test('sharedIO: the one gateway query is cut only when every port stops waiting; UPnP goes on when one is in doubt', async (t) => {
  const f = fakeIO()
  const io = sharedIO(f.io, [80, 443])
  const cut80 = new AbortController()
  const cut443 = new AbortController()
  let open80 = (): void => {}
  const heard: number[] = []
  const base = { gateway: '192.168.77.1', client: '192.168.77.10', protocol: 'TCP' as const, timeoutMs: 2000, now: () => 0 }
  const a = io.queryGateway({ ...base, port: 80, signal: cut80.signal, hold: new Promise((r) => (open80 = r)), onUnheldDone: () => heard.push(80) })
  const b = io.queryGateway({ ...base, port: 443, signal: cut443.signal, hold: new Promise(() => {}), onUnheldDone: () => heard.push(443) })
  await Promise.all([a, b])
  const shared = f.gatewayOpts[0]!
  t.equal(f.gatewayOpts.length, 1)
  cut80.abort()
  t.notOk(shared.signal?.aborted, 'port 443 still waits')
  cut443.abort()
  t.ok(shared.signal?.aborted, 'both stopped waiting: cut')
  let opened = false
  void shared.hold?.then(() => (opened = true))
  await new Promise((r) => setImmediate(r))
  t.notOk(opened, 'held while both are')
  open80()
  await new Promise((r) => setImmediate(r))
  t.ok(opened, 'one port in doubt opens it for all')
  shared.onUnheldDone?.()
  t.same(heard.sort(), [443, 80], 'every port hears that only UPnP is left')
})

t.test('sharedIO: a port without a signal keeps the query whole; one without a hold opens it; a late port still hears', async (t) => {
  const f = fakeIO()
  const io = sharedIO(f.io, [80, 443])
  const base = { gateway: '192.168.77.1', client: '192.168.77.10', protocol: 'TCP' as const, timeoutMs: 2000, now: () => 0 }
  const cut = new AbortController()
  await io.queryGateway({ ...base, port: 80, signal: cut.signal, hold: new Promise(() => {}) })
  const shared = f.gatewayOpts[0]!
  shared.onUnheldDone?.()
  let heard = false
  await io.queryGateway({ ...base, port: 443, onUnheldDone: () => (heard = true) })
  t.ok(heard, 'joined after the others were done: told at once')
  cut.abort()
  t.notOk(shared.signal?.aborted, 'port 443 has no signal: it never stops waiting')
  let opened = false
  void shared.hold?.then(() => (opened = true))
  await new Promise((r) => setImmediate(r))
  t.ok(opened, 'port 443 has no hold: UPnP at once')
})
