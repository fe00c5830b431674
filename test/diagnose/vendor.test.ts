// The router family the gateway names over UPnP.
import t from 'tap'
import { ordered, vendorOf } from '../../src/diagnose/vendor.js'
import type { Fix, Observations } from '../../src/report/report.js'
import { observations } from '../support/fixtures.js'

const named = (manufacturer: string | null, model: string | null = null): Observations =>
  observations({
    gateway: {
      address: '192.168.77.1',
      natpmp: null,
      pcp: null,
      upnp: { found: true, location: null, manufacturer, model, friendlyName: null, serviceType: null, connectionStatus: null, externalIp: null, mapping: null, error: null, ms: 1 },
      webui: null,
      vendor: null,
    },
  })
const fix = (id: string): Fix => ({ id, title: id, why: '', commands: [], source: null })

t.test('vendorOf', async (t) => {
  t.equal(vendorOf(observations()), null, 'not asked')
  t.equal(vendorOf(named('Acme')), null, 'unknown')
  t.same(vendorOf(named('MikroTik', 'RB5009')), { prefix: 'mikrotik-', name: 'MikroTik RouterOS' })
})

t.test('ordered: the vendor first, then a working IPv6 path before all', async (t) => {
  const fixes = [fix('nat-loopback-setting'), fix('mikrotik-hairpin-nat'), fix('ipv6-aaaa-record')]
  t.same(ordered(fixes, named('MikroTik')).map((f) => f.id), ['mikrotik-hairpin-nat', 'nat-loopback-setting', 'ipv6-aaaa-record'])
  t.same(ordered(fixes, observations()).map((f) => f.id), fixes.map((f) => f.id))
})
