import t from 'tap'
import { hairpinOf } from '../../src/diagnose/causes.js'
import { causeOf } from '../../src/diagnose/decide.js'
import { diagnose } from '../../src/diagnose/diagnose.js'
import type { Cause, Fix, Observations, TcpOutcome } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

t.test('a working hairpin, by what the listener saw', async (t) => {
  const cases: Array<[Parameters<typeof tcpReport>[0], Cause, RegExp]> = [
    [{ observedPeer: '203.0.113.7', peerKind: 'public-ip' }, 'hairpin-ok-public-source', /public address 203\.0\.113\.7.*RFC 4787/],
    [{ observedPeer: '192.168.77.1', peerKind: 'gateway' }, 'hairpin-ok-gateway-source', /gateway's LAN address 192\.168\.77\.1/],
    [{ observedPeer: '192.168.77.10', peerKind: 'client' }, 'hairpin-ok-client-source', /client's own address/],
    [{ observedPeer: '10.9.9.9', peerKind: 'other' }, 'hairpin-ok-other-source', /sees 10\.9\.9\.9/],
    [{ observedPeer: '10.9.9.9', peerKind: null }, 'hairpin-ok-other-source', /sees 10\.9\.9\.9/],
  ]
  for (const [tcp, cause, summary] of cases) {
    const v = diagnose(observations({ tcp: tcpReport(tcp) }))
    t.equal(v.cause, cause)
    t.equal(v.hairpin, true)
    t.match(v.summary, /^Hairpin NAT works: 203\.0\.113\.7:8443 reached this host/)
    t.match(v.summary, summary)
  }
  t.same(diagnose(observations({ tcp: tcpReport({ observedPeer: '203.0.113.7', peerKind: 'public-ip' }) })).fixes, [], 'RFC behaviour: nothing to fix')
  t.ok(diagnose(observations()).fixes.length > 0, 'gateway source: improvements offered')
})

t.test('a failing hairpin, by outcome', async (t) => {
  const cases: Array<[TcpOutcome, Cause, RegExp, Partial<Parameters<typeof tcpReport>[0]>?]> = [
    ['refused', 'no-reflection', /refused the connection from inside/],
    ['wrong-service', 'router-answered', /something other than this host answered.*It sent: "HTTP\/1\.1 400"/, { answer: 'HTTP/1.1 400' }],
    ['wrong-service', 'router-answered', /answered on 203\.0\.113\.7:8443 from inside[^"]*$/, { answer: '' }],
    ['reset', 'router-answered', /accepted the connection to 203\.0\.113\.7:8443 from inside and then reset it/],
    ['timeout', 'no-snat-or-filtered', /got no answer in 2000 ms.*not the source/, { ms: 2000 }],
    ['unreachable', 'unreachable', /unreachable from inside \(EHOSTUNREACH\)/, { error: 'EHOSTUNREACH' }],
  ]
  for (const [outcome, cause, summary, extra] of cases) {
    const v = diagnose(observations({ tcp: tcpReport({ outcome, observedPeer: null, peerKind: null, ...extra }) }))
    t.equal(v.cause, cause, outcome)
    t.equal(v.hairpin, false)
    t.match(v.summary, /^Hairpin NAT does not work: /)
    t.match(v.summary, summary)
    t.ok(v.fixes.length >= 4, `${cause}: fixes offered`)
    t.ok(v.fixes.some((f) => f.commands.join('\n').includes('203.0.113.7')), `${cause}: filled in with the public IP`)
  }
})

t.test('inconclusive runs', async (t) => {
  const badInput = diagnose(observations({ port: null, fault: { kind: 'bad-input', code: null, message: 'port must be…' }, tcp: null, listener: null }))
  t.equal(badInput.cause, 'bad-input')
  t.equal(badInput.hairpin, null)
  t.equal(badInput.summary, 'No verdict: port must be…')
  t.same(badInput.fixes, [])

  const listen = diagnose(observations({ fault: { kind: 'listen-failed', code: 'EADDRINUSE', message: 'cannot listen' }, tcp: null, listener: null }))
  t.equal(listen.cause, 'listen-failed')
  t.equal(listen.hairpin, null)

  const sources = [
    { url: 'https://a', address: null, error: 'connect timed out', ms: 100 },
    { url: 'https://b', address: null, error: 'HTTP 500', ms: 10 },
  ]
  const fault = { kind: 'no-public-ip' as const, code: null, message: 'could not learn the public IP: …' }
  const noIp = diagnose(observations({ publicIp: { address: null, via: 'echo', sources, onThisHost: null }, tcp: null, fault }))
  t.equal(noIp.cause, 'no-public-ip')
  t.equal(noIp.summary, 'No verdict: could not learn the public IP: ….')
  const bare = diagnose(observations({ publicIp: { address: null, via: 'echo', sources, onThisHost: null }, tcp: null }))
  t.equal(bare.cause, 'no-public-ip', 'also without a recorded fault')
  t.match(bare.summary, /--public-ip ADDR/)

  const err = diagnose(observations({ tcp: tcpReport({ outcome: 'error', observedPeer: null, peerKind: null, error: 'EADDRNOTAVAIL' }) }))
  t.equal(err.cause, 'probe-error')
  t.match(err.summary, /EADDRNOTAVAIL/)
  const probeFault = diagnose(observations({ tcp: null, fault: { kind: 'probe-error', code: null, message: 'boom' } }))
  t.equal(probeFault.cause, 'probe-error')
  t.match(probeFault.summary, /boom/)
  t.match(diagnose(observations({ tcp: null })).summary, /nothing was tested/)
})

t.test('not behind NAT', async (t) => {
  const v = diagnose(observations({ publicIp: { ...observations().publicIp, onThisHost: true }, tcp: tcpReport({ observedPeer: '203.0.113.7', peerKind: 'client' }) }))
  t.equal(v.cause, 'not-behind-nat')
  t.equal(v.hairpin, null)
  t.same(v.fixes, [])
  t.same(v.warnings, [])
  const blocked = diagnose(observations({ publicIp: { ...observations().publicIp, onThisHost: true }, tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) }))
  t.match(blocked.warnings.join('\n'), /firewall on this host/)
})

t.test('warnings', async (t) => {
  t.same(diagnose(observations()).warnings, [], 'a clean run has none')
  const pub = observations().publicIp
  const disagree = diagnose(
    observations({
      publicIp: { ...pub, sources: [...pub.sources, { url: 'https://odd', address: '198.51.100.99', error: null, ms: 9 }] },
    }),
  )
  t.match(disagree.warnings[0], /Echo services disagree: https:\/\/odd said 198\.51\.100\.99; using 203\.0\.113\.7, the answer most agreed on/)
  const tied = diagnose(observations({ publicIp: { ...pub, sources: [pub.sources[0]!, { url: 'https://odd', address: '198.51.100.99', error: null, ms: 9 }] } }))
  t.match(tied.warnings[0], /no majority, so 203\.0\.113\.7 \(the first answer\) is used and the public IP is uncertain/)

  const lonely = diagnose(observations({ publicIp: { ...pub, sources: [pub.sources[0]!, { url: 'https://b', address: null, error: 'x', ms: 1 }] } }))
  t.match(lonely.warnings[0], /Only 1 of 2 echo services answered/)
  const single = diagnose(observations({ publicIp: { ...pub, sources: [pub.sources[0]!] } }))
  t.same(single.warnings, [], 'one configured source: nothing to confirm against')
  const flag = diagnose(observations({ publicIp: { address: '203.0.113.7', via: 'flag', sources: [], onThisHost: false } }))
  t.same(flag.warnings, [])

  const ranged = (address: string) =>
    diagnose(observations({ publicIp: { address, via: 'flag', sources: [], onThisHost: false } })).warnings.join('\n')
  t.match(ranged('192.168.1.1'), /double NAT/)
  t.match(ranged('100.64.1.1'), /carrier-grade NAT/)
  t.match(ranged('127.0.0.1'), /loopback/)
  t.match(ranged('169.254.0.1'), /link-local/)
  t.equal(ranged('198.51.100.1'), '', 'documentation range: no warning (it is what labs use)')

  t.match(diagnose(observations({ tcp: tcpReport({ strangers: 1 }) })).warnings[0], /^1 other connection or datagram reached .* was left unanswered/)
  t.match(diagnose(observations({ tcp: tcpReport({ strangers: 3 }) })).warnings[0], /^3 other connections or datagrams reached .* were left unanswered/)
  const noGw = diagnose(observations({ client: { ...observations().client, gateway: null } }))
  t.match(noGw.warnings[0], /default gateway could not be read/)
})

t.test('fixes are filled in for this network', async (t) => {
  const v = diagnose(observations({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) }))
  const all = v.fixes.flatMap((f) => f.commands).join('\n')
  t.match(all, /192\.168\.77\.0\/24/)
  t.match(all, /192\.168\.77\.10/)
  t.match(all, /8443/)
  t.notMatch(all, /null|undefined/)
})

t.test('hairpinOf', async (t) => {
  t.equal(hairpinOf('hairpin-ok-gateway-source'), true)
  t.equal(hairpinOf('no-snat-or-filtered'), false)
  t.equal(hairpinOf('no-public-ip'), null)
  t.equal(hairpinOf('not-behind-nat'), null)
})

t.test('causeOf: faults come in the order they happen', async (t) => {
  t.same(causeOf(observations({ fault: { kind: 'bad-input', code: null, message: '' }, publicIp: { address: null, via: 'echo', sources: [], onThisHost: null } })), { cause: 'bad-input', protocol: null })
  t.same(causeOf(observations({ fault: { kind: 'listen-failed', code: null, message: '' }, publicIp: { address: null, via: 'echo', sources: [], onThisHost: null } })), { cause: 'listen-failed', protocol: null })
})

t.test('UDP: each outcome, the protocol named, and both protocols together', async (t) => {
  const cases: Array<[Parameters<typeof udpReport>[0], Cause, RegExp]> = [
    [{ outcome: 'direct-reply', observedPeer: '192.168.77.20', peerKind: 'other', replyFrom: '192.168.77.10' }, 'dnat-without-snat', /^Hairpin NAT does not work over UDP: the answer .* came back from 192\.168\.77\.10, not from 203\.0\.113\.7.*saw 192\.168\.77\.20/],
    [{ outcome: 'timeout', observedPeer: null, peerKind: null, ms: 1500 }, 'no-snat-or-filtered', /over UDP: datagrams to 203\.0\.113\.7:8443 from inside got no answer in 1500 ms/],
    [{ outcome: 'refused', observedPeer: null, peerKind: null }, 'no-reflection', /refused the datagrams \(ICMP port unreachable\)/],
    [{ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: 'xyz' }, 'router-answered', /It sent: "xyz"/],
    [{ outcome: 'unreachable', observedPeer: null, peerKind: null, error: 'EHOSTUNREACH' }, 'unreachable', /\(EHOSTUNREACH\)/],
  ]
  for (const [udp, cause, summary] of cases) {
    const v = diagnose(observations({ udp: udpReport(udp) }))
    t.equal(v.cause, cause)
    t.equal(v.protocol, 'udp', 'TCP worked: the cause is about UDP')
    t.equal(v.hairpin, false)
    t.match(v.summary, summary)
    t.ok(v.fixes.flatMap((f) => f.commands).every((c) => !/\btcp dport\b/.test(c)), `${cause}: UDP syntax in the fixes`)
  }
  const both = diagnose(observations({ udp: udpReport() }))
  t.equal(both.cause, 'hairpin-ok-gateway-source')
  t.equal(both.protocol, 'tcp')
  t.match(both.summary, /^Hairpin NAT works over TCP and UDP:/)
  const tcpFails = diagnose(observations({ udp: udpReport(), tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) }))
  t.match(tcpFails.summary, /^Hairpin NAT does not work over TCP:/)
  t.equal(tcpFails.protocol, 'tcp')
  const udpOnly = diagnose(observations({ tcp: null, udp: udpReport({ observedPeer: '203.0.113.7', peerKind: 'public-ip' }) }))
  t.equal(udpOnly.cause, 'hairpin-ok-public-source')
  t.equal(udpOnly.protocol, 'udp')
  t.match(udpOnly.summary, /^Hairpin NAT works over UDP:.*public address 203\.0\.113\.7/)
  t.match(diagnose(observations({ udp: udpReport({ strangers: 2 }), tcp: tcpReport({ strangers: 1 }) })).warnings[0], /^3 other connections or datagrams/)
})

t.test('DNS names', async (t) => {
  const dns = (over: Partial<NonNullable<Observations['dns']>>): Observations['dns'] => ({ name: 'app.lab', addresses: ['203.0.113.7'], pointsTo: 'public-ip', error: null, direct: null, ...over })
  const pub = diagnose(observations({ dns: dns({}) }))
  t.equal(pub.cause, 'hairpin-ok-gateway-source', 'pointing at the public IP: the hairpin verdict stands')
  const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })

  const split = diagnose(observations({ tcp: refused, dns: dns({ addresses: ['192.168.77.10'], pointsTo: 'lan', direct: { address: '192.168.77.10', outcome: 'ok', observedPeer: '192.168.77.10', ms: 2 } }) }))
  t.equal(split.cause, 'split-horizon-dns')
  t.equal(split.hairpin, false)
  t.match(split.summary, /^app\.lab resolves to the LAN address 192\.168\.77\.10 here.*through 203\.0\.113\.7:8443 itself hairpin NAT does not work \(no-reflection\)/)
  t.match(split.warnings.join('\n'), /Clients that use 203\.0\.113\.7 itself .* still fail: no-reflection/)
  t.same(split.fixes, [])
  const splitOk = diagnose(observations({ dns: dns({ addresses: ['192.168.77.10'], pointsTo: 'lan', direct: { address: '192.168.77.10', outcome: 'ok', observedPeer: '192.168.77.10', ms: 2 } }) }))
  t.match(splitOk.summary, /itself hairpin NAT works/)

  const lanDead = diagnose(observations({ dns: dns({ addresses: ['192.168.77.99'], pointsTo: 'lan', direct: { address: '192.168.77.99', outcome: 'timeout', observedPeer: null, ms: 900 } }) }))
  t.equal(lanDead.cause, 'hairpin-ok-gateway-source', 'the LAN address does not answer: the hairpin verdict stands')
  t.match(lanDead.warnings.join('\n'), /app\.lab resolves to 192\.168\.77\.99 here, but 192\.168\.77\.99:8443 did not answer \(timeout\)/)

  const elsewhere = diagnose(observations({ dns: dns({ addresses: ['198.51.100.77'], pointsTo: 'elsewhere' }) }))
  t.equal(elsewhere.cause, 'dns-elsewhere')
  t.match(elsewhere.summary, /^app\.lab resolves to 198\.51\.100\.77, not to this network's public IP 203\.0\.113\.7/)
  t.match(elsewhere.fixes[0]?.commands.join('\n'), /now: 198\.51\.100\.77/)

  const none = diagnose(observations({ dns: dns({ addresses: [], pointsTo: 'none', error: 'ENOTFOUND' }) }))
  t.equal(none.cause, 'dns-unresolved')
  t.match(none.summary, /^app\.lab does not resolve from this host \(ENOTFOUND\)/)
  t.match(none.fixes[0]?.commands.join('\n'), /getent hosts app\.lab/)

  for (const error of ['EAI_AGAIN', 'timeout after 3000 ms', 'ESERVFAIL', null]) {
    const failed = diagnose(observations({ dns: dns({ addresses: [], pointsTo: 'none', error }) }))
    t.equal(failed.cause, 'dns-failed', `${error}: the resolver did not answer, no verdict on the name`)
    t.match(failed.summary, /^No verdict: the resolver did not answer for app\.lab/)
  }
  t.equal(diagnose(observations({ dns: dns({ addresses: [], pointsTo: 'none', error: 'no addresses' }) })).cause, 'dns-unresolved')
  const noVerdict = diagnose(observations({ publicIp: { address: null, via: 'echo', sources: [], onThisHost: null }, tcp: null, dns: dns({ pointsTo: 'none' }) }))
  t.equal(noVerdict.cause, 'no-public-ip', 'a name only matters once the public IP was tested')
})

