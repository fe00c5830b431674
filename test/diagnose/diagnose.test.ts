import t from 'tap'
import { CAUSES, hairpinOf, type FrontPicture } from '../../src/diagnose/causes.js'
import { causeOf } from '../../src/diagnose/decide.js'
import { diagnose } from '../../src/diagnose/diagnose.js'
import type { AnsweredByReport, Cause, Fix, Observations, ServiceReport, TcpOutcome } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

/** What answered somewhere: an HTTP service unless the test says otherwise. */
const service = (over: Partial<ServiceReport> = {}): ServiceReport => ({
  outcome: 'ok',
  kind: 'http',
  banner: null,
  tls: null,
  http: { status: 400, server: 'router-webui', title: null },
  error: null,
  ms: 3,
  description: 'HTTP 400, Server: router-webui',
  ...over,
})
/** What answered on the public IP instead of our listener, and what answers elsewhere. */
const answeredBy = (over: Partial<AnsweredByReport> = {}): AnsweredByReport => ({ viaPublicIp: service(), gateway: null, forwardTarget: null, router: null, ...over })
/** What answered is the router's own: it looks like OpenWrt's web interface. */
const routerAnswered = answeredBy({ router: { id: 'openwrt', name: 'OpenWrt', via: 'web UI title', evidence: 'LuCI' } })

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
  // Something else answering is the router's only when what answered is known to be the router's own.
  const cases: Array<[TcpOutcome, Cause, RegExp, Partial<Parameters<typeof tcpReport>[0]>?, Partial<Observations>?]> = [
    ['refused', 'no-reflection', /refused the connection from inside/],
    ['wrong-service', 'router-answered', /something other than this host answered.*It sent: "HTTP\/1\.1 400"/, { answer: 'HTTP/1.1 400' }, { answeredBy: routerAnswered }],
    ['wrong-service', 'router-answered', /answered on 203\.0\.113\.7:8443 from inside[^"]*$/, { answer: '' }, { answeredBy: routerAnswered }],
    ['reset', 'router-answered', /accepted the connection to 203\.0\.113\.7:8443 from inside and then reset it/, {}, { answeredBy: routerAnswered }],
    ['timeout', 'no-snat-or-filtered', /got no answer in 2000 ms.*not the source/, { ms: 2000 }],
    ['unreachable', 'unreachable', /unreachable from inside \(EHOSTUNREACH\)/, { error: 'EHOSTUNREACH' }],
  ]
  for (const [outcome, cause, summary, extra, more] of cases) {
    const v = diagnose(observations({ tcp: tcpReport({ outcome, observedPeer: null, peerKind: null, ...extra }), ...more }))
    t.equal(v.cause, cause, outcome)
    t.equal(v.hairpin, false)
    t.match(v.summary, /^Hairpin NAT does not work: /)
    t.match(v.summary, summary)
    t.ok(v.fixes.length >= 4, `${cause}: fixes offered`)
    t.ok(v.fixes.some((f) => f.commands.join('\n').includes('203.0.113.7')), `${cause}: filled in with the public IP`)
  }
})

