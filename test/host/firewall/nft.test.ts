// nftables: `nft -j list ruleset` recorded in a network namespace, parsed and judged; expressions one by one.

import t from 'tap'
import {
  compileRule,
  evalMatch,
  judgeNft,
  parseNftRuleset,
  readNft,
  renderRule,
  type NftContext,
  type NftListing,
} from '../../../src/host/firewall/nft.js'
import { contextFor, fakeExec, fixture } from '../../support/firewall/fixture.js'

const tcp = (port: number) => ({ port, protocol: 'tcp' as const })
const listing = (name: string): NftListing => parseNftRuleset(fixture(name))!
const state = (name: string, port: number, skip?: Set<string>) => judgeNft(listing(name), tcp(port), skip).state

/** A listing built from chains and rules written by hand (the JSON nft prints). */
function handmade(objects: unknown[]): NftListing {
  return parseNftRuleset(JSON.stringify({ nftables: [{ metainfo: { json_schema_version: 1 } }, { table: { family: 'inet', name: 't' } }, ...objects] }))!
}
const input = (policy = 'accept', extra: Record<string, unknown> = {}) => ({ chain: { family: 'inet', table: 't', name: 'input', type: 'filter', hook: 'input', prio: 0, policy, ...extra } })
const ruleIn = (...expr: unknown[]) => ({ rule: { family: 'inet', table: 't', chain: 'input', expr } })
const m = (left: unknown, right: unknown, op = '==') => ({ match: { op, left, right } })
const dport = (proto = 'tcp') => ({ payload: { protocol: proto, field: 'dport' } })
const ctx = (l: NftListing, port = 8443): NftContext => ({ probe: tcp(port), listing: l, family: 'inet', table: 't' })

t.test('parseNftRuleset: the JSON of nft -j, or null', async (t) => {
  t.equal(parseNftRuleset('Error: syntax error'), null)
  t.equal(parseNftRuleset('{"something": []}'), null)
  t.equal(parseNftRuleset('null'), null)
  const empty = listing('nft-empty.json')
  t.same(empty.tables, [])
  t.same(empty.chains, [])
  const fw = listing('nft-rhel8-firewalld-libvirt.json')
  t.ok(fw.tables.includes('inet firewalld'))
  t.equal(fw.nat, false, 'no DNAT rule in this ruleset')
  t.equal(listing('nft-two-tables.json').nat, true, 'a dnat statement')
  t.equal(listing('nft-server.json').sets.get('inet filter web_ports')?.length, 2)
  t.equal(listing('nft-docker-iptables-nft.json').nat, true, 'an xt DNAT target')
  const odd = parseNftRuleset('{"nftables": [null, 3, {"rule": {"family": "ip", "table": "x", "chain": "y"}}, {"map": {"family": "ip", "table": "x", "name": "m"}}]}')!
  t.same(odd.rules.size, 0, 'a rule without expressions is skipped')
  t.same(odd.sets.get('ip x m'), [], 'a map without elements')
})

