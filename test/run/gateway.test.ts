// The gateway phase alone: asked with this host's address and gateway, bounded in time; not asked when off.
import t from 'tap'
import { askGateway, GATEWAY_TIMEOUT_MS } from '../../src/run/gateway.js'
import { startRun } from '../../src/run/state.js'
import { fakeIO, runOptions } from '../support/fixtures.js'

t.test('asks the default gateway about the port and protocol', async (t) => {
  const f = fakeIO()
  const r = await askGateway(startRun(runOptions({ tcp: false, udp: true, deadline: 1_000_000 }), f.io))
  t.equal(r?.address, '192.168.77.1')
  t.match(f.gatewayOpts[0], { gateway: '192.168.77.1', client: '192.168.77.10', port: 8443, protocol: 'UDP', timeoutMs: GATEWAY_TIMEOUT_MS })
})

t.test('not asked with --no-gateway or after a fault', async (t) => {
  t.equal(await askGateway(startRun(runOptions({ gateway: false }), fakeIO().io)), null)
  const s = startRun(runOptions(), fakeIO().io)
  s.obs.fault = { kind: 'listen-failed', code: null, message: 'x' }
  t.equal(await askGateway(s), null)
})