t.test('something else answered: what it is decides', async (t) => {
  const answered = (tcp: Partial<Parameters<typeof tcpReport>[0]>, over: Partial<Observations> = {}) =>
    diagnose(observations({ tcp: tcpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, ...tcp }), ...over }))

  const unknown = answered({ answer: 'HTTP/1.1 400' })
  t.equal(unknown.cause, 'other-service-answered', 'nothing identified it: no verdict')
  t.equal(unknown.hairpin, null)
  t.equal(unknown.protocol, 'tcp')
  t.match(unknown.summary, /^No verdict: 203\.0\.113\.7:8443 from inside did not reach this host's listener; something else answered \(it sent "HTTP\/1\.1 400"\)/)
  t.match(unknown.summary, /--target SERVER_ADDRESS/)
  t.same(unknown.fixes, [])
  t.match(answered({ answer: '' }).summary, /something else answered \(it could not be identified\)/)
  t.equal(answered({ outcome: 'reset' }).cause, 'other-service-answered', 'a reset alone is not the router either')

  const identified = answered({ answer: 'HTTP/1.1 400' }, { answeredBy: answeredBy() })
  t.equal(identified.cause, 'other-service-answered', 'identified, but nothing ties it to the router or the server')
  t.match(identified.summary, /something else answered \(HTTP 400, Server: router-webui\)/)

  const atGateway = answered({}, { answeredBy: answeredBy({ gateway: service() }) })
  t.equal(atGateway.cause, 'router-answered', "the same service answers at the gateway's LAN address")
  t.equal(atGateway.hairpin, false)
  const elsewhereAtGateway = answered({}, { answeredBy: answeredBy({ gateway: service({ http: { status: 200, server: 'other', title: null } }) }) })
  t.equal(elsewhereAtGateway.cause, 'other-service-answered', 'another service at the gateway')

  const cert = {
    fingerprint256: 'AB:CD',
    subject: 'app.lab',
    issuer: 'Lab CA',
    validTo: null,
    alpn: null,
    organization: null,
    sans: ['app.lab'],
    trusted: true,
    validForName: true,
  }
  const tlsService = service({ kind: 'tls', tls: cert, http: null, description: 'TLS certificate CN=app.lab (SHA-256 AB:CD)' })
  const dns = { name: 'app.lab', addresses: ['203.0.113.7'], pointsTo: 'public-ip' as const, error: null, direct: null }
  const byCert = answered({}, { answeredBy: answeredBy({ viaPublicIp: tlsService }), dns })
  t.equal(byCert.cause, 'hairpin-ok-other-host', 'a certificate valid for --host: the real server answered')
  t.equal(byCert.hairpin, true)
  t.match(byCert.summary, /^Hairpin NAT works: 203\.0\.113\.7:8443 from inside reached your server on another host, not this one: its TLS certificate is valid for app\.lab \(TLS certificate CN=app\.lab/)
  t.same(byCert.fixes, [])
  const notForName = answered({}, { answeredBy: answeredBy({ viaPublicIp: service({ kind: 'tls', tls: { ...cert, validForName: false }, http: null }) }) })
  t.equal(notForName.cause, 'other-service-answered', 'a certificate not valid for the name settles nothing')

  const forwardTarget = { address: '192.168.77.50', service: service({ description: 'HTTP 400, Server: router-webui' }) }
  const byForward = answered({}, { answeredBy: answeredBy({ forwardTarget }) })
  t.equal(byForward.cause, 'hairpin-ok-other-host', "the same service as at the UPnP forward's target")
  t.match(byForward.summary, /it is the same service that answers at 192\.168\.77\.50:8443, where the router's UPnP forward points/)
  const otherForward = answered({}, { answeredBy: answeredBy({ forwardTarget: { ...forwardTarget, service: service({ kind: 'ssh', http: null, banner: 'SSH-2.0-x' }) } }) })
  t.equal(otherForward.cause, 'other-service-answered', "another service at the forward's target")

  const routerFirst = answered({}, { answeredBy: answeredBy({ router: routerAnswered.router, viaPublicIp: tlsService }), dns })
  t.equal(routerFirst.cause, 'router-answered', 'router firmware wins over a certificate')
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
    { url: 'https://a', address: null, error: 'connect timed out', ms: 100, rejected: null },
    { url: 'https://b', address: null, error: 'HTTP 500', ms: 10, rejected: null },
  ]
  const fault = { kind: 'no-public-ip' as const, code: null, message: 'could not learn the public IP: …' }
  const noIp = diagnose(observations({ publicIp: { address: null, via: 'echo', sources, onThisHost: null, candidates: [], confirmedBy: null }, tcp: null, fault }))
  t.equal(noIp.cause, 'no-public-ip')
  t.equal(noIp.summary, 'No verdict: could not learn the public IP: ….')
  const bare = diagnose(observations({ publicIp: { address: null, via: 'echo', sources, onThisHost: null, candidates: [], confirmedBy: null }, tcp: null }))
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
      publicIp: { ...pub, sources: [...pub.sources, { url: 'https://odd', address: '198.51.100.99', error: null, ms: 9, rejected: null }] },
    }),
  )
  t.match(disagree.warnings[0], /Echo services disagree: https:\/\/odd said 198\.51\.100\.99; using 203\.0\.113\.7, the answer most agreed on/)
  const tiedSources = [pub.sources[0]!, { url: 'https://odd', address: '198.51.100.99', error: null, ms: 9, rejected: null }]
  const tiedCandidates = [
    { address: '203.0.113.7', votes: 1, outcome: null },
    { address: '198.51.100.99', votes: 1, outcome: null },
  ]
  const tied = diagnose(observations({ publicIp: { ...pub, sources: tiedSources, candidates: tiedCandidates, confirmedBy: null } }))
  t.match(tied.warnings[0], /no majority, so 203\.0\.113\.7 \(the first answer\) is used; the public IP is uncertain/)
  const probedTie = diagnose(
    observations({ publicIp: { ...pub, sources: tiedSources, candidates: tiedCandidates.map((c, i) => ({ ...c, outcome: i === 0 ? ('ok' as const) : ('timeout' as const) })), confirmedBy: null } }),
  )
  t.match(probedTie.warnings[0], /no majority, so each of 203\.0\.113\.7, 198\.51\.100\.99 was probed and 203\.0\.113\.7 is used; the public IP is uncertain/)

  const lonely = diagnose(observations({ publicIp: { ...pub, sources: [pub.sources[0]!, { url: 'https://b', address: null, error: 'x', ms: 1, rejected: null }] } }))
  t.match(lonely.warnings[0], /Only 1 of 2 echo services answered/)
  const single = diagnose(observations({ publicIp: { ...pub, sources: [pub.sources[0]!] } }))
  t.same(single.warnings, [], 'one configured source: nothing to confirm against')
  const flag = diagnose(observations({ publicIp: { address: '203.0.113.7', via: 'flag', sources: [], onThisHost: false, candidates: [], confirmedBy: 'flag' } }))
  t.same(flag.warnings, [])

  const ranged = (address: string) =>
    diagnose(observations({ publicIp: { address, via: 'flag', sources: [], onThisHost: false, candidates: [], confirmedBy: 'flag' } })).warnings.join('\n')
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
  t.equal(hairpinOf('split-horizon-dns'), null, "a cause about the name: the public IP's own answer is the verdict's, not the cause's")
})