t.test('IPv6: a working direct path moves the AAAA fix first', async (t) => {
  const v6 = (over: Partial<NonNullable<Observations['ipv6']>> = {}): Observations['ipv6'] => ({
    address: '2001:db8:77::10',
    publicAddress: '2001:db8:77::10',
    sources: [],
    target: '2001:db8:77::10',
    outcome: 'ok',
    observedPeer: '2001:db8:77::10',
    ms: 1,
    error: null,
    ...over,
  })
  const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })
  const v = diagnose(observations({ tcp: refused, ipv6: v6() }))
  t.equal(v.fixes[0]?.id, 'ipv6-aaaa-record')
  t.match(v.fixes[0]?.commands.join('\n'), /AAAA 2001:db8:77::10/)
  t.match(v.warnings.join('\n'), /IPv6 needs no NAT: \[2001:db8:77::10\]:8443 reached the listener directly/)
  const dead = diagnose(observations({ tcp: refused, ipv6: v6({ outcome: 'refused' }) }))
  t.equal(dead.fixes[0]?.id, 'nat-loopback-setting', 'IPv6 did not work: the usual order')
  t.notMatch(dead.warnings.join('\n'), /IPv6 needs no NAT/)
  const fine = diagnose(observations({ ipv6: v6() }))
  t.notMatch(fine.warnings.join('\n'), /IPv6 needs no NAT/, 'nothing to work around')
  t.equal(fine.fixes[0]?.id, 'snat-to-public', 'no AAAA fix among improvements: order kept')
  const nat66 = diagnose(observations({ ipv6: v6({ publicAddress: '2001:db8:ff::1' }) }))
  t.match(nat66.warnings.join('\n'), /IPv6 echo services see 2001:db8:ff::1, not this host's 2001:db8:77::10/)
  const aaaaName = diagnose(observations({ tcp: refused, dns: { name: 'v6.lab', addresses: ['203.0.113.7', '2001:db8:77::99'], pointsTo: 'public-ip', error: null, direct: null } }))
  t.match(aaaaName.fixes.find((f) => f.id === 'ipv6-aaaa-record')?.commands.join('\n'), /v6\.lab\. AAAA 2001:db8:77::99/)
})

