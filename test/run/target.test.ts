// The target phase alone: what answers at the public IP against what answers at the server.
import t from 'tap'
import { compareServices } from '../../src/run/target.js'
import { startRun } from '../../src/run/state.js'
import { fakeIO, runOptions } from '../support/fixtures.js'

t.test('both ends identified and compared', async (t) => {
  const f = fakeIO()
  const s = startRun(runOptions({ target: '192.168.77.20' }), f.io)
  await compareServices(s, '203.0.113.7')
  t.same(f.identified.sort(), ['192.168.77.20', '203.0.113.7'])
  t.equal(s.obs.target?.same, true)
  t.equal(s.obs.target?.reason, 'flag')
  t.match(s.obs.target?.direct?.description, /HTTP 200/)
})

t.test('an unknown holder of the port: only the public IP is identified', async (t) => {
  const s = startRun(runOptions(), { ...fakeIO().io, onStep: undefined })
  s.learned.target = { address: null, reason: 'port-in-use' }
  await compareServices(s, '203.0.113.7')
  t.equal(s.obs.target?.address, 'unknown')
  t.equal(s.obs.target?.direct, null)
  t.equal(s.obs.target?.same, null)
})
