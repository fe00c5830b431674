import t from 'tap'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { faultReport, finish } from '../../src/cli/output.js'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { emptyObservations } from '../../src/report/observations.js'
import type { CliFs } from '../../src/cli/system.js'
import { fakeIO } from '../support/fixtures.js'
import { fakeCli, oneLine, runCli as run } from '../support/cli.js'

t.test('a fault report: nothing observed but the fault, and its verdict', async (t) => {
  const fault = { kind: 'bad-input' as const, code: null, message: 'port must be an integer' }
  const report = faultReport(fault, 443)
  const obs = { ...emptyObservations(443, report.startedAt), fault }
  const verdict = diagnose(obs)
  t.same(report, { ...obs, verdict, expectations: [{ expect: 'works', holds: null, why: 'no verdict (bad-input)' }] })
  t.same(Object.keys(report), [...Object.keys(obs), 'verdict', 'expectations'], 'the schema order: the verdict, then the expectations')
  t.same(faultReport(fault, 443, [{ kind: 'fails' }]).expectations?.map((e) => e.expect), ['fails'], 'the expectations asked for')
  t.equal(faultReport(fault, null).port, null)
})

t.test('a run stopped by a signal exits with 128 + its number, and says so on one line', async (t) => {
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    const f = fakeCli()
    const report = faultReport({ kind: 'interrupted', code: sig, message: `interrupted by ${sig} before the verdict` }, 8443)
    t.equal(await finish(report, { format: 'human', redact: false, quiet: false, color: false, reportPath: null }, f.cli), code, sig)
    t.equal(f.out(), '', 'no human report without a verdict')
    t.match(f.err(), new RegExp(`^hairpin-check: interrupted by ${sig}`))
    oneLine(t, f.err())
  }
})

t.test('--report is written also when the arguments are bad', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-'))
  const file = join(dir, 'report.json')
  const r = await run(['nope', '--report', file])
  t.equal(r.code, 2)
  t.equal(JSON.parse(readFileSync(file, 'utf8')).verdict.cause, 'bad-input')
})