t.test('causeOf: faults come in the order they happen', async (t) => {
  t.same(causeOf(observations({ fault: { kind: 'bad-input', code: null, message: '' }, publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null } })), { cause: 'bad-input', protocol: null })
  t.same(causeOf(observations({ fault: { kind: 'listen-failed', code: null, message: '' }, publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null } })), { cause: 'listen-failed', protocol: null })
})

t.test('UDP: each outcome, the protocol named, and both protocols together', async (t) => {
  const cases: Array<[Parameters<typeof udpReport>[0], Cause, RegExp, Partial<Observations>?]> = [
    [{ outcome: 'direct-reply', observedPeer: '192.168.77.20', peerKind: 'other', replyFrom: '192.168.77.10' }, 'dnat-without-snat', /^Hairpin NAT does not work over UDP: the answer .* came back from 192\.168\.77\.10, not from 203\.0\.113\.7.*saw 192\.168\.77\.20/],
    [{ outcome: 'timeout', observedPeer: null, peerKind: null, ms: 1500 }, 'no-snat-or-filtered', /over UDP: datagrams to 203\.0\.113\.7:8443 from inside got no answer in 1500 ms/],
    [{ outcome: 'refused', observedPeer: null, peerKind: null }, 'no-reflection', /refused the datagrams \(ICMP port unreachable\)/],
    [{ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: 'xyz' }, 'router-answered', /It sent: "xyz"/, { answeredBy: routerAnswered }],
    [{ outcome: 'unreachable', observedPeer: null, peerKind: null, error: 'EHOSTUNREACH' }, 'unreachable', /\(EHOSTUNREACH\)/],
  ]
  for (const [udp, cause, summary, more] of cases) {
    const v = diagnose(observations({ udp: udpReport(udp), ...more }))
    t.equal(v.cause, cause)
    t.equal(v.protocol, 'udp', 'TCP worked: the cause is about UDP')
    t.equal(v.hairpin, false)
    t.match(v.summary, summary)
    t.ok(v.fixes.flatMap((f) => f.commands).every((c) => !/\btcp dport\b/.test(c)), `${cause}: UDP syntax in the fixes`)
  }
  const unknownUdp = diagnose(observations({ udp: udpReport({ outcome: 'wrong-service', observedPeer: null, peerKind: null, answer: 'xyz' }) }))
  t.equal(unknownUdp.cause, 'other-service-answered', 'an unidentified UDP answer: no verdict')
  t.equal(unknownUdp.protocol, 'udp')
  t.equal(unknownUdp.hairpin, null)
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
  const noVerdict = diagnose(observations({ publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null }, tcp: null, dns: dns({ pointsTo: 'none' }) }))
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
  t.equal(fine.fixes[0]?.id, 'openwrt-snat-to-public', 'no AAAA fix among improvements: order kept')
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
  t.match(v.fixes.find((f) => f.id.startsWith('nftables-'))?.commands.join('\n'), /tcp dport 8443 ct status dnat masquerade/)
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
  // A public WAN address other than what echo services saw: they saw another path (a VPN), not a NAT in front.
  const otherPublic = diagnose(observations({ tcp: refused, gateway: gw({ natpmp: natpmp(0, '81.2.69.160') }) }))
  t.equal(otherPublic.cause, 'other-path', 'a public WAN address other than what echo services see')
  t.equal(otherPublic.hairpin, null)
  t.match(otherPublic.summary, /^No verdict: 203\.0\.113\.7:8443 failed from inside \(refused\), but the gateway reports its external address as 81\.2\.69\.160, not 203\.0\.113\.7.*run again with --public-ip 81\.2\.69\.160/)
  const flagged = { address: '203.0.113.7', via: 'flag' as const, sources: [], onThisHost: false, candidates: [], confirmedBy: 'flag' as const }
  const givenOther = diagnose(observations({ tcp: refused, publicIp: flagged, gateway: gw({ natpmp: natpmp(0, '198.51.100.200') }) }))
  t.equal(givenOther.cause, 'double-nat', 'a WAN address other than the --public-ip given')
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

  // What the path picture says of the NAT in front.
  const front = (cause: 'cgnat' | 'double-nat'): FrontPicture => (CAUSES[cause].picture as { front: FrontPicture }).front
  t.equal(front('cgnat').outer, 'ISP NAT')
  t.match(front('cgnat').says('203.0.113.7', "the gateway's WAN address is 100.64.7.2"), /^203\.0\.113\.7 belongs to your ISP's carrier-grade NAT \(the gateway's WAN address is 100\.64\.7\.2\)/)
  t.equal(front('double-nat').outer, 'outer NAT')
  t.match(front('double-nat').says('203.0.113.7', 'the gateway reports no usable WAN address'), /^Another NAT in front of the gateway holds 203\.0\.113\.7 \(the gateway reports no usable WAN address\)/)
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
    [{ manufacturer: 'Ubiquiti Inc.', model: 'UniFi Dream Machine' }, 'unifi-port-forward'],
    [{ manufacturer: 'Fortinet', model: 'FortiGate-60F' }, 'fortigate-vip-hairpin'],
    [{ manufacturer: 'AVM', model: 'FRITZ!Box 7590' }, 'fritzbox-dns-rebind'],
  ]
  for (const [u, first] of cases) {
    const v = diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp(u) }) }))
    t.equal(v.fixes[0]?.id, first, first)
    t.match(v.warnings.join('\n'), /The gateway shows itself as .* over UPnP: its fixes come first/)
  }
  const plain = diagnose(observations({ tcp: refused, gateway: gw({ upnp: upnp() }) }))
  t.equal(plain.fixes[0]?.id, 'nat-loopback-setting', 'an unknown vendor: the usual order')
  const snatHalf = diagnose(observations({ tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null }), gateway: gw({ upnp: upnp({ manufacturer: 'OpenWrt' }) }) }))
  t.equal(snatHalf.fixes[0]?.id, 'openwrt-reflection')
  const ok = diagnose(observations({ gateway: gw({ upnp: upnp({ manufacturer: 'MikroTik' }) }) }))
  t.notMatch(ok.warnings.join('\n'), /shows itself/, 'works: nothing to put first')
})

