import t from 'tap'
import { externalAddressOf } from '../../src/gateway/wan.js'
import type { GatewayReport } from '../../src/report/report.js'

const gw = (over: Partial<GatewayReport>): GatewayReport => ({ address: '192.168.77.1', natpmp: null, pcp: null, upnp: null, webui: null, vendor: null, ...over })
const natpmp = (resultCode: number, externalIp: string | null) => ({ resultCode, externalIp, epoch: 1, error: null, ms: 1 })

t.test('NAT-PMP first, then UPnP; 0.0.0.0 and failures are none', async (t) => {
  t.equal(externalAddressOf(null), null)
  t.equal(externalAddressOf(gw({})), null)
  t.equal(externalAddressOf(gw({ natpmp: natpmp(0, '100.64.1.2') })), '100.64.1.2')
  t.equal(externalAddressOf(gw({ natpmp: natpmp(0, '0.0.0.0') })), null)
  t.equal(externalAddressOf(gw({ natpmp: natpmp(3, null) })), null)
  const upnp = { found: true, location: null, manufacturer: null, model: null, friendlyName: null, serviceType: null, connectionStatus: null, externalIp: '198.51.100.9', mapping: null, error: null, ms: 1 }
  t.equal(externalAddressOf(gw({ natpmp: natpmp(3, null), upnp })), '198.51.100.9')
  t.equal(externalAddressOf(gw({ upnp: { ...upnp, externalIp: '' } })), null, 'an empty answer is none')
})
