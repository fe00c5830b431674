// The values fixes are filled in with: known facts, or named placeholders, never a made-up address.
import t from 'tap'
import { valuesOf } from '../../../src/diagnose/catalogue/values.js'

t.test('known facts, as command text', async (t) => {
  const v = valuesOf({ lanPrefix: '192.168.1.77/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1', protocol: 'udp' })
  t.equal(v.lan, '192.168.1.0/24', 'the network address, not a host with its length')
  t.same([v.lanNet, v.lanMask, v.lanWild], ['192.168.1.0', '255.255.255.0', '0.0.0.255'], 'network, netmask and wildcard for Cisco syntax')
  t.same([v.server, v.port, v.pub, v.gw], ['192.168.1.10', '8443', '203.0.113.7', '192.168.1.1'])
  t.equal(v.proto, 'udp')
  t.equal(v.PROTO, 'UDP')
  const w = valuesOf({ lanPrefix: '10.0.0.0/8', server: null, port: 1, publicIp: null, gateway: null, name: 'app.example.org', serverV6: '2001:db8::10', nameAddresses: ['198.51.100.7'], gatewayWan: '100.64.1.2' })
  t.same([w.lanMask, w.lanWild], ['255.0.0.0', '0.255.255.255'])
  t.same([w.proto, w.PROTO, w.name, w.v6, w.resolved, w.wan], ['tcp', 'TCP', 'app.example.org', '2001:db8::10', '198.51.100.7', '100.64.1.2'])
  const all = valuesOf({ lanPrefix: '192.168.1.5/0', server: null, port: 65535, publicIp: null, gateway: null })
  t.same([all.lan, all.lanNet, all.lanMask, all.lanWild, all.port], ['0.0.0.0/0', '0.0.0.0', '0.0.0.0', '255.255.255.255', '65535'], 'a /0 prefix')
  const host = valuesOf({ lanPrefix: '192.168.1.5/32', server: null, port: 80, publicIp: null, gateway: null })
  t.same([host.lanMask, host.lanWild], ['255.255.255.255', '0.0.0.0'], 'a /32 prefix')
})

t.test('unknown or malformed facts become named placeholders', async (t) => {
  const u = valuesOf({ lanPrefix: 'nonsense', server: 'x', port: 0, publicIp: null, gateway: null })
  t.same(
    [u.lan, u.lanNet, u.lanMask, u.lanWild, u.server, u.port, u.pub, u.gw, u.name, u.v6, u.resolved, u.wan],
    ['<LAN-prefix>', '<LAN-network>', '<LAN-netmask>', '<LAN-wildcard>', '<server-LAN-address>', '<port>', '<public-IP>', '<gateway-LAN-address>', '<your-hostname>', '<server-IPv6-address>', '<what it resolves to>', "<this router's WAN address>"],
  )
  for (const lanPrefix of [null, '192.168.1.0/33', '999.1.1.0/24', '192.168.1.0', '/24']) t.equal(valuesOf({ ...NONE, lanPrefix }).lan, '<LAN-prefix>', String(lanPrefix))
  for (const port of [65536, 80.5, Number.NaN, -1]) t.equal(valuesOf({ ...NONE, port }).port, '<port>', String(port))
  t.equal(valuesOf({ ...NONE, publicIp: '::ffff:203.0.113.7' }).pub, '<public-IP>', 'not plain IPv4')
  t.equal(valuesOf({ ...NONE, nameAddresses: [] }).resolved, '<what it resolves to>')
  t.equal(valuesOf({ ...NONE, gatewayWan: null }).wan, "<this router's WAN address>")
})

const NONE = { lanPrefix: null, server: null, port: 8443, publicIp: null, gateway: null }