t.test('the UPnP mapping and the outside check', async (t) => {
  const mapped = (internalClient: string | null) => gw({ upnp: upnp({ mapping: { internalClient, internalPort: 8443, enabled: true, description: 'x', leaseDuration: 0 } }) })
  t.match(diagnose(observations({ gateway: mapped('192.168.77.50') })).warnings.join('\n'), /UPnP shows port 8443 forwarded to 192\.168\.77\.50, not to 192\.168\.77\.10/)
  t.notMatch(diagnose(observations({ gateway: mapped('192.168.77.10') })).warnings.join('\n'), /UPnP shows/)
  t.notMatch(diagnose(observations({ gateway: mapped(null) })).warnings.join('\n'), /UPnP shows/)
  t.notMatch(diagnose(observations({ gateway: mapped('192.168.77.50'), tcp: null, client: { ...observations().client, address: null } })).warnings.join('\n'), /UPnP shows/)

  const ext = (over: Partial<NonNullable<Observations['external']>>): Observations['external'] => ({ reachable: true, via: 'http://198.51.100.10/port/8443', ip: '203.0.113.7', error: null, ms: 20, seenByListener: true, ...over, observedPeer: null, peerKind: null })
  t.same(diagnose(observations({ external: ext({}) })).warnings, [])
  t.match(diagnose(observations({ external: ext({ reachable: false, seenByListener: false, observedPeer: null, peerKind: null }) })).warnings.join('\n'), /could not connect to 203\.0\.113\.7:8443: the forward does not work from the internet either/)
  t.match(diagnose(observations({ external: ext({ reachable: false, ip: null }) })).warnings.join('\n'), /connect to 203\.0\.113\.7:8443/)
  t.match(diagnose(observations({ external: ext({ reachable: null, error: 'HTTP 500' }) })).warnings.join('\n'), /The outside check \(http:\/\/198\.51\.100\.10\/port\/8443\) gave no answer: HTTP 500/)
  t.match(diagnose(observations({ external: ext({ seenByListener: false }) })).warnings.join('\n'), /reached port 8443 from outside, but our listener saw nothing/)
  t.same(diagnose(observations({ external: ext({ seenByListener: null }) })).warnings, [])
})

