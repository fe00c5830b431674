// firewalld: firewall-cmd's outputs (from firewalld's source formats) parsed and judged zone by zone.

import t from 'tap'
import {
  judgeFirewalld,
  parseActiveZones,
  parsePolicies,
  parseServiceInfo,
  parseZones,
  readFirewalld,
  relevantZones,
  richRule,
  serviceMatches,
  zoneChain,
  type FirewalldState,
  type ServiceInfo,
} from '../../../src/host/firewall/firewalld.js'
import { contextFor, fakeExec, fixture, type Answer } from '../../support/firewall/fixture.js'

const tcp = (port: number) => ({ port, protocol: 'tcp' as const })
const udp = (port: number) => ({ port, protocol: 'udp' as const })
const SERVICES = ['ssh', 'https', 'cockpit', 'dhcpv6-client', 'mdns', 'samba-client', 'netbios-ns']
const services = new Map<string, ServiceInfo | null>(SERVICES.map((s) => [s, parseServiceInfo(fixture(`firewalld-service-${s}.txt`))]))

t.test('parsers: zones (both output generations), active zones, services, policies', async (t) => {
  const server = parseZones(fixture('firewalld-zones-server.txt'))
  t.same(server.map((z) => z.name), ['block', 'dmz', 'docker', 'drop', 'external', 'home', 'internal', 'public', 'trusted', 'work'])
  const pub = server.find((z) => z.name === 'public')!
  t.same([pub.isDefault, pub.active], [true, true])
  t.same(pub.fields.get('services'), ['cockpit', 'dhcpv6-client', 'ssh'])
  t.same(pub.fields.get('interfaces'), ['enp1s0'])
  t.same(pub.fields.get('rich rules'), [])
  t.same(server.find((z) => z.name === 'block')!.fields.get('target'), ['%%REJECT%%'])
  const opened = parseZones(fixture('firewalld-zones-opened.txt')).find((z) => z.name === 'public')!
  t.same([opened.isDefault, opened.active], [false, true], 'firewalld 1.x marks no default')
  t.same(opened.fields.get('ports'), ['8443/tcp', '9000-9100/tcp', '5353/udp'])
  t.same(opened.fields.get('forward-ports'), ['port=8080:proto=tcp:toport=80:toaddr=192.168.122.10'])
  t.equal(opened.fields.get('rich rules')?.length, 5)
  t.same(parseActiveZones(fixture('firewalld-active-zones.txt')), [
    { name: 'public', isDefault: true, interfaces: ['enp1s0'], sources: [] },
    { name: 'docker', isDefault: false, interfaces: ['docker0'], sources: [] },
    { name: 'trusted', isDefault: false, interfaces: [], sources: ['10.8.0.0/24'] },
  ])
  t.same(services.get('mdns'), { ports: ['5353/udp'], protocols: [], includes: [], destination: ['ipv4:224.0.0.251', 'ipv6:ff02::fb'] })
  t.same(services.get('samba-client')?.includes, ['netbios-ns'])
  t.equal(parseServiceInfo(fixture('firewalld-service-missing.txt')), null)
  t.equal(parseServiceInfo(''), null)
  t.same(parsePolicies(fixture('firewalld-active-policies.txt')), [{ name: 'allow-host-ipv6', ingress: ['ANY'], egress: ['HOST'] }])
  t.same(parseZones('  orphan: line\n\tcontinuation\n'), [], 'key lines before any header are ignored')
  const terse = parseZones('z\n  interfaces:\n  rich rules: rule accept\n\trule drop\n')[0]!
  t.same([...terse.fields], [['interfaces', []], ['rich rules', ['rule accept', 'rule drop']]], 'an empty value without its space; a rule on the key line')
  t.same(parseServiceInfo('x\n  ports: 1/tcp\n'), { ports: ['1/tcp'], protocols: [], includes: [], destination: [] })
  t.same(parsePolicies('p\n'), [{ name: 'p', ingress: [], egress: [] }])
})

