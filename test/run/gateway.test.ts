// The gateway phase alone: asked with this host's address and gateway, bounded in time; not asked when off; cut short once the hairpin is proven.
import t from 'tap'
import type { GatewayQueryOptions } from '../../src/gateway/index.js'
import type { GatewayReport } from '../../src/report/report.js'
import { askGateway, GATEWAY_GRACE_MS, GATEWAY_TIMEOUT_MS, settleGateway } from '../../src/run/gateway.js'
import { startRun } from '../../src/run/state.js'
import { fakeIO, runOptions, tcpReport } from '../support/fixtures.js'

t.test('asks the default gateway about the port and protocol', async (t) => {
  const f = fakeIO()
  const r = await askGateway(startRun(runOptions({ tcp: false, udp: true, deadline: 1_000_000 }), f.io)).answer
  t.equal(r?.address, '192.168.77.1')
  t.match(f.gatewayOpts[0], { gateway: '192.168.77.1', client: '192.168.77.10', port: 8443, protocol: 'UDP', timeoutMs: GATEWAY_TIMEOUT_MS })
})

t.test('not asked with --no-gateway or after a fault', async (t) => {
  t.equal(await askGateway(startRun(runOptions({ gateway: false }), fakeIO().io)).answer, null)
  const s = startRun(runOptions(), fakeIO().io)
  s.obs.fault = { kind: 'listen-failed', code: null, message: 'x' }
  t.equal(await askGateway(s).answer, null)
})

/** A gateway that answers only when told to stop waiting, saying so; and when it was asked. */
function slowGateway(): { io: ReturnType<typeof fakeIO>['io']; aborted: () => boolean } {
  const f = fakeIO()
  let seen: GatewayQueryOptions | null = null
  f.io.queryGateway = (o) => {
    seen = o
    return new Promise<GatewayReport>((resolve) =>
      o.signal?.addEventListener('abort', () => resolve({ address: o.gateway, natpmp: null, pcp: null, upnp: null, webui: null, vendor: null })),
    )
  }
  return { io: f.io, aborted: () => seen?.signal?.aborted === true }
}

t.test('once every tested protocol proved, waits only the grace period, then cuts the query', async (t) => {
  const g = slowGateway()
  const s = startRun(runOptions({ deadline: 1_000_000 }), g.io)
  const q = askGateway(s)
  s.obs.tcp = tcpReport()
  const started = Date.now()
  const r = await settleGateway(s, q)
  t.equal(r?.address, '192.168.77.1')
  t.ok(g.aborted(), 'the query was told to stop')
  t.ok(Date.now() - started >= GATEWAY_GRACE_MS - 5, 'after the grace period')
})

t.test('an answer within the grace period is kept whole and nothing is cut', async (t) => {
  const f = fakeIO()
  const s = startRun(runOptions({ deadline: 1_000_000 }), f.io)
  const q = askGateway(s)
  s.obs.tcp = tcpReport()
  t.equal((await settleGateway(s, q))?.address, '192.168.77.1')
  t.equal(f.gatewayOpts[0]?.signal?.aborted, true, 'cut after it answered: a no-op')
})

t.test('when the verdict can still change, the whole answer is waited for', async (t) => {
  for (const tcp of [null, tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null })]) {
    const f = fakeIO()
    const s = startRun(runOptions({ deadline: 1_000_000 }), f.io)
    const q = askGateway(s)
    s.obs.tcp = tcp
    t.equal((await settleGateway(s, q))?.address, '192.168.77.1')
    t.equal(f.gatewayOpts[0]?.signal?.aborted, false)
  }
})
