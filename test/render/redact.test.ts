// Tests --redact: public addresses, names and fingerprints masked everywhere and consistently; LAN kept; input untouched.
import t from 'tap'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { redact } from '../../src/render/redact.js'
import type { Observations, Report, ServiceReport } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}): Report => {
  const obs = observations(over)
  return { ...obs, verdict: diagnose(obs) }
}

/** Every string in a value, for "nowhere in the report" checks. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v !== null && typeof v === 'object' ? Object.values(v).flatMap(strings) : []

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89'
const tlsService = (over: Partial<ServiceReport> = {}): ServiceReport => ({
  outcome: 'ok',
  kind: 'tls',
  banner: null,
  tls: { fingerprint256: FP, subject: 'app.example.org, *.cdn.example.net, Plex Media Server, 192.168.77.10', issuer: 'R3', validTo: 'Nov 26 00:00:00 2027 GMT', alpn: null, organization: null, sans: [], trusted: false, validForName: null },
  http: null,
  error: null,
  ms: 5,
  description: 'TLS certificate CN=app.example.org, *.cdn.example.net (SHA-256 AB:CD:EF:01:…)',
  ...over,
})

/** A run that names the public IP, a DNS name and IPv6 everywhere a report can. */
function busy(): Report {
  const r = report({
    tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null, error: 'ECONNREFUSED', answer: 'hello from 203.0.113.7 at App.Example.ORG' }),
    udp: udpReport({ outcome: 'direct-reply', observedPeer: '10.1.2.3', peerKind: 'other', replyFrom: '192.168.77.10' }),
    dns: { name: 'App.Example.org', addresses: ['203.0.113.7', '2001:db8:77::10'], pointsTo: 'public-ip', error: null, direct: null },
    ipv6: {
      address: '2001:db8:77::10',
      publicAddress: '2001:DB8:77:0::10',
      sources: [{ url: 'https://ip6.app.example.org/ip', address: '2001:db8:77::10', error: null, ms: 3, rejected: null }],
      target: '2001:db8:77::10',
      outcome: 'ok',
      observedPeer: 'fe80::1',
      ms: 1,
      error: null,
    },
    gateway: {
      address: '192.168.77.1',
      natpmp: { resultCode: 0, externalIp: '203.0.113.7', epoch: 5, error: null, ms: 2 },
      pcp: null,
      upnp: null,
      webui: null,
      vendor: null,
    },
    external: { reachable: false, via: 'http://198.51.100.10/port/8443', ip: '198.51.100.99', error: null, ms: 40, seenByListener: false, observedPeer: null, peerKind: null },
    fault: null,
  })
  r.verdict.warnings.push(
    'Seen: 198.51.100.99, 203.0.113.7., [2001:db8:77::10]:8443, ::ffff:203.0.113.7, fd00::1, 127.0.0.1, 169.254.1.1, 100.64.0.1, 172.16.0.1, 8.8.8.8',
    'Not addresses: 10.203.0.113.70, 1203.0.113.7, 999.1.1.1, dead:beef:, 2001:db8::1g, MAC aa:bb:cc:dd:ee:ff',
    'Names: www.app.example.org, APP.EXAMPLE.ORG, app.example.org.au, myapp.example.org, app.example.org.',
    'Echo: https://ip6.app.example.org/ip said http://198.51.100.10/port/8443 twice: https://ip6.app.example.org/ip',
  )
  return r
}