t.test("this host's firewall: the reason for silence, or a doubt", async (t) => {
  const silence = tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null, ms: 2000, attempts: 8 })
  const drop = { tool: 'nftables', state: 'blocks' as const, detail: 'inet filter input: policy drop', where: 'inet filter input' }
  const blocked = diagnose(observations({ tcp: silence, hostFirewall: { findings: [drop], blocks: true } }))
  t.equal(blocked.cause, 'host-firewall')
  t.equal(blocked.hairpin, null, 'the router is not tested through a closed port')
  t.equal(blocked.protocol, 'tcp')
  t.match(blocked.summary, /^The connection to 203\.0\.113\.7:8443 from inside got no answer in 2000 ms, and this host's own firewall drops new connections to port 8443 \(nftables: inet filter input: policy drop\)/)
  t.equal(blocked.fixes[0]?.id, 'host-firewall-open')
  t.match(blocked.fixes[0]?.title, /^Open TCP 8443 in this host's own firewall \(nftables\)/)
  t.notMatch(blocked.warnings.join('\n'), /could not be read/, 'the cause says it already')

  t.equal(diagnose(observations({ tcp: silence, hostFirewall: { findings: [], blocks: false } })).cause, 'no-snat-or-filtered', 'the firewall lets it in: silence is the router')
  t.equal(diagnose(observations({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }), hostFirewall: { findings: [drop], blocks: true } })).cause, 'no-reflection', 'only silence is a dropped packet')

  const unread = { tool: 'iptables', state: 'unreadable' as const, detail: 'permission denied (you must be root)', where: null }
  const doubt = diagnose(observations({ tcp: silence, hostFirewall: { findings: [unread, { ...unread, tool: 'ufw', state: 'unclear', detail: 'rules depend on the interface' }], blocks: null } }))
  t.equal(doubt.cause, 'no-snat-or-filtered')
  t.match(doubt.warnings.join('\n'), /This host's firewall could not be read in full \(iptables: permission denied \(you must be root\); ufw: rules depend on the interface\): it may drop port 8443 too/)
  t.notMatch(diagnose(observations({ tcp: silence, hostFirewall: { findings: [], blocks: null } })).warnings.join('\n'), /could not be read/, 'nothing found to doubt')
  t.notMatch(diagnose(observations({ tcp: silence, hostFirewall: { findings: [unread, drop], blocks: true } })).warnings.join('\n'), /could not be read/, 'one that blocks settles it')
})

