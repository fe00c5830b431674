// The firewall appliance fixes: pfSense, OPNsense, FortiGate, Sophos, Cisco IOS and ASA.
import t from 'tap'
import { FIREWALLS } from '../../../src/diagnose/catalogue/firewalls.js'
import { valuesOf } from '../../../src/diagnose/catalogue/values.js'

const v = valuesOf({ lanPrefix: '192.168.1.0/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1' })
const udp = valuesOf({ lanPrefix: '192.168.1.0/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1', protocol: 'udp' })
const unknown = valuesOf({ lanPrefix: null, server: null, port: 8443, publicIp: null, gateway: null })
type Id = keyof typeof FIREWALLS
const ids = Object.keys(FIREWALLS) as Id[]
const text = (id: Id, values = v): string => FIREWALLS[id](values).commands.join('\n')

t.test('pfSense: Pure NAT with automatic outbound NAT; NAT + Proxy shows the firewall', async (t) => {
  const c = text('pfsense-nat-reflection')
  t.match(c, /System > Advanced, Firewall & NAT tab/)
  t.match(c, /"NAT Reflection mode for port forwards" = "Pure NAT"/)
  t.match(c, /Enable automatic outbound NAT for Reflection/)
  t.match(c, /TCP 8443 to 192\.168\.1\.10/)
  t.match(c, /NAT \+ Proxy.*TCP only.*firewall's own address/)
  t.match(text('pfsense-outbound-nat-reflection'), /source 192\.168\.1\.0\/24, destination 192\.168\.1\.10 port 8443, translation "Interface Address"/)
})

t.test("OPNsense: today's labels, and the methods kept apart", async (t) => {
  const auto = text('opnsense-nat-reflection')
  t.match(auto, /"Reflection for destination NAT" \(older versions: "Reflection for port forwards"\)/)
  t.match(auto, /"Automatic outbound NAT for Reflection"/)
  t.match(auto, /WAN as its only interface/)
  t.notMatch(auto, /by hand/i, 'the automatic method alone')
  const manual = text('opnsense-manual-reflection')
  t.match(manual, /uncheck "Reflection for destination NAT", "Reflection for 1:1" and "Automatic outbound NAT for Reflection"/)
  t.match(manual, /Firewall > NAT > Destination NAT \(before 26\.1: Port Forward\)/)
  t.match(manual, /destination 203\.0\.113\.7 port 8443, redirect target 192\.168\.1\.10 port 8443/)
  t.match(manual, /Firewall > NAT > Source NAT/)
  t.match(manual, /source 192\.168\.1\.0\/24, destination 192\.168\.1\.10 port 8443, translation "LAN address"/)
  t.notMatch(`${auto}\n${manual}`, /Source NAT \(Outbound\)|Automatic Source NAT/, 'no made-up labels')
  const out = FIREWALLS['opnsense-outbound-nat-reflection'](v).commands
  t.match(out[0], /^With "Reflection for destination NAT" on:/)
  t.match(out[1], /^With the reflection options off/)
})

t.test('FortiGate: a VIP on any interface and a LAN-to-LAN policy with NAT', async (t) => {
  const c = FIREWALLS['fortigate-vip-hairpin'](udp).commands
  for (const line of ['config firewall vip', '    edit "hairpin-check-8443"', '        set extip 203.0.113.7', '        set extintf "any"', '        set protocol udp', '        set mappedip "192.168.1.10"', '        set dstaddr "hairpin-check-8443"', '        set nat enable']) {
    t.ok(c.includes(line), line)
  }
  t.equal(c.filter((x) => x === 'end').length, 2)
  t.notOk(c.some((x) => x.trim().startsWith('#')), 'no comment syntax FortiOS may not take: notes go in comment(s)')
})

t.test('Sophos: the loopback rule of the DNAT rule', async (t) => {
  const c = text('sophos-loopback-rule')
  t.match(c, /Rules and policies > NAT rules/)
  t.match(c, /loopback rule/)
  t.match(c, /Server access assistant \(DNAT\): internal server 192\.168\.1\.10, public IP 203\.0\.113\.7, service TCP 8443/)
  t.match(c, /independent copies/)
})

t.test('Cisco IOS: NVI with ip nat enable, the LAN in wildcard form', async (t) => {
  const c = FIREWALLS['cisco-ios-nvi'](v).commands
  t.ok(c.includes(' ip nat enable'))
  t.ok(c.includes(' permit 192.168.1.0 0.0.0.255'))
  t.ok(c.includes('ip nat source static tcp 192.168.1.10 8443 203.0.113.7 8443'))
  t.ok(c.includes('ip nat source list HAIRPIN-CHECK-LAN interface <WAN-interface> overload'))
  t.ok(FIREWALLS['cisco-ios-nvi'](unknown).commands.includes(' permit <LAN-network> <LAN-wildcard>'))
})

t.test('Cisco ASA: intra-interface traffic and twice NAT', async (t) => {
  const c = FIREWALLS['cisco-asa-hairpin'](udp).commands
  t.ok(c.includes('same-security-traffic permit intra-interface'))
  t.ok(c.includes(' subnet 192.168.1.0 255.255.255.0'))
  t.ok(c.includes(' service udp destination eq 8443'))
  t.ok(c.includes('nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC'))
  t.ok(FIREWALLS['cisco-asa-hairpin'](unknown).commands.includes(' subnet <LAN-network> <LAN-netmask>'))
})

t.test('every fix cites https documentation and fills in its facts', async (t) => {
  for (const id of ids) {
    const f = FIREWALLS[id](v)
    t.match(f.source, /^https:\/\/\S+$/, id)
    t.notMatch(`${f.title}\n${f.commands.join('\n')}`, /<(LAN-prefix|LAN-network|LAN-netmask|LAN-wildcard|server-LAN-address|public-IP|port)>|undefined|null/, id)
  }
})
