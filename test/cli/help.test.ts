// The fast help: every option of the table, wrapped to the terminal, without yargs.
import t from 'tap'
import { HELP_MAX_WIDTH, renderHelp } from '../../src/cli/help.js'
import { PROBE_OPTIONS } from '../../src/cli/options.js'

const longest = (text: string): number => Math.max(...text.split('\n').map((l) => l.length))

t.test('usage, commands, every option, exit codes and privacy', async (t) => {
  const help = renderHelp(80)
  t.match(help, /^hairpin-check <ports\.\.>\n/)
  for (const name of Object.keys(PROBE_OPTIONS)) t.match(help, `--${name} `, name)
  t.match(help, /-q, --quiet/)
  t.match(help, /hairpin-check serve <port>/)
  t.match(help, /\n  0  inside clients get through/)
  t.match(help, /Privacy:/)
  t.match(help, /\[string, one of human,\s+json,\s+markdown,\s+openmetrics,\s+junit,\s+default\s+"human"\]/)
  t.match(help, /--timeout +time budget for the whole run, in ms \[string, default\s+5000\]/)
})

t.test('wrapped to the terminal, within bounds', async (t) => {
  t.ok(longest(renderHelp(60)) <= 60, '60 columns')
  t.ok(longest(renderHelp(300)) <= HELP_MAX_WIDTH, 'never wider than the cap')
  t.ok(longest(renderHelp(undefined)) <= 80, 'not a terminal: 80')
  t.ok(longest(renderHelp(10)) <= 50, 'a tiny terminal: the least width')
})