t.test('--target: same, different, and faults on either end', async (t) => {
  const svc = (over: Partial<NonNullable<NonNullable<Observations['target']>['direct']>> = {}) => ({
    outcome: 'ok' as const,
    kind: 'tls' as const,
    banner: null,
    tls: null,
    http: null,
    error: null,
    ms: 5,
    description: 'TLS certificate CN=server.lab',
    ...over,
  })
  const tgt = (over: Partial<NonNullable<Observations['target']>>): Observations['target'] => ({ address: '192.168.77.10', reason: 'flag', viaPublicIp: svc(), direct: svc(), same: true, ...over })
  const base = { tcp: null, mode: 'target' as const }
  const same = diagnose(observations({ ...base, target: tgt({}) }))
  t.equal(same.cause, 'target-same')
  t.equal(same.hairpin, true)
  t.match(same.summary, /reaches the same service as the server 192\.168\.77\.10:8443 directly \(TLS certificate CN=server\.lab\)\. The address the server sees cannot be told/)
  const diff = diagnose(observations({ ...base, target: tgt({ same: false, viaPublicIp: svc({ kind: 'http', description: 'HTTP 400, Server: router' }) }) }))
  t.equal(diff.cause, 'target-different')
  t.match(diff.summary, /answered by HTTP 400, Server: router, not by the server 192\.168\.77\.10:8443/)
  t.equal(diff.fixes[0]?.id, 'router-service-port')
  t.equal(diagnose(observations({ ...base, target: tgt({ viaPublicIp: svc({ outcome: 'refused' }), same: null }) })).cause, 'no-reflection')
  const silent = diagnose(observations({ ...base, target: tgt({ viaPublicIp: svc({ outcome: 'timeout', ms: 4000 }), same: null }) }))
  t.equal(silent.cause, 'no-snat-or-filtered')
  t.match(silent.summary, /got no answer in 4000 ms/, "the public side's figures, in --target mode")
  const unreach = diagnose(observations({ ...base, target: tgt({ viaPublicIp: svc({ outcome: 'unreachable', error: null }), same: null }) }))
  t.match(unreach.summary, /unreachable from inside: the router/, 'no error code: no empty brackets')
  t.match(diagnose(observations({ ...base, target: tgt({ viaPublicIp: svc({ outcome: 'unreachable', error: 'EHOSTUNREACH' }), same: null }) })).summary, /\(EHOSTUNREACH\)/)
  const dead = diagnose(observations({ ...base, target: tgt({ direct: svc({ outcome: 'refused', description: 'nothing accepted the connection (refused)' }), same: null }) }))
  t.equal(dead.cause, 'target-unreachable')
  t.match(dead.summary, /server 192\.168\.77\.10:8443 itself does not answer \(nothing accepted the connection \(refused\)\)/)
  t.match(diagnose(observations({ ...base, target: tgt({ direct: null }) })).summary, /not tried/)
  t.equal(diagnose(observations({ ...base, target: tgt({ viaPublicIp: null }) })).cause, 'probe-error')
  const unknown = diagnose(observations({ ...base, target: tgt({ same: null }) }))
  t.equal(unknown.cause, 'probe-error')
  t.match(unknown.summary, /could not tell the services apart/)
  const inUse = diagnose(observations({ ...base, target: tgt({ reason: 'port-in-use' }) }))
  t.match(inUse.warnings.join('\n'), /Something already listens on port 8443 here/)
})

