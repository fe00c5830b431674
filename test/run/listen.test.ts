// The listen phase alone: open the port, or learn that it is taken, or fail with a fault.
import t from 'tap'
import { listen } from '../../src/run/listen.js'
import { startRun } from '../../src/run/state.js'
import { fakeIO, runOptions } from '../support/fixtures.js'

const taken = async (): Promise<never> => {
  throw Object.assign(new Error('in use'), { code: 'EADDRINUSE' })
}

t.test('listens on TCP, and not at all in peer or target mode', async (t) => {
  const f = fakeIO()
  const s = startRun(runOptions(), f.io)
  await listen(s)
  t.same(s.obs.listener, { bind: '0.0.0.0' })
  t.equal(f.listenOpts.length, 1)
  const peer = fakeIO()
  await listen(startRun(runOptions({ peerKey: Buffer.alloc(32) }), peer.io))
  t.equal(peer.listenOpts.length, 0)
})

t.test('a taken TCP port makes this host the target; with UDP too it is a fault', async (t) => {
  const s = startRun(runOptions(), fakeIO({ listen: taken }).io)
  await listen(s)
  t.equal(s.obs.mode, 'target')
  t.same(s.learned.target, { address: null, reason: 'port-in-use' })
  t.equal(s.obs.listener, null)
  const both = startRun(runOptions({ udp: true }), fakeIO({ listen: taken }).io)
  await listen(both)
  t.equal(both.obs.fault?.kind, 'listen-failed')
})
