// The cause from the observations: faults first, then the public IP, then another NAT or the name.
import t from 'tap'
import { causeOf, hairpinDecision } from '../../src/diagnose/decide.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const noIp = { address: null, via: 'echo' as const, sources: [], onThisHost: null, candidates: [], confirmedBy: null }

t.test('faults come in the order they happen', async (t) => {
  t.same(causeOf(observations({ fault: { kind: 'bad-input', code: null, message: '' }, publicIp: noIp })), { cause: 'bad-input', protocol: null })
  t.same(causeOf(observations({ fault: { kind: 'listen-failed', code: null, message: '' }, publicIp: noIp })), { cause: 'listen-failed', protocol: null })
})

t.test('the public IP alone', async (t) => {
  t.same(hairpinDecision(observations()), { cause: 'hairpin-ok-gateway-source', protocol: 'tcp' })
  t.same(hairpinDecision(observations({ tcp: null, udp: udpReport() })), { cause: 'hairpin-ok-gateway-source', protocol: 'udp' })
  t.same(hairpinDecision(observations({ udp: udpReport({ outcome: 'timeout' }) })), { cause: 'no-snat-or-filtered', protocol: 'udp' }, 'the failing protocol names the cause')
  t.same(hairpinDecision(observations({ tcp: tcpReport({ outcome: 'timeout' }), udp: udpReport({ outcome: 'direct-reply' }) })), { cause: 'dnat-without-snat', protocol: 'tcp' })
  t.same(hairpinDecision(observations({ tcp: null })), { cause: 'probe-error', protocol: null }, 'nothing tested')
})
