// Staggered TCP attempts: the first proof wins, decisive failures end it, a foreign answer needs a second opinion.
import t from 'tap'
import { MAX_ATTEMPTS, MIN_SILENCE_STAGGERS, probeTcpStaggered, STAGGER_MS } from '../../src/net/attempts.js'
import type { TcpProbeResult } from '../../src/net/probe.js'

const result = (over: Partial<TcpProbeResult>): TcpProbeResult => ({
  outcome: 'ok',
  observedPeer: '192.168.77.1',
  ms: 1,
  error: null,
  answer: null,
  localAddress: '192.168.77.10',
  serverAddress: '192.168.77.10',
  ...over,
})

/** Attempts that answer as `plan` says, in order (the last repeats), after `delays[i]` ms; records each call. */
function scripted(plan: Array<Partial<TcpProbeResult>>, delays: number[] = []) {
  const calls: Array<{ timeoutMs: number; signal: AbortSignal }> = []
  const attempt = (timeoutMs: number, signal: AbortSignal): Promise<TcpProbeResult> => {
    const i = calls.length
    calls.push({ timeoutMs, signal })
    const r = result(plan[Math.min(i, plan.length - 1)]!)
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(r), delays[Math.min(i, delays.length - 1)] ?? 0)
      signal.addEventListener('abort', () => {
        clearTimeout(timer)
        resolve(result({ outcome: 'error', error: 'aborted' }))
      })
    })
  }
  return { calls, attempt }
}

const now = (): number => performance.now()

t.test('the first attempt proves: one attempt, at once', async (t) => {
  const s = scripted([{}])
  const r = await probeTcpStaggered({ attempt: s.attempt, timeoutMs: 2000, now })
  t.equal(r.outcome, 'ok')
  t.equal(r.attempts, 1)
  t.equal(s.calls.length, 1)
  t.ok(s.calls[0]!.timeoutMs > 1900 && Number.isInteger(s.calls[0]!.timeoutMs), 'the whole budget, in whole ms')
})

t.test('a slow first attempt: the next starts after the stagger, the first proof aborts the rest', async (t) => {
  const s = scripted([{ outcome: 'timeout', observedPeer: null }, {}], [5000, 5])
  const r = await probeTcpStaggered({ attempt: s.attempt, timeoutMs: 2000, now, staggerMs: 20 })
  t.equal(r.outcome, 'ok', 'the second proved while the first waited for its SYN')
  t.equal(r.attempts, 2)
  t.ok(s.calls[0]!.signal.aborted, 'the others are aborted')
})

t.test('refused or unreachable is decisive: no more attempts', async (t) => {
  for (const outcome of ['refused', 'unreachable'] as const) {
    const s = scripted([{ outcome, observedPeer: null, error: 'E' }])
    const r = await probeTcpStaggered({ attempt: s.attempt, timeoutMs: 2000, now, staggerMs: 20 })
    t.equal(r.outcome, outcome)
    t.equal(r.attempts, 1)
  }
})

t.test('a refusal while another attempt is still in flight: a short grace for it to prove', async (t) => {
  const proving = scripted([{ outcome: 'timeout', observedPeer: null }, { outcome: 'refused', observedPeer: null }, {}], [100, 0, 0])
  const r = await probeTcpStaggered({ attempt: proving.attempt, timeoutMs: 2000, now, staggerMs: 30 })
  t.equal(r.outcome, 'refused', 'the in-flight one timed out within the grace')
  const slow = scripted([{ outcome: 'ok' }, { outcome: 'refused', observedPeer: null }], [60, 0])
  t.equal((await probeTcpStaggered({ attempt: slow.attempt, timeoutMs: 2000, now, staggerMs: 30 })).outcome, 'ok', 'a proof within the grace wins')
  const stuck = scripted([{ outcome: 'timeout', observedPeer: null }, { outcome: 'refused', observedPeer: null }], [5000, 0])
  const started = now()
  t.equal((await probeTcpStaggered({ attempt: stuck.attempt, timeoutMs: 4000, now, staggerMs: 30 })).outcome, 'refused')
  t.ok(now() - started < 2000, 'the grace ends the wait, not the budget')
})

