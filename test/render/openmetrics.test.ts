// Tests the Prometheus text exposition: exact text for typical runs, label escaping, and validation by promtool itself.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { renderOpenMetrics, renderOpenMetricsPorts } from '../../src/render/openmetrics.js'
import type { Observations, Report } from '../../src/report/report.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}): Report => {
  const obs = observations(over)
  return { ...obs, verdict: diagnose(obs) }
}

/** promtool (Debian package `prometheus`) is the reference parser; CI installs it. */
const PROMTOOL = 'promtool'
const promtoolMissing = spawnSync(PROMTOOL, ['--version'], { encoding: 'utf8' }).error !== undefined
const NO_PROMTOOL = promtoolMissing ? 'promtool not installed (Debian package prometheus): the exposition is not validated here' : false

/**
 * `promtool check metrics` reads the exposition on stdin. Exit 0: parsed and lint-clean; 3: parsed,
 * with lint problems (listed on stdout, e.g. "no help text"); 1: a parse error (on stderr).
 */
function promtool(text: string): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' })
  return { status: r.status, output: `${r.stdout}${r.stderr}` }
}

const REPORTS: Record<string, () => Report> = {
  working: () => report(),
  failing: () => report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null, error: 'ECONNREFUSED', strangers: 1 }) }),
  'peer with UDP': () =>
    report({
      mode: 'peer',
      tcp: tcpReport({ outcome: 'timeout', observedPeer: null, peerKind: null, serverAddress: null, ms: 2000 }),
      udp: udpReport({ outcome: 'direct-reply', observedPeer: '192.168.77.20', peerKind: 'other', replyFrom: '192.168.77.10', attempts: 3, strangers: 2 }),
    }),
  target: () =>
    report({
      mode: 'target',
      listener: null,
      tcp: null,
      target: { address: '192.168.77.10', reason: 'flag', viaPublicIp: null, direct: null, same: null },
    }),
  'no verdict': () =>
    report({ publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null }, tcp: null, fault: { kind: 'no-public-ip', code: null, message: 'x' } }),
}

t.test('promtool accepts every kind of run, with no lint problem', { skip: NO_PROMTOOL }, async (t) => {
  for (const [name, make] of Object.entries(REPORTS)) {
    const text = renderOpenMetrics(make(), { timestampMs: 1_795_651_200_123 })
    t.same(promtool(text), { status: 0, output: '' }, name)
  }
  // The check is real: it fails what the format forbids.
  t.equal(promtool('hairpin_check_ok{a="b\n"} 1\n').status, 1, 'an unescaped line feed is a parse error')
  t.equal(promtool('# TYPE hairpin_check_ok info\nhairpin_check_ok 1\n').status, 1, 'an OpenMetrics-only type is a parse error')
  t.equal(promtool('hairpin_check_ok 1\n').status, 3, 'a missing HELP is a lint problem')
})

