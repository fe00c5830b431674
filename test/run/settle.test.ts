// The settling checks alone: the gateway vouching for the public IP, and identifying what answered instead of our listener.
import t from 'tap'
import { confirmByGateway, identifyAnswer, recordAnswer, somethingElseAnswered } from '../../src/run/settle.js'
import { startRun } from '../../src/run/state.js'
import type { GatewayReport } from '../../src/report/report.js'
import { fakeIO, runOptions, tcpReport } from '../support/fixtures.js'

const gw = (over: Partial<GatewayReport> = {}): GatewayReport => ({ address: '192.168.77.1', natpmp: null, pcp: null, upnp: null, webui: null, vendor: null, ...over })

t.test('confirmByGateway: only an unconfirmed address the gateway reports too', async (t) => {
  const s = startRun(runOptions(), fakeIO().io)
  s.obs.publicIp = { ...s.obs.publicIp, address: '203.0.113.7', confirmedBy: null }
  confirmByGateway(s, gw())
  t.equal(s.obs.publicIp.confirmedBy, null, 'the gateway says nothing')
  confirmByGateway(s, gw({ natpmp: { resultCode: 0, externalIp: '203.0.113.7', epoch: 1, error: null, ms: 1 } }))
  t.equal(s.obs.publicIp.confirmedBy, 'gateway')
  const flagged = startRun(runOptions({ publicIp: '203.0.113.9' }), fakeIO().io)
  confirmByGateway(flagged, gw({ natpmp: { resultCode: 0, externalIp: '203.0.113.9', epoch: 1, error: null, ms: 1 } }))
  t.equal(flagged.obs.publicIp.confirmedBy, 'flag', 'already vouched for')
})

t.test('identifyAnswer: only when something else answered, at the public IP and the gateway', async (t) => {
  const f = fakeIO()
  const s = startRun(runOptions(), f.io)
  s.obs.publicIp.address = '203.0.113.7'
  s.obs.client = { ...s.obs.client, address: '192.168.77.10', gateway: '192.168.77.1' }
  t.equal(identifyAnswer(s), null, 'nothing probed yet')
  s.obs.tcp = tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: 'HTTP/1.1 400' })
  t.ok(somethingElseAnswered(s))
  const [pub, gateway] = (await identifyAnswer(s))!
  t.same(f.identified.sort(), ['192.168.77.1', '203.0.113.7'])
  t.equal(pub.kind, 'http')
  t.not(gateway, null)
  s.obs.client.gateway = null
  t.equal((await identifyAnswer(s))![1], null, 'no gateway known: only the public IP')
  s.obs.mode = 'target'
  t.notOk(somethingElseAnswered(s), 'target mode compares services itself')
})

t.test('recordAnswer: the forward target when UPnP names another host, and the fingerprint', async (t) => {
  const f = fakeIO()
  const s = startRun(runOptions(), f.io)
  s.obs.client = { ...s.obs.client, address: '192.168.77.10', gateway: '192.168.77.1' }
  const id = { outcome: 'ok' as const, kind: 'http' as const, banner: null, tls: null, http: { status: 200, server: 'app', title: null }, error: null, ms: 1 }
  const mapping = (internalClient: string) => ({ internalClient, internalPort: 8443, enabled: true, description: null, leaseDuration: 0 })
  const upnp = { found: true, location: null, manufacturer: null, model: null, friendlyName: null, serviceType: null, connectionStatus: null, externalIp: null, error: null, ms: 1 }
  s.obs.gateway = gw({ upnp: { ...upnp, mapping: mapping('192.168.77.20') } })
  await recordAnswer(s, [id, null], () => ({ id: 'openwrt', name: 'OpenWrt', via: 'web UI title', evidence: 'x' }))
  t.equal(s.obs.answeredBy?.forwardTarget?.address, '192.168.77.20')
  t.same(f.identified, ['192.168.77.20'])
  t.equal(s.obs.answeredBy?.router?.id, 'openwrt')
  t.equal(s.obs.answeredBy?.gateway, null)
  for (const here of ['192.168.77.10', '192.168.77.1']) {
    s.obs.gateway = gw({ upnp: { ...upnp, mapping: mapping(here) } })
    await recordAnswer(s, [id, id], () => null)
    t.equal(s.obs.answeredBy?.forwardTarget, null, `${here}: the forward points here or at the gateway itself`)
    t.match(s.obs.answeredBy?.gateway?.description, /HTTP 200/)
  }
})
