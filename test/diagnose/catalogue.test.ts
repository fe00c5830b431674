// The catalogue as a whole: one id per fix across its parts, documentation cited, facts filled in, one system per fix, families by prefix.
import t from 'tap'
import { each, FIXES, FORWARD_FILTER, REFLECTION, SNAT_HALF, SNAT_TO_PUBLIC, VENDOR_NAMES, WORKAROUNDS, valuesOf, type FixId } from '../../src/diagnose/catalogue.js'
import { AROUND } from '../../src/diagnose/catalogue/around.js'
import { HOST } from '../../src/diagnose/catalogue/host.js'
import { FIREWALLS } from '../../src/diagnose/catalogue/firewalls.js'
import { ROUTERS } from '../../src/diagnose/catalogue/routers.js'
import { RULESETS } from '../../src/diagnose/catalogue/rulesets.js'

const KNOWN = valuesOf({
  lanPrefix: '192.168.1.0/24',
  server: '192.168.1.10',
  port: 8443,
  publicIp: '203.0.113.7',
  gateway: '192.168.1.1',
  name: 'app.example.org',
  serverV6: '2001:db8::10',
  nameAddresses: ['198.51.100.77'],
  gatewayWan: '100.64.7.2',
})
const UNKNOWN = valuesOf({ lanPrefix: null, server: null, port: 0, publicIp: null, gateway: null })
const ids = Object.keys(FIXES) as FixId[]

/** Placeholders for facts the tool never knows: the router's interfaces, a rule's index, a table it does not see. */
const UNKNOWABLE = new Set(['<N>', '<LAN-interface>', '<WAN-interface>', '<family>', '<table>', '<forward-chain>', '<chain>', '<handle>', '<image>', '<your-zone>'])

t.test('one id per fix across the parts', async (t) => {
  const parts = [ROUTERS, FIREWALLS, RULESETS, AROUND, HOST].map((p) => Object.keys(p))
  t.equal(ids.length, parts.flat().length, 'no id defined twice')
  for (const id of ids) t.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${id} is kebab-case`)
})

t.test('every fix: a title, https documentation, commands with no unfilled value', async (t) => {
  for (const id of ids) {
    for (const v of [KNOWN, UNKNOWN]) {
      const f = FIXES[id](v)
      t.ok(f.title.trim().length > 0 && !f.title.includes('\n'), `${id}: title`)
      t.match(f.source, /^https:\/\/[^\s/]+\.[^\s/]+\/\S*$/, `${id}: source`)
      t.ok(f.commands.length > 0, `${id}: commands`)
      t.notMatch([f.title, ...f.commands].join('\n'), /undefined|null|NaN|\[object/, `${id}: nothing unfilled`)
    }
  }
})

t.test('placeholders only for facts that are unknown', async (t) => {
  for (const id of ids) {
    const f = FIXES[id](KNOWN)
    const left = [f.title, ...f.commands].join('\n').match(/<[A-Za-z][^<>]*>/g) ?? []
    t.same(left.filter((p) => !UNKNOWABLE.has(p)), [], `${id}: every known fact filled in`)
  }
  const unknown = ids.flatMap((id) => FIXES[id](UNKNOWN).commands).join('\n')
  for (const p of ['<LAN-prefix>', '<server-LAN-address>', '<public-IP>', '<gateway-LAN-address>', '<port>', '<LAN-wildcard>', '<LAN-netmask>']) t.match(unknown, p, p)
})

t.test('one system per fix: nftables fixes only nft, iptables fixes only iptables', async (t) => {
  for (const id of ids.filter((i) => i.startsWith('nftables-'))) {
    t.ok(FIXES[id](KNOWN).commands.every((c) => c.startsWith('nft ') || c.startsWith('#')), id)
    t.notOk(FIXES[id](KNOWN).commands.some((c) => / ip nat /.test(c)), `${id}: not the table iptables-nft owns`)
  }
  for (const id of ids.filter((i) => i.startsWith('iptables-'))) t.ok(FIXES[id](KNOWN).commands.every((c) => c.startsWith('iptables ') || c.startsWith('#')), id)
  for (const id of ids.filter((i) => !i.startsWith('nftables-') && !i.startsWith('iptables-') && !i.startsWith('docker-') && i !== 'route-firewall-check')) {
    t.notOk(FIXES[id](KNOWN).commands.some((c) => /^(nft|iptables) /.test(c)), `${id}: no netfilter lines`)
  }
})

t.test('never suggests brctl hairpin', async (t) => {
  for (const id of ids) t.notOk(FIXES[id](KNOWN).commands.some((c) => /brctl/i.test(c)), id)
})

t.test('router families by vendor id', async (t) => {
  const own = (vendor: string): FixId[] => ids.filter((id) => id.startsWith(`${vendor}-`))
  for (const vendor of Object.keys(VENDOR_NAMES)) {
    if (['asus', 'tplink', 'netgear', 'synology'].includes(vendor)) t.same(own(vendor), [], `${vendor}: the consumer setting covers it`)
    else t.ok(own(vendor).length > 0, `${vendor} has fixes of its own`)
  }
  const named: Array<[string, FixId]> = [
    ['fortigate', 'fortigate-vip-hairpin'],
    ['unifi', 'unifi-port-forward'],
    ['sophos', 'sophos-loopback-rule'],
    ['fritzbox', 'fritzbox-dns-rebind'],
    ['edgerouter', 'edgerouter-hairpin-nat'],
  ]
  for (const [vendor, id] of named) t.ok(own(vendor).includes(id), id)
  t.equal(VENDOR_NAMES.fritzbox, 'FRITZ!Box')
})

t.test('the groups name catalogue fixes, each once', async (t) => {
  for (const group of [REFLECTION, SNAT_HALF, SNAT_TO_PUBLIC, FORWARD_FILTER, WORKAROUNDS.map(([id]) => id)]) {
    t.equal(new Set(group).size, group.length)
    for (const id of group) t.ok(id in FIXES, id)
  }
  t.same(each(['split-horizon-dns', 'bridge-mode'], 'why'), [['split-horizon-dns', 'why'], ['bridge-mode', 'why']])
  const order = (group: readonly FixId[], first: FixId, then: FixId): boolean => group.indexOf(first) < group.indexOf(then)
  for (const group of [REFLECTION, SNAT_HALF]) {
    t.equal(group[0], 'nat-loopback-setting', 'the consumer setting first')
    t.ok(order(group, 'fortigate-vip-hairpin', 'nftables-reflection'), 'router families before hand-written rulesets')
    t.ok(order(group, 'nftables-reflection', 'iptables-reflection'), 'nftables before iptables')
  }
})
