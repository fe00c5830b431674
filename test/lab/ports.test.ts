// Several ports in one run of the built CLI: one that hairpins and one forwarded from the WAN only, in every output format.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { LAB, runCli, type CliResult, type Lab, type LabOptions } from './lab.js'
import { LAB_JOBS, SharedLabs, sharedLabTest } from './tap-lab.js'

// The subtests share one lab and take turns on it (the ports on host A); the jobs let its build overlap the queue.
t.jobs = LAB_JOBS
const labs = new SharedLabs(t)

/** Forwarded to host A from the WAN only: never reflected, so from inside it is refused (`no-reflection`). */
const EXTRA = 8444
const OPTS: LabOptions = { extraPort: EXTRA }
const PORTS = [String(LAB.port), String(EXTRA)]
// No gateway (the lab router has no NAT-PMP or UPnP: nothing to learn, only time to lose). Both
// ports end at once (an answer, a refusal), so the budget is only a cap: roomy, for a loaded machine
// where start-up alone can take a second (the echo step gets half of what is left, the probe the rest).
const ARGS = [...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '5000', '--no-gateway']
// Whatever runs these tests, the CLI must not think it is in a GitHub Actions job (workflow commands, step summary).
const NOT_IN_CI = { env: { GITHUB_ACTIONS: null, GITHUB_STEP_SUMMARY: null } }

const run = (lab: Lab, args: string[]): Promise<CliResult> => runCli(lab, 'a', [...PORTS, ...ARGS, ...args], NOT_IN_CI)
const ctx = (r: CliResult) => ({ stdout: r.stdout, stderr: r.stderr })

const promtool = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0
const python3 = spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0

/**
 * JUnit XML read by a real XML parser (Python's ElementTree): null when it is not well-formed,
 * else the number of <testsuite> elements and each testcase's name and child elements.
 */
function junitShape(xml: string): { suites: number; cases: Array<[string, string[]]> } | null {
  const script = [
    'import sys, json, xml.etree.ElementTree as E',
    'root = E.parse(sys.stdin).getroot()',
    "suites = root.findall('testsuite') if root.tag == 'testsuites' else [root]",
    "print(json.dumps({'suites': len(suites), 'cases': [[c.get('name'), [x.tag for x in c]] for s in suites for c in s.findall('testcase')]}))",
  ].join('\n')
  const r = spawnSync('python3', ['-c', script], { input: xml, encoding: 'utf8' })
  return r.status === 0 ? JSON.parse(r.stdout) : null
}

sharedLabTest(
  t,
  labs,
  'reflect-masq',
  async (t, lab) => {
    const r = await run(lab, ['--json'])
    t.equal(r.code, 1, 'exit 1: one port fails its expectation', ctx(r))
    t.equal(r.stderr, '', 'a verdict for every port: nothing on stderr')
    if (!t.ok(Array.isArray(r.json), 'stdout is one JSON array (each element checked against the schema by the lab glue)', ctx(r))) return
    t.same(
      r.json.map((j: any) => [j.port, j.verdict.cause, j.tcp?.outcome, j.expectations]),
      [
        [LAB.port, 'hairpin-ok-gateway-source', 'ok', [{ expect: 'works', holds: true, why: 'inside clients get through (hairpin-ok-gateway-source)' }]],
        [EXTRA, 'no-reflection', 'refused', [{ expect: 'works', holds: false, why: 'inside clients do not get through (no-reflection)' }]],
      ],
      'a report per port, in port order: the reflected one works, the WAN-only one is refused',
    )
    t.equal(r.json[0].publicIp.address, LAB.publicIp, 'one echo lookup for both')
    t.equal(r.json[1].publicIp.address, LAB.publicIp)
    t.equal(r.json[0].tcp.observedPeer, LAB.gateway, 'the reflected port: the server sees the gateway')
  },
  'JSON: an array of two reports in port order',
  OPTS,
)