t.test('a foreign answer is confirmed by a second attempt at once; a proof in between wins', async (t) => {
  const foreign = scripted([{ outcome: 'wrong-service', observedPeer: null, answer: 'HTTP/1.1 400' }])
  const r = await probeTcpStaggered({ attempt: foreign.attempt, timeoutMs: 2000, now, staggerMs: 1000 })
  t.equal(r.outcome, 'wrong-service')
  t.equal(r.answer, 'HTTP/1.1 400')
  t.equal(r.attempts, 2, 'a second opinion, without waiting for the stagger')
  const lost = scripted([{ outcome: 'wrong-service', observedPeer: null, answer: '' }, {}])
  t.equal((await probeTcpStaggered({ attempt: lost.attempt, timeoutMs: 2000, now, staggerMs: 1000 })).outcome, 'ok', 'our own listener turned a late hello away')
  const mute = scripted([{ outcome: 'wrong-service', observedPeer: null, answer: '' }])
  t.match(await probeTcpStaggered({ attempt: mute.attempt, timeoutMs: 2000, now }), { outcome: 'wrong-service', answer: '', attempts: 2 }, 'accepted and closed twice: something else')
  const mixed = scripted([{ outcome: 'reset', observedPeer: null }, { outcome: 'wrong-service', observedPeer: null, answer: 'x' }])
  t.equal((await probeTcpStaggered({ attempt: mixed.attempt, timeoutMs: 2000, now })).outcome, 'wrong-service', 'an answer with bytes tells more than a reset')
})

t.test('silence: attempts until the budget or the cap, then the most telling failure', async (t) => {
  const silent = scripted([{ outcome: 'timeout', observedPeer: null }], [80])
  const r = await probeTcpStaggered({ attempt: silent.attempt, timeoutMs: 80, now, staggerMs: 20 })
  t.equal(r.outcome, 'timeout')
  t.ok(r.attempts >= 2, `several attempts (${r.attempts})`)
  const capped = scripted([{ outcome: 'timeout', observedPeer: null }], [100])
  const c = await probeTcpStaggered({ attempt: capped.attempt, timeoutMs: 100, now, staggerMs: 1, maxAttempts: 3 })
  t.equal(c.attempts, 3, 'no more than the cap')
  t.ok(MAX_ATTEMPTS >= 8)
  const local = scripted([{ outcome: 'error', observedPeer: null, error: 'EADDRNOTAVAIL' }])
  t.equal((await probeTcpStaggered({ attempt: local.attempt, timeoutMs: 2000, now })).outcome, 'error', 'this host failing ends it')
  const spent = scripted([{}])
  const none = await probeTcpStaggered({ attempt: spent.attempt, timeoutMs: 0, now })
  t.equal(none.attempts, 0, 'no budget, no attempt')
})

t.test('conclusive: a confirmed foreign answer, silence with room for attempts; not one unconfirmed answer, nor silence in a starved budget', async (t) => {
  const ok = await probeTcpStaggered({ attempt: scripted([{}]).attempt, timeoutMs: 2000, now })
  t.equal(ok.conclusive, true, 'a proof')
  const refused = await probeTcpStaggered({ attempt: scripted([{ outcome: 'refused', observedPeer: null }]).attempt, timeoutMs: 2000, now })
  t.equal(refused.conclusive, true, 'a refusal')
  const mute = scripted([{ outcome: 'wrong-service', observedPeer: null, answer: '' }])
  t.equal((await probeTcpStaggered({ attempt: mute.attempt, timeoutMs: 2000, now })).conclusive, true, 'a foreign answer a second attempt agreed with')
  // Under loss: one attempt met what looked foreign (our own listener turning a late hello away), the others silence until the budget ended.
  const once = scripted([{ outcome: 'wrong-service', observedPeer: null, answer: '' }, { outcome: 'timeout', observedPeer: null }], [0, 100])
  const lone = await probeTcpStaggered({ attempt: once.attempt, timeoutMs: 100, now, staggerMs: 20 })
  t.equal(lone.outcome, 'wrong-service', 'the most telling failure is still reported')
  t.equal(lone.conclusive, false, 'but one foreign answer nobody confirmed is no evidence')
  const silent = scripted([{ outcome: 'timeout', observedPeer: null }], [80])
  t.equal((await probeTcpStaggered({ attempt: silent.attempt, timeoutMs: 80, now, staggerMs: 20 })).conclusive, true, `silence with room for ${MIN_SILENCE_STAGGERS} stagger or more`)
  const starved = scripted([{ outcome: 'timeout', observedPeer: null }], [15])
  const short = await probeTcpStaggered({ attempt: starved.attempt, timeoutMs: 15, now, staggerMs: 20 })
  t.equal(short.outcome, 'timeout')
  t.equal(short.conclusive, false, 'silence within less is no evidence')
  t.equal((await probeTcpStaggered({ attempt: scripted([{}]).attempt, timeoutMs: 0, now })).conclusive, false, 'no budget at all: no evidence')
  t.equal(MIN_SILENCE_STAGGERS * STAGGER_MS, 250, 'a quarter second by default: room for a second attempt')
})
