// The run's start: nothing observed but what the options say; the clock, the key, interruption.
import t from 'tap'
import { closeListeners, going, Interrupted, startRun } from '../../src/run/state.js'
import { fakeIO, runOptions } from '../support/fixtures.js'

t.test('the start: mode from the options, the public IP when given, the key', async (t) => {
  const s = startRun(runOptions(), fakeIO().io)
  t.equal(s.obs.mode, 'listen')
  t.equal(s.obs.publicIp.address, null)
  t.equal(s.obs.publicIp.via, 'echo')
  t.equal(s.key.length, 32, 'a fresh key of our own')
  t.ok(going(s))
  t.equal(startRun(runOptions({ target: '192.168.77.20' }), fakeIO().io).obs.mode, 'target')
  const peer = startRun(runOptions({ peerKey: Buffer.alloc(32, 1) }), fakeIO().io)
  t.equal(peer.obs.mode, 'peer')
  t.same(peer.key, Buffer.alloc(32, 1), "the serve's key")
  const flag = startRun(runOptions({ publicIp: '192.168.77.10' }), fakeIO().io)
  t.same(s.obs.publicIp.candidates, [])
  t.equal(s.obs.publicIp.confirmedBy, null, 'nothing vouches for an address not yet learned')
  t.same(flag.obs.publicIp, { address: '192.168.77.10', via: 'flag', sources: [], onThisHost: true, candidates: [], confirmedBy: 'flag' })
})

t.test('time left never drops below 1 ms', async (t) => {
  const s = startRun(runOptions({ deadline: 0 }), fakeIO().io)
  t.equal(s.left(), 1)
})

t.test('time left is whole milliseconds', async (t) => {
  const io = fakeIO().io
  const s = startRun(runOptions({ deadline: 6000 }), { ...io, now: () => 1000.7 })
  t.equal(s.left(), 4999, 'rounded down: HTTP clients reject fractional timeouts')
})

t.test('a stop signal rejects every pending step with Interrupted', async (t) => {
  const c = new AbortController()
  const s = startRun(runOptions({ signal: c.signal }), fakeIO().io)
  const pending = s.step(new Promise(() => {}))
  c.abort('SIGTERM')
  await t.rejects(pending, new Interrupted('SIGTERM'))
  const other = new AbortController()
  other.abort(new Error('x'))
  await t.rejects(startRun(runOptions({ signal: other.signal }), fakeIO().io).step(new Promise(() => {})), { message: 'interrupted' }, 'aborted before the start, for no signal of ours')
})

t.test('closeListeners closes what was opened, nothing else', async (t) => {
  const s = startRun(runOptions(), fakeIO().io)
  await closeListeners(s)
  let closed = 0
  const listener = { address: '0.0.0.0', port: 1, strangers: 0, strangerPeers: [], sightings: [], expect: () => {}, close: async () => void closed++ }
  s.listeners.tcp = listener
  s.listeners.udp = listener
  await closeListeners(s)
  t.equal(closed, 2)
})
