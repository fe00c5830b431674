// --expect through the built CLI (what a CI check asks of the verdict), GitHub Actions output, and --external within a tight budget.
import t from 'tap'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DAEMONS, LAB, runCli, type CliResult, type Lab } from './lab.js'
import { LAB_JOBS, labTest, SharedLabs, sharedLabTest } from './tap-lab.js'

// Subtests on different labs run at once; those on one shared lab take turns.
t.jobs = LAB_JOBS
const labs = new SharedLabs(t)

const ECHO = LAB.echoUrls.flatMap((u) => ['--echo-url', u])
// Every run here ends at once (an answer, a refusal): the budget is only a cap, roomy for a loaded machine.
const ARGS = [String(LAB.port), '--json', ...ECHO, '--timeout', '5000', '--no-gateway']
// Only the subtests about GitHub Actions may look like a GitHub Actions job, whatever runs these tests.
const NOT_IN_CI = { GITHUB_ACTIONS: null, GITHUB_STEP_SUMMARY: null }

const run = (lab: Lab, ...expect: string[]): Promise<CliResult> =>
  runCli(lab, 'a', [...ARGS, ...expect.flatMap((e) => ['--expect', e])], { env: NOT_IN_CI })
const ctx = (r: CliResult) => ({ stdout: r.stdout.slice(0, 2000), stderr: r.stderr })

sharedLabTest(t, labs, 'wan-only', async (t, lab) => {
  const r = await run(lab, 'fails')
  t.equal(r.code, 0, 'exit 0: hairpinning was expected to fail, and it does', ctx(r))
  t.equal(r.json?.verdict.cause, 'no-reflection', 'the verdict itself is unchanged')
  t.equal(r.json?.verdict.hairpin, false)
  t.same(r.json?.expectations, [{ expect: 'fails', holds: true, why: 'hairpin NAT stays off (no-reflection)' }], "the report's expectations say it holds")
  const works = await run(lab, 'works', 'source=gateway')
  t.equal(works.code, 1, 'works and source=gateway: exit 1', ctx(works))
  t.same(
    works.json?.expectations.map((e: any) => [e.expect, e.holds]),
    [
      ['works', false],
      ['source=gateway', false],
    ],
  )
}, 'wan-only: --expect fails holds')

sharedLabTest(t, labs, 'reflect-masq', async (t, lab) => {
  const [gateway, pub] = [await run(lab, 'source=gateway'), await run(lab, 'source=public-ip')]
  t.equal(gateway.code, 0, 'source=gateway: exit 0', ctx(gateway))
  t.same(gateway.json?.expectations, [{ expect: 'source=gateway', holds: true, why: "the server sees the gateway's address" }])
  t.equal(pub.code, 1, 'source=public-ip: exit 1', ctx(pub))
  t.equal(pub.json?.verdict.cause, 'hairpin-ok-gateway-source', 'hairpinning works all the same')
  t.same(pub.json?.expectations, [{ expect: 'source=public-ip', holds: false, why: "the server sees the gateway's address" }], 'the report names the expectation that failed, and why')
}, 'reflect-masq: the server sees the gateway, not the public IP')

sharedLabTest(t, labs, 'reflect-masq', async (t, lab) => {
  const all = await run(lab, 'works', 'source=gateway')
  t.equal(all.code, 0, 'works and source=gateway: both hold, exit 0', ctx(all))
  t.same(all.json?.expectations.map((e: any) => [e.expect, e.holds]), [['works', true], ['source=gateway', true]], 'each checked, in the order given')
  const one = await run(lab, 'works', 'source=public-ip')
  t.equal(one.code, 1, 'works and source=public-ip: one fails, exit 1', ctx(one))
  t.same(one.json?.expectations.map((e: any) => [e.expect, e.holds]), [['works', true], ['source=public-ip', false]])
}, 'repeated --expect: all must hold')

sharedLabTest(t, labs, 'snat-public', async (t, lab) => {
  const r = await run(lab, 'source=public-ip')
  t.equal(r.code, 0, 'exit 0', ctx(r))
  t.equal(r.json?.verdict.cause, 'hairpin-ok-public-source')
  t.same(r.json?.expectations, [{ expect: 'source=public-ip', holds: true, why: 'the server sees the public IP' }])
}, 'snat-public: --expect source=public-ip holds')

sharedLabTest(t, labs, 'reflect-masq', async (t, lab) => {
  for (const args of [['--expect', 'sometimes'], ['--expect', 'source=router'], ['--expect', 'works', '--expect', 'sometimes']]) {
    const r = await runCli(lab, 'a', [...ARGS.filter((a) => a !== '--json'), ...args], { env: NOT_IN_CI })
    t.equal(r.code, 2, `${args.join(' ')}: exit 2`, ctx(r))
    t.match(r.stderr, /^hairpin-check: [^\n]+\n$/, 'exactly one line on stderr')
    t.match(r.stderr, /--expect: must be works, fails or source=public-ip\|gateway\|client\|other/, 'naming the values it takes')
  }
}, 'a bad --expect value: exit 2 with one line')

