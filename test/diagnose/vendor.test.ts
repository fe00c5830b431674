// The router family the gateway names over UPnP.
import t from 'tap'
import { FIXES } from '../../src/diagnose/catalogue.js'
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
  t.same(vendorOf(named('MikroTik', 'RB5009')), { prefix: 'mikrotik-', name: 'MikroTik RouterOS', via: 'over UPnP' })
  const found = { ...observations(), gateway: { address: '192.168.77.1', natpmp: null, pcp: null, upnp: null, webui: null, vendor: { id: 'openwrt', name: 'OpenWrt', via: 'web UI title', evidence: 'OpenWrt - LuCI' } } }
  t.same(vendorOf(found), { prefix: 'openwrt-', name: 'OpenWrt', via: 'by its web UI title' }, 'as the run recognised it')
  t.same(vendorOf({ ...found, gateway: { ...found.gateway, vendor: { ...found.gateway.vendor, via: 'upnp' } } })?.via, 'over UPnP')
  const cases: Array<[string, string | null, string]> = [
    ['Ubiquiti Networks', 'EdgeRouter X', 'edgerouter-'],
    ['Ubiquiti Inc.', 'UniFi Dream Machine Pro', 'unifi-'],
    ['Fortinet', 'FortiGate-60F', 'fortigate-'],
    ['Sophos', 'XGS 116', 'sophos-'],
    ['AVM Berlin', 'FRITZ!Box 7590', 'fritzbox-'],
    ['VyOS maintainers', null, 'vyos-'],
    ['Cisco Systems', 'ISR4331', 'cisco-'],
    ['Netgate', 'pfSense', 'pfsense-'],
    ['Deciso B.V.', 'OPNsense', 'opnsense-'],
    ['OpenWrt', 'x86/64', 'openwrt-'],
  ]
  for (const [manufacturer, model, prefix] of cases) t.equal(vendorOf(named(manufacturer, model))?.prefix, prefix, `${manufacturer} ${model}`)
})

t.test('every family the table names has fixes with its prefix', async (t) => {
  const ids = Object.keys(FIXES)
  for (const maker of ['MikroTik', 'OpenWrt', 'pfSense', 'OPNsense', 'UniFi', 'EdgeRouter', 'FortiGate', 'Sophos', 'FRITZ!Box', 'VyOS', 'Cisco']) {
    const prefix = vendorOf(named(maker))!.prefix
    t.ok(ids.some((id) => id.startsWith(prefix)), `${maker}: ${prefix}`)
  }
})

t.test('ordered: the vendor first, then a working IPv6 path before all', async (t) => {
  const fixes = [fix('nat-loopback-setting'), fix('mikrotik-hairpin-nat'), fix('ipv6-aaaa-record')]
  t.same(ordered(fixes, named('MikroTik')).map((f) => f.id), ['mikrotik-hairpin-nat', 'nat-loopback-setting', 'ipv6-aaaa-record'])
  t.same(ordered(fixes, observations()).map((f) => f.id), fixes.map((f) => f.id))
  const v6 = { ...named('MikroTik'), ipv6: { outcome: 'ok' } as NonNullable<Observations['ipv6']> }
  t.same(ordered(fixes, v6).map((f) => f.id), ['ipv6-aaaa-record', 'mikrotik-hairpin-nat', 'nat-loopback-setting'])
})
