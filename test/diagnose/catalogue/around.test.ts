// The fixes around the NAT: checks, the address the server sees, workarounds, names and another NAT in front.
import t from 'tap'
import { AROUND } from '../../../src/diagnose/catalogue/around.js'
import { valuesOf } from '../../../src/diagnose/catalogue/values.js'

const CTX = { lanPrefix: '192.168.1.0/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1', name: 'app.example.org', serverV6: '2001:db8::10', nameAddresses: ['198.51.100.77', '2001:db8::99'], gatewayWan: '100.64.7.2' }
const v = valuesOf(CTX)
const unknown = valuesOf({ lanPrefix: null, server: null, port: 8443, publicIp: null, gateway: null })
type Id = keyof typeof AROUND
const ids = Object.keys(AROUND) as Id[]
const text = (id: Id, values = v): string => AROUND[id](values).commands.join('\n')

t.test('the router-side checks', async (t) => {
  t.match(AROUND['router-service-port'](v).title, /port 8443/)
  t.match(text('router-service-port'), /http:\/\/192\.168\.1\.1\/.*TCP port 8443.*203\.0\.113\.7/s)
  t.ok(AROUND['route-firewall-check'](v).commands.some((c) => c.startsWith('ip route get 203.0.113.7') && c.includes('192.168.1.1')))
  t.match(text('forward-filter-check'), /Allow TCP from 192\.168\.1\.0\/24 to 192\.168\.1\.10 port 8443/)
})

t.test('the third-address advice says what each mode shows, without prescribing one', async (t) => {
  const c = text('other-source-advisory')
  t.match(c, /"NAT \+ Proxy" \(TCP only\): the firewall's own address/)
  t.match(c, /"Pure NAT" with "Enable automatic outbound NAT for Reflection": the firewall's address too/)
  t.match(c, /Split-horizon DNS: the client's own address/)
  t.notMatch(c, /switch to|use "Pure NAT"/i)
})

t.test('split-horizon DNS: one fix per DNS server or router, in their current places', async (t) => {
  t.same(AROUND['split-horizon-dns'](v).commands, [
    "echo 'address=/app.example.org/192.168.1.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server",
    'dnsmasq --test && systemctl restart dnsmasq',
  ])
  t.match(AROUND['split-horizon-dns'](unknown).commands[0], 'address=/<your-hostname>/<server-LAN-address>')
  const pihole = AROUND['pihole-local-dns'](v).commands
  t.ok(pihole.includes(`pihole-FTL --config dns.hosts '[ "192.168.1.10 app.example.org" ]'`), 'Pi-hole v6: dns.hosts')
  t.match(pihole[0], /replaces the whole list/, 'warned: the array is replaced')
  t.match(pihole.join('\n'), /Settings > Local DNS Records/)
  const unbound = AROUND['unbound-local-data'](v).commands
  t.ok(unbound.includes('local-data: "app.example.org. A 192.168.1.10"'), 'Unbound')
  t.ok(unbound.includes('local-zone: "app.example.org." typetransparent'), 'Unbound zone')
  t.ok(AROUND['bind-internal-view'](v).commands.some((c) => c.startsWith('view "internal"') && c.includes('match-clients { 192.168.1.0/24; localhost; }')), 'BIND')
  t.match(AROUND['opnsense-unbound-override'](v).commands[0], /^Services > Unbound DNS > Overrides, Host overrides, \+: Host app, Domain example\.org, Type A, IP address 192\.168\.1\.10/)
  t.match(AROUND['pfsense-host-override'](v).commands[0], /^Services > DNS Resolver, Host Overrides, Add: Host app, Domain example\.org, IP Address 192\.168\.1\.10/)
  t.match(AROUND['opnsense-unbound-override'](unknown).commands[0], /Host <host>, Domain <domain>/, 'no name: both placeholders')
  for (const name of ['localhost', 'example.org']) {
    t.match(AROUND['pfsense-host-override'](valuesOf({ ...CTX, name })).commands[0], /Host <host>, Domain <domain>/, `${name}: no host in a domain, placeholders`)
  }
  t.same(AROUND['openwrt-dns-hostname'](v).commands, [
    'uci add dhcp domain',
    "uci set dhcp.@domain[-1].name='app.example.org'",
    "uci set dhcp.@domain[-1].ip='192.168.1.10'",
    'uci commit dhcp',
    '/etc/init.d/dnsmasq restart',
  ])
})

t.test('the other workarounds', async (t) => {
  const route = AROUND['host-route-public-ip'](v).commands
  t.ok(route.some((c) => c.startsWith('ip addr add 203.0.113.7/32 dev lo')))
  t.ok(route.some((c) => c.startsWith('ip route add 203.0.113.7/32 via 192.168.1.10')))
  t.ok(route.includes("# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.1.10,0.0.0.0/0,192.168.1.1"), 'DHCP, another system: a comment')
  t.match(text('ipv6-aaaa-record'), /DNS: app\.example\.org\. AAAA 2001:db8::10[\s\S]*allow TCP 8443 in to 2001:db8::10/)
  t.match(text('ipv6-aaaa-record', unknown), /AAAA <server-IPv6-address>/)
  t.match(AROUND['dmz-or-second-address'](v).commands[0], /^Move 192\.168\.1\.10 /)
  t.match(text('tunnel-relay'), /WireGuard tunnel from 192\.168\.1\.10 .* to 192\.168\.1\.10:8443/)
})

t.test('names and another NAT in front', async (t) => {
  t.match(AROUND['dns-record-update'](v).commands[0], /now: 198\.51\.100\.77, 2001:db8::99/)
  t.match(AROUND['dns-record-update'](v).commands[1], /A record of app\.example\.org to 203\.0\.113\.7/)
  t.match(AROUND['dns-record-update'](unknown).commands[0], /now: <what it resolves to>/)
  t.match(text('dns-record-create'), /dig app\.example\.org @192\.168\.1\.1/)
  t.match(text('proxy-in-front'), /forwards to 203\.0\.113\.7:8443/)
  t.match(AROUND['isp-public-address'](v).commands[0], /WAN address is 100\.64\.7\.2 .* the internet sees 203\.0\.113\.7/)
  t.match(AROUND['bridge-mode'](v).commands[0], /gets 203\.0\.113\.7 on its WAN instead of 100\.64\.7\.2/)
  t.match(AROUND['bridge-mode'](unknown).commands[0], /instead of <this router's WAN address>/)
  t.match(AROUND['forward-on-both'](v).commands[0], /forward TCP 8443 to this router's WAN address 100\.64\.7\.2/)
})

t.test('every fix cites https documentation', async (t) => {
  for (const id of ids) t.match(AROUND[id](v).source, /^https:\/\/\S+$/, id)
})