// GitHub Actions: one ::error workflow command per failing port (human output only), and the Markdown report in the step summary.
sharedLabTest(
  t,
  labs,
  'reflect-masq',
  async (t, lab) => {
    const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-gh-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    // The lab's namespaces share this machine's /tmp: the file is where the runner would point.
    const summary = join(dir, 'step-summary.md')
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }
    const args = [String(LAB.port), '8444', ...ECHO, '--timeout', '5000', '--no-gateway']
    const human = await runCli(lab, 'a', [...args, '--no-color'], { env })
    t.equal(human.code, 1, 'exit 1: 8444 fails', ctx(human))
    const commands = human.stdout.split('\n').filter((l) => l.startsWith('::'))
    t.equal(commands.length, 1, 'one workflow command: for the failing port only', ctx(human))
    t.match(commands[0], /^::error title=hairpin-check 8444\/tcp::Hairpin NAT does not work: connection refused, the forward is not reflected\. /)
    t.notMatch(commands[0], /%0A|\n/, 'one line')
    t.equal(human.stderr, '', 'the summary was written: nothing on stderr')
    if (!t.ok(existsSync(summary), 'the step summary file was written')) return
    const written = readFileSync(summary, 'utf8')
    t.match(written, /^# hairpin-check: 2 ports\n\n\| Port \| Verdict \| Cause \| Expected \|\n/, 'the Markdown report: the table of ports first')
    t.match(written, /\| 8444\/tcp \| [^|]+ \| `no-reflection` \| works: fails \|/)
    t.match(written, /<details>/, 'with the raw JSON in a collapsed block')

    const json = await runCli(lab, 'a', [...args, '--json'], { env })
    t.equal(json.code, 1, '--json: exit 1', ctx(json))
    t.notMatch(json.stdout, /^::/m, '--json: no workflow commands')
    t.ok(Array.isArray(json.json), '--json: stdout is still exactly one JSON document (the array of reports)', ctx(json))
    t.same(json.json?.map((j: any) => j.verdict.cause), ['hairpin-ok-gateway-source', 'no-reflection'])
    t.equal(readFileSync(summary, 'utf8').match(/^# hairpin-check: 2 ports$/gm)?.length, 2, 'the summary gets the Markdown report with every format (appended)')
  },
  'GitHub Actions: ::error for the failing port, the Markdown report in the step summary',
  { extraPort: 8444 },
)

// --external within the run's budget: never asked with a timeout it cannot keep (undici: "headersTimeout must be a positive integer").
labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    // An echo service that accepts and never answers: the echo step then waits out its share of the budget.
    const SILENT = 'http://198.51.100.11:81/ip'
    await lab.spawnBackground('inet', [process.execPath, DAEMONS.hostileEcho, '--host', '198.51.100.11', '--serve', 'silent:81'], { waitFor: 'listening' })
    const external = ['--no-gateway', '--json', '--external', '--external-url', 'http://198.51.100.10/port/{port}']
    const runs: Array<[string, string[]]> = [
      ['--timeout 2000', [String(LAB.port), ...ECHO, '--timeout', '2000', ...external]],
      ['--timeout 2000, one echo service silent', [String(LAB.port), '--echo-url', LAB.echoUrls[0]!, '--echo-url', SILENT, '--timeout', '2000', ...external]],
      ['--timeout 1000, one echo service silent', [String(LAB.port), '--echo-url', LAB.echoUrls[0]!, '--echo-url', SILENT, '--timeout', '1000', ...external]],
    ]
    for (const [name, args] of runs) {
      const r = await runCli(lab, 'a', args, { env: NOT_IN_CI })
      const e = r.json?.external
      // Not the exit code: on a loaded machine a budget this short can end the probe itself early.
      if (!t.ok(e, `${name}: a report with an external block`, ctx(r))) continue
      t.comment(`${name}: external.error ${JSON.stringify(e.error)}, run ${r.json.durationMs} ms`)
      t.notMatch(String(e.error), /headersTimeout|positive integer/i, `${name}: never undici's timer complaint`)
      if (e.error === null) {
        t.same([e.reachable, e.ip, e.seenByListener], [true, LAB.publicIp, true], `${name}: an answer`)
      } else {
        t.match(e.error, /^not asked: only \d+ ms of the --timeout budget were left$/, `${name}: a clear reason it was not asked`)
        t.same([e.reachable, e.ip], [null, null])
      }
      // The echo step gets at most half of what is left, and waits it out for the silent service.
      if (name.startsWith('--timeout 1000')) t.not(e.error, null, 'with under 500 ms left after the echo step, not asked')
    }
  },
  '--external within a short --timeout: an answer or a clear reason',
  { echoServer: 'cli' },
)
