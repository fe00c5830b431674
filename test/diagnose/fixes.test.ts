// Unit tests for the fix catalogue: which fixes each cause gets, in order, and how the commands are filled in.

import t from 'tap'
import { fixesFor, type FixContext } from '../../src/diagnose/fixes.js'
import type { Cause, Fix } from '../../src/report/report.js'

const KNOWN: FixContext = {
  lanPrefix: '192.168.1.0/24',
  server: '192.168.1.10',
  port: 8443,
  publicIp: '203.0.113.7',
  gateway: '192.168.1.1',
}
const UNKNOWN: FixContext = { lanPrefix: null, server: null, port: 8443, publicIp: null, gateway: null }

const REFLECTION = [
  'nat-loopback-setting',
  'openwrt-reflection',
  'pfsense-nat-reflection',
  'opnsense-nat-reflection',
  'mikrotik-hairpin-nat',
  'edgerouter-hairpin-nat',
  'nftables-reflection',
  'iptables-reflection',
  'openbsd-pf-reflection',
  'freebsd-pf-reflection',
]
const SNAT_HALF = [
  'nftables-hairpin-masquerade',
  'iptables-hairpin-masquerade',
  'mikrotik-hairpin-srcnat',
  'openbsd-pf-hairpin-nat',
  'freebsd-pf-hairpin-nat',
  'pfsense-outbound-nat-reflection',
  'opnsense-outbound-nat-reflection',
  'openwrt-reflection',
]
const WORKAROUNDS = ['split-horizon-dns', 'ipv6-aaaa-record', 'host-route-public-ip', 'dmz-or-second-address']

// The documented catalogue, cause by cause.
const EXPECTED: Record<Cause, string[]> = {
  'no-reflection': [...REFLECTION, ...WORKAROUNDS],
  'no-snat-or-filtered': [...SNAT_HALF, 'forward-filter-check', ...WORKAROUNDS],
  'router-answered': ['router-service-port', ...REFLECTION, ...WORKAROUNDS],
  unreachable: ['route-firewall-check', ...REFLECTION, ...WORKAROUNDS],
  'hairpin-ok-gateway-source': ['snat-to-public', 'split-horizon-dns'],
  'hairpin-ok-other-source': ['other-source-advisory', 'split-horizon-dns'],
  'hairpin-ok-public-source': [],
  'hairpin-ok-client-source': [],
  'not-behind-nat': [],
  'no-public-ip': [],
  'listen-failed': [],
  'bad-input': [],
  'probe-error': [],
  'dnat-without-snat': [...SNAT_HALF, ...WORKAROUNDS],
  'target-different': ['router-service-port', ...REFLECTION, ...WORKAROUNDS],
  'dns-elsewhere': ['dns-record-update', 'proxy-in-front', 'split-horizon-dns'],
  'dns-unresolved': ['dns-record-create', 'split-horizon-dns'],
  'split-horizon-dns': [],
  'target-same': [],
  'target-unreachable': [],
  interrupted: [],
  'dns-failed': [],
  cgnat: ['isp-public-address', 'ipv6-aaaa-record', 'tunnel-relay', 'split-horizon-dns'],
  'double-nat': ['bridge-mode', 'forward-on-both', 'ipv6-aaaa-record', 'tunnel-relay', 'split-horizon-dns'],
}
const CAUSES = Object.keys(EXPECTED) as Cause[]

/** Every fix any cause can return, by id, for a context. */
function catalogue(ctx: FixContext): Map<string, Fix> {
  return new Map(CAUSES.flatMap((c) => fixesFor(c, ctx)).map((f) => [f.id, f]))
}

const byId = (fixes: Fix[], id: string): Fix => {
  const f = fixes.find((x) => x.id === id)
  if (f === undefined) throw new Error(`no fix ${id}`)
  return f
}

/** The commands of one fix that mention `text`. */
const mentioning = (fix: Fix, text: string): string[] => fix.commands.filter((c) => c.includes(text))