t.test('TCP silence plus a UDP direct reply: DNAT without SNAT, for both', async (t) => {
  const v = diagnose(
    observations({
      tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null, ms: 1900 }),
      udp: udpReport({ outcome: 'direct-reply', observedPeer: '192.168.77.20', peerKind: 'client', replyFrom: '192.168.77.10' }),
    }),
  )
  t.equal(v.cause, 'dnat-without-snat')
  t.equal(v.protocol, 'tcp', 'the fix commands are for the TCP service')
  t.match(v.summary, /^Hairpin NAT does not work: the answer to a datagram .* That is also why the TCP connection got no answer in 1900 ms\.$/)
  t.match(v.fixes[0]?.commands.join('\n'), /tcp dport 8443 ct status dnat masquerade/)
})

t.test('--peer: a refusal may be a serve that is not running', async (t) => {
  const v = diagnose(observations({ mode: 'peer', listener: null, tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) }))
  t.match(v.warnings.join('\n'), /is "hairpin-check serve 8443" running on it\?/)
  t.notMatch(diagnose(observations({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) })).warnings.join('\n'), /serve/)
})

const gw = (over: Partial<NonNullable<Observations['gateway']>> = {}): Observations['gateway'] => ({ address: '192.168.77.1', natpmp: null, pcp: null, upnp: null, webui: null, vendor: null, ...over })
const natpmp = (resultCode: number, externalIp: string | null) => ({ resultCode, externalIp, epoch: 1, error: null, ms: 2 })
const upnp = (over: Partial<NonNullable<NonNullable<Observations['gateway']>['upnp']>> = {}) => ({
  found: true,
  location: 'http://192.168.77.1:5000/rootDesc.xml',
  manufacturer: 'Lab Networks',
  model: 'HairpinLab 1',
  friendlyName: 'Lab Router',
  serviceType: 'urn:schemas-upnp-org:service:WANIPConnection:1',
  connectionStatus: 'Connected',
  externalIp: '203.0.113.7',
  mapping: null,
  error: null,
  ms: 9,
  ...over,
})

