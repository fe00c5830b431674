// The hairpin phase alone: the probes' results classified, the listeners closed, this host's own faults.
import t from 'tap'
import { describeProbeError, probeHairpin } from '../../src/run/hairpin.js'
import { startRun } from '../../src/run/state.js'
import { fakeIO, runOptions } from '../support/fixtures.js'

t.test('a working TCP hairpin, classified by what the listener saw', async (t) => {
  const s = startRun(runOptions(), fakeIO().io)
  s.obs.client = { address: '192.168.77.10', gateway: '192.168.77.1', lanPrefix: '192.168.77.0/24', interface: 'eth0', tunnel: null }
  s.obs.publicIp.address = '203.0.113.7'
  await probeHairpin(s, '203.0.113.7')
  t.equal(s.obs.tcp?.outcome, 'ok')
  t.equal(s.obs.tcp?.peerKind, 'gateway')
  t.equal(s.obs.udp, null)
  t.equal(s.obs.fault, null)
})

t.test('no route at all is a fault of this host', async (t) => {
  const s = startRun(runOptions(), fakeIO({ probe: { outcome: 'unreachable', error: 'ENETUNREACH', observedPeer: null } }).io)
  await probeHairpin(s, '203.0.113.7')
  t.equal(s.obs.fault?.code, 'ENETUNREACH')
})

t.test('describeProbeError', async (t) => {
  t.match(describeProbeError('ENETDOWN', '203.0.113.7', 1), /network is down/)
  t.match(describeProbeError('EWHAT', '203.0.113.7', 1), /failed: EWHAT$/)
})
