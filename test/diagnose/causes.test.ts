// The cause record: every cause has an entry, and its parts agree with one another.
import t from 'tap'
import { CAUSES, exitCodeFor, hairpinOf } from '../../src/diagnose/causes.js'
import type { Cause, Verdict } from '../../src/report/report.js'

const v = (cause: Cause): Pick<Verdict, 'cause'> => ({ cause })

t.test('exit codes', async (t) => {
  t.equal(exitCodeFor(v('hairpin-ok-gateway-source')), 0)
  t.equal(exitCodeFor(v('no-reflection')), 1)
  t.equal(exitCodeFor(v('not-behind-nat')), 0, 'nothing to fix')
  t.equal(exitCodeFor(v('no-public-ip')), 2)
  t.equal(exitCodeFor(v('bad-input')), 2)
  t.equal(exitCodeFor(v('split-horizon-dns')), 0, 'the name works inside even though the hairpin does not')
  t.equal(exitCodeFor(v('target-same')), 0)
  for (const c of ['dnat-without-snat', 'dns-elsewhere', 'dns-unresolved', 'target-different'] as const) t.equal(exitCodeFor(v(c)), 1, c)
  t.equal(exitCodeFor(v('target-unreachable')), 2)
  t.equal(exitCodeFor(v('dns-failed')), 2)
  t.equal(exitCodeFor(v('from-a-newer-version' as Cause)), 2, 'an unknown cause is no verdict')
})

t.test('hairpinOf', async (t) => {
  t.equal(hairpinOf('hairpin-ok-gateway-source'), true)
  t.equal(hairpinOf('no-snat-or-filtered'), false)
  t.equal(hairpinOf('no-public-ip'), null)
  t.equal(hairpinOf('not-behind-nat'), null)
})

t.test('each entry agrees with itself', async (t) => {
  for (const [cause, info] of Object.entries(CAUSES) as Array<[Cause, (typeof CAUSES)[Cause]]>) {
    t.ok(info.headline.length > 0, `${cause}: a headline`)
    t.equal(info.headline.startsWith('No verdict'), info.exit === 2, `${cause}: "No verdict" exactly for exit 2`)
    if (info.hairpin === true) t.equal(info.exit, 0, `${cause}: a working hairpin gets through`)
    if (info.hairpin === false) t.equal(info.exit, 1, `${cause}: a failing hairpin is a verdict`)
    if (info.exit === 2) t.same(info.fixes, [], `${cause}: no verdict, no fixes (the error line says what to do)`)
    if (info.picture !== null && typeof info.picture === 'object') t.equal(info.exit, 1, `${cause}: a NAT in front is drawn for failures`)
  }
})