t.test('another path: a VPN, or another public address at the gateway', async (t) => {
  const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })
  const vpn = { ...observations().client, interface: 'wg0', tunnel: true }
  const tunnel = diagnose(observations({ tcp: refused, client: vpn }))
  t.equal(tunnel.cause, 'other-path')
  t.equal(tunnel.hairpin, null)
  t.same(tunnel.fixes, [])
  t.match(
    tunnel.summary,
    /^No verdict: 203\.0\.113\.7:8443 failed from inside \(refused\), but the route to it leaves this host by the tunnel interface wg0 \(a VPN\), so the echo services saw the tunnel's exit address and the probe never reached your router from inside\. Run the tool with the VPN off, or send your network's own public address past the tunnel \(on Linux: ip route add ADDRESS\/32 via YOUR_LAN_GATEWAY\) and pass it with --public-ip\.$/,
  )
  t.equal(diagnose(observations({ client: vpn })).cause, 'hairpin-ok-gateway-source', 'through the tunnel, yet our listener was reached: it works')
  const flagged = { address: '203.0.113.7', via: 'flag' as const, sources: [], onThisHost: false, candidates: [], confirmedBy: 'flag' as const }
  const named = diagnose(observations({ tcp: refused, client: vpn, publicIp: flagged }))
  t.equal(named.cause, 'other-path', '--public-ip named the address, but the probe still left by the tunnel')
  t.match(named.summary, /wg0 \(a VPN\), so the probe never reached your router from inside\. Run the tool with the VPN off, or send 203\.0\.113\.7 past the tunnel \(on Linux: ip route add 203\.0\.113\.7\/32 via YOUR_LAN_GATEWAY\) and run again\.$/)
  t.equal(diagnose(observations({ tcp: refused, publicIp: flagged })).cause, 'no-reflection', 'no tunnel, --public-ip: the failure is the router')
  const udp = diagnose(observations({ tcp: null, udp: udpReport({ outcome: 'timeout', observedPeer: null, peerKind: null }), client: vpn }))
  t.equal(udp.protocol, 'udp')
  t.match(udp.summary, /failed from inside \(timeout\)/)
  // --target mode: the outcome is the public IP's service's.
  const viaTarget = diagnose(
    observations({
      mode: 'target',
      tcp: null,
      client: vpn,
      target: {
        address: '192.168.77.20',
        reason: 'flag',
        viaPublicIp: { outcome: 'refused', kind: null, banner: null, tls: null, http: null, error: 'ECONNREFUSED', ms: 1, description: 'refused' },
        direct: { outcome: 'ok', kind: 'http', banner: null, tls: null, http: { status: 200, server: null, title: null }, error: null, ms: 1, description: 'HTTP 200' },
        same: null,
      },
    }),
  )
  t.match(viaTarget.summary, /failed from inside \(refused\)/)
  const natpmp = (externalIp: string) => ({ address: '192.168.77.1', natpmp: { resultCode: 0, externalIp, epoch: 1, error: null, ms: 1 }, pcp: null, upnp: null, webui: null, vendor: null })
  const docWan = diagnose(observations({ tcp: refused, gateway: natpmp('198.51.100.200') }))
  t.equal(docWan.cause, 'other-path', 'a documentation WAN address counts as public (labs use them)')
  t.match(docWan.summary, /run again with --public-ip 198\.51\.100\.200, or run the tool with the VPN off\.$/)
  const privWan = diagnose(observations({ tcp: refused, client: vpn, gateway: natpmp('10.1.1.2') }))
  t.equal(privWan.cause, 'other-path', 'the tunnel decides before another NAT')
  t.match(privWan.summary, /send your network's own public address past the tunnel/, 'the tunnel, not the WAN address, is named')
  const nothing = diagnose(observations({ tcp: null, client: vpn }))
  t.equal(nothing.cause, 'probe-error', 'nothing tested: no verdict of any kind')
})

