import t from 'tap'
import { emptyObservations } from '../../src/report/observations.js'
import { TOOL } from '../../src/report/version.js'

t.test('nothing observed: every check null, the port and start kept', async (t) => {
  const obs = emptyObservations(8443, '2026-12-06T00:00:00.000Z')
  t.equal(obs.port, 8443)
  t.equal(obs.startedAt, '2026-12-06T00:00:00.000Z')
  t.same(obs.tool, TOOL)
  for (const k of ['listener', 'tcp', 'udp', 'dns', 'ipv6', 'target', 'gateway', 'external', 'fault'] as const) t.equal(obs[k], null, k)
  t.equal(obs.publicIp.address, null)
  t.match(emptyObservations(null).startedAt, /^\d{4}-\d\d-\d\dT/, 'now by default')
  t.not(emptyObservations(1).publicIp, emptyObservations(1).publicIp, 'a fresh object each time')
})
