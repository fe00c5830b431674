// Several ports: verdict lines, the Markdown table, GitHub Actions annotations.
import t from 'tap'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { checkAll } from '../../src/diagnose/expect.js'
import type { Observations, Report } from '../../src/report/report.js'
import { expectationsHold, githubAnnotations, portLabel, portLines, portsTable } from '../../src/render/ports.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}): Report => {
  const obs = observations(over)
  const r = { ...obs, verdict: diagnose(obs) }
  return { ...r, expectations: checkAll([{ kind: 'works' }], r) }
}
const ok = report({ port: 443 })
const failing = report({ port: 8443, tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) })
const none = report({ port: 80, tcp: null, fault: { kind: 'listen-failed', code: 'EACCES', message: 'needs root: 100% sure, a,b' } })

t.test('expectationsHold and labels', async (t) => {
  t.equal(expectationsHold(ok), true)
  t.equal(expectationsHold(failing), false)
  t.equal(expectationsHold(none), null)
  t.equal(expectationsHold({ ...ok, expectations: undefined }), true, 'the verdict without expectations')
  t.equal(expectationsHold({ ...none, expectations: undefined }), null)
  t.equal(expectationsHold({ ...failing, expectations: undefined }), false)
  t.equal(portLabel(ok), '443/tcp')
  t.equal(portLabel(report({ port: 53, tcp: null, udp: udpReport() })), '53/udp')
  t.equal(portLabel(report({ udp: udpReport() })), '8443/tcp+udp')
  t.equal(portLabel({ ...none, port: null, tcp: null }), 'no port')
})

t.test('a verdict line per port', async (t) => {
  t.same(
    portLines([ok, failing]).map((p) => [p.label, p.line.mark]),
    [
      ['443/tcp', 'ok'],
      ['8443/tcp', 'fail'],
    ],
  )
})

t.test('the Markdown table of ports', async (t) => {
  const table = portsTable([ok, failing, none])
  t.equal(table[0], '| Port | Verdict | Cause | Expected |')
  t.match(table[2], /^\| 443\/tcp \| ✔ Hairpin NAT works: the server sees the gateway's address \| `hairpin-ok-gateway-source` \| works: holds \|$/)
  t.match(table[3], /\| works: fails \|$/)
  t.match(table[4], /\| works: cannot tell \|$/)
  t.match(portsTable([{ ...ok, expectations: [] }])[2], /\| works: holds \|$/, 'no expectations listed: works')
  t.match(portsTable([{ ...ok, expectations: undefined }])[2], /\| works: holds \|$/, 'none at all: the verdict')
})

t.test('GitHub Actions: ::error for a failing port, ::warning without a verdict, nothing for a pass', async (t) => {
  const lines = githubAnnotations([ok, failing, none])
  t.equal(lines.length, 2)
  t.match(lines[0], /^::error title=hairpin-check 8443\/tcp::Hairpin NAT does not work: connection refused/)
  t.match(lines[1], /^::warning title=hairpin-check 80::No verdict: could not listen on the port\. No verdict: needs root: 100%25 sure, a,b$/)
  const multiline = { ...failing, verdict: { ...failing.verdict, summary: 'a\nb\r%' } }
  const one = githubAnnotations([multiline])[0]!
  t.notMatch(one, /[\r\n]/, 'one line: the summary is made printable first')
  t.match(one, /%25$/, 'and escaped as the runner reads it')
  t.match(githubAnnotations([{ ...failing, port: 1, tcp: null, udp: udpReport({ outcome: 'refused' }) }])[0], /title=hairpin-check 1\/udp::/)
})