t.test('another NAT in front: CGNAT and double NAT', async (t) => {
  const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })
  const cg = diagnose(observations({ tcp: refused, gateway: gw({ natpmp: natpmp(0, '100.64.7.2') }) }))
  t.equal(cg.cause, 'cgnat')
  t.equal(cg.hairpin, false)
  t.match(cg.summary, /WAN address is 100\.64\.7\.2, in 100\.64\.0\.0\/10: your ISP's carrier-grade NAT owns 203\.0\.113\.7.*\(no-reflection from inside\)/)
  t.equal(cg.fixes[0]?.id, 'isp-public-address')
  const priv = diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp({ externalIp: '192.168.1.2' }) }) }))
  t.equal(priv.cause, 'double-nat')
  t.match(priv.summary, /WAN address is 192\.168\.1\.2, not 203\.0\.113\.7/)
  t.match(byIdOf(priv.fixes, 'forward-on-both'), /this router's WAN address 192\.168\.1\.2/)
  const otherPublic = diagnose(observations({ tcp: refused, gateway: gw({ natpmp: natpmp(0, '198.51.100.200') }) }))
  t.equal(otherPublic.cause, 'double-nat', 'a public WAN address other than what echo services see')
  const noWan = diagnose(observations({ tcp: refused, gateway: gw({ natpmp: natpmp(3, '0.0.0.0') }) }))
  t.equal(noWan.cause, 'double-nat')
  t.match(noWan.summary, /reports no usable public WAN address \(NAT-PMP "network failure", or a UPnP IGD without an external address\)/)
  const same = diagnose(observations({ tcp: refused, gateway: gw({ natpmp: natpmp(0, '203.0.113.7') }) }))
  t.equal(same.cause, 'no-reflection', 'the WAN address is the public IP: no NAT in front')
  t.equal(diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp({ externalIp: null }) }) })).cause, 'double-nat', 'an IGD without an external address (miniupnpd behind CGNAT says Connected all the same)')
  t.equal(diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp({ connectionStatus: null }) }) })).cause, 'no-reflection')
  t.equal(diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp({ externalIp: null, error: 'timeout' }) }) })).cause, 'no-reflection', 'a failed UPnP query says nothing')
  t.equal(diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp({ externalIp: null, found: false }) }) })).cause, 'no-reflection', 'no IGD says nothing')

  const works = diagnose(observations({ gateway: gw({ natpmp: natpmp(0, '100.64.7.2') }) }))
  t.equal(works.cause, 'hairpin-ok-gateway-source', 'hairpinning works: the NAT in front is a warning')
  t.match(works.warnings.join('\n'), /WAN address \(100\.64\.7\.2\) shows the ISP's carrier-grade NAT in front of it/)
  t.match(diagnose(observations({ gateway: gw({ natpmp: natpmp(3, null) }) })).warnings.join('\n'), /\(none usable\) shows another router or NAT/)
})

