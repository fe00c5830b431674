// Unit tests for the fixes of each cause: which fixes, in order, their documentation, and how the commands are filled in.

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

// The consumer setting first, then router families, then hand-written rulesets.
const REFLECTION = [
  'nat-loopback-setting',
  'openwrt-reflection',
  'pfsense-nat-reflection',
  'opnsense-nat-reflection',
  'opnsense-manual-reflection',
  'mikrotik-hairpin-nat',
  'edgerouter-hairpin-nat',
  'edgerouter-service-nat-hairpin',
  'unifi-port-forward',
  'fortigate-vip-hairpin',
  'sophos-loopback-rule',
  'vyos-hairpin-nat',
  'cisco-ios-nvi',
  'cisco-asa-hairpin',
  'nftables-reflection',
  'iptables-reflection',
  'openbsd-pf-reflection',
  'freebsd-pf-reflection',
]
const SNAT_HALF = [
  'nat-loopback-setting',
  'openwrt-reflection',
  'pfsense-outbound-nat-reflection',
  'opnsense-outbound-nat-reflection',
  'mikrotik-hairpin-srcnat',
  'edgerouter-service-nat-hairpin',
  'unifi-port-forward',
  'fortigate-vip-hairpin',
  'sophos-loopback-rule',
  'vyos-hairpin-nat',
  'cisco-asa-hairpin',
  'nftables-reflection',
  'iptables-reflection',
  'openbsd-pf-hairpin-nat',
  'freebsd-pf-hairpin-nat',
]
const SPLIT_DNS = ['split-horizon-dns', 'pihole-local-dns', 'unbound-local-data', 'bind-internal-view', 'opnsense-unbound-override', 'pfsense-host-override', 'openwrt-dns-hostname']
const WORKAROUNDS = [...SPLIT_DNS, 'fritzbox-dns-rebind', 'ipv6-aaaa-record', 'host-route-public-ip', 'dmz-or-second-address']
const SNAT_TO_PUBLIC = ['openwrt-snat-to-public', 'mikrotik-snat-to-public', 'nftables-snat-to-public', 'iptables-snat-to-public']

// The documented catalogue, cause by cause.
const EXPECTED: Record<Cause, string[]> = {
  'no-reflection': [...REFLECTION, 'docker-published-port', ...WORKAROUNDS],
  'no-snat-or-filtered': [...SNAT_HALF, 'forward-filter-check', 'nftables-forward-accept', 'iptables-forward-accept', ...WORKAROUNDS],
  'router-answered': ['router-service-port', ...REFLECTION, ...WORKAROUNDS],
  unreachable: ['route-firewall-check', 'nftables-forward-accept', 'iptables-forward-accept', ...REFLECTION, ...WORKAROUNDS],
  'hairpin-ok-gateway-source': [...SNAT_TO_PUBLIC, 'docker-userland-proxy', ...SPLIT_DNS],
  'hairpin-ok-other-source': ['other-source-advisory', ...SPLIT_DNS],
  'hairpin-ok-public-source': [],
  'hairpin-ok-client-source': [],
  'not-behind-nat': [],
  'no-public-ip': [],
  'listen-failed': [],
  'bad-input': [],
  'probe-error': [],
  'dnat-without-snat': [...SNAT_HALF, ...WORKAROUNDS],
  'target-different': ['router-service-port', ...REFLECTION, ...WORKAROUNDS],
  'dns-elsewhere': ['dns-record-update', 'proxy-in-front', ...SPLIT_DNS],
  'dns-unresolved': ['dns-record-create', ...SPLIT_DNS],
  'split-horizon-dns': [],
  'target-same': [],
  'target-unreachable': [],
  interrupted: [],
  'dns-failed': [],
  cgnat: ['isp-public-address', 'ipv6-aaaa-record', 'tunnel-relay', ...SPLIT_DNS],
  'double-nat': ['bridge-mode', 'forward-on-both', 'ipv6-aaaa-record', 'tunnel-relay', ...SPLIT_DNS],
  'hairpin-ok-other-host': [],
  'other-service-answered': [],
  'host-firewall': ['host-firewall-open'],
  'other-path': [],
  'public-ip-uncertain': [],
}
const CAUSES = Object.keys(EXPECTED) as Cause[]
/** The causes the lab repairs with the report's first nftables fix, then its first iptables fix (reflection). */
const REPAIRED: Cause[] = ['no-reflection', 'no-snat-or-filtered', 'router-answered', 'dnat-without-snat']

