// The hand-written ruleset fixes: nftables in a table of its own, iptables inserted first, pf, Docker.
import t from 'tap'
import { RULESETS } from '../../../src/diagnose/catalogue/rulesets.js'
import { valuesOf } from '../../../src/diagnose/catalogue/values.js'

const v = valuesOf({ lanPrefix: '192.168.1.0/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1' })
const udp = valuesOf({ lanPrefix: '192.168.1.0/24', server: '192.168.1.10', port: 8443, publicIp: '203.0.113.7', gateway: '192.168.1.1', protocol: 'udp' })
const unknown = valuesOf({ lanPrefix: null, server: null, port: 0, publicIp: null, gateway: null })
type Id = keyof typeof RULESETS
const ids = Object.keys(RULESETS) as Id[]
const nftIds = ids.filter((id) => id.startsWith('nftables-'))
const iptIds = ids.filter((id) => id.startsWith('iptables-'))

t.test('nftables: DNAT from inside and masquerade, in a table and chains of its own', async (t) => {
  t.same(RULESETS['nftables-reflection'](v).commands.slice(0, 5), [
    'nft add table ip hairpin_check',
    "nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'",
    "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
    'nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.1.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.1.10',
    'nft add rule ip hairpin_check hairpin_post ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 8443 ct status dnat masquerade',
  ])
  t.same(RULESETS['nftables-reflection'](unknown).commands[3], 'nft add rule ip hairpin_check hairpin_pre ip saddr <LAN-prefix> ip daddr <public-IP> tcp dport <port> dnat to <server-LAN-address>')
  t.match(RULESETS['nftables-reflection'](udp).commands.join('\n'), /udp dport 8443 dnat to[\s\S]*udp dport 8443 ct status dnat masquerade/)
})

t.test('nftables: the public-source SNAT creates its own table and chain and goes first in it', async (t) => {
  const c = RULESETS['nftables-snat-to-public'](v).commands
  t.ok(c.includes('nft add table ip hairpin_check'))
  t.ok(c.includes("nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'"))
  t.ok(c.includes('nft insert rule ip hairpin_check hairpin_post ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 8443 ct status dnat snat to 203.0.113.7'))
  t.notOk(c.some((x) => x.includes('masquerade')))
})

t.test('every nftables fix stands alone and pastes into a shell', async (t) => {
  for (const id of nftIds) {
    const c = RULESETS[id](v).commands
    t.ok(c.every((x) => x.startsWith('nft ') || x.startsWith('#')), `${id}: nft lines and comments only`)
    t.notOk(c.some((x) => /\b(ip|inet) nat\b/.test(x)), `${id}: never the iptables-nft table ip nat`)
    t.notOk(c.some((x) => /chain \S+ \S+ (fwd|post|pre|forward) /.test(x)), `${id}: no reserved word as a chain name`)
    for (const line of c.filter((x) => /[{};]/.test(x) && !x.startsWith('#'))) t.match(line, /^nft '[^']*'$/, `${id}: braces and semicolons quoted`)
    for (const line of c.filter((x) => / rule ip hairpin_check /.test(x))) {
      const chain = / rule ip hairpin_check (\S+) /.exec(line)![1]
      t.ok(c.includes('nft add table ip hairpin_check'), `${id}: creates its table`)
      t.ok(c.some((x) => x.startsWith(`nft 'add chain ip hairpin_check ${chain} {`)), `${id}: creates ${chain}`)
    }
    for (const line of c.filter((x) => x.includes('hook prerouting'))) t.match(line, /priority dstnat - 1;/, `${id}: before the router's DNAT`)
    for (const line of c.filter((x) => x.includes('hook postrouting'))) t.match(line, /priority srcnat - 1;/, `${id}: before the router's masquerade`)
  }
  const accept = RULESETS['nftables-forward-accept'](v).commands
  t.ok(accept.includes('nft insert rule <family> <table> <forward-chain> ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 8443 ct status dnat accept'), "the router's own forward chain, named by placeholders")
})

t.test('iptables: every rule inserted before the router\'s own', async (t) => {
  const c = RULESETS['iptables-reflection'](v).commands
  t.equal(c[0], 'iptables -t nat -I PREROUTING -s 192.168.1.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.1.10')
  t.equal(c[1], 'iptables -t nat -I POSTROUTING -s 192.168.1.0/24 -d 192.168.1.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE')
  t.match(c[2], /^iptables -I FORWARD -s 192\.168\.1\.0\/24 -d 192\.168\.1\.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT {3}#/)
  t.same(RULESETS['iptables-snat-to-public'](v).commands[0], 'iptables -t nat -I POSTROUTING -s 192.168.1.0/24 -d 192.168.1.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j SNAT --to-source 203.0.113.7')
  t.ok(RULESETS['iptables-forward-accept'](v).commands.some((x) => x.startsWith('iptables -I FORWARD ')))
  for (const id of iptIds) {
    const lines = RULESETS[id](v).commands
    t.ok(lines.every((x) => x.startsWith('iptables ') || x.startsWith('#')), `${id}: iptables lines and comments only`)
    for (const line of lines.filter((x) => / -j /.test(x))) t.match(line, /^iptables (-t nat )?-I /, `${id}: -I, not -A`)
  }
  t.match(RULESETS['iptables-reflection'](udp).commands.join('\n'), /-p udp --dport 8443 -j DNAT/)
})

t.test('pf: OpenBSD rdr-to/nat-to, FreeBSD rdr/nat', async (t) => {
  const obsd = RULESETS['openbsd-pf-reflection'](v).commands
  t.ok(obsd.includes('pass in on $int_if proto tcp from 192.168.1.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.1.10'))
  t.ok(obsd.includes('pass out on $int_if proto tcp to 192.168.1.10 port 8443 received-on $int_if nat-to $int_if'))
  const fbsd = RULESETS['freebsd-pf-reflection'](v).commands
  t.ok(fbsd.includes('rdr on $int_if proto tcp from 192.168.1.0/24 to 203.0.113.7 port 8443 -> 192.168.1.10'))
  t.ok(fbsd.includes('nat on $int_if proto tcp from 192.168.1.0/24 to 192.168.1.10 port 8443 -> ($int_if)'))
  t.notOk(RULESETS['freebsd-pf-hairpin-nat'](v).commands.some((c) => c.startsWith('rdr ')), 'the SNAT half alone')
  t.notOk(RULESETS['openbsd-pf-hairpin-nat'](v).commands.some((c) => c.includes('rdr-to')), 'the SNAT half alone')
  for (const id of ['openbsd-pf-reflection', 'freebsd-pf-reflection'] as const) t.ok(RULESETS[id](v).commands.includes('pfctl -f /etc/pf.conf'), id)
})

t.test('Docker: the published port, and the userland proxy', async (t) => {
  const pub = RULESETS['docker-published-port'](udp)
  t.match(pub.title, /UDP port 8443/)
  t.match(pub.commands.join('\n'), /docker run -d -p 8443:8443\/udp <image>/)
  t.match(pub.commands.join('\n'), /0\.0\.0\.0:8443->8443\/udp/)
  const proxy = RULESETS['docker-userland-proxy'](v).commands
  t.ok(proxy.includes('# in /etc/docker/daemon.json, merged with its other keys: { "userland-proxy": false }'))
  t.ok(proxy.includes('sudo systemctl restart docker'))
  t.match(proxy[0], /203\.0\.113\.7:8443/)
})

t.test('every fix cites https documentation', async (t) => {
  for (const id of ids) t.match(RULESETS[id](v).source, /^https:\/\/\S+$/, id)
})