t.test('recorded rulesets, judged port by port', async (t) => {
  t.equal(judgeNft(listing('nft-empty.json'), tcp(8443)).detail, 'no nftables ruleset loaded')
  t.same(
    judgeNft(listing('nft-debian-default.json'), tcp(8443)),
    { tool: 'nftables', state: 'allows', detail: 'chain inet filter input: policy accept, nothing drops tcp dport 8443', where: 'inet filter input' },
    "Debian's default nftables.conf filters nothing",
  )
  t.same(judgeNft(listing('nft-workstation.json'), tcp(8443)), {
    tool: 'nftables',
    state: 'blocks',
    detail: 'chain inet filter input: "counter drop" drops tcp dport 8443',
    where: 'inet filter input',
  })
  const server = (port: number) => state('nft-server.json', port)
  t.same([22, 80, 443, 8000, 8443].map(server), ['allows', 'allows', 'allows', 'allows', 'allows'], 'ct state new accept, a named set, a set with a range')
  t.same([25, 53, 9090].map(server), ['blocks', 'blocks', 'blocks'], 'reject rules and the final reject')
  t.same([3000, 5432, 9000].map(server), ['unclear', 'unclear', 'unclear'], 'iifname wg0, ip saddr 10/8, a source-restricted accept in a user chain')
  t.match(judgeNft(listing('nft-server.json'), tcp(9000)).detail, /\(chain admin\) may accept tcp dport 9000/)
  t.equal(judgeNft(listing('nft-server.json'), { port: 51820, protocol: 'udp' }).state, 'allows')
  t.equal(state('nft-two-tables.json', 8443), 'blocks', 'an accept in one table does not stop another from dropping')
  t.equal(state('nft-two-tables.json', 22), 'allows')
  t.same([22, 9090, 2222, 8443, 5432].map((p) => state('nft-firewalld2.json', p)), ['allows', 'allows', 'blocks', 'blocks', 'unclear'])
  t.match(judgeNft(listing('nft-firewalld2.json'), tcp(8443)).detail, /"reject" \(chain filter_IN_public_to_HOST\) drops tcp dport 8443/)
  t.same([22, 8443, 53, 9090].map((p) => state('nft-rhel8-firewalld-libvirt.json', p)), ['allows', 'blocks', 'unclear', 'unclear'], 'every zone path agrees, or not')
  t.equal(state('nft-docker-iptables-nft.json', 8443), 'allows')
  t.equal(state('nft-server-iptables-nft.json', 8443), 'unclear', 'opaque xt matches')
  t.equal(state('nft-ufw-ssh.json', 8443), 'unclear')
})

t.test('tables iptables-nft owns can be left to the iptables finding', async (t) => {
  const docker = listing('nft-docker-iptables-nft.json')
  t.same(judgeNft(docker, tcp(8443), new Set(['ip filter', 'ip nat'])), { tool: 'nftables', state: 'inactive', detail: 'no filter chain on the input or prerouting hook', where: null })
  t.equal(state('nft-rhel8-firewalld-libvirt.json', 8443, new Set(['ip filter'])), 'blocks')
})

t.test('base chains: ip6 and output ignored, bridge and device chains only maybe see the probe', async (t) => {
  const ip6 = handmade([{ chain: { family: 'ip6', table: 't', name: 'in', type: 'filter', hook: 'input', policy: 'drop' } }])
  t.equal(judgeNft(ip6, tcp(8443)).state, 'inactive')
  const out = handmade([{ chain: { family: 'inet', table: 't', name: 'out', type: 'filter', hook: 'output', policy: 'drop' } }, { chain: { family: 'ip', table: 'n', name: 'pre', type: 'nat', hook: 'prerouting' } }])
  t.equal(judgeNft(out, tcp(8443)).state, 'inactive')
  const bridge = handmade([{ chain: { family: 'bridge', table: 't', name: 'in', type: 'filter', hook: 'input', policy: 'drop' } }])
  t.match(judgeNft(bridge, tcp(8443)), { state: 'unclear', detail: /only if the LAN interface is a bridge port/ })
  const dev = handmade([{ chain: { family: 'netdev', table: 't', name: 'ing', type: 'filter', hook: 'ingress', dev: 'eth0', policy: 'drop' } }])
  t.match(judgeNft(dev, tcp(8443)).detail, /only if device eth0 is the LAN interface/)
  const devless = handmade([{ chain: { family: 'inet', table: 't', name: 'ing', type: 'filter', hook: 'ingress', policy: 'drop' } }])
  t.match(judgeNft(devless, tcp(8443)).detail, /device \?/)
  const noPrio = handmade([input('drop', { prio: undefined }), input('accept', { name: 'early', prio: -5 })])
  t.equal(judgeNft(noPrio, tcp(8443)).where, 'inet t input', 'a missing priority counts as 0')
})

