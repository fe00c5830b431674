// Every fault is exit 2 with one line on stderr that says what to do; SIGINT and SIGTERM stop a run with a valid report.
import t, { type Test } from 'tap'
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { CLI_KILL_MS, oneLine, startCli, waitOpen, waitSs } from './background.js'
import { CLI_PATH, LAB, LAB_NAMES, pidAlive, runCli } from './lab.js'
import { validateReport } from './schema-hook.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab (most change it: routes, addresses, links, daemons) and mostly waits
// on the CLI's own timers: several at once.
t.jobs = LAB_JOBS

const PORT = String(LAB.port)
const ECHO = LAB.echoUrls.flatMap((u) => ['--echo-url', u])
/**
 * Runs a command as nobody:nogroup with no supplementary groups. `env -u NODE_OPTIONS` first:
 * the test runner's process-info hook puts itself back into NODE_OPTIONS of every child it
 * spawns, and as nobody it would fail at exit writing to the repository's .tap/ folder.
 */
const AS_NOBODY = ['env', '-u', 'NODE_OPTIONS', 'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']
/** Our own probe in flight: a SYN towards the public IP that nothing answers (dnat-no-snat from A). */
const PROBE_IN_FLIGHT = ['-tn', 'state', 'syn-sent', 'dst', LAB.publicIp]

/**
 * The CLI entry point as the unprivileged user can run it: the repository's own when nobody can
 * read bin/, dist/ and package.json there (and traverse the folders on the way), else a copy of
 * those in a temp folder readable by all, removed at teardown. The build bundles every runtime
 * dependency into dist/, so nothing else is needed.
 */
function cliForNobody(t: Test): string {
  const root = dirname(dirname(CLI_PATH))
  const parts = ['bin', 'dist', 'package.json'].map((p) => join(root, p))
  // GNU find tests -readable/-executable with the real uid, i.e. as nobody here; it fails on a folder it cannot enter.
  const check = spawnSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), 'find', ...parts, '(', '!', '-readable', '-o', '-type', 'd', '!', '-executable', ')', '-print', '-quit'], {
    encoding: 'utf8',
  })
  if (check.status === 0 && check.stdout.trim() === '') return CLI_PATH
  const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-nobody-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  for (const p of ['bin', 'dist', 'package.json']) cpSync(join(root, p), join(dir, p), { recursive: true })
  chmodSync(dir, 0o755)
  spawnSync('chmod', ['-R', 'a+rX', dir])
  return join(dir, 'bin', 'hairpin-check.js')
}

/**
 * Asserts a JSON report printed on stdout (`--json`) holds this fault (`runCli` already held it
 * to the schema). `kind` null: a cause that is not a fault of the run (`dns-failed`: the run
 * itself got as far as a verdict on the public IP, which `verdict.hairpin` keeps).
 */
