// The warnings, called directly: a clean run has none, and they keep their order.
import t from 'tap'
import { warningsOf } from '../../src/diagnose/warnings.js'
import { observations, tcpReport } from '../support/fixtures.js'

const ok = { cause: 'hairpin-ok-gateway-source' as const, protocol: 'tcp' as const }

t.test('a clean run has none', async (t) => {
  t.same(warningsOf(ok, ok, observations()), [])
})

t.test('the public IP comes first, then the path', async (t) => {
  const obs = observations({ publicIp: { address: '192.168.1.1', via: 'flag', sources: [], onThisHost: false, candidates: [], confirmedBy: 'flag' }, tcp: tcpReport({ strangers: 2 }) })
  const w = warningsOf(ok, ok, obs)
  t.match(w[0], /double NAT/)
  t.match(w[1], /^2 other connections/)
})
