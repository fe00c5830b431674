import t from 'tap'
import { startListener } from '../../src/net/listener.js'
import { probeTcp } from '../../src/net/probe.js'
import { ALL_ADDRESSES, serve, SERVE_RATE_LIMIT, type ServeEvent, type ServeIO } from '../../src/servers/serve.js'
import { probeUdp, startUdpListener } from '../../src/net/udp.js'

const key = Buffer.alloc(32, 3)
const now = (): number => performance.now()
const realIO: ServeIO = { listen: startListener, listenUdp: startUdpListener, date: () => new Date('2026-11-26T12:00:00.000Z') }

t.test('proves probes from any host over TCP and UDP until stopped', async (t) => {
  // A free port for both protocols: what TCP got, asked again of both.
  const probe = await startListener({ bind: '127.0.0.1', port: 0, key })
  const port = probe.port
  await probe.close()

  const events: ServeEvent[] = []
  const stop = new AbortController()
  let ready!: () => void
  const listening = new Promise<void>((r) => (ready = r))
  const done = serve(
    { port, bind: '127.0.0.1', key, protocols: { tcp: true, udp: true }, signal: stop.signal, onEvent: (e) => (events.push(e), e.type === 'listening' && ready()) },
    realIO,
  )
  await listening
  t.same(events[0], { type: 'listening', bind: '127.0.0.1', port, protocols: ['tcp', 'udp'] })

  // The client on "another host" knows only the key: its nonces were never announced.
  const tcp = await probeTcp({ host: '127.0.0.1', port, key, nonce: '1'.repeat(32), timeoutMs: 2000, now })
  t.equal(tcp.outcome, 'ok')
  const udp = await probeUdp({ host: '127.0.0.1', port, key, nonce: '2'.repeat(32), timeoutMs: 2000, now, prime: null })
  t.equal(udp.outcome, 'ok')
  const wrongKey = await probeTcp({ host: '127.0.0.1', port, key: Buffer.alloc(32, 4), nonce: '3'.repeat(32), timeoutMs: 2000, now })
  t.equal(wrongKey.outcome, 'wrong-service', 'a proof under another key does not count')

  stop.abort()
  t.same(await done, { probes: 3, strangers: 0 })
  const probes = events.filter((e) => e.type === 'probe')
  t.same(
    probes.map((e) => e.type === 'probe' && [e.protocol, e.peer, e.local, e.at]),
    [
      ['tcp', '127.0.0.1', '127.0.0.1', '2026-11-26T12:00:00.000Z'],
      ['udp', '127.0.0.1', '127.0.0.1', '2026-11-26T12:00:00.000Z'],
      ['tcp', '127.0.0.1', '127.0.0.1', '2026-11-26T12:00:00.000Z'],
    ],
  )
  t.same(events.at(-1), { type: 'stopped', probes: 3, strangers: 0 })
})

t.test('rate-limited per source, and UDP only', async (t) => {
  const opts: Array<{ accept?: string; rateLimit?: unknown }> = []
  const io: ServeIO = {
    listen: async () => t.fail('no TCP asked') as never,
    listenUdp: async (o) => {
      opts.push(o)
      return { address: o.bind, port: 4444, strangers: 7, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {} }
    },
    date: () => new Date(0),
  }
  const stop = new AbortController()
  stop.abort() // already stopped: serve opens, reports and closes at once
  const events: ServeEvent[] = []
  t.same(await serve({ port: 0, bind: '0.0.0.0', key, protocols: { tcp: false, udp: true }, signal: stop.signal, onEvent: (e) => events.push(e) }, io), { probes: 0, strangers: 7 })
  t.same(opts[0]?.accept, 'any')
  t.same(opts[0]?.rateLimit, SERVE_RATE_LIMIT)
  t.same(events[0], { type: 'listening', bind: '0.0.0.0', port: 4444, protocols: ['udp'] })
})