sharedLabTest(
  t,
  labs,
  'reflect-masq',
  async (t, lab) => {
    const r = await run(lab, ['--format', 'markdown'])
    t.equal(r.code, 1, 'exit code', ctx(r))
    const lines = r.stdout.split('\n')
    t.equal(lines[0], '# hairpin-check: 2 ports')
    const header = lines.indexOf('| Port | Verdict | Cause | Expected |')
    t.ok(header > 0, 'a table of ports', ctx(r))
    t.equal(lines[header + 1], '|---|---|---|---|')
    t.match(lines[header + 2], /^\| 8443\/tcp \| \S+ Hairpin NAT works: the server sees the gateway's address \| `hairpin-ok-gateway-source` \| works: holds \|$/)
    t.match(lines[header + 3], /^\| 8444\/tcp \| \S+ Hairpin NAT does not work: connection refused, the forward is not reflected \| `no-reflection` \| works: fails \|$/)
    const first = r.stdout.indexOf('203.0.113.7:8443 reached this host from inside')
    const second = r.stdout.indexOf('203.0.113.7:8444 refused the connection from inside')
    t.ok(r.stdout.indexOf('| Port |') < first && first < second, "the table first, then each port's report in port order", ctx(r))
    t.equal(r.stdout.match(/^---$/gm)?.length, 2, 'each report after a rule')
  },
  'Markdown: a table of ports first',
  OPTS,
)

sharedLabTest(
  t,
  labs,
  'reflect-masq',
  async (t, lab) => {
    const r = await run(lab, ['--no-color'])
    t.equal(r.code, 1, 'exit code', ctx(r))
    const lines = r.stdout.split('\n')
    t.match(lines[0], /^\S+ 8443\/tcp: Hairpin NAT works: the server sees the gateway's address$/, 'a verdict line per port first', ctx(r))
    t.match(lines[1], /^\S+ 8444\/tcp: Hairpin NAT does not work: connection refused, the forward is not reflected$/)
    t.equal(lines[2], '', 'then a blank line')
    const first = r.stdout.indexOf('203.0.113.7:8443 reached this host from inside')
    const second = r.stdout.indexOf('203.0.113.7:8444 refused the connection from inside')
    t.ok(first > 0 && first < second, "then each port's details in port order", ctx(r))
    t.notMatch(r.stdout, /^::/m, 'no GitHub workflow commands outside GitHub Actions')
  },
  'human: a verdict line per port, then the details',
  OPTS,
)

sharedLabTest(
  t,
  labs,
  'reflect-masq',
  async (t, lab) => {
    const tcp = await run(lab, ['--format', 'junit'])
    t.equal(tcp.code, 1, 'exit code', ctx(tcp))
    t.match(tcp.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/)
    const udp = await run(lab, ['--format', 'junit', '--udp'])
    t.equal(udp.code, 1, 'exit code with --udp', ctx(udp))
    if (!python3) {
      await t.test('JUnit XML well-formed', { skip: 'python3 not installed: no XML parser to check with' }, () => {})
      return
    }
    t.same(
      junitShape(tcp.stdout),
      { suites: 1, cases: [['8443/tcp', []], ['8444/tcp', ['failure']]] },
      'well-formed XML: one testsuite, a testcase per port, <failure> for 8444 only',
      ctx(tcp),
    )
    t.same(
      junitShape(udp.stdout),
      {
        suites: 1,
        cases: [
          ['8443/tcp', []],
          ['8443/udp', []],
          ['8444/tcp', ['failure']],
          ['8444/udp', ['failure']],
        ],
      },
      'with --udp: a testcase per port and protocol',
      ctx(udp),
    )
  },
  'JUnit: one testsuite, a testcase per port and protocol',
  OPTS,
)

sharedLabTest(
  t,
  labs,
  'reflect-masq',
  async (t, lab) => {
    const r = await run(lab, ['--format', 'openmetrics'])
    t.equal(r.code, 1, 'exit code', ctx(r))
    t.match(r.stdout, /^hairpin_check_ok\{port="8443"\} 1$/m)
    t.match(r.stdout, /^hairpin_check_ok\{port="8444"\} 0$/m)
    t.match(r.stdout, /^hairpin_check_outcome\{port="8444",protocol="tcp",outcome="refused"\} 1$/m)
    const samples = r.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'))
    t.same(
      samples.filter((l) => !/\{(?:[^}]*,)?port="(?:8443|8444)"[,}]/.test(l)),
      [],
      'every sample carries its port label',
    )
    if (promtool) {
      const check = spawnSync('promtool', ['check', 'metrics'], { input: r.stdout, encoding: 'utf8' })
      t.equal(check.status, 0, `promtool accepts it: ${check.stdout}${check.stderr}`)
    }
  },
  'OpenMetrics: samples labelled by port',
  OPTS,
)

sharedLabTest(
  t,
  labs,
  'reflect-masq',
  async (t, lab) => {
    const r = await runCli(lab, 'a', [String(LAB.port), String(LAB.port), String(EXTRA), ...ARGS, '--json'], NOT_IN_CI)
    t.equal(r.code, 1, 'exit code', ctx(r))
    t.same(
      Array.isArray(r.json) ? r.json.map((j: any) => j.port) : r.json,
      [LAB.port, EXTRA],
      '8443 8443 8444: two reports, duplicates dropped, order kept',
    )
  },
  'duplicate ports are tested once',
  OPTS,
)

sharedLabTest(
  t,
  labs,
  'reflect-masq',
  async (t, lab) => {
    for (const bad of ['99999', '0', 'http']) {
      const r = await runCli(lab, 'a', [String(LAB.port), bad, String(EXTRA), ...ARGS], NOT_IN_CI)
      t.equal(r.code, 2, `${bad}: exit 2`, ctx(r))
      t.match(r.stderr, /^hairpin-check: [^\n]+\n$/, `${bad}: exactly one line on stderr`)
      t.match(r.stderr, new RegExp(`port must be an integer from 1 to 65535, not "${bad}"`), `${bad}: it names the bad port`)
      t.notMatch(r.stderr, /\n\s+at /, 'no stack trace')
    }
    const json = await runCli(lab, 'a', [String(LAB.port), '99999', String(EXTRA), ...ARGS, '--json'], NOT_IN_CI)
    t.equal(json.code, 2, '--json: exit 2', ctx(json))
    t.equal(json.stderr.split('\n').length, 2, '--json: one line on stderr')
    t.equal(json.json?.verdict?.cause, 'bad-input', '--json: still a report, of bad input (checked against the schema by the lab glue)')
  },
  'a bad port among several: exit 2, one stderr line',
  OPTS,
)
