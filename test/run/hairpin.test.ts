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

t.test('a failure that is no evidence is a fault: silence in a starved budget, one foreign answer nobody confirmed', async (t) => {
  // Start-up and the echo services left the probe less than a stagger, about 190 ms (the fake clock reads 1000 and more).
  const silent = { outcome: 'timeout' as const, observedPeer: null }
  const starved = startRun(runOptions({ deadline: 1300 }), fakeIO({ probe: silent }).io)
  starved.obs.publicIp.address = '203.0.113.7'
  await probeHairpin(starved, '203.0.113.7')
  t.equal(starved.obs.tcp?.outcome, 'timeout', 'what the probe met is still reported')
  t.equal(starved.obs.fault?.kind, 'probe-error', 'no verdict')
  t.match(starved.obs.fault?.message, /^only \d+ ms of the --timeout budget were left to connect to 203\.0\.113\.7:8443 .*too little for silence to mean anything; run again with a larger --timeout$/)

  const direct = { outcome: 'direct-reply' as const, observedPeer: '192.168.77.20', serverAddress: '192.168.77.10', replyFrom: '192.168.77.10' }
  const udpSays = startRun(runOptions({ deadline: 1300, udp: true }), fakeIO({ probe: silent, udp: direct }).io)
  udpSays.obs.publicIp.address = '203.0.113.7'
  await probeHairpin(udpSays, '203.0.113.7')
  t.equal(udpSays.obs.fault, null, 'UDP answered straight from the server: that names the failure, however short the TCP probe')

  const ample = startRun(runOptions(), fakeIO({ probe: { outcome: 'timeout', observedPeer: null } }).io)
  ample.obs.publicIp.address = '203.0.113.7'
  await probeHairpin(ample, '203.0.113.7')
  t.equal(ample.obs.fault, null, 'silence within an ample budget is evidence')

  const f = fakeIO()
  let calls = 0
  const probe = f.io.probe
  f.io.probe = (o) => probe(o).then((r) => (calls++ === 0 ? { ...r, outcome: 'wrong-service', observedPeer: null, serverAddress: null, answer: '' } : { ...r, outcome: 'timeout', observedPeer: null, serverAddress: null }))
  const lone = startRun(runOptions(), f.io)
  lone.obs.publicIp.address = '203.0.113.7'
  await probeHairpin(lone, '203.0.113.7')
  t.equal(lone.obs.tcp?.outcome, 'wrong-service')
  t.equal(lone.obs.fault?.kind, 'probe-error', 'one foreign answer, then silence: no verdict')
  t.match(lone.obs.fault?.message, /^one attempt to connect to 203\.0\.113\.7:8443 met something other than this host's listener, and no other attempt confirmed it in the \d+ ms the probe had/)

  const refused = startRun(runOptions(), fakeIO({ probe: { outcome: 'unreachable', error: 'ENETUNREACH', observedPeer: null }, source: null }).io)
  await probeHairpin(refused, '203.0.113.7')
  t.equal(refused.obs.fault?.code, 'ENETUNREACH', "this host's own fault comes first")
})
