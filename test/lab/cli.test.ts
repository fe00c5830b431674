// The built CLI in the lab beyond the verdict table: human output, --report, --public-ip, and the no-verdict paths.
import t from 'tap'
import { LAB, runCli } from './lab.js'
import { LAB_JOBS, labTest, SharedLabs, sharedLabTest } from './tap-lab.js'

// The subtests mostly wait on the CLI's own timers: several at once, each on its own lab but for
// the two that leave theirs unchanged, which share one (in turn: the CLI listens on A's port).
t.jobs = LAB_JOBS
const labs = new SharedLabs(t)

const ECHO = LAB.echoUrls.flatMap((u) => ['--echo-url', u])
const PORT = String(LAB.port)

/** The one-line error contract: exactly one line on stderr, no stack trace. */
function oneLine(t: Tap, stderr: string): void {
  t.equal(stderr.trimEnd().split('\n').length, 1, `one line on stderr: ${stderr}`)
  t.notMatch(stderr, /^\s+at /m, 'no stack trace')
}
type Tap = Parameters<Parameters<typeof labTest>[2]>[0]

sharedLabTest(t, labs, 'reflect-masq', async (t, lab) => {
  const r = await runCli(lab, 'a', [PORT, ...ECHO, '--timeout', '3000'])
  t.equal(r.code, 0)
  t.equal(r.stderr, '', 'no spinner and no noise without a terminal')
  t.match(r.stdout, /^✔ Hairpin NAT works: the server sees the gateway's address\n/)
  t.match(r.stdout, /Public IP\s+203\.0\.113\.7 \(2 of 2 echo services agree\)/)
  t.match(r.stdout, /This host\s+192\.168\.77\.10 on eth0, LAN 192\.168\.77\.0\/24/)
  t.match(r.stdout, /Listener saw\s+192\.168\.77\.1 \(the gateway\)/)
  t.notMatch(r.stdout, /\u001b\[/, 'no colour into a pipe')
  const quiet = await runCli(lab, 'a', [PORT, ...ECHO, '--quiet'])
  t.equal(quiet.stdout, "✔ Hairpin NAT works: the server sees the gateway's address\n")
}, 'human output from a working setup')

labTest(t, 'dnat-no-snat', async (t, lab) => {
  const file = `/tmp/hairpin-check-lab-${process.pid}-${Date.now()}.json`
  t.teardown(() => lab.exec('a', ['rm', '-f', file]))
  const r = await runCli(lab, 'a', [PORT, ...ECHO, '--timeout', '1500', '--report', file, '--json'])
  t.equal(r.code, 1)
  const written = await lab.exec('a', ['cat', file])
  t.equal(written.stdout, r.stdout, 'the report file holds the same JSON as stdout')
  const human = await runCli(lab, 'a', [PORT, '--public-ip', LAB.publicIp, '--timeout', '1500', '--all-fixes'])
  t.equal(human.code, 1)
  t.match(human.stdout, /^✘ Hairpin NAT does not work: no answer/)
  t.match(human.stdout, /Public IP\s+203\.0\.113\.7 \(given with --public-ip\)/)
  t.match(human.stdout, /ct status dnat masquerade/, 'the nftables fix, filled in')
  t.match(human.stdout, /ip saddr 192\.168\.77\.0\/24 ip daddr 192\.168\.77\.10 tcp dport 8443/)
}, 'report file and --public-ip on a silent setup')

labTest(t, 'reflect-masq', async (t, lab) => {
  // Nothing answers at 198.51.100.99: every echo service fails, so there is no verdict.
  const r = await runCli(lab, 'a', [PORT, '--echo-url', 'http://198.51.100.99/ip', '--json', '--timeout', '2000'])
  t.equal(r.code, 2)
  t.equal(r.json?.verdict?.cause, 'no-public-ip')
  t.equal(r.json?.verdict?.hairpin, null)
  t.equal(r.json?.publicIp?.sources?.[0]?.address, null)
  t.type(r.json?.publicIp?.sources?.[0]?.error, 'string')
  t.match(r.stderr, /^hairpin-check: could not learn the public IP: .*198\.51\.100\.99/)
  oneLine(t, r.stderr)

  // Something already listens on the port: with --udp (UDP answers cannot be compared like a
  // TCP service's) that is exit 2, and the line says so. Without --udp see target.test.ts.
  await lab.spawnBackground('a', [process.execPath, '-e', `require('dgram').createSocket('udp4').bind(${LAB.port}, () => console.log('up'))`], { waitFor: 'up' })
  const busy = await runCli(lab, 'a', [PORT, ...ECHO, '--udp', '--timeout', '2000'])
  t.equal(busy.code, 2)
  t.equal(busy.stdout, '')
  t.match(busy.stderr, /^hairpin-check: cannot listen on 0\.0\.0\.0:8443: something already listens on port 8443/)
  oneLine(t, busy.stderr)

  const bind = await runCli(lab, 'a', [PORT, ...ECHO, '--bind', '192.168.77.99'])
  t.equal(bind.code, 2)
  t.match(bind.stderr, /192\.168\.77\.99 is not an address of this host/)
  oneLine(t, bind.stderr)
}, 'no verdict: no public IP, port taken, bad bind address')

sharedLabTest(t, labs, 'reflect-masq', async (t, lab) => {
  const bad = [['abc'], ['0'], ['70000'], [PORT, '--nope'], [PORT, '--public-ip', 'x'], [PORT, '--echo-url', 'ftp://x'], [PORT, '--timeout', '5']]
  // Each is refused while the arguments are read, before anything listens: all at once.
  const results = await Promise.all(bad.map((args) => runCli(lab, 'a', args)))
  for (const [i, args] of bad.entries()) {
    const r = results[i]!
    t.equal(r.code, 2, args.join(' '))
    t.equal(r.stdout, '')
    t.match(r.stderr, /^hairpin-check: .*\(see --help\)\n$/)
    oneLine(t, r.stderr)
  }
  const help = await runCli(lab, 'a', ['--help'])
  t.equal(help.code, 0)
  t.match(help.stdout, /Exit codes:/)
}, 'bad input through the built CLI')
