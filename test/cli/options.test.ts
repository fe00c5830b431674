// The option table: what the parser and the fast help both read.
import t from 'tap'
import { parse } from '../../src/cli/args.js'
import { DEFAULT_TIMEOUT_MS, EPILOG, FORMATS, PROBE_OPTIONS } from '../../src/cli/options.js'

t.test('the table is what the parser accepts', async (t) => {
  for (const [name, o] of Object.entries(PROBE_OPTIONS)) {
    const value = o.type === 'boolean' ? [] : [o.choices?.[0] ?? '1']
    const parsed = await parse(['443', `--${name}`, ...value], 80)
    t.equal(parsed.err, null, `--${name} is known to yargs`)
  }
  t.match((await parse(['443', '--no-such-option'], 80)).err?.message, /Unknown argument/)
})

t.test('formats, default timeout, epilog', async (t) => {
  t.same(FORMATS, ['human', 'json', 'markdown', 'openmetrics', 'junit'])
  t.equal(DEFAULT_TIMEOUT_MS, 5000)
  t.match(EPILOG, /^Exit codes:\n {2}0 /)
  t.match(EPILOG, /Privacy: without --public-ip, the echo services asked \(--echo-url, or 5 public ones by default\)/)
})