function byIdOf(fixes: Fix[], id: string): string {
  return fixes.find((f) => f.id === id)?.commands.join('\n') ?? ''
}

t.test('the vendor named over UPnP puts its fixes first', async (t) => {
  const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })
  const cases: Array<[Partial<ReturnType<typeof upnp>>, string]> = [
    [{ manufacturer: 'MikroTik', model: 'RB5009' }, 'mikrotik-hairpin-nat'],
    [{ manufacturer: 'OpenWrt', model: 'x86' }, 'openwrt-reflection'],
    [{ manufacturer: null, model: null, friendlyName: 'pfSense router' }, 'pfsense-nat-reflection'],
    [{ manufacturer: 'Deciso B.V.', model: 'OPNsense' }, 'opnsense-nat-reflection'],
    [{ manufacturer: 'Ubiquiti Networks', model: 'EdgeRouter X' }, 'edgerouter-hairpin-nat'],
  ]
  for (const [u, first] of cases) {
    const v = diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp(u) }) }))
    t.equal(v.fixes[0]?.id, first, first)
    t.match(v.warnings.join('\n'), /names itself .* over UPnP: its fixes come first/)
  }
  const plain = diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp() }) }))
  t.equal(plain.fixes[0]?.id, 'nat-loopback-setting', 'an unknown vendor: the usual order')
  const snatHalf = diagnose(observations({ tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null }), gateway: gw({ upnp: upnp({ manufacturer: 'OpenWrt' }) }) }))
  t.equal(snatHalf.fixes[0]?.id, 'openwrt-reflection')
  const ok = diagnose(observations({ gateway: gw({ upnp: upnp({ manufacturer: 'MikroTik' }) }) }))
  t.notMatch(ok.warnings.join('\n'), /names itself/, 'works: nothing to put first')
})

