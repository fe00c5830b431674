import t from 'tap'
import { exitCodeFor, SCHEMA_VERSION, type Verdict } from '../../src/report/report.js'

const v = (hairpin: Verdict['hairpin'], cause: Verdict['cause']): Verdict => ({ hairpin, cause, protocol: null, summary: '', warnings: [], fixes: [] })

t.test('schema version is 1', async (t) => {
  t.equal(SCHEMA_VERSION, 1)
})

t.test('exit codes', async (t) => {
  t.equal(exitCodeFor(v(true, 'hairpin-ok-gateway-source')), 0)
  t.equal(exitCodeFor(v(false, 'no-reflection')), 1)
  t.equal(exitCodeFor(v(null, 'not-behind-nat')), 0, 'nothing to fix')
  t.equal(exitCodeFor(v(null, 'no-public-ip')), 2)
  t.equal(exitCodeFor(v(null, 'bad-input')), 2)
  t.equal(exitCodeFor(v(false, 'split-horizon-dns')), 0, 'the name works inside even though the hairpin does not')
  t.equal(exitCodeFor(v(true, 'target-same')), 0)
  for (const c of ['dnat-without-snat', 'dns-elsewhere', 'dns-unresolved', 'target-different'] as const) t.equal(exitCodeFor(v(false, c)), 1, c)
  t.equal(exitCodeFor(v(null, 'target-unreachable')), 2)
  t.equal(exitCodeFor(v(null, 'dns-failed')), 2)
})