const byId = (fixes: Fix[], id: string): Fix => {
  const f = fixes.find((x) => x.id === id)
  if (f === undefined) throw new Error(`no fix ${id}`)
  return f
}

t.test('every cause returns the documented fixes, in order', async (t) => {
  for (const cause of CAUSES) t.same(fixesFor(cause, KNOWN).map((f) => f.id), EXPECTED[cause], cause)
})

t.test('no fix is offered twice for one cause', async (t) => {
  for (const cause of CAUSES) {
    const ids = fixesFor(cause, KNOWN).map((f) => f.id)
    t.equal(new Set(ids).size, ids.length, cause)
  }
})

t.test('every fix has a title, a one-line why, kebab-case id and its documentation', async (t) => {
  for (const cause of CAUSES) {
    for (const f of fixesFor(cause, KNOWN)) {
      t.match(f.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${cause}: ${f.id} id`)
      t.ok(f.title.trim().length > 0, `${cause}: ${f.id} title`)
      t.ok(f.why.trim().length > 0, `${cause}: ${f.id} why`)
      t.notMatch(f.why, /\n/, `${cause}: ${f.id} why is one line`)
      t.ok(f.commands.length > 0, `${cause}: ${f.id} has commands`)
      t.match(f.source, /^https:\/\/\S+$/, `${cause}: ${f.id} cites its documentation`)
    }
  }
})

t.test('why is tailored to the cause', async (t) => {
  const why = (cause: Cause): string => byId(fixesFor(cause, KNOWN), 'nftables-reflection').why
  t.match(why('no-reflection'), /Refused/)
  t.not(why('no-reflection'), why('router-answered'))
  t.not(why('router-answered'), why('unreachable'))
  t.match(why('no-snat-or-filtered'), /Silence/)
  t.match(byId(fixesFor('no-snat-or-filtered', KNOWN), 'openwrt-reflection').why, /Silence/)
  t.match(byId(fixesFor('no-snat-or-filtered', KNOWN), 'iptables-forward-accept').why, /firewall dropped/)
  t.match(byId(fixesFor('no-reflection', KNOWN), 'docker-published-port').why, /Docker/)
  t.match(byId(fixesFor('hairpin-ok-gateway-source', KNOWN), 'nftables-snat-to-public').why, /RFC 4787 REQ-9a/)
  t.match(byId(fixesFor('hairpin-ok-gateway-source', KNOWN), 'docker-userland-proxy').why, /docker-proxy/)
  t.match(byId(fixesFor('hairpin-ok-other-source', KNOWN), 'other-source-advisory').why, /proxy/)
})

t.test('the first nftables and the first iptables fix of a failing cause each repair the hairpin alone', async (t) => {
  for (const cause of REPAIRED) {
    for (const protocol of ['tcp', 'udp'] as const) {
      const fixes = fixesFor(cause, { ...KNOWN, protocol })
      const nft = fixes.find((f) => f.id.startsWith('nftables-'))!.commands
      t.same(nft.filter((c) => !c.startsWith('#')), [
        'nft add table ip hairpin_check',
        "nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'",
        "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
        `nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.1.0/24 ip daddr 203.0.113.7 ${protocol} dport 8443 dnat to 192.168.1.10`,
        `nft add rule ip hairpin_check hairpin_post ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 ${protocol} dport 8443 ct status dnat masquerade`,
      ], `${cause} ${protocol}: nftables`)
      const ipt = fixes.find((f) => f.id.startsWith('iptables-'))!.commands
      t.same(ipt.filter((c) => !c.startsWith('#')).map((c) => c.replace(/ {3}#.*$/, '')), [
        `iptables -t nat -I PREROUTING -s 192.168.1.0/24 -d 203.0.113.7 -p ${protocol} --dport 8443 -j DNAT --to-destination 192.168.1.10`,
        `iptables -t nat -I POSTROUTING -s 192.168.1.0/24 -d 192.168.1.10 -p ${protocol} --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE`,
        `iptables -I FORWARD -s 192.168.1.0/24 -d 192.168.1.10 -p ${protocol} --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT`,
      ], `${cause} ${protocol}: iptables`)
    }
  }
})

t.test("unreachable: the first nftables and iptables fixes accept in the router's forward chain, inserted", async (t) => {
  const fixes = fixesFor('unreachable', KNOWN)
  t.equal(fixes.find((f) => f.id.startsWith('nftables-'))?.id, 'nftables-forward-accept')
  t.equal(fixes.find((f) => f.id.startsWith('iptables-'))?.id, 'iptables-forward-accept')
  t.match(byId(fixes, 'nftables-forward-accept').why, /reject rule in the router's forward chain/)
  t.ok(byId(fixes, 'nftables-forward-accept').commands.includes('nft insert rule <family> <table> <forward-chain> ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 8443 ct status dnat accept'))
})

t.test('keeping the public source: a fix per system, the nftables one in its own table and chain', async (t) => {
  const fixes = fixesFor('hairpin-ok-gateway-source', KNOWN)
  const nft = byId(fixes, 'nftables-snat-to-public').commands
  t.ok(nft.includes('nft add table ip hairpin_check'))
  t.ok(nft.some((c) => c.includes('add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }')))
  t.ok(nft.includes('nft insert rule ip hairpin_check hairpin_post ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 8443 ct status dnat snat to 203.0.113.7'))
  t.ok(byId(fixes, 'iptables-snat-to-public').commands.includes('iptables -t nat -I POSTROUTING -s 192.168.1.0/24 -d 192.168.1.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j SNAT --to-source 203.0.113.7'))
  t.ok(byId(fixes, 'mikrotik-snat-to-public').commands.some((c) => c.startsWith('/ip firewall nat add chain=srcnat') && c.includes('action=src-nat to-addresses=203.0.113.7')))
  t.ok(byId(fixes, 'openwrt-snat-to-public').commands.includes("uci set firewall.@redirect[<N>].reflection_src='external'"))
})

t.test('unknown facts become named placeholders, never null or undefined', async (t) => {
  const fixes = CAUSES.flatMap((c) => fixesFor(c, UNKNOWN))
  t.equal(fixes.length, CAUSES.flatMap((c) => fixesFor(c, KNOWN)).length, 'the same fixes either way')
  const text = fixes.flatMap((f) => [f.title, f.why, f.source, ...f.commands]).join('\n')
  t.notMatch(text, /\b(null|undefined|NaN)\b/)
  for (const placeholder of ['<LAN-prefix>', '<server-LAN-address>', '<public-IP>', '<gateway-LAN-address>']) t.match(text, placeholder, placeholder)
  const nft = byId(fixesFor('no-reflection', UNKNOWN), 'nftables-reflection').commands
  t.ok(nft.includes('nft add rule ip hairpin_check hairpin_pre ip saddr <LAN-prefix> ip daddr <public-IP> tcp dport 8443 dnat to <server-LAN-address>'))
  t.ok(nft.includes('nft add rule ip hairpin_check hairpin_post ip saddr <LAN-prefix> ip daddr <server-LAN-address> tcp dport 8443 ct status dnat masquerade'))
  t.match(byId(fixesFor('router-answered', UNKNOWN), 'router-service-port').commands[0], /http:\/\/<gateway-LAN-address>\//)
})

t.test('malformed facts are not copied into commands', async (t) => {
  const cmds = (ctx: Partial<FixContext>): string =>
    fixesFor('no-reflection', { ...KNOWN, ...ctx })
      .flatMap((f) => f.commands)
      .join('\n')
  t.match(cmds({ lanPrefix: '192.168.1.77/24' }), 'ip saddr 192.168.1.0/24 ', 'host bits cleared')
  t.match(cmds({ lanPrefix: 'lan' }), '<LAN-prefix>', 'not a prefix')
  t.match(cmds({ server: '' }), '<server-LAN-address>')
  t.match(cmds({ publicIp: '::ffff:203.0.113.7' }), '<public-IP>', 'not plain IPv4')
  t.match(cmds({ gateway: 'router.lan' }), '<gateway-LAN-address>')
  for (const port of [0, 65536, 80.5, Number.NaN]) {
    const text = cmds({ port })
    t.match(text, 'tcp dport <port> ', `port ${port}`)
    t.notMatch(text, /\bNaN\b/)
  }
})

t.test('each call returns fresh objects', async (t) => {
  const a = fixesFor('no-reflection', KNOWN)
  a[0]!.commands.push('changed')
  t.notOk(fixesFor('no-reflection', KNOWN)[0]!.commands.includes('changed'))
})

t.test('the protocol, name and IPv6 address fill in the commands', async (t) => {
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
  t.notMatch(text, /<your-hostname>|<server-IPv6-address>/)
})