t.test('the UPnP mapping and the outside check', async (t) => {
  const mapped = (internalClient: string | null) => gw({ upnp: upnp({ mapping: { internalClient, internalPort: 8443, enabled: true, description: 'x', leaseDuration: 0 } }) })
  t.match(diagnose(observations({ gateway: mapped('192.168.77.50') })).warnings.join('\n'), /UPnP shows port 8443 forwarded to 192\.168\.77\.50, not to 192\.168\.77\.10/)
  t.notMatch(diagnose(observations({ gateway: mapped('192.168.77.10') })).warnings.join('\n'), /UPnP shows/)
  t.notMatch(diagnose(observations({ gateway: mapped(null) })).warnings.join('\n'), /UPnP shows/)
  t.notMatch(diagnose(observations({ gateway: mapped('192.168.77.50'), tcp: null, client: { ...observations().client, address: null } })).warnings.join('\n'), /UPnP shows/)

  const ext = (over: Partial<NonNullable<Observations['external']>>): Observations['external'] => ({ reachable: true, via: 'http://198.51.100.10/port/8443', ip: '203.0.113.7', error: null, ms: 20, seenByListener: true, ...over })
  t.same(diagnose(observations({ external: ext({}) })).warnings, [])
  t.match(diagnose(observations({ external: ext({ reachable: false, seenByListener: false }) })).warnings.join('\n'), /could not connect to 203\.0\.113\.7:8443: the forward does not work from the internet either/)
  t.match(diagnose(observations({ external: ext({ reachable: false, ip: null }) })).warnings.join('\n'), /connect to 203\.0\.113\.7:8443/)
  t.match(diagnose(observations({ external: ext({ reachable: null, error: 'HTTP 500' }) })).warnings.join('\n'), /The outside check \(http:\/\/198\.51\.100\.10\/port\/8443\) gave no answer: HTTP 500/)
  t.match(diagnose(observations({ external: ext({ seenByListener: false }) })).warnings.join('\n'), /reached port 8443 from outside, but our listener saw nothing/)
  t.same(diagnose(observations({ external: ext({ seenByListener: null }) })).warnings, [])
})