t.test('public addresses and the name are masked everywhere, consistently', async (t) => {
  const input = busy()
  const r = redact(input)
  t.equal(r.redacted, true)
  t.equal(r.publicIp.address, '<public-ip-1>', 'numbered in order of appearance: the public IP comes first')
  t.same(r.publicIp.sources.map((s) => s.address), ['<public-ip-1>', '<public-ip-1>'])
  t.same(r.publicIp.candidates.map((c) => c.address), ['<public-ip-1>'], 'the candidates too')
  t.equal(r.dns?.name, '<name-1>')
  t.same(r.dns?.addresses, ['<public-ip-1>', '<public-ipv6-1>'])
  t.equal(r.ipv6?.address, '<public-ipv6-1>')
  t.equal(r.ipv6?.publicAddress, '<public-ipv6-1>', 'another spelling of the same IPv6 address')
  t.equal(r.ipv6?.observedPeer, 'fe80::1', 'link-local kept')
  t.equal(r.tcp?.answer, 'hello from <public-ip-1> at <name-1>', 'inside network answers too, names case-insensitively')
  t.equal(r.external?.ip, '<public-ip-2>')
  t.equal(r.gateway?.natpmp?.externalIp, '<public-ip-1>')
  t.equal(r.gateway?.address, '192.168.77.1')
  t.same(r.client, input.client, 'LAN addresses kept')
  t.same(r.udp, input.udp)

  t.match(r.verdict.summary, /^Hairpin NAT does not work over TCP: <public-ip-1>:8443 refused/)
  const ours = [r.verdict.summary, ...r.verdict.fixes.flatMap((f) => [f.title, f.why, ...f.commands])].join('\n')
  t.notMatch(ours, /203\.0\.113\.7|2001:db8:77::10|example\.org/i, 'nothing left in the summary and fixes')
  const seen = r.verdict.warnings.find((w) => w.startsWith('Seen:'))
  t.equal(seen, 'Seen: <public-ip-2>, <public-ip-1>., [<public-ipv6-1>]:8443, ::ffff:<public-ip-1>, fd00::1, 127.0.0.1, 169.254.1.1, 100.64.0.1, 172.16.0.1, <public-ip-3>')
  t.ok(r.verdict.warnings.includes('Not addresses: 10.203.0.113.70, 1203.0.113.7, 999.1.1.1, dead:beef:, 2001:db8::1g, MAC aa:bb:cc:dd:ee:ff'), 'whole addresses only')
  t.ok(r.verdict.warnings.includes('Names: www.<name-1>, <name-1>, app.example.org.au, myapp.<name-2>, <name-1>.'), 'whole names only; the name\'s own domain masked too')
  const fixes = r.verdict.fixes.flatMap((f) => [f.title, f.why, ...f.commands]).join('\n')
  t.match(fixes, /nft add rule ip hairpin_check hairpin_pre ip saddr 192\.168\.77\.0\/24 ip daddr <public-ip-1> tcp dport 8443 dnat to 192\.168\.77\.10/)
  t.match(fixes, /address=\/<name-1>\/192\.168\.77\.10/)
  t.match(fixes, /DNS: <name-1>\. AAAA <public-ipv6-1>/)
})

t.test('echo and checker URLs are kept, in their fields and in text', async (t) => {
  const r = redact(busy())
  t.equal(r.publicIp.sources[0]?.url, 'http://198.51.100.10/ip')
  t.equal(r.ipv6?.sources[0]?.url, 'https://ip6.app.example.org/ip', 'a URL keeps even the name')
  t.equal(r.external?.via, 'http://198.51.100.10/port/8443')
  t.ok(r.verdict.warnings.includes('Echo: https://ip6.app.example.org/ip said http://198.51.100.10/port/8443 twice: https://ip6.app.example.org/ip'))
  t.match(r.verdict.warnings.join('\n'), /From outside, http:\/\/198\.51\.100\.10\/port\/8443 could not connect to <public-ip-2>:8443/)
})

t.test('fixed vocabulary and the tool are never masked', async (t) => {
  const r = redact(report({ dns: { name: 'ok', addresses: ['192.168.77.10'], pointsTo: 'lan', error: null, direct: null }, tcp: tcpReport({ answer: 'ok then' }) }))
  t.equal(r.tcp?.outcome, 'ok', 'a name that equals an outcome does not touch the outcome')
  t.equal(r.tcp?.answer, '<name-1> then', 'but it is masked in text')
  t.equal(r.verdict.cause, 'hairpin-ok-gateway-source')
  t.same(r.tool, { name: 'hairpin-check', version: '0.0.0-test' })
  t.equal(r.startedAt, '2026-11-26T00:00:00.000Z')
})

t.test('certificate names and fingerprints (--target)', async (t) => {
  const input = report({
    mode: 'target',
    tcp: null,
    target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: tlsService(), direct: tlsService({ tls: { ...tlsService().tls!, fingerprint256: '' } }), same: false },
  })
  input.verdict.warnings.push(`full ${FP.toLowerCase()}`, 'cut 12:34:56:78:…, MAC aa:bb:cc:dd:ee:ff')
  const r = redact(input)
  const via = r.target?.viaPublicIp
  t.equal(via?.tls?.fingerprint256, '<cert-1>')
  t.equal(r.target?.direct?.tls?.fingerprint256, '', 'no certificate: nothing to mask')
  t.equal(via?.tls?.subject, '<name-1>, *.<name-2>, Plex Media Server, 192.168.77.10', 'DNS-like common names masked, wildcards kept as such')
  t.equal(via?.description, 'TLS certificate CN=<name-1>, *.<name-2> (SHA-256 <cert-1>)', 'the shortened fingerprint too')
  t.equal(via?.tls?.issuer, 'R3')
  t.ok(r.verdict.warnings.includes('full <cert-1>'))
  t.ok(r.verdict.warnings.includes('cut 12:34:56:78:…, MAC aa:bb:cc:dd:ee:ff'), 'hex that is no known fingerprint stays')

  const untold = redact(report({ mode: 'target', tcp: null, target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: tlsService({ tls: { ...tlsService().tls!, subject: null } }), direct: null, same: null } }))
  t.equal(untold.target?.viaPublicIp?.description, 'TLS certificate CN=app.example.org, *.cdn.example.net (SHA-256 <cert-1>)', 'no subject, no names learned')
  const plain = redact(report({ mode: 'target', tcp: null, target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: tlsService({ kind: 'http', tls: null }), direct: null, same: null } }))
  t.match(plain.target?.viaPublicIp?.description, /AB:CD:EF:01:…/, 'no certificate in the report, nothing to match')
})

