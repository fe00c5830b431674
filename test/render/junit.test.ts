// JUnit XML: one testsuite, a testcase per port and protocol, failure and error as CI servers read them.
import t from 'tap'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { checkAll } from '../../src/diagnose/expect.js'
import type { Observations, Report } from '../../src/report/report.js'
import { renderJunit, xmlText } from '../../src/render/junit.js'
import { observations, tcpReport, udpReport } from '../support/fixtures.js'

const report = (over: Partial<Observations> = {}, expect: Parameters<typeof checkAll>[0] = [{ kind: 'works' }]): Report => {
  const obs = observations(over)
  const r = { ...obs, verdict: diagnose(obs) }
  return { ...r, expectations: checkAll(expect, r) }
}

t.test('a passing port: one testcase, no failure', async (t) => {
  const xml = renderJunit([report()])
  t.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="hairpin-check" tests="1" failures="0" errors="0"/)
  t.match(xml, /<testsuite name="hairpin-check" tests="1" failures="0" errors="0" skipped="0" time="0\.042" timestamp="2026-11-26T00:00:00">/)
  t.match(xml, /<testcase classname="hairpin-check\.listen" name="8443\/tcp" time="0\.042"\/>/)
  t.ok(xml.endsWith('</testsuites>\n'))
})

t.test('a failing expectation is a <failure>; no verdict is an <error>', async (t) => {
  const failing = report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) })
  const nothing = report({ port: 443, fault: { kind: 'listen-failed', code: 'EACCES', message: 'ports below 1024 need privileges' }, tcp: null, listener: null })
  const xml = renderJunit([failing, nothing])
  t.match(xml, /tests="2" failures="1" errors="1"/)
  t.match(xml, /<testcase classname="hairpin-check\.listen" name="8443\/tcp"[^>]*>\n    <failure message="expected works: inside clients do not get through \(no-reflection\)" type="expectation">Hairpin NAT does not work: /)
  t.match(xml, /name="443\/tcp"[^>]*>\n    <error message="No verdict: could not listen on the port" type="no-verdict">No verdict: ports below 1024/)
  const off = renderJunit([report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }) }, [{ kind: 'fails' }])])
  t.match(off, /failures="0" errors="0"/, '--expect fails: hairpin staying off passes')
})

t.test('TCP and UDP: a testcase each; the protocol the verdict is not about passes when it proved', async (t) => {
  const both = report({ udp: udpReport({ outcome: 'timeout', observedPeer: null, peerKind: null, serverAddress: null, replyFrom: null }) })
  const xml = renderJunit([both])
  t.match(xml, /name="8443\/tcp"[^>]*\/>/)
  t.match(xml, /name="8443\/udp"[^>]*>\n    <failure /)
  const noExpect = { ...report(), expectations: undefined }
  t.match(renderJunit([noExpect]), /failures="0" errors="0"/, 'without expectations the verdict decides')
  const noVerdict = { ...report({ tcp: null, fault: { kind: 'listen-failed', code: null, message: 'x' } }), expectations: undefined }
  t.match(renderJunit([noVerdict]), /failures="0" errors="1"/)
  const target = report({ mode: 'target', tcp: null, target: { address: '192.168.77.20', reason: 'flag', viaPublicIp: null, direct: null, same: null } })
  t.match(renderJunit([target]), /classname="hairpin-check\.target" name="8443\/tcp"/, '--target compares TCP')
  t.match(renderJunit([report({ port: null, tcp: null, fault: { kind: 'bad-input', code: null, message: 'x' } })]), /name="no port\/tcp"/)
  t.match(renderJunit([]), /tests="0" failures="0" errors="0"[^\n]*time="0\.000" timestamp="">/)
})

t.test('xmlText: escaped, and what XML cannot hold is dropped', async (t) => {
  t.equal(xmlText(`a<b>&"c'\u0000\u001b[2J\uffff`), 'a&lt;b&gt;&amp;&quot;c&apos;[2J')
  const hostile = report({ tcp: tcpReport({ outcome: 'refused', observedPeer: null, peerKind: null }), port: 8443 })
  hostile.verdict.summary = '</failure><injected/>\u0007'
  const xml = renderJunit([hostile])
  t.notMatch(xml, /<injected/)
})
