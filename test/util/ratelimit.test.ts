import t from 'tap'
import { createRateLimiter, DEFAULT_MAX_SOURCES } from '../../src/util/ratelimit.js'

t.test('allows max per window per source', async (t) => {
  let clock = 0
  const l = createRateLimiter({ max: 2, windowMs: 1000, now: () => clock })
  t.same([l.allow('a'), l.allow('a'), l.allow('a')], [true, true, false])
  t.ok(l.allow('b'), 'another source has its own window')
  clock = 999
  t.notOk(l.allow('a'), 'still the same window')
  clock = 1000
  t.ok(l.allow('a'), 'a new window')
})

t.test('the table of sources stays bounded', async (t) => {
  let clock = 0
  const l = createRateLimiter({ max: 1, windowMs: 10_000, now: () => clock, maxSources: 2 })
  t.ok(l.allow('a'))
  t.notOk(l.allow('a'))
  t.ok(l.allow('b'))
  t.ok(l.allow('c'), 'a third source evicts the oldest window (a)')
  t.ok(l.allow('a'), 'a starts afresh: bounded memory wins over a perfect count')
  clock = 1
  t.notOk(l.allow('c'))
})

t.test('defaults', async (t) => {
  t.equal(DEFAULT_MAX_SOURCES, 4096)
  const l = createRateLimiter({ max: 1, windowMs: 60_000 })
  t.ok(l.allow('x'))
  t.notOk(l.allow('x'))
})