t.test('an uncertain public IP: a failure through it is no evidence', async (t) => {
  const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })
  const pub = observations().publicIp
  const lonely = { ...pub, sources: [pub.sources[0]!, { url: 'http://198.51.100.11/json', address: null, error: 'HTTP 500', ms: 6, rejected: null }], candidates: [{ address: '203.0.113.7', votes: 1, outcome: null }], confirmedBy: null }
  const one = diagnose(observations({ tcp: refused, publicIp: lonely }))
  t.equal(one.cause, 'public-ip-uncertain')
  t.equal(one.hairpin, null)
  t.same(one.fixes, [])
  t.match(one.summary, /^No verdict: only one of the 2 echo services answered \(203\.0\.113\.7\) and the probe through it failed \(refused\)\. .*--public-ip ADDR/)
  t.match(one.warnings.join('\n'), /Only 1 of 2 echo services answered: the public IP 203\.0\.113\.7 is unconfirmed\./)
  t.equal(diagnose(observations({ publicIp: lonely })).cause, 'hairpin-ok-gateway-source', 'a proof needs no confirmation')
  const overUdp = diagnose(observations({ tcp: null, udp: udpReport({ outcome: 'timeout', observedPeer: null, peerKind: null }), publicIp: lonely }))
  t.equal(overUdp.cause, 'public-ip-uncertain')
  t.equal(overUdp.protocol, 'udp')
  t.match(overUdp.summary, /the probe through it failed \(timeout\)/)

  const byGateway = diagnose(observations({ tcp: refused, publicIp: { ...lonely, confirmedBy: 'gateway' } }))
  t.equal(byGateway.cause, 'no-reflection', 'the gateway reports the same external address')
  t.match(byGateway.warnings.join('\n'), /is unconfirmed, but the gateway reports the same external address\./)

  const tie = {
    ...pub,
    sources: [pub.sources[0]!, { url: 'https://odd', address: '198.51.100.99', error: null, ms: 9, rejected: null }],
    candidates: [
      { address: '203.0.113.7', votes: 1, outcome: 'refused' as const },
      { address: '198.51.100.99', votes: 1, outcome: 'timeout' as const },
      { address: '192.0.2.5', votes: 2, outcome: null },
    ],
    confirmedBy: null,
  }
  const tied = diagnose(observations({ tcp: refused, publicIp: tie }))
  t.equal(tied.cause, 'public-ip-uncertain')
  t.match(tied.summary, /^No verdict: the echo services disagree \(203\.0\.113\.7: 1 vote, refused; 198\.51\.100\.99: 1 vote, timeout; 192\.0\.2\.5: 2 votes, not probed\) and no address reached this host\./)
})