t.test('a name that is an address, and a name holding one', async (t) => {
  const literal = redact(report({ dns: { name: '203.0.113.7', addresses: ['203.0.113.7'], pointsTo: 'public-ip', error: null, direct: null } }))
  t.equal(literal.dns?.name, '<public-ip-1>', 'an address given as --host is masked as the address')
  const nip = redact(report({ dns: { name: '203.0.113.7.nip.io', addresses: ['203.0.113.7'], pointsTo: 'public-ip', error: null, direct: null } }))
  t.equal(nip.dns?.name, '<name-1>', 'masked whole, not as <public-ip-1>.nip.io')
  t.notMatch(JSON.stringify(nip), /nip\.io/)
  const fqdn = redact(report({ dns: { name: 'App.Example.org.', addresses: [], pointsTo: 'none', error: 'ENOTFOUND', direct: null } }))
  t.equal(fqdn.dns?.name, '<name-1>.', 'a fully qualified name keeps its trailing dot')
  t.match(fqdn.verdict.summary, /^<name-1>\. does not resolve/)
})

t.test('certificate names wherever a certificate was read: what answered, the gateway, its web UI', async (t) => {
  const cert = { subject: 'router.corp.example.com', organization: null, issuer: null, sans: ['vpn.corp.example.com', '203.0.113.7'] }
  const answered = tlsService({ tls: { ...tlsService().tls!, subject: 'nas.home.example.net', sans: ['*.media.example.net'], fingerprint256: FP }, description: 'TLS certificate CN=nas.home.example.net' })
  const input = report({
    tcp: tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null }),
    answeredBy: { viaPublicIp: answered, gateway: null, forwardTarget: { address: '192.168.77.20', service: answered }, router: null },
    gateway: { address: '192.168.77.1', natpmp: null, pcp: null, upnp: null, vendor: null, webui: { pages: [{ url: 'https://192.168.77.1/', status: 200, server: 'nginx', title: 'router.corp.example.com', location: null, realm: null, cert, error: null, ms: 3 }] } },
  })
  const all = strings(redact(input)).join('\n')
  t.notMatch(all, /example\.(com|net)|AB:CD:EF:01:23/, 'no certificate name or fingerprint left')
  t.match(all, /<name-\d+>/)
  t.equal(redact(input).gateway?.webui?.pages[0]?.url, 'https://192.168.77.1/', 'the gateway\'s LAN address kept')
  const short = redact(report({ dns: { name: 'example.org', addresses: [], pointsTo: 'none', error: 'ENOTFOUND', direct: null } }))
  t.notMatch(JSON.stringify(short), /<name-2>|example/, 'a two-label name: masked whole, no parent (the TLD) masked, no label left in a fix')
})

t.test('idempotent, and the input is never changed', async (t) => {
  const input = busy()
  const before = structuredClone(input)
  const once = redact(input)
  t.same(input, before, 'input untouched')
  t.notOk('redacted' in input)
  t.same(redact(once), once, 'redacting twice changes nothing')
  once.verdict.warnings.push('x')
  once.publicIp.sources[0]!.address = 'y'
  once.tool.name = 'z'
  t.same(input, before, 'a deep copy: nothing shared')

  const target = redact(report({ mode: 'target', tcp: null, target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: tlsService(), direct: null, same: null } }))
  t.same(redact(target), target, 'masked fingerprints and names stay as they are')
})

t.test('a plain run without names or IPv6', async (t) => {
  const input = report({ publicIp: { address: '8.8.4.4', via: 'flag', sources: [{ url: '', address: null, error: null, ms: null, rejected: null }], onThisHost: false, candidates: [], confirmedBy: 'flag' } })
  const r = redact(input)
  t.equal(r.publicIp.address, '<public-ip-1>')
  t.equal(r.publicIp.sources[0]?.url, '')
  t.equal(r.durationMs, 42)
  t.same(strings(r).filter((s) => s.includes('8.8.4.4')), [])
  t.equal(redact({ ...input, external: null, ipv6: null, dns: null }).verdict.summary, r.verdict.summary)
})