t.test('serviceMatches: ports, protocols, destinations, includes', async (t) => {
  t.equal(serviceMatches('ssh', services, tcp(22)), 'yes')
  t.equal(serviceMatches('ssh', services, tcp(8443)), 'no')
  t.equal(serviceMatches('https', services, tcp(443)), 'yes')
  t.equal(serviceMatches('dhcpv6-client', services, udp(546)), 'no', 'IPv6 destinations only')
  t.equal(serviceMatches('mdns', services, udp(5353)), 'no', 'a multicast destination')
  t.equal(serviceMatches('samba-client', services, udp(137)), 'yes', 'through netbios-ns')
  t.equal(serviceMatches('nosuch', services, tcp(22)), 'maybe')
  const odd = new Map<string, ServiceInfo | null>([
    ['loop', { ports: [], protocols: [], includes: ['loop'], destination: [] }],
    ['gre', { ports: [], protocols: ['tcp'], includes: [], destination: ['ipv4:192.168.1.10'] }],
    ['broken', null],
  ])
  t.equal(serviceMatches('loop', odd, tcp(1)), 'maybe', 'includes stop at a depth')
  t.equal(serviceMatches('gre', odd, tcp(1)), 'maybe', 'a protocol, for one IPv4 destination')
  t.equal(serviceMatches('broken', odd, tcp(1)), 'maybe')
})

t.test('richRule: the forms of firewalld.richlanguage(5)', async (t) => {
  const r = (rule: string, probe = tcp(8443)) => {
    const x = richRule(rule, services, probe)
    return x === null ? null : [x.rule.match, x.rule.verdict.kind, x.part]
  }
  t.same(r('rule family="ipv4" source address="203.0.113.0/24" port port="8443" protocol="tcp" drop'), ['maybe', 'drop', 0])
  t.same(r('rule family="ipv4" port port="2222" protocol="tcp" drop', tcp(2222)), ['yes', 'drop', 0])
  t.same(r('rule family="ipv4" port port="8000-9000" protocol="tcp" reject'), ['yes', 'drop', 0])
  t.same(r('rule family="ipv6" port port="2222" protocol="tcp" reject'), null)
  t.same(r('rule family="ipv4" icmp-block name="echo-request"'), null)
  t.same(r('rule family="ipv4" source address="192.168.1.0/24" masquerade'), null)
  t.same(r('rule family="ipv4" source address="1.2.3.4" log prefix="x: "'), null, 'log only')
  t.same(r('rule family="ipv4" source address="192.168.1.0/24" accept'), ['maybe', 'accept', 1])
  t.same(r('rule family="ipv4" source address="127.0.0.1" accept'), ['no', 'accept', 1])
  t.same(r('rule family="ipv4" source NOT address="10.0.0.0/8" drop'), ['maybe', 'drop', 0])
  t.same(r('rule family="ipv4" source ipset="blocked" drop'), ['maybe', 'drop', 0])
  t.same(r('rule service name="https" accept', tcp(443)), ['yes', 'accept', 1])
  t.same(r('rule service name="ftp" audit limit value="1/m" accept', tcp(21)), ['maybe', 'accept', 1])
  t.same(r('rule protocol value="tcp" accept'), ['yes', 'accept', 1])
  t.same(r('rule priority="-10" port port="8443" protocol="tcp" accept'), ['yes', 'accept', -1])
  t.same(r('rule priority=5 port port="8443" protocol="tcp" drop'), ['yes', 'drop', 2])
  t.same(r('rule family="ipv4" forward-port port="8443" protocol="tcp" to-port="80"'), ['yes', 'unknown', 1])
})

t.test('zoneChain and the recorded zones', async (t) => {
  const opened = parseZones(fixture('firewalld-zones-opened.txt')).find((z) => z.name === 'public')!
  const j = (port: number, protocol: 'tcp' | 'udp' = 'tcp') => {
    const { rules, base } = zoneChain(opened, services, { port, protocol })
    return judgeFirewalld({ defaultZone: 'public', active: [], zones: [opened], services, policies: [] }, { port, protocol }).state + ` ${rules.length} ${base.label}`
  }
  t.equal(j(22), 'allows 11 zone public', 'ssh')
  t.equal(j(443), 'allows 11 zone public', 'https')
  t.equal(j(9050), 'allows 11 zone public', 'a port range')
  t.equal(j(5353, 'udp'), 'allows 11 zone public')
  t.equal(j(2222), 'blocks 11 zone public', 'a rich drop comes before the allows')
  t.equal(j(8443), 'unclear 11 zone public', 'open, but dropped from 203.0.113.0/24 first')
  t.equal(j(8080), 'unclear 11 zone public', 'forwarded elsewhere')
  t.equal(j(12345), 'unclear 11 zone public', 'accepted from 192.168.1.0/24 only')
  const trusted = parseZones(fixture('firewalld-zones-server.txt')).find((z) => z.name === 'trusted')!
  t.equal(zoneChain(trusted, services, tcp(1)).base.policy, 'accept')
  const odd = { ...trusted, fields: new Map([['target', ['CONTINUE']]]) }
  t.equal(zoneChain(odd, services, tcp(1)).base.policy, 'unknown')
  t.equal(zoneChain({ ...trusted, fields: new Map() }, services, tcp(1)).base.policyText, 'target default')
  t.same(zoneChain({ ...trusted, fields: new Map([['forward-ports', ['odd']]]) }, services, tcp(1)).rules.map((r) => r.match), ['maybe'], 'a forward-port not understood')
})