t.test('a port that cannot be opened leaves nothing open', async (t) => {
  let closed = 0
  const io: ServeIO = {
    listen: async (o) => ({ address: o.bind, port: o.port, strangers: 0, strangerPeers: [], sightings: [], expect: () => {}, close: async () => void closed++ }),
    listenUdp: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EADDRINUSE' })),
    date: () => new Date(0),
  }
  await t.rejects(
    serve({ port: 1, bind: '0.0.0.0', key, protocols: { tcp: true, udp: true }, signal: new AbortController().signal, onEvent: () => {} }, io),
    { code: 'EADDRINUSE' },
  )
  t.equal(closed, 1, 'the TCP listener was closed again')
  const tcpFails: ServeIO = { ...io, listen: async () => Promise.reject(Object.assign(new Error('y'), { code: 'EACCES' })) }
  await t.rejects(serve({ port: 1, bind: '0.0.0.0', key, protocols: { tcp: true, udp: false }, signal: new AbortController().signal, onEvent: () => {} }, tcpFails), { code: 'EACCES' })
})

t.test('TCP only', async (t) => {
  const io: ServeIO = {
    listen: async (o) => ({ address: o.bind, port: 5555, strangers: 2, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {} }),
    listenUdp: async () => t.fail('no UDP asked') as never,
    date: () => new Date(0),
  }
  const stop = new AbortController()
  const events: ServeEvent[] = []
  const done = serve({ port: 5555, bind: '0.0.0.0', key, protocols: { tcp: true, udp: false }, signal: stop.signal, onEvent: (e) => events.push(e) }, io)
  setTimeout(() => stop.abort(), 10)
  t.same(await done, { probes: 0, strangers: 2 })
  t.same(events[0], { type: 'listening', bind: '0.0.0.0', port: 5555, protocols: ['tcp'] })
  const udpFails: ServeIO = { ...io, listenUdp: async () => Promise.reject(Object.assign(new Error('z'), { code: 'EADDRINUSE' })) }
  await t.rejects(serve({ port: 1, bind: '0.0.0.0', key, protocols: { tcp: false, udp: true }, signal: stop.signal, onEvent: () => {} }, udpFails), { code: 'EADDRINUSE' })
})

t.test('all addresses: dual-stack first, IPv4 where this host has no IPv6', async (t) => {
  const tried: string[] = []
  const io = (failOn: Record<string, string>): ServeIO => ({
    listen: async (o) => {
      tried.push(o.bind)
      if (failOn[o.bind]) throw Object.assign(new Error('x'), { code: failOn[o.bind] })
      return { address: o.bind, port: o.port, strangers: 0, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {} }
    },
    listenUdp: async (o) => ({ address: o.bind, port: o.port, strangers: 0, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {} }),
    date: () => new Date(0),
  })
  const stopped = new AbortController()
  stopped.abort()
  const events: ServeEvent[] = []
  const base = { port: 7000, bind: null, key, protocols: { tcp: true, udp: true }, signal: stopped.signal, onEvent: (e: ServeEvent) => events.push(e) }
  await serve(base, io({}))
  t.same(tried, ['::'])
  t.equal(events[0]?.type === 'listening' && events[0].bind, '::')
  tried.length = 0
  events.length = 0
  await serve(base, io({ '::': 'EAFNOSUPPORT' }))
  t.same(tried, ['::', '0.0.0.0'])
  t.equal(events[0]?.type === 'listening' && events[0].bind, '0.0.0.0')
  await t.rejects(serve(base, io({ '::': 'EADDRINUSE' })), { code: 'EADDRINUSE' }, 'a taken port is the answer, not a reason to try IPv4')
  await t.rejects(serve(base, io({ '::': 'EADDRNOTAVAIL', '0.0.0.0': 'EACCES' })), { code: 'EACCES' })
  t.same(ALL_ADDRESSES, ['::', '0.0.0.0'])
})
