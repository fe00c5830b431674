import t from 'tap'
import { causeOf, diagnose, hairpinOf } from '../src/diagnose.js'
import type { Cause, TcpOutcome } from '../src/report.js'
import { observations, tcpReport } from './fixtures.js'

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
    ['reset', 'router-answered', /accepted the connection and then reset it/],
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
  t.match(diagnose(observations({ tcp: null })).summary, /unknown error/)
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
  t.match(disagree.warnings[0], /Echo services disagree: https:\/\/odd said 198\.51\.100\.99; using 203\.0\.113\.7/)

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

  t.match(diagnose(observations({ tcp: tcpReport({ strangers: 1 }) })).warnings[0], /^1 other connection reached .* was closed/)
  t.match(diagnose(observations({ tcp: tcpReport({ strangers: 3 }) })).warnings[0], /^3 other connections reached .* were closed/)
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
  t.equal(causeOf(observations({ fault: { kind: 'bad-input', code: null, message: '' }, publicIp: { address: null, via: 'echo', sources: [], onThisHost: null } })), 'bad-input')
  t.equal(causeOf(observations({ fault: { kind: 'listen-failed', code: null, message: '' }, publicIp: { address: null, via: 'echo', sources: [], onThisHost: null } })), 'listen-failed')
})