function faultIs(t: Test, json: any, cause: string, kind: string | null): void {
  t.equal(json?.verdict?.cause, cause, `verdict.cause ${cause}`, { fault: json?.fault })
  if (kind === null) return
  t.equal(json?.verdict?.hairpin, null, 'no verdict on the hairpin')
  t.equal(json?.fault?.kind, kind, `fault.kind ${kind}`)
}

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    // Per namespace; 1024 is the kernel's default, set anyway so the host's value cannot leak in.
    // Written to /proc directly: procps' sysctl is not on every fresh machine.
    const sysctl = await lab.exec('a', ['sh', '-c', 'echo 1024 > /proc/sys/net/ipv4/ip_unprivileged_port_start'])
    t.equal(sysctl.code, 0, 'ports below 1024 are privileged in host A', { stderr: sysctl.stderr })
    const cli = cliForNobody(t)
    const asNobody = (args: string[]) => lab.exec('a', [...AS_NOBODY, process.execPath, cli, ...args], { timeoutMs: CLI_KILL_MS })
    const who = await lab.exec('a', [...AS_NOBODY, 'id', '-u'])
    t.equal(who.stdout.trim(), '65534', 'the CLI runs as nobody')

    const r = await asNobody(['443', ...ECHO])
    t.equal(r.code, 2, 'exit code', { stderr: r.stderr })
    t.equal(r.stdout, '', 'nothing on stdout')
    oneLine(t, r.stderr)
    t.match(r.stderr, /cannot listen on 0\.0\.0\.0:443: ports below 1024 need privileges/)
    t.match(r.stderr, /run with sudo/, 'says: sudo')
    t.match(r.stderr, /sysctl -w net\.ipv4\.ip_unprivileged_port_start=443/, 'or the sysctl, filled in with the port')

    const j = await asNobody(['443', ...ECHO, '--json'])
    t.equal(j.code, 2)
    oneLine(t, j.stderr, 'with --json, stderr')
    const report = JSON.parse(j.stdout)
    t.same(validateReport(report), [], 'the report matches the schema')
    faultIs(t, report, 'listen-failed', 'listen-failed')
    t.equal(report.fault?.code, 'EACCES')
  },
  'EACCES: port 443 as an unprivileged user',
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    await lab.spawnBackground('a', [process.execPath, '-e', `require('dgram').createSocket('udp4').bind(${LAB.port}, () => console.log('up'))`], { waitFor: 'up' })
    const busy = await runCli(lab, 'a', [PORT, ...ECHO, '--udp', '--json', '--timeout', '2000'])
    t.equal(busy.code, 2, 'UDP port taken: exit 2')
    oneLine(t, busy.stderr)
    t.match(busy.stderr, /cannot listen on 0\.0\.0\.0:8443: something already listens on port 8443 .*stop it while the test runs/)
    faultIs(t, busy.json, 'listen-failed', 'listen-failed')
    t.equal(busy.json?.fault?.code, 'EADDRINUSE')

    const bind = await runCli(lab, 'a', [PORT, ...ECHO, '--bind', '192.168.77.99', '--json'])
    t.equal(bind.code, 2, '--bind not an address here: exit 2')
    oneLine(t, bind.stderr)
    t.match(bind.stderr, /192\.168\.77\.99 is not an address of this host \(see: ip -4 addr\)/)
    t.equal(bind.json?.fault?.code, 'EADDRNOTAVAIL')
  },
  'EADDRINUSE with --udp, EADDRNOTAVAIL',
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    t.equal((await lab.exec('a', ['ip', 'route', 'del', 'default'])).code, 0, 'host A has no default route')
    const echo = await runCli(lab, 'a', [PORT, ...ECHO, '--json'])
    t.equal(echo.code, 2, 'echo services unreachable: exit 2')
    oneLine(t, echo.stderr)
    t.match(echo.stderr, /could not learn the public IP: .*198\.51\.100\.10: network unreachable.*; pass --public-ip ADDR/, 'says why and what to do')
    faultIs(t, echo.json, 'no-public-ip', 'no-public-ip')

    // With the public IP given, the probe itself has no route: this host's problem, not the router's.
    const given = await runCli(lab, 'a', [PORT, '--public-ip', LAB.publicIp, '--json'])
    t.equal(given.code, 2, 'no route to the public IP: exit 2, not a verdict')
    t.equal(given.json?.client?.address, null, 'no source address toward the public IP')
    t.equal(given.json?.verdict?.cause, 'probe-error', 'probe-error')
    t.match(given.stderr, /no route to it \(ENETUNREACH\); check the default route \(ip route\)/, 'says to check the default route')
  },
  'no default route',
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    t.equal((await lab.exec('a', ['ip', '-4', 'addr', 'flush', 'dev', 'eth0'])).code, 0, "host A's IPv4 addresses flushed")
    const addrs = await lab.exec('a', ['ip', '-4', '-o', 'addr', 'show'])
    t.same(addrs.stdout.trim().split('\n').map((l) => l.split(/\s+/)[1]), ['lo'], 'only loopback keeps IPv4')
    const echo = await runCli(lab, 'a', [PORT, ...ECHO, '--json'])
    t.equal(echo.code, 2, 'exit 2')
    oneLine(t, echo.stderr)
    t.match(echo.stderr, /could not learn the public IP: .*network unreachable.*; pass --public-ip ADDR/)
    faultIs(t, echo.json, 'no-public-ip', 'no-public-ip')

    const given = await runCli(lab, 'a', [PORT, '--public-ip', LAB.publicIp, '--json'])
    t.equal(given.code, 2, 'no IPv4 address: exit 2, not a verdict')
    t.equal(given.json?.verdict?.cause, 'probe-error', 'probe-error')
  },
  'no IPv4 address at all',
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    const args = [PORT, ...ECHO, '--json', '--timeout', '4000']
    const missing = await runCli(lab, 'a', [...args, '--host', LAB_NAMES.missing])
    t.equal(missing.code, 1, 'NXDOMAIN is an answer: exit 1')
    t.equal(missing.json?.verdict?.cause, 'dns-unresolved')

    // The resolver goes silent: the router drops DNS queries.
    const drop = 'table ip faults_dns {\n  chain input {\n    type filter hook input priority filter; policy accept;\n    meta l4proto { tcp, udp } th dport 53 drop\n  }\n}\n'
    const nft = await lab.exec('router', ['nft', '-f', '-'], { input: drop })
    t.equal(nft.code, 0, 'DNS dropped on the router', { stderr: nft.stderr })
    const silent = await runCli(lab, 'a', [...args, '--host', LAB_NAMES.public])
    t.equal(silent.code, 2, 'resolver silent: exit 2', { stderr: silent.stderr })
    faultIs(t, silent.json, 'dns-failed', null)
    t.equal(silent.json?.dns?.pointsTo, 'none')
    oneLine(t, silent.stderr)
    t.match(silent.stderr, /the resolver did not answer for hairpin\.lab .*check this host's DNS settings/)

    // The resolver goes away: dnsmasq (the lab's, in the router namespace) is stopped, by its pid.
    t.equal((await lab.exec('router', ['nft', 'delete', 'table', 'ip', 'faults_dns'])).code, 0)
    const pids = (await lab.exec('router', ['ip', 'netns', 'pids', lab.names.router])).stdout.split(/\s+/).filter(Boolean).map(Number)
    const dnsmasq = pids.filter((p) => {
      try {
        return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'dnsmasq'
      } catch {
        return false
      }
    })
    t.equal(dnsmasq.length, 1, "the lab's dnsmasq")
    for (const p of dnsmasq) process.kill(p, 'SIGTERM')
    for (let i = 0; i < 200 && dnsmasq.some(pidAlive); i++) await new Promise((r) => setTimeout(r, 20))
    t.notOk(dnsmasq.some(pidAlive), 'dnsmasq is gone')
    const gone = await runCli(lab, 'a', [...args, '--host', LAB_NAMES.public])
    t.equal(gone.code, 2, 'no resolver: exit 2', { stderr: gone.stderr })
    faultIs(t, gone.json, 'dns-failed', null)
    oneLine(t, gone.stderr)
    t.match(gone.stderr, /the resolver did not answer for hairpin\.lab/)
  },
  'DNS: NXDOMAIN is exit 1, a resolver that does not answer is exit 2',
  { dns: 'public' },
)

