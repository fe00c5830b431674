// The gateway phase alone: asked with this host's address and gateway, bounded in time; not asked when off; cut short once the hairpin is proven.
import t from 'tap'
import type { GatewayQueryOptions } from '../../src/gateway/index.js'
import type { GatewayReport } from '../../src/report/report.js'
import { askGateway, GATEWAY_GRACE_MS, GATEWAY_TIMEOUT_MS, settleGateway, UPNP_HOLD_MS } from '../../src/run/gateway.js'
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
function slowGateway(): { io: ReturnType<typeof fakeIO>['io']; aborted: () => boolean; unheldDone: () => void } {
  const f = fakeIO()
  let seen: GatewayQueryOptions | null = null
  f.io.queryGateway = (o) => {
    seen = o
    return new Promise<GatewayReport>((resolve) =>
      o.signal?.addEventListener('abort', () => resolve({ address: o.gateway, natpmp: null, pcp: null, upnp: null, webui: null, vendor: null })),
    )
  }
  return { io: f.io, aborted: () => seen?.signal?.aborted === true, unheldDone: () => seen?.onUnheldDone?.() }
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

/** Whether `p` has settled by the next turn of the event loop. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false
  void p.then(() => (done = true))
  await new Promise((r) => setImmediate(r))
  return done
}

t.test("UPnP's hold: shut until the probes have run UPNP_HOLD_MS, or at once when the verdict stays open", async (t) => {
  const f = fakeIO()
  const s = startRun(runOptions({ deadline: 1_000_000 }), f.io)
  const q = askGateway(s)
  await q.answer
  const hold = f.gatewayOpts[0]!.hold!
  await new Promise((r) => setTimeout(r, UPNP_HOLD_MS + 20))
  t.notOk(await settled(hold), 'the clock starts with the probes, not before')
  const started = Date.now()
  q.probing()
  await hold
  t.ok(Date.now() - started >= UPNP_HOLD_MS - 5, 'opens after the hold')

  const g = fakeIO()
  const s2 = startRun(runOptions({ deadline: 1_000_000 }), g.io)
  const q2 = askGateway(s2)
  q2.probing()
  s2.obs.tcp = tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null })
  await settleGateway(s2, q2)
  t.ok(await settled(g.gatewayOpts[0]!.hold!), 'in doubt: opened at settling, long before the hold')
})

t.test('proven, and only a held UPnP left: cut at once, without the grace period', async (t) => {
  const g = slowGateway()
  const s = startRun(runOptions({ deadline: 1_000_000 }), g.io)
  const q = askGateway(s)
  await new Promise((r) => setImmediate(r))
  g.unheldDone()
  s.obs.tcp = tcpReport()
  const started = performance.now()
  await settleGateway(s, q)
  t.ok(g.aborted())
  t.ok(performance.now() - started < GATEWAY_GRACE_MS, 'no grace: nothing was on the wire')
})

t.test('quiet: only while UPnP is held, as soon as the others are done; a query not asked never is', async (t) => {
  const g = slowGateway()
  const s = startRun(runOptions({ deadline: 1_000_000 }), g.io)
  const q = askGateway(s)
  await new Promise((r) => setImmediate(r))
  const early = q.quiet()
  t.notOk(await settled(early), 'the others are still out')
  g.unheldDone()
  t.ok(await settled(early), 'then quiet')
  q.release()
  t.notOk(await settled(q.quiet()), 'UPnP is out now: not quiet')

  const h = slowGateway()
  const s2 = startRun(runOptions({ deadline: 1_000_000 }), h.io)
  const q2 = askGateway(s2)
  await new Promise((r) => setImmediate(r))
  const waiting = q2.quiet()
  q2.release()
  h.unheldDone()
  t.notOk(await settled(waiting), 'released before the others were done: never quiet')

  const off = askGateway(startRun(runOptions({ gateway: false }), fakeIO().io))
  off.probing()
  off.release()
  t.notOk(await settled(off.quiet()), 'not asked: never quiet')
  t.equal(await off.answer, null)
})
