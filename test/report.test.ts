import t from 'tap'
import { exitCodeFor, SCHEMA_VERSION, type Verdict } from '../src/report.js'

const v = (hairpin: Verdict['hairpin'], cause: Verdict['cause']): Verdict => ({ hairpin, cause, summary: '', warnings: [], fixes: [] })

t.test('schema version is 1', async (t) => {
  t.equal(SCHEMA_VERSION, 1)
})

t.test('exit codes', async (t) => {
  t.equal(exitCodeFor(v(true, 'hairpin-ok-gateway-source')), 0)
  t.equal(exitCodeFor(v(false, 'no-reflection')), 1)
  t.equal(exitCodeFor(v(null, 'not-behind-nat')), 0, 'nothing to fix')
  t.equal(exitCodeFor(v(null, 'no-public-ip')), 2)
  t.equal(exitCodeFor(v(null, 'bad-input')), 2)
})