t.test('a working run, exactly', async (t) => {
  t.equal(
    renderOpenMetrics(REPORTS.working!(), { timestampMs: 1_795_651_200_500 }),
    `# HELP hairpin_check_ok Whether inside clients reach the service (1, exit code 0); 0 when they do not or when the run reached no verdict.
# TYPE hairpin_check_ok gauge
hairpin_check_ok 1
# HELP hairpin_check_verdict The verdict as a state set: ok (exit code 0), fail (1) or none (2, no verdict); 1 for the current state.
# TYPE hairpin_check_verdict gauge
hairpin_check_verdict{verdict="ok"} 1
hairpin_check_verdict{verdict="fail"} 0
hairpin_check_verdict{verdict="none"} 0
# HELP hairpin_check_hairpin Whether hairpin NAT works on the public IP (1) or not (0); absent when not decided.
# TYPE hairpin_check_hairpin gauge
hairpin_check_hairpin 1
# HELP hairpin_check_outcome What happened to the hairpinned connection, per protocol tested: 1 for the outcome seen.
# TYPE hairpin_check_outcome gauge
hairpin_check_outcome{protocol="tcp",outcome="ok"} 1
# HELP hairpin_check_strangers Connections and datagrams to the listener that were not the probe (left unanswered).
# TYPE hairpin_check_strangers gauge
hairpin_check_strangers 0
# HELP hairpin_check_duration_seconds Wall time of the run.
# TYPE hairpin_check_duration_seconds gauge
hairpin_check_duration_seconds 0.042
# HELP hairpin_check_last_run_timestamp_seconds When the run happened, as a Unix time.
# TYPE hairpin_check_last_run_timestamp_seconds gauge
hairpin_check_last_run_timestamp_seconds 1795651200.5
# HELP hairpin_check_info The run: tool version, cause, mode, port and the kind of source address the listener saw; always 1.
# TYPE hairpin_check_info gauge
hairpin_check_info{version="0.0.0-test",cause="hairpin-ok-gateway-source",mode="listen",port="8443",peer_kind="gateway"} 1
`,
  )
})

/** The sample lines (no comments) of an exposition. */
const samples = (text: string): string[] => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))

