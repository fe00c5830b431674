import t from 'tap'
import { createNonceGate, REMEMBERED_NONCES } from '../../src/net/gate.js'

t.test('expected mode: only registered nonces, a bounded number of times', async (t) => {
  const g = createNonceGate({ accept: 'expected', answersPerNonce: 1 })
  t.notOk(g.admit('n1', '10.0.0.1'), 'unknown nonce')
  g.expect('n1')
  t.ok(g.admit('n1', '10.0.0.1'))
  t.notOk(g.admit('n1', '10.0.0.1'), 'a replay gets nothing')
  const udp = createNonceGate({ accept: 'expected', answersPerNonce: 3 })
  udp.expect('n')
  t.same([1, 2, 3, 4].map(() => udp.admit('n', 's')), [true, true, true, false])
})

t.test('any mode: every nonce, rate-limited per source', async (t) => {
  const g = createNonceGate({ accept: 'any', answersPerNonce: 1, rateLimit: { max: 2, windowMs: 60_000 } })
  t.ok(g.admit('a', '10.0.0.1'))
  t.notOk(g.admit('a', '10.0.0.2'), 'a nonce is answered once, whoever replays it')
  t.ok(g.admit('b', '10.0.0.1'))
  t.notOk(g.admit('c', '10.0.0.1'), 'over the rate for this source')
  t.ok(g.admit('d', '10.0.0.3'), 'another source has its own rate')
})

t.test('remembered nonces are bounded', async (t) => {
  const g = createNonceGate({ accept: 'any', answersPerNonce: 1 })
  t.ok(g.admit('first', 's'))
  for (let i = 0; i < REMEMBERED_NONCES; i++) g.admit(`n${i}`, 's')
  t.ok(g.admit('first', 's'), 'the oldest was forgotten: memory stays bounded under a flood')
})