t.test('evalMatch: what the probe is for each kind of expression', async (t) => {
  const l = handmade([])
  const e = (left: unknown, right: unknown, op = '==', c = ctx(l)) => evalMatch({ op, left, right }, c)
  t.equal(e(dport(), 8443), 'yes')
  t.equal(e(dport(), 22, '!='), 'yes')
  t.equal(e(dport(), 8443, '<'), 'maybe')
  t.equal(e(dport('udp'), 8443), 'no', 'a UDP header on a TCP probe: absent')
  t.equal(e(dport('udp'), 53, '!='), 'no', 'absent even with !=')
  t.equal(e({ payload: { protocol: 'th', field: 'dport' } }, { set: [{ range: [8000, 9000] }] }), 'yes')
  t.equal(e({ payload: { protocol: 'tcp', field: 'sport' } }, 1024), 'maybe')
  t.equal(e({ payload: { protocol: 'tcp', field: 'flags' } }, 'syn'), 'maybe')
  t.equal(e({ payload: { base: 'nh', offset: 0, len: 8 } }, 1), 'maybe', 'a raw payload')
  t.equal(e({ payload: { protocol: 'ip', field: 'protocol' } }, 'tcp'), 'yes')
  t.equal(e({ payload: { protocol: 'ip', field: 'protocol' } }, 17), 'no')
  t.equal(e({ payload: { protocol: 'ip', field: 'version' } }, 4), 'yes')
  t.equal(e({ payload: { protocol: 'ip', field: 'ttl' } }, 64), 'maybe')
  t.equal(e({ payload: { protocol: 'ip', field: 'saddr' } }, { prefix: { addr: '127.0.0.0', len: 8 } }), 'no')
  t.equal(e({ payload: { protocol: 'ip', field: 'daddr' } }, '127.0.0.1', '!='), 'yes')
  t.equal(e({ payload: { protocol: 'ip', field: 'saddr' } }, { set: ['10.0.0.1', { range: ['10.0.0.5', '10.0.0.9'] }] }), 'maybe')
  t.equal(e({ payload: { protocol: 'ip6', field: 'saddr' } }, '::1', '!='), 'no')
  t.equal(e({ payload: { protocol: 'icmp', field: 'type' } }, 'echo-request'), 'no')
  t.equal(e({ payload: { protocol: 'ether', field: 'saddr' } }, '00:11:22:33:44:55'), 'maybe')
  t.equal(e({ meta: { key: 'l4proto' } }, { set: ['tcp', 'udp'] }), 'yes')
  t.equal(e({ meta: { key: 'l4proto' } }, 6), 'yes')
  t.equal(e({ meta: { key: 'nfproto' } }, 'ipv6'), 'no')
  t.equal(e({ meta: { key: 'protocol' } }, 'ip'), 'yes')
  t.equal(e({ meta: { key: 'pkttype' } }, 'broadcast'), 'no')
  t.equal(e({ meta: { key: 'iif' } }, 'lo'), 'no')
  t.equal(e({ meta: { key: 'iifname' } }, 'lo', '!='), 'yes')
  t.equal(e({ meta: { key: 'iifname' } }, { set: ['lo', 'eth0'] }), 'maybe')
  t.equal(e({ meta: { key: 'iif' } }, 1), 'maybe', 'an interface index')
  t.equal(e({ meta: { key: 'mark' } }, 1), 'maybe')
  t.equal(e({ ct: { key: 'state' } }, ['established', 'related'], 'in'), 'no')
  t.equal(e({ ct: { key: 'state' } }, 'new', 'in'), 'yes')
  t.equal(e({ ct: { key: 'state' } }, 'invalid', 'in'), 'no')
  t.equal(e({ ct: { key: 'status' } }, 'dnat', 'in'), 'no', 'no DNAT on this host')
  t.equal(e({ ct: { key: 'direction' } }, 'original'), 'yes')
  t.equal(e({ ct: { key: 'l3proto' } }, 'ipv4'), 'yes')
  t.equal(e({ ct: { key: 'protocol' } }, 'tcp'), 'yes')
  t.equal(e({ ct: { key: 'mark' } }, 1), 'maybe')
  t.equal(e({ ct: { key: 'saddr', dir: 'original' } }, '1.2.3.4'), 'maybe')
  t.equal(e({ fib: { result: 'type', flags: ['daddr'] } }, 'local'), 'yes')
  t.equal(e({ fib: { result: 'oif', flags: ['saddr', 'iif'] } }, false), 'maybe')
  t.equal(e({ '&': [{ payload: { protocol: 'tcp', field: 'flags' } }, 2] }, 2), 'maybe')
  t.equal(e({ '&': [{ payload: { protocol: 'icmpv6', field: 'type' } }, 2] }, 2), 'no')
  t.equal(e({ concat: [{ payload: { protocol: 'ip', field: 'saddr' } }, dport()] }, '@pairs'), 'maybe')
  t.equal(e({ socket: { key: 'transparent' } }, 1), 'maybe')
  t.equal(e(null, 1), 'maybe')
  t.equal(e(dport(), '@nosuchset'), 'maybe', 'an unknown set')
  t.equal(e(dport(), 'https'), 'no', 'a service name')
  t.equal(e(dport(), 'ssh', '==', ctx(l, 22)), 'yes')
  t.equal(e(dport(), 'wombat'), 'maybe', 'an unknown service name')
  t.equal(e(dport(), { elem: { val: 8443, comment: 'x' } }), 'yes')
  t.equal(e(dport(), { concat: [1, 2] }), 'maybe')
  t.equal(e({ meta: { key: 'l4proto' } }, { range: ['a', 'b'] }), 'maybe')
  t.equal(e({ meta: { key: 'iifname' } }, { prefix: 'x' }), 'maybe')
  t.equal(e({ payload: { protocol: 'ip', field: 'saddr' } }, 7), 'maybe')
  const withNat = handmade([input(), ruleIn({ dnat: { addr: '10.0.0.2' } }), { rule: { family: 'inet', table: 't', chain: 'input', expr: [{ notrack: null }] } }])
  t.equal(e({ ct: { key: 'status' } }, 'dnat', 'in', ctx(withNat)), 'maybe', 'this host DNATs')
  t.equal(e({ ct: { key: 'status' } }, 'assured', 'in', ctx(withNat)), 'no')
  t.equal(e({ ct: { key: 'state' } }, 'new', 'in', ctx(withNat)), 'maybe', 'notrack: the state may be untracked')
})