t.test('relevantZones: the default zone, LAN-like interfaces, sources; not docker0', async (t) => {
  const active = parseActiveZones(fixture('firewalld-active-zones.txt'))
  t.same(relevantZones('public', active), ['public', 'trusted'])
  t.same(relevantZones(null, active), ['public', 'trusted'], 'the (default) mark')
  t.same(relevantZones('home', active), ['home', 'public', 'trusted'], 'interfaces bound nowhere land in the default zone')
  t.same(relevantZones(null, [{ name: 'docker', isDefault: false, interfaces: ['docker0'], sources: [] }]), [])
})

t.test('judgeFirewalld: agreement, disagreement, policies, what is missing', async (t) => {
  const zones = parseZones(fixture('firewalld-zones-server.txt'))
  const base: FirewalldState = { defaultZone: 'public', active: parseActiveZones(fixture('firewalld-active-zones-default-only.txt')), zones, services, policies: [] }
  t.same(judgeFirewalld(base, tcp(8443)), { tool: 'firewalld', state: 'blocks', detail: 'zone public: target default, no accept for 8443/tcp', where: 'public' })
  t.same(judgeFirewalld(base, tcp(9090)), { tool: 'firewalld', state: 'allows', detail: 'zone public: "service cockpit" accepts 9090/tcp', where: 'public' })
  const withVpn = { ...base, active: parseActiveZones(fixture('firewalld-active-zones.txt')) }
  t.same(judgeFirewalld(withVpn, tcp(8443)), {
    tool: 'firewalld',
    state: 'unclear',
    detail: "zones differ for 8443/tcp: public blocks, trusted allows (the LAN interface's or the source's zone decides)",
    where: 'public',
  })
  t.equal(judgeFirewalld(withVpn, tcp(22)).state, 'allows', 'both zones let ssh in')
  const gateway = { ...base, policies: parsePolicies(fixture('firewalld-active-policies-gateway.txt')) }
  t.same(judgeFirewalld(gateway, tcp(8443)).state, 'unclear')
  t.match(judgeFirewalld(gateway, tcp(8443)).detail, /; policies gateway-world-to-HOST into the host may decide first$/)
  t.same(judgeFirewalld({ ...base, defaultZone: 'gone' }, tcp(1)), { tool: 'firewalld', state: 'unclear', detail: 'zone gone is not in firewall-cmd --list-all-zones', where: 'gone' })
  t.same(judgeFirewalld({ ...base, defaultZone: null, active: [], zones: [] }, tcp(1)), { tool: 'firewalld', state: 'unclear', detail: 'firewalld: no default zone and no active zone', where: null })
  t.equal(judgeFirewalld({ ...base, defaultZone: null, active: [] }, tcp(8443)).where, 'public', 'the default mark of --list-all-zones')
  const sourceOnly = { ...base, defaultZone: null, zones: zones.filter((z) => z.name === 'trusted'), active: [{ name: 'trusted', isDefault: false, interfaces: [], sources: ['10.8.0.0/24'] }] }
  t.same(judgeFirewalld(sourceOnly, tcp(8443)), { tool: 'firewalld', state: 'allows', detail: 'zone trusted: target ACCEPT, nothing drops 8443/tcp', where: 'trusted' })
})

/** A firewalld that runs, answering from the fixtures. */
function running(extra: Record<string, Answer> = {}): Record<string, Answer> {
  const answers: Record<string, Answer> = {
    'firewall-cmd --state': { stdout: fixture('firewalld-state-running.txt') },
    'firewall-cmd --get-default-zone': { stdout: 'public\n' },
    'firewall-cmd --get-active-zones': { stdout: fixture('firewalld-active-zones-default-only.txt') },
    'firewall-cmd --list-all-zones': { stdout: fixture('firewalld-zones-server.txt') },
    'firewall-cmd --get-active-policies': { stdout: fixture('firewalld-active-policies.txt') },
    'firewall-cmd --info-service=nosuch': { code: 101, stderr: fixture('firewalld-service-missing.txt') },
  }
  for (const s of SERVICES) answers[`firewall-cmd --info-service=${s}`] = { stdout: fixture(`firewalld-service-${s}.txt`) }
  return { ...answers, ...extra }
}

