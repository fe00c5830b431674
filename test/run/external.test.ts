// The outside check alone: whether our listener saw the checker while it asked.
import t from 'tap'
import { checkFromOutside } from '../../src/run/external.js'
import { startRun } from '../../src/run/state.js'
import { fakeIO, runOptions } from '../support/fixtures.js'

t.test('without a listener of ours there is nothing to see', async (t) => {
  const s = startRun(runOptions(), fakeIO().io)
  const r = await checkFromOutside(s, 'http://198.51.100.10/port/8443')
  t.equal(r.reachable, true)
  t.equal(r.seenByListener, null)
})

t.test("the listener's strangers count the checker's connection", async (t) => {
  const s = startRun(runOptions(), fakeIO().io)
  const listener = { address: '0.0.0.0', port: 8443, strangers: 0, strangerPeers: [], sightings: [], expect: () => {}, close: async () => {} }
  s.listeners.tcp = listener
  setTimeout(() => (listener.strangers = 1), 20)
  t.equal((await checkFromOutside(s, 'http://198.51.100.10/port/8443')).seenByListener, true, 'seen a moment after the answer')
  const quiet = startRun(runOptions(), fakeIO({ external: { reachable: false } }).io)
  quiet.listeners.tcp = { ...listener, strangers: 0 }
  t.equal((await checkFromOutside(quiet, 'http://198.51.100.10/port/8443')).seenByListener, false, 'not reachable: no wait')
})
