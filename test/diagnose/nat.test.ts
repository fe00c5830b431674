// Another NAT in front: the gateway's WAN address and what it says.
import t from 'tap'
import { gatewayWan, natInFront } from '../../src/diagnose/nat.js'
import type { Observations } from '../../src/report/report.js'
import { observations } from '../support/fixtures.js'

const natpmp = (resultCode: number, externalIp: string | null) => ({ resultCode, externalIp, epoch: 1, error: null, ms: 2 })
const gw = (over: Partial<NonNullable<Observations['gateway']>>): Observations => observations({ gateway: { address: '192.168.77.1', natpmp: null, pcp: null, upnp: null, webui: null, vendor: null, ...over } })

t.test('gatewayWan: NAT-PMP first, then UPnP, never 0.0.0.0', async (t) => {
  t.equal(gatewayWan(observations()), null, 'not asked')
  t.equal(gatewayWan(gw({ natpmp: natpmp(0, '100.64.1.2') })), '100.64.1.2')
  t.equal(gatewayWan(gw({ natpmp: natpmp(0, '0.0.0.0') })), null)
  t.equal(gatewayWan(gw({ natpmp: natpmp(3, null) })), null)
})

t.test('natInFront', async (t) => {
  t.equal(natInFront(observations()), null)
  t.equal(natInFront(gw({ natpmp: natpmp(0, '100.64.1.2') })), 'cgnat')
  t.equal(natInFront(gw({ natpmp: natpmp(0, '10.0.0.2') })), 'double-nat')
  // Another public address than the echo services saw may be another path (a VPN): see otherPath.
  t.equal(natInFront(gw({ natpmp: natpmp(0, '198.51.100.9') })), null, 'another public address than the echo answer: not a NAT in front')
  const flagged = (address: string | null): Observations['publicIp'] => ({ address, via: 'flag', sources: [], onThisHost: false, candidates: [], confirmedBy: address === null ? null : 'flag' })
  t.equal(natInFront({ ...gw({ natpmp: natpmp(0, '198.51.100.9') }), publicIp: flagged('203.0.113.7') }), 'double-nat', 'another public address than the --public-ip given')
  t.equal(natInFront({ ...gw({ natpmp: natpmp(0, '203.0.113.7') }), publicIp: flagged('203.0.113.7') }), null, 'the --public-ip given itself')
  t.equal(natInFront(gw({ natpmp: natpmp(0, '203.0.113.7') })), null, 'the public IP itself')
  t.equal(natInFront({ ...gw({ natpmp: natpmp(0, '198.51.100.9') }), publicIp: flagged(null) }), null, 'nothing to compare with')
  t.equal(natInFront({ ...gw({ natpmp: natpmp(0, '198.51.100.9') }), publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null } }), null, 'nothing to compare with, from echo')
  t.equal(natInFront(gw({ natpmp: natpmp(3, null) })), 'double-nat', 'network failure: no usable WAN address')
})