t.test('readFirewalld: each answer of --state, then the zones', async (t) => {
  t.equal(await readFirewalld(contextFor(fakeExec({}))), null)
  const stopped = { 'firewall-cmd --state': { code: 252, stdout: fixture('firewalld-state-not-running.txt') } }
  t.same(await readFirewalld(contextFor(fakeExec(stopped))), { tool: 'firewalld', state: 'inactive', detail: 'firewalld is not running', where: null })
  const failed = { 'firewall-cmd --state': { code: 251, stdout: fixture('firewalld-state-failed.txt') } }
  t.equal((await readFirewalld(contextFor(fakeExec(failed))))?.state, 'unclear')
  const refused = { 'firewall-cmd --state': { code: 253, stderr: fixture('firewalld-not-authorized.txt') } }
  t.same(await readFirewalld(contextFor(fakeExec(refused))), {
    tool: 'firewalld',
    state: 'unreadable',
    detail: 'firewall-cmd --state: could not be read (not root): Authorization failed.',
    where: null,
  })
  const late = { 'firewall-cmd --state': { code: null, error: 'ETIMEDOUT' } }
  t.equal((await readFirewalld(contextFor(fakeExec(late))))?.detail, 'firewall-cmd --state: no answer in time')
  const odd = { 'firewall-cmd --state': { stdout: 'perhaps\n' } }
  t.same(await readFirewalld(contextFor(fakeExec(odd))), { tool: 'firewalld', state: 'unclear', detail: 'firewall-cmd --state: perhaps', where: null })
  const calls: string[] = []
  t.same(await readFirewalld(contextFor(fakeExec(running(), calls))), { tool: 'firewalld', state: 'blocks', detail: 'zone public: target default, no accept for 8443/tcp', where: 'public' })
  t.same(calls.filter((c) => c.includes('--info-service')).sort(), ['firewall-cmd --info-service=cockpit', 'firewall-cmd --info-service=dhcpv6-client', 'firewall-cmd --info-service=ssh'])
})

t.test('readFirewalld: services included by others, rich-rule services, failures', async (t) => {
  const home = running({ 'firewall-cmd --get-default-zone': { stdout: 'home\n' }, 'firewall-cmd --get-active-zones': { code: 0, stdout: 'home (default)\n' } })
  t.equal((await readFirewalld(contextFor(fakeExec(home), 'linux', 137, 'udp')))?.state, 'allows', 'samba-client includes netbios-ns')
  const rich = running({
    'firewall-cmd --get-default-zone': { code: 2, stderr: 'unrecognized' },
    'firewall-cmd --get-active-zones': { code: 2 },
    'firewall-cmd --get-active-policies': { code: 2, stderr: 'unrecognized arguments' },
    'firewall-cmd --list-all-zones': { stdout: 'public (default, active)\n  target: default\n  services: ssh\n  rich rules: \n\trule service name="nosuch" accept\n\trule family="ipv4" source address="192.0.2.1" drop\n\n' },
  })
  const r = await readFirewalld(contextFor(fakeExec(rich)))
  t.same(r?.state, 'unclear', 'a service firewall-cmd does not know may open the port')
  const bare = running({ 'firewall-cmd --get-default-zone': { code: 2 }, 'firewall-cmd --get-active-zones': { stdout: '' }, 'firewall-cmd --list-all-zones': { stdout: fixture('firewalld-zones-opened.txt') } })
  t.same(await readFirewalld(contextFor(fakeExec(bare))), { tool: 'firewalld', state: 'unclear', detail: 'firewalld: no default zone and no active zone', where: null }, 'firewalld 1.x marks no default zone')
  const plain = running({ 'firewall-cmd --list-all-zones': { stdout: 'public (default, active)\n  target: ACCEPT\n' } })
  t.equal((await readFirewalld(contextFor(fakeExec(plain))))?.state, 'allows', 'a zone with no services or rich rules lines')
  const broken = running({ 'firewall-cmd --list-all-zones': { code: 2, stderr: 'Error: something' } })
  t.equal((await readFirewalld(contextFor(fakeExec(broken))))?.detail, 'firewall-cmd --list-all-zones: exit 2: Error: something')
  const vanished = running({ 'firewall-cmd --list-all-zones': { code: null, error: 'ENOENT' } })
  t.equal((await readFirewalld(contextFor(fakeExec(vanished))))?.detail, 'firewall-cmd vanished while being read')
})