t.test('compileRule: statements, verdicts and verdict maps', async (t) => {
  const l = handmade([{ map: { family: 'inet', table: 't', name: 'ports', map: 'verdict', elem: [[8443, { drop: null }], [22, { accept: null }]] } }])
  const c = ctx(l)
  const one = (...expr: unknown[]) => compileRule(expr, c)
  t.same(one(m(dport(), 8443), { counter: null }, { accept: null }), [{ match: 'yes', verdict: { kind: 'accept' }, text: 'tcp dport 8443 counter accept' }])
  t.equal(one({ limit: { rate: 5 } }, { accept: null })[0]!.match, 'maybe', 'a limit may not let it through')
  t.equal(one({ xt: { type: 'match', name: 'comment' } }, { drop: null })[0]!.match, 'yes')
  t.equal(one({ xt: { type: 'match', name: 'conntrack' } }, { drop: null })[0]!.match, 'maybe')
  t.same(one({ xt: { type: 'target', name: 'REJECT' } })[0]!.verdict, { kind: 'drop' })
  t.same(one({ xt: { type: 'target', name: 'LOG' } })[0]!.verdict, { kind: 'continue' })
  t.same(one({ xt: { type: 'target', name: 'SOMETHING' } })[0]!.verdict, { kind: 'unknown' })
  t.same(one({ reject: { type: 'tcp reset' } })[0]!.verdict, { kind: 'drop' })
  t.same(one({ queue: { num: 1 } })[0]!.verdict, { kind: 'unknown' })
  t.same(one({ jump: { target: 'admin' } })[0]!.verdict, { kind: 'jump', target: 'inet t admin' })
  t.same(one({ counter: null })[0]!.verdict, { kind: 'continue' }, 'no verdict: the rule goes on')
  t.same(one(null, 'x')[0]!.match, 'maybe', 'unreadable statements may match')
  t.same(one({}, { accept: null })[0]!.match, 'maybe', 'an empty statement too')
  const vmap = one(m({ meta: { key: 'l4proto' } }, 'tcp'), { vmap: { key: dport(), data: { set: [[22, { accept: null }], [8443, { jump: { target: 'web' } }]] } } })
  t.same(vmap, [
    { match: 'no', verdict: { kind: 'accept' }, text: 'tcp dport 22 accept' },
    { match: 'yes', verdict: { kind: 'jump', target: 'inet t web' }, text: 'tcp dport 8443 jump web' },
  ])
  t.same(one({ vmap: { key: dport(), data: '@ports' } }).map((r) => r.match), ['yes', 'no'], 'a named verdict map')
  t.same(one({ vmap: { key: dport(), data: { weird: 1 } } }), [{ match: 'maybe', verdict: { kind: 'unknown' }, text: 'tcp dport vmap …' }])
  t.same(one({ vmap: { key: dport(), data: { set: [8443, [22, { goto: { target: 'x' } }], [23, null], [24, 'accept'], [25, {}]] } } }).map((r) => r.verdict.kind), ['unknown', 'goto', 'unknown', 'unknown', 'unknown'])
})

