// Tests for the gateway query: the three clients side by side, with injected fakes.
import t from 'tap'
import { queryGateway, type GatewayQueryIO, type GatewayQueryOptions } from '../../src/gateway/index.js'
import type { NatPmpResult, PcpResult, UpnpResult } from '../../src/report/report.js'

const now = (): number => performance.now()

const NATPMP: NatPmpResult = { resultCode: 3, externalIp: null, epoch: 10, error: null, ms: 2 }
const PCP: PcpResult = { present: true, version: 2, resultCode: 0, error: null, ms: 3 }
const UPNP: UpnpResult = {
  found: true,
  location: 'http://192.168.77.1:5000/rootDesc.xml',
  manufacturer: 'Debian',
  model: 'MiniUPnPd',
  friendlyName: 'router',
  serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:2',
  connectionStatus: 'Disconnected',
  externalIp: null,
  mapping: null,
  error: null,
  ms: 40,
}

/** Fakes that record what they were asked and answer the fixtures above. */
function fakes(): { io: GatewayQueryIO; calls: Record<string, unknown[]> } {
  const calls: Record<string, unknown[]> = { natpmp: [], pcp: [], upnp: [] }
  return {
    calls,
    io: {
      natpmp: async (o) => (calls.natpmp!.push(o), NATPMP),
      pcp: async (o) => (calls.pcp!.push(o), PCP),
      upnp: async (o) => (calls.upnp!.push(o), UPNP),
    },
  }
}

const opts = (over: Partial<GatewayQueryOptions> = {}): GatewayQueryOptions => ({
  gateway: '192.168.77.1',
  client: '192.168.77.10',
  port: 8443,
  protocol: 'TCP',
  timeoutMs: 2000,
  now,
  ...over,
})

t.test('all three asked, in parallel, with the same budget', async (t) => {
  const { io, calls } = fakes()
  let running = 0
  let most = 0
  const slow =
    <A, T>(f: (o: A) => Promise<T>) =>
    async (o: A): Promise<T> => {
      running++
      most = Math.max(most, running)
      await new Promise((r) => setImmediate(r))
      running--
      return f(o)
    }
  const r = await queryGateway(opts(), { natpmp: slow(io.natpmp), pcp: slow(io.pcp), upnp: slow(io.upnp) })
  t.same(r, { address: '192.168.77.1', natpmp: NATPMP, pcp: PCP, upnp: UPNP, webui: null, vendor: null })
  t.equal(most, 3, 'side by side')
  t.match(calls.natpmp, [{ gateway: '192.168.77.1', timeoutMs: 2000 }])
  t.match(calls.pcp, [{ gateway: '192.168.77.1', client: '192.168.77.10', timeoutMs: 2000 }])
  t.match(calls.upnp, [{ gateway: '192.168.77.1', port: 8443, protocol: 'TCP', timeoutMs: 2000 }])
})

t.test('no gateway: NAT-PMP and PCP not asked, UPnP still searches', async (t) => {
  const { io, calls } = fakes()
  const r = await queryGateway(opts({ gateway: null, protocol: 'UDP' }), io)
  t.same(r, { address: null, natpmp: null, pcp: null, upnp: UPNP, webui: null, vendor: null })
  t.same(calls.natpmp, [])
  t.same(calls.pcp, [])
  t.match(calls.upnp, [{ gateway: null, protocol: 'UDP' }])
})

t.test('no client address: PCP not asked (its header carries it)', async (t) => {
  const { io, calls } = fakes()
  const r = await queryGateway(opts({ client: null }), io)
  t.equal(r.pcp, null)
  t.same(calls.pcp, [])
  t.equal(r.natpmp, NATPMP)
})

t.test('IPv4-mapped addresses are normalised', async (t) => {
  const { io, calls } = fakes()
  const r = await queryGateway(opts({ gateway: '::ffff:192.168.77.1', client: '::FFFF:192.168.77.10' }), io)
  t.equal(r.address, '192.168.77.1')
  t.match(calls.pcp, [{ gateway: '192.168.77.1', client: '192.168.77.10' }])
})

t.test('never rejects: a client that throws becomes an error result', async (t) => {
  const boom = async (): Promise<never> => {
    throw new Error('boom')
  }
  const r = await queryGateway(opts(), { natpmp: boom, pcp: boom, upnp: boom })
  t.match(r.natpmp, { resultCode: null, externalIp: null, epoch: null, error: 'internal error: Error: boom' })
  t.match(r.pcp, { present: null, version: null, resultCode: null, error: 'internal error: Error: boom' })
  t.match(r.upnp, { found: null, location: null, mapping: null, error: 'internal error: Error: boom' })
  t.type(r.upnp?.ms, 'number')
})

t.test('the real clients by default (no time: nothing is sent anywhere)', async (t) => {
  const r = await queryGateway(opts({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 0 }))
  t.match(r, { address: '127.0.0.1', natpmp: { error: 'no answer' }, pcp: { present: null, error: 'no answer' }, upnp: { found: null, error: 'timeout' } })
})
