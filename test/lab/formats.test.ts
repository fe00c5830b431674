// Every output format from the built CLI in every core lab setup: human and markdown snapshots, a real parser for openmetrics.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { LAB, runCli, SETUPS } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each setup's subtest owns its lab and mostly waits on the CLI's own timers: several at once.
t.jobs = LAB_JOBS

// Runs that end with an answer need the budget only as a cap: a roomy one, so identifying what
// answered never runs out of time on a loaded machine (the snapshot would change). Silence waits
// the budget out: a short one there.
const argsFor = (setup: string): string[] => [
  String(LAB.port),
  ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]),
  '--timeout',
  setup === 'dnat-no-snat' ? '2000' : '8000',
  '--no-gateway',
]

/** Takes out what changes from run to run (times, dates, versions), so the rest can be a snapshot. */
function stable(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
    .replace(/\b\d+ ms\b/g, 'N ms')
    .replace(/"(ms|durationMs|peerPort)": \d+/g, '"$1": N')
    .replace(/took \d+ ms/g, 'took N ms')
    .replace(/hairpin-check \d+\.\d+\.\d+\S*/g, 'hairpin-check <version>')
    .replace(/"version": "[^"]+"/g, '"version": "<version>"')
    .replace(/- OS: .*/g, '- OS: <os>')
    .replace(/- Node: .*/g, '- Node: <node>')
    // How many connections silence took depends on the clock; which firewall tools exist, on the machine.
    .replace(/\(\d+ connections\)/g, '(N connections)')
    .replace(/^\| Firewall: .*\n/gm, '')
    .replace(/"(attempts)": \d+/g, '"$1": N')
    .replace(/"findings": \[[\s\S]*?\n\s*\]/g, '"findings": […]')
}

const promtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0

for (const setup of SETUPS) {
  labTest(t, setup, async (t, lab) => {
    const ARGS = argsFor(setup)
    const human = await runCli(lab, 'a', [...ARGS, '--no-color'])
    t.matchSnapshot(stable(human.stdout), 'human')
    const markdown = await runCli(lab, 'a', [...ARGS, '--format', 'markdown'])
    t.equal(markdown.code, human.code, 'the same verdict in every format')
    t.matchSnapshot(stable(markdown.stdout), 'markdown')
    const json = await runCli(lab, 'a', [...ARGS, '--json'])
    t.not(json.json, null, 'json: one document (checked against the schema by the lab glue)')
    const metrics = await runCli(lab, 'a', [...ARGS, '--format', 'openmetrics'])
    t.match(metrics.stdout, new RegExp(`\\nhairpin_check_ok ${human.code === 0 ? 1 : 0}\\n`))
    if (promtool) {
      const check = spawnSync('promtool', ['check', 'metrics'], { input: metrics.stdout, encoding: 'utf8' })
      t.equal(check.status, 0, `promtool accepts it: ${check.stdout}${check.stderr}`)
    } else {
      await t.test('promtool check metrics', { skip: 'promtool not installed (Debian package prometheus); .ci/run installs it' }, () => {})
    }
    const redacted = await runCli(lab, 'a', [...ARGS, '--format', 'markdown', '--redact'])
    t.notMatch(redacted.stdout, /203\.0\.113\.7/, 'redacted: the public IP appears nowhere')
  }, `${setup}: every format`)
}
