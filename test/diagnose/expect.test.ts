// --expect: parsing, and whether each expectation holds for a report.
import t from 'tap'
import { check, checkAll, DEFAULT_EXPECTATIONS, exitCodeOfExpectations, expectationText, parseExpectation } from '../../src/diagnose/expect.js'
import { diagnose } from '../../src/diagnose/diagnose.js'
import type { Observations, Report } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}): Report => {
  const obs = observations(over)
  return { ...obs, verdict: diagnose(obs) }
}
const refused = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })

t.test('parseExpectation', async (t) => {
  t.same(parseExpectation('works'), { kind: 'works' })
  t.same(parseExpectation(' fails '), { kind: 'fails' })
  t.same(parseExpectation('source=public-ip'), { kind: 'source', source: 'public-ip' })
  for (const bad of ['', 'work', 'source=', 'source=router', 'source=GATEWAY']) t.throws(() => parseExpectation(bad), /must be works, fails or source=public-ip\|gateway\|client\|other/, bad)
  t.equal(expectationText({ kind: 'source', source: 'gateway' }), 'source=gateway')
  t.same(DEFAULT_EXPECTATIONS, [{ kind: 'works' }])
})

t.test('works and fails', async (t) => {
  t.match(check({ kind: 'works' }, report()), { expect: 'works', holds: true, why: /get through \(hairpin-ok-gateway-source\)/ })
  t.match(check({ kind: 'works' }, report({ tcp: refused })), { holds: false, why: /do not get through \(no-reflection\)/ })
  t.match(check({ kind: 'fails' }, report({ tcp: refused })), { expect: 'fails', holds: true, why: /stays off/ })
  t.match(check({ kind: 'fails' }, report()), { holds: false })
  const noVerdict = report({ fault: { kind: 'listen-failed', code: 'EACCES', message: 'x' }, tcp: null })
  t.match(check({ kind: 'works' }, noVerdict), { holds: null, why: 'no verdict (listen-failed)' })
  t.match(check({ kind: 'fails' }, noVerdict), { holds: null })
})

t.test('source=KIND: works, and the server sees that kind of address', async (t) => {
  t.match(check({ kind: 'source', source: 'gateway' }, report()), { holds: true, why: "the server sees the gateway's address" })
  t.match(check({ kind: 'source', source: 'public-ip' }, report()), { holds: false })
  const pub = report({ tcp: tcpReport({ observedPeer: '203.0.113.7', peerKind: 'public-ip' }) })
  t.match(check({ kind: 'source', source: 'public-ip' }, pub), { holds: true, why: 'the server sees the public IP' })
  t.match(check({ kind: 'source', source: 'client' }, report({ tcp: tcpReport({ observedPeer: '192.168.77.10', peerKind: 'client' }) })), { why: "the server sees the client's own address" })
  t.match(check({ kind: 'source', source: 'other' }, report({ tcp: tcpReport({ observedPeer: '10.1.1.1', peerKind: 'other' }) })), { holds: true, why: 'the server sees another address' })
  t.match(check({ kind: 'source', source: 'gateway' }, report({ tcp: refused })), { holds: false, why: /do not get through/ })
  const udpOnly = report({ tcp: null, udp: udpReport({ observedPeer: '203.0.113.7', peerKind: 'public-ip' }) })
  t.match(check({ kind: 'source', source: 'public-ip' }, udpOnly), { holds: true }, 'the UDP proof names it')
  const target = { address: '192.168.77.20', reason: 'flag' as const, viaPublicIp: null, direct: null, same: true }
  const samesvc = report({ mode: 'target', tcp: null, target: { ...target, viaPublicIp: { outcome: 'ok', kind: 'http', banner: null, tls: null, http: { status: 200, server: 'a', title: null }, error: null, ms: 1, description: 'x' }, direct: { outcome: 'ok', kind: 'http', banner: null, tls: null, http: { status: 200, server: 'a', title: null }, error: null, ms: 1, description: 'x' } } })
  t.match(check({ kind: 'source', source: 'gateway' }, samesvc), { holds: null, why: /not known here \(target-same\)/ })
})

t.test('all must hold: the exit code', async (t) => {
  const r = report()
  const results = checkAll([{ kind: 'works' }, { kind: 'source', source: 'public-ip' }], r)
  t.same(results.map((x) => x.holds), [true, false])
  t.equal(exitCodeOfExpectations(results), 1)
  t.equal(exitCodeOfExpectations([{ expect: 'works', holds: true, why: '' }, { expect: 'x', holds: null, why: '' }]), 2)
  t.equal(exitCodeOfExpectations([{ expect: 'works', holds: true, why: '' }]), 0)
  t.equal(exitCodeOfExpectations([]), 0)
})