t.test('renderRule: short, readable, never raw JSON', async (t) => {
  t.equal(renderRule([m({ meta: { key: 'iifname' } }, 'lo'), { accept: null }]), 'iifname lo accept')
  t.equal(renderRule([m({ meta: { key: 'nfproto' } }, 'ipv4', '!='), { drop: null }]), 'meta nfproto != ipv4 drop')
  t.equal(renderRule([m({ ct: { key: 'state' } }, ['new', 'untracked'], 'in'), { goto: { target: 'z' } }]), 'ct state new,untracked goto z')
  t.equal(renderRule([m({ fib: { result: 'type', flags: ['daddr'] } }, 'local'), { xt: { name: 'LOG' } }]), 'fib daddr type local xt LOG')
  t.equal(renderRule([m({ fib: { result: 'oif' } }, false), m({ payload: { base: 'nh' } }, 1)]), 'fib  oif false payload 1')
  t.equal(renderRule([m({ payload: { protocol: 'ip', field: 'saddr' } }, { prefix: { addr: '10.0.0.0', len: 8 } }), m(dport(), { elem: { val: 1 } }), m({ socket: {} }, { concat: [] })]), 'ip saddr 10.0.0.0/8 tcp dport 1 … …')
  t.equal(renderRule([{ vmap: { key: { ct: { key: 'state' } }, data: '@m' } }, null]), 'ct state vmap … ')
})

t.test('readNft: not installed, not root, not JSON, read', async (t) => {
  t.same(await readNft(contextFor(fakeExec({}))), { finding: null, listing: null })
  const denied = await readNft(contextFor(fakeExec({ 'nft -j list ruleset': { code: 1, stderr: fixture('nft-nonroot.txt') } })))
  t.same(denied.finding, { tool: 'nftables', state: 'unreadable', detail: 'nft -j list ruleset: could not be read (not root): Operation not permitted (you must be root)', where: null })
  const garbled = await readNft(contextFor(fakeExec({ 'nft -j list ruleset': { stdout: 'Error: JSON support not compiled-in' } })))
  t.equal(garbled.finding?.detail, 'nft -j list ruleset: not the JSON expected')
  const read = await readNft(contextFor(fakeExec({ '/usr/sbin/nft -j list ruleset': { stdout: fixture('nft-workstation.json') } })))
  t.equal(read.finding, null)
  t.same(read.listing?.tables, ['inet filter'])
})
