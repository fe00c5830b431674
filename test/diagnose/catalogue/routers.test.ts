// The router family fixes: the consumer setting, OpenWrt, MikroTik, EdgeRouter, UniFi, VyOS, FRITZ!Box.
import t from 'tap'
import { ROUTERS } from '../../../src/diagnose/catalogue/routers.js'
import { valuesOf } from '../../../src/diagnose/catalogue/values.js'

const v = valuesOf({ lanPrefix: '192.168.1.0/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1', name: 'app.example.org' })
const udp = valuesOf({ lanPrefix: '192.168.1.0/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1', protocol: 'udp' })
const unknown = valuesOf({ lanPrefix: null, server: null, port: 8443, publicIp: null, gateway: null })
type Id = keyof typeof ROUTERS
const ids = Object.keys(ROUTERS) as Id[]
const text = (id: Id, values = v): string => ROUTERS[id](values).commands.join('\n')

t.test('the consumer setting names the forward and the setting', async (t) => {
  t.match(ROUTERS['nat-loopback-setting'](v).commands[0], /http:\/\/192\.168\.1\.1\/.*TCP 8443 to 192\.168\.1\.10.*NAT loopback/)
  t.match(ROUTERS['nat-loopback-setting'](unknown).commands[0], /http:\/\/<gateway-LAN-address>\//)
})

t.test('OpenWrt: reflection is on by default, and needs the clients\' zone', async (t) => {
  const c = ROUTERS['openwrt-reflection'](v).commands
  t.match(c[0], /dest_ip='192\.168\.1\.10'/)
  t.match(c[0], /reflection is on unless set to '0'/)
  t.ok(c.some((x) => x.includes("masq='1'")), 'the wan zone must masquerade')
  t.ok(c.includes("uci set firewall.@redirect[<N>].reflection='1'"))
  t.ok(c.some((x) => x.startsWith("uci add_list firewall.@redirect[<N>].reflection_zone='lan'") && /another zone/.test(x)))
  t.same(c.slice(-2), ['uci commit firewall', '/etc/init.d/firewall reload'])
  const ext = ROUTERS['openwrt-snat-to-public'](v).commands
  t.ok(ext.includes("uci set firewall.@redirect[<N>].reflection_src='external'"))
  t.notOk(ext.some((x) => x.includes('reflection_zone')))
})

t.test('MikroTik: dst-nat on the router\'s own addresses, then srcnat', async (t) => {
  const c = ROUTERS['mikrotik-hairpin-nat'](v).commands
  t.match(c[0], /^# .*dynamic WAN address/)
  t.equal(c[1], '/ip firewall nat add chain=dstnat dst-address-type=local dst-address=!192.168.1.1 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.1.10 to-ports=8443 comment="hairpin-check: forward"')
  t.equal(c[2], '/ip firewall nat add chain=srcnat src-address=192.168.1.0/24 dst-address=192.168.1.10 protocol=tcp dst-port=8443 action=masquerade comment="hairpin-check: hairpin"')
  t.same(ROUTERS['mikrotik-hairpin-srcnat'](v).commands, [c[2]])
  const pub = ROUTERS['mikrotik-snat-to-public'](v).commands
  t.equal(pub[1], '/ip firewall nat print')
  t.match(pub[2], /action=src-nat to-addresses=203\.0\.113\.7 place-before=0$/)
  for (const id of ids.filter((i) => i.startsWith('mikrotik-'))) {
    t.notOk(ROUTERS[id](v).commands.some((x) => x.startsWith('/') && x.includes('#')), `${id}: comments on lines of their own`)
  }
  t.match(ROUTERS['mikrotik-hairpin-nat'](udp).commands.join('\n'), /protocol=udp dst-port=8443/)
})

t.test('EdgeRouter: hairpin-nat for port-forward rules, a LAN-side DNAT and masquerade for service nat', async (t) => {
  const pf = ROUTERS['edgerouter-hairpin-nat']().commands
  t.ok(pf.includes('set port-forward hairpin-nat enable'))
  t.ok(pf.includes('set port-forward lan-interface <LAN-interface>'))
  const nat = ROUTERS['edgerouter-service-nat-hairpin'](v).commands
  for (const line of [
    'set service nat rule 4090 inbound-interface <LAN-interface>',
    'set service nat rule 4090 destination address 203.0.113.7',
    'set service nat rule 4090 inside-address address 192.168.1.10',
    'set service nat rule 5090 type masquerade',
    'set service nat rule 5090 source address 192.168.1.0/24',
    'set service nat rule 5090 destination port 8443',
  ]) t.ok(nat.includes(line), line)
  t.equal(nat[0], 'configure')
  t.equal(nat.at(-1), 'commit ; save')
})

t.test('UniFi: Port Forwarding rather than custom NAT', async (t) => {
  const c = text('unifi-port-forward')
  t.match(c, /Port Forwarding rule/)
  t.match(c, /Destination NAT rule on the LAN network: destination 203\.0\.113\.7 port 8443, TCP, translated to 192\.168\.1\.10 port 8443/)
  t.match(c, /Masquerade NAT rule on that network: source 192\.168\.1\.0\/24/)
})

t.test('VyOS: destination NAT matching the public address, and a masquerade', async (t) => {
  const c = ROUTERS['vyos-hairpin-nat'](udp).commands
  t.ok(c.includes("set nat destination rule 4090 destination address '203.0.113.7'"), 'narrower than the vendor example')
  t.ok(c.includes("set nat destination rule 4090 translation address '192.168.1.10'"))
  t.ok(c.includes("set nat destination rule 4090 protocol 'udp'"))
  t.ok(c.includes("set nat source rule 4090 translation address 'masquerade'"))
  t.ok(c.includes("set nat source rule 4090 source address '192.168.1.0/24'"))
})

t.test('FRITZ!Box: split-horizon through the rebind protection', async (t) => {
  const c = text('fritzbox-dns-rebind')
  t.match(c, /no NAT loopback option/)
  t.match(c, /app\.example\.org to the DNS rebind protection's host name exceptions/)
  t.match(c, /Local DNS server/)
})

t.test('every fix cites https documentation and fills in its facts', async (t) => {
  for (const id of ids) {
    const f = ROUTERS[id](v)
    t.match(f.source, /^https:\/\/\S+$/, id)
    t.notMatch(`${f.title}\n${f.commands.join('\n')}`, /<(LAN-prefix|server-LAN-address|public-IP|gateway-LAN-address|port|your-hostname)>|undefined|null/, id)
  }
})
