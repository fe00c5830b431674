// Tests for the gateway query: the four clients side by side, with injected fakes.
import t from 'tap'
import { forPort, queryGateway, type GatewayQueryIO, type GatewayQueryOptions } from '../../src/gateway/index.js'
import type { NatPmpResult, PcpResult, UpnpResult, WebUiPage, WebUiReport } from '../../src/report/report.js'

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

const page = (over: Partial<WebUiPage>): WebUiPage => ({
  url: 'http://192.168.77.1/',
  status: 200,
  server: null,
  title: null,
  location: null,
  realm: null,
  cert: null,
  error: null,
  ms: 5,
  ...over,
})
// A real title (rapid7/recog xml/html_title.xml, ^pfSense - Login$).
const WEBUI: WebUiReport = { pages: [page({ status: 301, location: 'https://192.168.77.1/' }), page({ url: 'https://192.168.77.1/', title: 'pfSense - Login' })] }

/** Fakes that record what they were asked and answer the fixtures above. */
function fakes(upnp: UpnpResult = UPNP, webui: WebUiReport = WEBUI): { io: GatewayQueryIO; calls: Record<string, unknown[]> } {
  const calls: Record<string, unknown[]> = { natpmp: [], pcp: [], upnp: [], webui: [] }
  return {
    calls,
    io: {
      natpmp: async (o) => (calls.natpmp!.push(o), NATPMP),
      pcp: async (o) => (calls.pcp!.push(o), PCP),
      upnp: async (o) => (calls.upnp!.push(o), upnp),
      webui: async (o) => (calls.webui!.push(o), webui),
    },
  }
}

const PFSENSE = { id: 'pfsense', name: 'pfSense', via: 'web UI title', evidence: 'pfSense - Login' }

const opts = (over: Partial<GatewayQueryOptions> = {}): GatewayQueryOptions => ({
  gateway: '192.168.77.1',
  client: '192.168.77.10',
  port: 8443,
  protocol: 'TCP',
  timeoutMs: 2000,
  now,
  ...over,
})

t.test('all four asked, in parallel, with the same budget; the vendor from the web UI', async (t) => {
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
  const r = await queryGateway(opts(), { natpmp: slow(io.natpmp), pcp: slow(io.pcp), upnp: slow(io.upnp), webui: slow(io.webui) })
  t.same(r, { address: '192.168.77.1', natpmp: NATPMP, pcp: PCP, upnp: UPNP, webui: WEBUI, vendor: PFSENSE })
  t.equal(most, 4, 'side by side')
  t.match(calls.natpmp, [{ gateway: '192.168.77.1', timeoutMs: 2000 }])
  t.match(calls.pcp, [{ gateway: '192.168.77.1', client: '192.168.77.10', timeoutMs: 2000 }])
  t.match(calls.upnp, [{ gateway: '192.168.77.1', port: 8443, protocol: 'TCP', timeoutMs: 2000 }])
  t.match(calls.webui, [{ gateway: '192.168.77.1', timeoutMs: 2000 }])
  t.notOk('httpPort' in (calls.webui![0] as object), 'the real ports')
})

t.test('the stop signal reaches every client', async (t) => {
  const { io, calls } = fakes()
  const stop = new AbortController()
  await queryGateway(opts({ signal: stop.signal }), io)
  for (const name of ['natpmp', 'pcp', 'upnp', 'webui']) t.equal((calls[name]![0] as { signal?: AbortSignal }).signal, stop.signal, name)
})

t.test('the vendor from UPnP when the web UI says nothing', async (t) => {
  // miniupnpd on pfSense names itself after the OS (miniupnpd genconfig.sh, "pfSense special case").
  const { io } = fakes({ ...UPNP, manufacturer: 'pfSense', model: 'pfSense router' }, { pages: [page({ error: 'ECONNREFUSED', status: null })] })
  const r = await queryGateway(opts(), io)
  t.same(r.vendor, { id: 'pfsense', name: 'pfSense', via: 'upnp', evidence: 'pfSense' })
})

t.test('no vendor when neither names one', async (t) => {
  const { io } = fakes(UPNP, { pages: [page({ title: 'Login', server: 'nginx' })] })
  t.equal((await queryGateway(opts(), io)).vendor, null)
})