t.test('echo answers that are not public addresses are named, never used', async (t) => {
  const pub = observations().publicIp
  const lan = { url: 'http://192.168.77.1/ip', address: '192.168.77.1', error: null, ms: 2, rejected: 'a private address (RFC 1918)' }
  const v = diagnose(observations({ publicIp: { ...pub, sources: [...pub.sources, lan] } }))
  t.equal(v.cause, 'hairpin-ok-gateway-source')
  t.equal(v.warnings[0], 'http://192.168.77.1/ip answered 192.168.77.1, a private address (RFC 1918): not used as the public IP (another NAT in front of this router, or an echo service inside your network).')
  t.notMatch(v.warnings.join('\n'), /disagree/, 'a rejected answer is no dissent')
  t.notMatch(v.warnings.join('\n'), /Only 1 of/, 'nor an echo service that answered')
})

t.test('outside clients masqueraded too: the narrowed masquerade comes first', async (t) => {
  const ext = (observedPeer: string | null, peerKind: NonNullable<Observations['external']>['peerKind']): Observations['external'] => ({
    reachable: true,
    via: 'http://198.51.100.10/port/8443',
    ip: '203.0.113.7',
    error: null,
    ms: 20,
    seenByListener: true,
    observedPeer,
    peerKind,
  })
  const gwSeen = diagnose(observations({ external: ext('192.168.77.1', 'gateway') }))
  t.match(gwSeen.warnings.join('\n'), /From outside, http:\/\/198\.51\.100\.10\/port\/8443's connection reached our listener from 192\.168\.77\.1 \(the gateway's LAN address\).*Limit the hairpin rule's masquerade to sources in 192\.168\.77\.0\/24\./)
  t.same(gwSeen.fixes.slice(0, 3).map((f) => f.id), ['nftables-narrow-masquerade', 'iptables-narrow-masquerade', 'mikrotik-narrow-masquerade'])
  t.match(gwSeen.fixes[0]?.commands.join('\n'), /ip saddr 192\.168\.77\.0\/24 ip daddr 192\.168\.77\.10 tcp dport 8443 ct status dnat masquerade/)
  t.match(gwSeen.fixes[0]?.why, /Outside clients reach the server from the router's address too/)

  const lanSeen = diagnose(observations({ external: ext('192.168.77.50', 'other') }))
  t.match(lanSeen.warnings.join('\n'), /from 192\.168\.77\.50 \(an address inside the LAN\)/)
  t.notMatch(diagnose(observations({ external: ext('198.51.100.10', 'other') })).warnings.join('\n'), /masquerades outside clients/, "the checker's own address: not masqueraded")
  t.notMatch(diagnose(observations({ external: ext('192.168.77.50', 'other'), client: { ...observations().client, lanPrefix: null } })).warnings.join('\n'), /masquerades outside clients/, 'no LAN prefix to tell')
  t.notMatch(diagnose(observations({ external: ext(null, null) })).warnings.join('\n'), /masquerades outside clients/)
  const noPrefix = diagnose(observations({ external: ext('192.168.77.1', 'gateway'), client: { ...observations().client, lanPrefix: null } }))
  t.match(noPrefix.warnings.join('\n'), /to sources in the LAN prefix\./)
  t.notOk(diagnose(observations({ external: ext('198.51.100.10', 'public-ip') })).fixes.some((f) => f.id.endsWith('-narrow-masquerade')))
})

t.test('the router family the run recognised puts its fixes first', async (t) => {
  const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })
  const byTitle = diagnose(observations({ tcp: refused, gateway: gw({ vendor: { id: 'openwrt', name: 'OpenWrt', via: 'web UI title', evidence: 'OpenWrt - LuCI' } }) }))
  t.equal(byTitle.fixes[0]?.id, 'openwrt-reflection')
  t.match(byTitle.warnings.join('\n'), /The gateway shows itself as OpenWrt by its web UI title: its fixes come first\./)
  const overUpnp = diagnose(observations({ tcp: refused, gateway: gw({ vendor: { id: 'mikrotik', name: 'MikroTik RouterOS', via: 'upnp', evidence: 'MikroTik' }, upnp: upnp({ manufacturer: 'OpenWrt' }) }) }))
  t.equal(overUpnp.fixes[0]?.id, 'mikrotik-hairpin-nat', "the run's recognition wins over the UPnP names")
  t.match(overUpnp.warnings.join('\n'), /shows itself as MikroTik RouterOS over UPnP/)
})