t.test('colour follows the terminal, NO_COLOR, --no-color and FORCE_COLOR', async (t) => {
  t.match((await run(['8443'], { tty: true })).out, /\u001b\[/)
  t.notMatch((await run(['8443'], { tty: true, env: { NO_COLOR: '1' } })).out, /\u001b\[/)
  t.notMatch((await run(['8443', '--no-color'], { tty: true })).out, /\u001b\[/)
  t.match((await run(['8443'], { env: { FORCE_COLOR: '1' } })).out, /\u001b\[/)
  t.notMatch((await run(['8443'], { env: { FORCE_COLOR: '0' } })).out, /\u001b\[/)
})

t.test('the human report: its path picture fits the terminal, in the characters it can show', async (t) => {
  const wide = await run(['8443'])
  let out = ''
  const narrow = await run(['8443'], { cli: { stdout: { write: (s: string) => (out += s), columns: 60 } } })
  t.equal(narrow.code, 0)
  t.notSame(out, wide.out, '60 columns: the path picture is drawn narrower than the default 80')
  const unicode = await run(['8443'], { cli: { platform: 'linux' } })
  const console = await run(['8443'], { cli: { platform: 'win32' } })
  t.notSame(console.out, unicode.out, 'a plain Windows console gets ASCII')
  t.same(await run(['8443'], { cli: { platform: 'win32' }, env: { WT_SESSION: '1' } }), unicode, 'Windows Terminal shows Unicode')
})

t.test('a report file that cannot be written is an error', async (t) => {
  const r = await run(['8443', '--report', '/nonexistent-dir/x/report.json'])
  t.equal(r.code, 2)
  t.match(r.err, /^hairpin-check: cannot write the report to \/nonexistent-dir\/x\/report\.json \(ENOENT\): check that its folder exists/)
  oneLine(t, r.err)
  // A fault and an unwritable report: still one line, both said.
  const both = await run(['nope', '--report', '/nonexistent-dir/x/report.json'])
  t.equal(both.code, 2)
  t.match(both.err, /port must be an integer.*; and cannot write the report to \/nonexistent-dir/)
  oneLine(t, both.err)
  // The report path is a folder: the rename fails, and no temporary file is left behind.
  const folder = mkdtempSync(join(tmpdir(), 'hc-'))
  const isDir = await run(['8443', '--report', folder])
  t.equal(isDir.code, 2)
  t.match(isDir.err, /\((EISDIR|ENOTDIR|EEXIST|EPERM)\)/)
  t.same(readdirSync(dirname(folder)).filter((f) => f.startsWith(`${basename(folder)}.`)), [], 'no .tmp left next to it')
  const dir = mkdtempSync(join(tmpdir(), 'hc-'))
  const file = join(dir, 'ok.json')
  const ok = await run(['8443', '--report', file])
  t.equal(ok.code, 0)
  t.equal(JSON.parse(readFileSync(file, 'utf8')).verdict.cause, 'hairpin-ok-gateway-source')
})

t.test('the report file: written beside its place under the process id, then renamed over it', async (t) => {
  const calls: string[] = []
  const fs = (renameFails: boolean): CliFs => ({
    writeFile: async (path, data) => void calls.push(`write ${path} ${JSON.parse(data).verdict.cause}`),
    appendFile: async (path) => void calls.push(`append ${path}`),
    rename: async (from, to) => {
      calls.push(`rename ${from} ${to}`)
      if (renameFails) throw Object.assign(new Error('denied'), { code: 'EACCES' })
    },
    rm: async (path, opts) => void calls.push(`rm ${path} ${opts.force}`),
  })
  const ok = await run(['8443', '--report', '/r/report.json'], { cli: { pid: 4242, fs: fs(false) } })
  t.equal(ok.code, 0)
  t.same(calls, ['write /r/report.json.4242.tmp hairpin-ok-gateway-source', 'rename /r/report.json.4242.tmp /r/report.json'])
  calls.length = 0
  const failed = await run(['8443', '--report', '/r/report.json'], { cli: { pid: 4242, fs: fs(true) } })
  t.equal(failed.code, 2)
  t.same(calls.slice(1), ['rename /r/report.json.4242.tmp /r/report.json', 'rm /r/report.json.4242.tmp true'], 'the half-step removed')
  t.match(failed.err, /cannot write the report to \/r\/report\.json \(EACCES\)/)
})

t.test('--format markdown, openmetrics, json; --redact masks every format', async (t) => {
  const md = await run(['8443', '--format', 'markdown'])
  t.equal(md.code, 0)
  t.match(md.out, /^# ✔ Hairpin NAT works/)
  t.match(md.out, /```\nTCP to 203\.0\.113\.7:8443\n {2}client .*--SYN--/, 'the path picture, in ASCII')
  t.match(md.out, /<summary>Raw report \(JSON\)<\/summary>/)
  t.match(md.out, new RegExp(`Node: ${process.version.replace(/\./g, '\\.')}`))
  const elsewhere = await run(['8443', '--format', 'markdown'], { cli: { environment: { os: 'win32 10.0.26100 x64', node: 'v20.19.0' } } })
  t.match(elsewhere.out, /win32 10\.0\.26100 x64/, 'the environment is the one the CLI runs on')
  t.match(elsewhere.out, /Node: v20\.19\.0/)
  const om = await run(['8443', '--format', 'openmetrics'])
  t.match(om.out, /^# HELP hairpin_check_ok /)
  t.match(om.out, /\nhairpin_check_ok 1\n/)
  t.equal(JSON.parse((await run(['8443', '--format', 'json'])).out).verdict.cause, 'hairpin-ok-gateway-source')
  t.equal(JSON.parse((await run(['8443', '--json', '--format', 'json'])).out).schemaVersion, 1)

  const redacted = await run(['8443', '--json', '--redact'])
  t.notMatch(redacted.out, /203\.0\.113\.7/, 'the public IP appears nowhere')
  const r = JSON.parse(redacted.out)
  t.equal(r.redacted, true)
  t.equal(r.publicIp.address, '<public-ip-1>')
  t.equal(r.client.address, '192.168.77.10', 'LAN addresses are kept')
  for (const format of ['human', 'markdown', 'openmetrics']) {
    t.notMatch((await run(['8443', '--format', format, '--redact'])).out, /203\.0\.113\.7/, `${format}: masked`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'hc-'))
  const file = join(dir, 'r.json')
  await run(['8443', '--redact', '--report', file])
  t.notMatch(readFileSync(file, 'utf8'), /203\.0\.113\.7/, 'the report file too')

  const failing = fakeIO({ probe: { outcome: 'refused', observedPeer: null } }).io
  const omFail = await run(['8443', '--format', 'openmetrics'], { io: failing })
  t.equal(omFail.code, 1)
  t.match(omFail.out, /\nhairpin_check_ok 0\n/)
  const noVerdict = await run(['8443', '--format', 'openmetrics'], { io: fakeIO({ discover: async () => ({ address: null, sources: [], candidates: [] }) }).io })
  t.equal(noVerdict.code, 2)
  t.match(noVerdict.out, /hairpin_check_verdict\{verdict="none"\} 1/, 'no verdict still gives metrics')
  t.match(noVerdict.err, /^hairpin-check: /)

  const badMd = await run(['99999', '--format', 'markdown'])
  t.match(badMd.out, /^# \? No verdict: bad arguments/, 'bad input still renders in the format asked')
})

t.test('several ports: a verdict line each, then the reports; JSON an array; the exit code of the worst', async (t) => {
  const io = fakeIO({ probe: (host) => (host === '203.0.113.7' ? {} : {}) }).io
  const human = await run(['80', '443', '--no-gateway', '--no-ipv6'], { io })
  t.equal(human.code, 0)
  t.match(human.out, /^✔ 80\/tcp: Hairpin NAT works: the server sees the gateway's address\n✔ 443\/tcp: Hairpin NAT works/)
  t.match(human.out, /\n\n✔ Hairpin NAT works: the server sees the gateway's address\n\n {2}Hairpin NAT works: 203\.0\.113\.7:80 reached/)
  const quiet = await run(['80', '443', '--quiet', '--no-gateway'], { io })
  t.equal(quiet.out.split('\n').filter(Boolean).length, 2, 'quiet: one line per port')
  const json = await run(['80', '443', '--json', '--no-gateway'], { io })
  const docs = JSON.parse(json.out) as Array<{ port: number; expectations: unknown[] }>
  t.same(docs.map((d) => d.port), [80, 443])
  t.ok(docs.every((d) => d.expectations.length === 1))
  const md = await run(['80', '443', '--format', 'markdown', '--no-gateway'], { io })
  t.match(md.out, /^# hairpin-check: 2 ports\n\n\| Port \| Verdict \| Cause \| Expected \|/)
  t.match(md.out, /\n---\n\n# ✔ Hairpin NAT works/)
  const metrics = await run(['80', '443', '--format', 'openmetrics', '--no-gateway'], { io })
  t.match(metrics.out, /hairpin_check_ok\{port="80"\} 1\nhairpin_check_ok\{port="443"\} 1/)
  const junit = await run(['80', '443', '--format', 'junit', '--no-gateway'], { io })
  t.match(junit.out, /tests="2" failures="0" errors="0"/)
})

t.test('the exit code: a failed expectation wins over no verdict, a signal over both', async (t) => {
  const refused = fakeIO({ probe: { outcome: 'refused', observedPeer: null } }).io
  t.equal((await run(['80', '--no-gateway'], { io: refused })).code, 1)
  t.equal((await run(['80', '--no-gateway', '--expect', 'fails'], { io: refused })).code, 0, '--expect fails: hairpin staying off passes')
  t.equal((await run(['80', '--no-gateway', '--expect', 'source=public-ip'])).code, 1, 'works, but the server sees the gateway')
  t.equal((await run(['80', '--no-gateway', '--expect', 'works', '--expect', 'source=gateway'])).code, 0, 'all hold')
  const listenFails = fakeIO({ listen: async (o) => (o.port === 443 ? Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) : fakeIO().io.listen(o)) }).io
  const mixed = await run(['80', '443', '--no-gateway', '--udp'], { io: listenFails })
  t.equal(mixed.code, 2, 'one port without a verdict, none failing')
  t.match(mixed.err, /^hairpin-check: port 443: /, 'the stderr line names the port')
})

t.test('GitHub Actions: the step summary gets the Markdown report; human output gets one workflow command per port in trouble', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hpc-gha-'))
  const summary = join(dir, 'summary.md')
  const refused = fakeIO({ probe: { outcome: 'refused', observedPeer: null } }).io
  const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }
  const r = await run(['8443', '--no-gateway'], { io: refused, env })
  t.equal(r.code, 1)
  t.match(r.out, /\n::error title=hairpin-check 8443\/tcp::Hairpin NAT does not work/)
  t.match(readFileSync(summary, 'utf8'), /^# ✘ Hairpin NAT does not work/)
  const json = await run(['8443', '--no-gateway', '--json'], { io: refused, env })
  t.notMatch(json.out, /::error/, 'machine formats do not change')
  t.doesNotThrow(() => JSON.parse(json.out))
  const nowhere = await run(['8443', '--no-gateway'], { io: refused, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'missing', 'x.md') } })
  t.equal(nowhere.code, 2, 'a summary that cannot be written is a fault, not silence')
  t.match(nowhere.err, /cannot append to the GitHub step summary .*missing.*\(ENOENT\)/)
  const noSummary = await run(['8443', '--no-gateway'], { io: refused, env: { GITHUB_ACTIONS: 'true' } })
  t.match(noSummary.out, /::error/)
  t.equal(noSummary.code, 1)
})

t.test('finish: a report without expectations exits by its verdict; several ports write an array to --report', async (t) => {
  const f = fakeCli()
  const obs = { ...emptyObservations(443), fault: { kind: 'listen-failed' as const, code: 'EACCES', message: 'denied' } }
  t.equal(await finish({ ...obs, verdict: diagnose(obs) }, { format: 'json', redact: false, quiet: false, color: false, reportPath: null }, f.cli), 2)
  const dir = mkdtempSync(join(tmpdir(), 'hpc-ports-'))
  const file = join(dir, 'r.json')
  const r = await run(['80', '443', '--no-gateway', '--report', file])
  t.equal(r.code, 0)
  t.same((JSON.parse(readFileSync(file, 'utf8')) as Array<{ port: number }>).map((x) => x.port), [80, 443])
})