labTest(
  t,
  'dnat-no-snat',
  async (t, lab) => {
    const cli = startCli(lab, [PORT, ...ECHO, '--json', '--timeout', '6000'])
    if (!t.ok(await waitSs(lab, PROBE_IN_FLIGHT), 'our probe is in flight (SYN-SENT to the public IP)')) return
    t.equal((await lab.exec('a', ['ip', 'link', 'set', 'eth0', 'down'])).code, 0, "host A's link goes down")
    t.notOk(cli.exited(), 'while the CLI still runs')
    const r = await cli.result
    t.not(r.code, 1, 'not a verdict on the router (exit 1)')
    t.equal(r.code, 2, 'exit 2')
    t.match(r.stderr, /lost its route to 203\.0\.113\.7 during the test .*check the network and run it again/, 'the "lost its route" line')
    t.equal(r.json?.fault?.code, 'ENETUNREACH', 'fault.code')
    if (r.code === 2) oneLine(t, r.stderr)
    else t.notMatch(r.stderr, /^\s+at /m, 'no stack trace')
  },
  'the network goes away mid-run',
)

for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  labTest(
    t,
    'dnat-no-snat',
    async (t, lab) => {
      const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-signal-'))
      t.teardown(() => rmSync(dir, { recursive: true, force: true }))
      const file = join(dir, 'report.json')
      const child = await lab.spawnBackground('a', [process.execPath, CLI_PATH, PORT, ...ECHO, '--timeout', '20000', '--report', file])
      child.ref() // spawnBackground unrefs it: hold the event loop until it is done
      let stdout = ''
      let stderr = ''
      child.stdout?.on('data', (d) => (stdout += d))
      child.stderr?.on('data', (d) => (stderr += d))
      const closed = new Promise<{ code: number | null; signal: string | null }>((res) => child.once('close', (c, s) => res({ code: c, signal: s })))
      t.teardown(() => void child.kill('SIGKILL'))

      t.ok(await waitSs(lab, ['-ltn', `sport = :${PORT}`]), 'the listener is up')
      t.ok(await waitSs(lab, PROBE_IN_FLIGHT), 'our probe is in flight')
      child.kill(sig)
      const how = await closed
      t.same(how, { code, signal: null }, `exit code ${code}, by the CLI itself`)
      t.equal(stdout, '', 'nothing on stdout')
      oneLine(t, stderr)
      t.match(stderr, new RegExp(`^hairpin-check: interrupted by ${sig} before the verdict; the report holds what was seen so far\\n$`))

      t.same(readdirSync(dir), ['report.json'], 'the report file, and no *.tmp beside it')
      if (!existsSync(file)) return
      const report = JSON.parse(readFileSync(file, 'utf8'))
      t.same(validateReport(report), [], 'the report matches the schema')
      t.equal(report.verdict?.cause, 'interrupted')
      t.equal(report.verdict?.hairpin, null)
      t.same(report.fault, { kind: 'interrupted', code: sig, message: `interrupted by ${sig} before the verdict; the report holds what was seen so far` })
      t.equal(report.publicIp?.address, LAB.publicIp, 'what was seen so far: the public IP')
      t.same(report.listener, { bind: '0.0.0.0' }, '… and that it listened')

      const after = await waitOpen(lab, 'b', 1)
      t.equal(after.lastError, 'ECONNREFUSED', 'a connect to A:8443 afterwards is refused: the listener closed', { after })
    },
    `${sig} mid-run: exit ${code}, one line, a valid report`,
  )
}

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    const ok = await runCli(lab, 'a', [PORT, ...ECHO, '--report', '/nonexistent/dir/r.json'])
    t.equal(ok.code, 2, 'a working run whose report cannot be written: exit 2')
    oneLine(t, ok.stderr)
    t.match(ok.stderr, /cannot write the report to \/nonexistent\/dir\/r\.json \(ENOENT\)/)
    t.match(ok.stdout, /^✔ Hairpin NAT works/, 'the verdict is still printed')

    const failing = await runCli(lab, 'a', [PORT, '--bind', '192.168.77.99', '--report', '/nonexistent/dir/r.json'])
    t.equal(failing.code, 2)
    t.equal(failing.stderr.trimEnd().split('\n').length, 1, 'a fault and an unwritable report: still one line')
    t.notMatch(failing.stderr, /^\s+at /m, 'no stack trace')

    // The report path is a folder: the temporary file is written beside it, and the rename fails.
    const dir = mkdtempSync(join(tmpdir(), 'hairpin-check-report-'))
    t.teardown(() => rmSync(dir, { recursive: true, force: true }))
    const taken = join(dir, 'taken')
    mkdirSync(taken)
    const isDir = await runCli(lab, 'a', [PORT, ...ECHO, '--report', taken])
    t.equal(isDir.code, 2, 'the report path is a folder: exit 2')
    oneLine(t, isDir.stderr)
    t.match(isDir.stderr, /cannot write the report to .*taken \(EISDIR\): check that its folder exists/)
    t.same(readdirSync(dir), ['taken'], 'no *.tmp left beside it')
  },
  'a report file that cannot be written',
)