t.test('no gateway: NAT-PMP, PCP and the web UI not asked, UPnP still searches', async (t) => {
  const { io, calls } = fakes()
  const r = await queryGateway(opts({ gateway: null, protocol: 'UDP' }), io)
  t.same(r, { address: null, natpmp: null, pcp: null, upnp: UPNP, webui: null, vendor: null })
  t.same(calls.natpmp, [])
  t.same(calls.pcp, [])
  t.same(calls.webui, [])
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
  t.match(calls.webui, [{ gateway: '192.168.77.1' }])
})

t.test('never rejects: a client that throws becomes an error result', async (t) => {
  const boom = async (): Promise<never> => {
    throw new Error('boom')
  }
  const r = await queryGateway(opts(), { natpmp: boom, pcp: boom, upnp: boom, webui: boom })
  t.match(r.natpmp, { resultCode: null, externalIp: null, epoch: null, error: 'internal error: Error: boom' })
  t.match(r.pcp, { present: null, version: null, resultCode: null, error: 'internal error: Error: boom' })
  t.match(r.upnp, { found: null, location: null, mapping: null, error: 'internal error: Error: boom' })
  t.type(r.upnp?.ms, 'number')
  t.match(r.webui, { pages: [{ url: 'http://192.168.77.1/', status: null, cert: null, error: 'internal error: Error: boom' }] })
  t.type(r.webui?.pages[0]?.ms, 'number')
  t.equal(r.vendor, null)
})

t.test('the real clients by default (no time: nothing is sent anywhere)', async (t) => {
  const r = await queryGateway(opts({ gateway: '127.0.0.1', client: '127.0.0.1', timeoutMs: 0 }))
  t.match(r, { address: '127.0.0.1', natpmp: { error: 'no answer' }, pcp: { present: null, error: 'no answer' }, upnp: { found: null, error: 'timeout' } })
  t.match(r.webui, { pages: [{ url: 'http://127.0.0.1/', error: 'timeout' }, { url: 'https://127.0.0.1/', error: 'timeout' }] })
  t.equal(r.vendor, null)
})

t.test('forPort: the same answers, with the UPnP mapping of another port asked in the same query', async (t) => {
  const report = { address: '192.168.77.1', natpmp: NATPMP, pcp: PCP, upnp: UPNP, webui: null, vendor: null }
  const mapping = { internalClient: '192.168.77.20', internalPort: 80, enabled: true, description: null, leaseDuration: 0 }
  t.same(forPort(report, 80, (_u, port) => (port === 80 ? mapping : undefined)).upnp?.mapping, mapping)
  t.equal(forPort(report, 443, () => undefined), report, 'not asked: the report as it is')
  t.equal(forPort({ ...report, upnp: null }, 80, () => mapping).upnp, null, 'no UPnP: nothing to choose')
  t.equal(forPort(report, 80), report, 'the real lookup: nothing recorded for a result it did not make')
})

t.test('UPnP waits for the hold; the other three do not, and say when they are done', async (t) => {
  const f = fakes()
  let open = (): void => {}
  const hold = new Promise<void>((resolve) => (open = resolve))
  let othersDone = false
  let clock = 0
  const answer = queryGateway(opts({ hold, now: () => clock, onUnheldDone: () => (othersDone = true) }), f.io)
  await new Promise((r) => setImmediate(r))
  t.equal(f.calls.natpmp!.length + f.calls.pcp!.length + f.calls.webui!.length, 3, 'NAT-PMP, PCP and the web UI asked at once')
  t.equal(f.calls.upnp!.length, 0, 'UPnP held')
  t.ok(othersDone, 'the others are done while UPnP is held')
  clock = 300
  open()
  const r = await answer
  t.equal(f.calls.upnp!.length, 1, 'UPnP asked once the hold ends')
  t.equal((f.calls.upnp![0] as { timeoutMs: number }).timeoutMs, 1700, 'within what is left of the deadline')
  t.same(r.upnp, UPNP)
})

t.test('cut during the hold: UPnP is never asked and says it was not waited for', async (t) => {
  const f = fakes()
  const cut = new AbortController()
  const answer = queryGateway(opts({ hold: new Promise(() => {}), signal: cut.signal }), f.io)
  await new Promise((r) => setImmediate(r))
  cut.abort()
  const r = await answer
  t.equal(f.calls.upnp!.length, 0)
  t.match(r.upnp, { found: null, error: 'not waited for' })
  t.same(r.natpmp, NATPMP, 'what had answered is kept')
})
