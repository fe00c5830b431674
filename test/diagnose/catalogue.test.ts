// The catalogue's values: known facts, or named placeholders, never a made-up address.
import t from 'tap'
import { valuesOf } from '../../src/diagnose/catalogue.js'

t.test('valuesOf', async (t) => {
  const v = valuesOf({ lanPrefix: '192.168.1.77/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1', protocol: 'udp' })
  t.equal(v.lan, '192.168.1.0/24', 'the network address, not a host with its length')
  t.equal(v.proto, 'udp')
  t.equal(v.PROTO, 'UDP')
  const u = valuesOf({ lanPrefix: 'nonsense', server: 'x', port: 0, publicIp: null, gateway: null })
  t.same([u.lan, u.server, u.port, u.pub, u.gw, u.name, u.v6, u.wan], ['<LAN-prefix>', '<server-LAN-address>', '<port>', '<public-IP>', '<gateway-LAN-address>', '<your-hostname>', '<server-IPv6-address>', "<this router's WAN address>"])
})