t.test('every cause returns the documented fixes, in order', async (t) => {
  for (const cause of CAUSES) t.same(fixesFor(cause, KNOWN).map((f) => f.id), EXPECTED[cause], cause)
})

t.test('no fix is offered twice for one cause', async (t) => {
  for (const cause of CAUSES) {
    const ids = fixesFor(cause, KNOWN).map((f) => f.id)
    t.equal(new Set(ids).size, ids.length, cause)
  }
})

t.test('every fix has a title, a one-line why and kebab-case id', async (t) => {
  for (const cause of CAUSES) {
    for (const f of fixesFor(cause, KNOWN)) {
      t.match(f.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${cause}: ${f.id} id`)
      t.ok(f.title.trim().length > 0, `${cause}: ${f.id} title`)
      t.ok(f.why.trim().length > 0, `${cause}: ${f.id} why`)
      t.notMatch(f.why, /\n/, `${cause}: ${f.id} why is one line`)
      t.ok(f.commands.length > 0, `${cause}: ${f.id} has commands`)
    }
  }
})

t.test('why is tailored to the cause', async (t) => {
  const why = (cause: Cause): string => byId(fixesFor(cause, KNOWN), 'nftables-reflection').why
  t.match(why('no-reflection'), /Refused/)
  t.not(why('no-reflection'), why('router-answered'))
  t.not(why('router-answered'), why('unreachable'))
  t.match(byId(fixesFor('no-snat-or-filtered', KNOWN), 'openwrt-reflection').why, /Silence/)
  t.match(byId(fixesFor('hairpin-ok-gateway-source', KNOWN), 'snat-to-public').why, /RFC 4787 REQ-9a/)
  t.match(byId(fixesFor('hairpin-ok-other-source', KNOWN), 'other-source-advisory').why, /proxy/)
})

t.test('commands are filled in with this network', async (t) => {
  const fixes = catalogue(KNOWN)
  const fix = (id: string): Fix => fixes.get(id)!

  t.test('nftables: DNAT on the public IP, masquerade LAN to server', async (t) => {
    const f = fix('nftables-reflection')
    t.ok(f.commands.includes('nft add table ip nat'))
    t.ok(f.commands.some((c) => c.includes('add chain ip nat nat_pre') && c.includes('hook prerouting')))
    t.ok(f.commands.some((c) => c.includes('add chain ip nat nat_post') && c.includes('hook postrouting')))
    t.ok(f.commands.includes('nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.1.10'))
    t.ok(f.commands.includes('nft add rule ip nat nat_post ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 8443 ct status dnat masquerade'))
    t.notOk(f.commands.some((c) => /chain \S+ (fwd|post) /.test(c)), 'no reserved chain names')
    const snat = fix('nftables-hairpin-masquerade')
    t.notOk(snat.commands.some((c) => c.includes('nat_pre')), 'the SNAT half alone')
    t.ok(snat.commands.some((c) => c.endsWith('ct status dnat masquerade')))
  })

  t.test('iptables: DNAT matching -d, masquerade in POSTROUTING', async (t) => {
    t.match(mentioning(fix('iptables-reflection'), '-j DNAT'), [/^iptables -t nat -A PREROUTING -d 203\.0\.113\.7 -p tcp --dport 8443 -j DNAT --to-destination 192\.168\.1\.10/])
    const masq = 'iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -d 192.168.1.10 -p tcp --dport 8443 -j MASQUERADE'
    t.ok(fix('iptables-reflection').commands.includes(masq))
    t.same(fix('iptables-hairpin-masquerade').commands, [masq])
  })

  t.test('MikroTik: dst-nat on the public address, srcnat masquerade', async (t) => {
    t.match(fix('mikrotik-hairpin-nat').commands, [
      /^\/ip firewall nat add chain=dstnat dst-address=203\.0\.113\.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192\.168\.1\.10 to-ports=8443/,
      '/ip firewall nat add chain=srcnat src-address=192.168.1.0/24 dst-address=192.168.1.10 protocol=tcp dst-port=8443 action=masquerade',
    ])
    t.same(fix('mikrotik-hairpin-srcnat').commands, [fix('mikrotik-hairpin-nat').commands[1]])
  })

  t.test('pf: OpenBSD rdr-to/nat-to, FreeBSD rdr/nat', async (t) => {
    const obsd = fix('openbsd-pf-reflection').commands
    t.ok(obsd.includes('pass in on $int_if proto tcp from 192.168.1.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.1.10'))
    t.ok(obsd.includes('pass out on $int_if proto tcp to 192.168.1.10 port 8443 received-on $int_if nat-to $int_if'))
    const fbsd = fix('freebsd-pf-reflection').commands
    t.ok(fbsd.includes('rdr on $int_if proto tcp from 192.168.1.0/24 to 203.0.113.7 port 8443 -> 192.168.1.10'))
    t.ok(fbsd.includes('nat on $int_if proto tcp from 192.168.1.0/24 to 192.168.1.10 port 8443 -> ($int_if)'))
    t.notOk(fix('freebsd-pf-hairpin-nat').commands.some((c) => c.startsWith('rdr ')), 'the SNAT half alone')
    t.notOk(fix('openbsd-pf-hairpin-nat').commands.some((c) => c.includes('rdr-to')), 'the SNAT half alone')
    for (const id of ['openbsd-pf-reflection', 'freebsd-pf-reflection']) t.ok(fix(id).commands.includes('pfctl -f /etc/pf.conf'), id)
  })

  t.test('OpenWrt: reflection on the redirect for this server, then reload', async (t) => {
    const c = fix('openwrt-reflection').commands
    t.match(c[0], /dest_ip='192\.168\.1\.10'/)
    t.ok(c.includes("uci set firewall.@redirect[<N>].reflection='1'"))
    t.ok(c.includes("uci set firewall.@redirect[<N>].reflection_src='internal'"))
    t.ok(c.includes('uci commit firewall'))
    t.ok(c.includes('/etc/init.d/firewall reload'))
  })

  t.test('pfSense and OPNsense: the documented settings, with this server', async (t) => {
    const pfs = fix('pfsense-nat-reflection').commands.join('\n')
    t.match(pfs, /Pure NAT/)
    t.match(pfs, /Enable automatic outbound NAT for Reflection/)
    t.match(pfs, /TCP 8443 to 192\.168\.1\.10/)
    const opn = fix('opnsense-nat-reflection').commands.join('\n')
    t.match(opn, /Reflection for port forwards/)
    t.match(opn, /Automatic outbound NAT for Reflection/)
    t.match(opn, /destination 203\.0\.113\.7 port 8443, redirect target 192\.168\.1\.10 port 8443/)
    t.match(opn, /source 192\.168\.1\.0\/24, destination 192\.168\.1\.10 port 8443/)
    t.match(fix('pfsense-outbound-nat-reflection').commands.join('\n'), /source 192\.168\.1\.0\/24, destination 192\.168\.1\.10 port 8443/)
    t.match(fix('opnsense-outbound-nat-reflection').commands.join('\n'), /Automatic outbound NAT for Reflection/)
  })

  t.test('EdgeRouter and consumer routers', async (t) => {
    t.ok(fix('edgerouter-hairpin-nat').commands.includes('set port-forward hairpin-nat enable'))
    t.match(fix('nat-loopback-setting').commands[0], /http:\/\/192\.168\.1\.1\/.*TCP 8443 to 192\.168\.1\.10.*NAT loopback/)
  })

  t.test('the router-side checks', async (t) => {
    t.match(fix('router-service-port').title, /port 8443/)
    t.match(fix('router-service-port').commands.join('\n'), /http:\/\/192\.168\.1\.1\/.*TCP port 8443.*203\.0\.113\.7/s)
    t.ok(fix('route-firewall-check').commands.some((c) => c.startsWith('ip route get 203.0.113.7') && c.includes('192.168.1.1')))
    const filter = fix('forward-filter-check').commands
    t.ok(filter.includes('iptables -I FORWARD -s 192.168.1.0/24 -d 192.168.1.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT'))
    t.ok(filter.some((c) => c.startsWith('nft insert rule inet filter forward ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 8443 ct status dnat accept')))
  })

  t.test('SNAT to the public address', async (t) => {
    const c = fix('snat-to-public').commands
    t.ok(c.includes('nft insert rule ip nat nat_post ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 8443 ct status dnat snat to 203.0.113.7'))
    t.ok(c.includes('iptables -t nat -I POSTROUTING -s 192.168.1.0/24 -d 192.168.1.10 -p tcp --dport 8443 -j SNAT --to-source 203.0.113.7'))
    t.ok(c.some((x) => x.startsWith('/ip firewall nat add chain=srcnat') && x.includes('action=src-nat to-addresses=203.0.113.7')))
    t.ok(c.includes("uci set firewall.@redirect[<N>].reflection_src='external'"))
  })

  t.test('workarounds', async (t) => {
    const dns = fix('split-horizon-dns').commands
    t.ok(dns.includes('address=/<your-hostname>/192.168.1.10'), 'dnsmasq')
    t.ok(dns.includes('local-data: "<your-hostname>. A 192.168.1.10"'), 'Unbound')
    t.ok(dns.some((c) => c.startsWith('local-zone: "<your-hostname>."')), 'Unbound zone')
    t.ok(dns.some((c) => c.startsWith('view "internal"') && c.includes('match-clients { 192.168.1.0/24; localhost; }')), 'BIND')
    const route = fix('host-route-public-ip').commands
    t.ok(route.some((c) => c.startsWith('ip addr add 203.0.113.7/32 dev lo')))
    t.ok(route.some((c) => c.startsWith('ip route add 203.0.113.7/32 via 192.168.1.10')))
    t.ok(route.includes('dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.1.10,0.0.0.0/0,192.168.1.1'))
    t.match(fix('ipv6-aaaa-record').commands.join('\n'), /AAAA <server-IPv6-address>[\s\S]*TCP 8443/)
    t.match(fix('dmz-or-second-address').commands[0], /^Move 192\.168\.1\.10 /)
  })
})

t.test('unknown facts become named placeholders, never null or undefined', async (t) => {
  const fixes = [...catalogue(UNKNOWN).values()]
  t.equal(fixes.length, catalogue(KNOWN).size, 'the same fixes either way')
  const text = fixes.flatMap((f) => [f.title, f.why, ...f.commands]).join('\n')
  t.notMatch(text, /\b(null|undefined|NaN)\b/)
  for (const placeholder of ['<LAN-prefix>', '<server-LAN-address>', '<public-IP>', '<gateway-LAN-address>']) {
    t.match(text, placeholder, placeholder)
  }
  const nft = byId(fixesFor('no-reflection', UNKNOWN), 'nftables-reflection').commands
  t.ok(nft.includes('nft add rule ip nat nat_pre ip daddr <public-IP> tcp dport 8443 dnat to <server-LAN-address>'))
  t.ok(nft.includes('nft add rule ip nat nat_post ip saddr <LAN-prefix> ip daddr <server-LAN-address> tcp dport 8443 ct status dnat masquerade'))
  t.match(byId(fixesFor('router-answered', UNKNOWN), 'router-service-port').commands[0], /http:\/\/<gateway-LAN-address>\//)
})

t.test('malformed facts are not copied into commands', async (t) => {
  const cmds = (ctx: Partial<FixContext>): string =>
    fixesFor('no-reflection', { ...KNOWN, ...ctx })
      .flatMap((f) => f.commands)
      .join('\n')
  t.match(cmds({ lanPrefix: '192.168.1.77/24' }), 'ip saddr 192.168.1.0/24 ', 'host bits cleared')
  t.match(cmds({ lanPrefix: 'lan' }), '<LAN-prefix>', 'not a prefix')
  t.match(cmds({ lanPrefix: '192.168.1.0/33' }), '<LAN-prefix>', 'bad length')
  t.match(cmds({ lanPrefix: '999.1.1.0/24' }), '<LAN-prefix>', 'bad address')
  t.match(cmds({ server: '' }), '<server-LAN-address>')
  t.match(cmds({ publicIp: '::ffff:203.0.113.7' }), '<public-IP>', 'not plain IPv4')
  t.match(cmds({ gateway: 'router.lan' }), '<gateway-LAN-address>')
  for (const port of [0, 65536, 80.5, Number.NaN]) {
    const text = cmds({ port })
    t.match(text, 'tcp dport <port> ', `port ${port}`)
    t.notMatch(text, /\bNaN\b/)
  }
  t.match(cmds({ port: 65535 }), 'tcp dport 65535 ', 'highest port')
  t.match(cmds({ port: 1 }), 'tcp dport 1 ', 'lowest port')
})

t.test('never suggests brctl hairpin', async (t) => {
  for (const ctx of [KNOWN, UNKNOWN]) {
    for (const f of catalogue(ctx).values()) t.notOk(f.commands.some((c) => /brctl/i.test(c)), f.id)
  }
})

t.test('each call returns fresh objects', async (t) => {
  const a = fixesFor('no-reflection', KNOWN)
  a[0]!.commands.push('changed')
  t.notOk(fixesFor('no-reflection', KNOWN)[0]!.commands.includes('changed'))
})

t.test('the protocol, name, IPv6 address and resolved addresses fill in the commands', async (t) => {
  const udp = fixesFor('dnat-without-snat', { ...KNOWN, protocol: 'udp' })
  const all = udp.flatMap((f) => f.commands).join('\n')
  t.match(all, /udp dport 8443 ct status dnat masquerade/)
  t.match(all, /-p udp --dport 8443/)
  t.match(all, /protocol=udp dst-port=8443/)
  t.match(all, /proto udp to 192\.168\.1\.10/)
  t.match(all, /interface LAN, UDP, source/)
  t.notMatch(all, /\btcp\b/, 'no TCP syntax left in a UDP fix')
  const named = fixesFor('no-reflection', { ...KNOWN, name: 'app.example.org', serverV6: '2001:db8::10' })
  const text = named.flatMap((f) => f.commands).join('\n')
  t.match(text, /address=\/app\.example\.org\/192\.168\.1\.10/)
  t.match(text, /DNS: app\.example\.org\. AAAA 2001:db8::10/)
  t.match(text, /allow TCP 8443 in to 2001:db8::10/)
  t.notMatch(text, /<your-hostname>|<server-IPv6-address>/)
  const stale = fixesFor('dns-elsewhere', { ...KNOWN, name: 'app.example.org', nameAddresses: ['198.51.100.77', '2001:db8::99'] })
  t.match(byId(stale, 'dns-record-update').commands[0], /now: 198\.51\.100\.77, 2001:db8::99/)
  t.match(byId(stale, 'dns-record-update').commands[1], /A record of app\.example\.org to 203\.0\.113\.7/)
  t.match(byId(fixesFor('dns-elsewhere', KNOWN), 'dns-record-update').commands[0], /now: <what it resolves to>/)
  const missing = fixesFor('dns-unresolved', { ...KNOWN, name: 'app.example.org' })
  t.match(byId(missing, 'dns-record-create').commands.join('\n'), /dig app\.example\.org @192\.168\.1\.1/)
})

t.test('another NAT in front: the WAN address filled in', async (t) => {
  const cg = fixesFor('cgnat', { ...KNOWN, gatewayWan: '100.64.7.2' })
  t.match(byId(cg, 'isp-public-address').commands[0], /WAN address is 100\.64\.7\.2 .* the internet sees 203\.0\.113\.7/)
  const dn = fixesFor('double-nat', { ...KNOWN, gatewayWan: '192.168.1.2' })
  t.match(byId(dn, 'forward-on-both').commands[0], /forward TCP 8443 to this router's WAN address 192\.168\.1\.2/)
  t.match(byId(dn, 'bridge-mode').commands[0], /gets 203\.0\.113\.7 on its WAN instead of 192\.168\.1\.2/)
  t.match(byId(fixesFor('double-nat', KNOWN), 'bridge-mode').commands[0], /instead of <this router's WAN address>/)
})