t.test('failing, peer, target and no-verdict runs', async (t) => {
  t.same(samples(renderOpenMetrics(REPORTS.failing!(), {})), [
    'hairpin_check_ok 0',
    'hairpin_check_verdict{verdict="ok"} 0',
    'hairpin_check_verdict{verdict="fail"} 1',
    'hairpin_check_verdict{verdict="none"} 0',
    'hairpin_check_hairpin 0',
    'hairpin_check_outcome{protocol="tcp",outcome="refused"} 1',
    'hairpin_check_strangers 1',
    'hairpin_check_duration_seconds 0.042',
    'hairpin_check_last_run_timestamp_seconds 1795651200',
    'hairpin_check_info{version="0.0.0-test",cause="no-reflection",mode="listen",port="8443",peer_kind=""} 1',
  ], 'the timestamp comes from startedAt without opts.timestampMs')

  const peer = samples(renderOpenMetrics(REPORTS['peer with UDP']!(), { timestampMs: 0 }))
  t.same(peer.filter((l) => /outcome|strangers|info|timestamp/.test(l)), [
    'hairpin_check_outcome{protocol="tcp",outcome="timeout"} 1',
    'hairpin_check_outcome{protocol="udp",outcome="direct-reply"} 1',
    'hairpin_check_strangers 2',
    'hairpin_check_last_run_timestamp_seconds 0',
    'hairpin_check_info{version="0.0.0-test",cause="dnat-without-snat",mode="peer",port="8443",peer_kind="other"} 1',
  ])

  const target = renderOpenMetrics(REPORTS.target!(), {})
  t.notMatch(target, /hairpin_check_outcome|hairpin_check_strangers|hairpin_check_hairpin /, 'nothing tested, nothing listened, no hairpin decided: no such family at all')
  t.match(target, /\nhairpin_check_verdict\{verdict="none"\} 1\n/)

  const none = renderOpenMetrics(REPORTS['no verdict']!(), {})
  t.match(none, /^# HELP hairpin_check_ok [^\n]+\n# TYPE hairpin_check_ok gauge\nhairpin_check_ok 0\n/, 'no verdict is not ok')
  t.match(none, /\nhairpin_check_verdict\{verdict="ok"\} 0\nhairpin_check_verdict\{verdict="fail"\} 0\nhairpin_check_verdict\{verdict="none"\} 1\n/)
  t.match(none, /cause="no-public-ip",mode="listen",port="8443",peer_kind=""\} 1\n$/)
  t.notMatch(none, /# EOF/, 'the Prometheus format, not OpenMetrics')

  const udpOnly = samples(renderOpenMetrics(report({ tcp: null, udp: udpReport({ strangers: 3 }) }), {}))
  t.ok(udpOnly.includes('hairpin_check_strangers 3'))
  t.ok(udpOnly.some((l) => l.endsWith('peer_kind="gateway"} 1')), 'the peer kind from UDP when TCP did not run')
})

t.test('every family has HELP and TYPE, and help needs no escaping', async (t) => {
  const text = renderOpenMetrics(REPORTS['peer with UDP']!(), {})
  const names = new Set(samples(text).map((l) => /^[a-z_]+/.exec(l)![0]))
  t.equal(names.size, 8)
  for (const name of names) {
    t.match(text, new RegExp(`# HELP ${name} [^\\\\]+\\n# TYPE ${name} gauge\\n`), name)
  }
})

t.test('label values are escaped, whatever the report holds', async (t) => {
  const r = report({ port: null })
  r.tool = { name: 'hairpin-check', version: 'a"b\\c\nd\re\tf ✔ }{,=' }
  const text = renderOpenMetrics(r, {})
  t.match(text, /\nhairpin_check_info\{version="a\\"b\\\\c\\nd\re\tf ✔ \}\{,=",cause="hairpin-ok-gateway-source",mode="listen",port="",peer_kind="gateway"\} 1\n$/)
  t.equal(text.split('\n').length, renderOpenMetrics(report(), {}).split('\n').length, 'no extra lines')
  if (!promtoolMissing) t.same(promtool(text), { status: 0, output: '' }, 'promtool reads it')
  // NUL and a lone surrogate (written as U+FFFD, since a JavaScript string always encodes to valid UTF-8).
  r.tool.version = 'x\u0000y\ud800z'
  const odd = renderOpenMetrics(r, {})
  t.match(odd, /\{version="x\u0000y\ud800z",/)
  if (!promtoolMissing) t.same(promtool(odd), { status: 0, output: '' }, 'promtool reads that too')
})

t.test('values Go cannot spell the JavaScript way', async (t) => {
  const r = report({ startedAt: 'not a date', durationMs: Number.POSITIVE_INFINITY })
  const text = renderOpenMetrics(r, {})
  t.match(text, /\nhairpin_check_duration_seconds \+Inf\n/)
  t.match(text, /\nhairpin_check_last_run_timestamp_seconds NaN\n/)
  t.match(renderOpenMetrics(report({ durationMs: Number.NEGATIVE_INFINITY }), { timestampMs: 1e25 }), /\nhairpin_check_duration_seconds -Inf\n[^]*\nhairpin_check_last_run_timestamp_seconds 1e\+22\n/)
  if (!promtoolMissing) t.same(promtool(text), { status: 0, output: '' }, 'promtool reads NaN and +Inf')
})

t.test('several ports: every sample labelled with its port, each family once', async (t) => {
  const text = renderOpenMetricsPorts([report({ port: 80 }), report({ port: 443, tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) })], { timestampMs: 0 })
  t.match(text, /# HELP hairpin_check_ok [^\n]*\n# TYPE hairpin_check_ok gauge\nhairpin_check_ok\{port="80"\} 1\nhairpin_check_ok\{port="443"\} 0\n/)
  t.equal(text.match(/# TYPE hairpin_check_ok /g)?.length, 1, 'one family, not one per port')
  t.match(text, /hairpin_check_verdict\{port="443",verdict="fail"\} 1/)
  t.match(text, /hairpin_check_info\{version="[^"]+",cause="no-reflection",mode="listen",port="443",peer_kind=""\} 1/, 'info keeps its own port label')
  t.equal(renderOpenMetricsPorts([]), '\n', 'nothing to say')
  const noPort = renderOpenMetricsPorts([report({ port: null, tcp: null, fault: { kind: 'bad-input', code: null, message: 'x' } })])
  t.match(noPort, /hairpin_check_ok\{port=""\} 0/)
  if (!promtoolMissing) t.equal(promtool(text).status, 0, `promtool accepts it: ${promtool(text).output}`)
})
