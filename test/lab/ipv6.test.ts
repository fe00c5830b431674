// The IPv6 path through the built CLI in a dual-stack lab: our global address, IPv6 echo services, and [v6]:port.
import t from 'tap'
import { CLI_PATH, LAB, LAB_NAMES, runCli } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's own timers: both at once.
t.jobs = LAB_JOBS

const ECHO = [...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), ...LAB.ipv6.echoUrls.flatMap((u) => ['--echo-url6', u])]
const ARGS = [String(LAB.port), '--json', ...ECHO, '--timeout', '3000']

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.code, 0, 'exit code', { stderr: r.stderr })
    const v6 = r.json?.ipv6
    t.equal(v6?.address, LAB.ipv6.hostA, "this host's global address")
    t.equal(v6?.publicAddress, LAB.ipv6.hostA, 'what IPv6 echo services see: no NAT66')
    t.equal(v6?.sources.length, 2)
    t.equal(v6?.target, LAB.ipv6.hostA)
    t.equal(v6?.outcome, 'ok', 'the direct IPv6 path reaches the listener')
    t.equal(r.json?.publicIp.address, LAB.publicIp, 'IPv4 unchanged')
    const off = await runCli(lab, 'a', [...ARGS, '--no-ipv6'])
    t.equal(off.json?.ipv6, null)
  },
  'dual stack: the IPv6 path next to the hairpin',
  { ipv6: true },
)

labTest(
  t,
  'wan-only',
  async (t, lab) => {
    // B asks a serve on A through the name: A record = public IP (no reflection), AAAA = A's address.
    const token = `hc1.${Buffer.alloc(32, 7).toString('base64url')}`
    await lab.spawnBackground('a', [process.execPath, CLI_PATH, 'serve', String(LAB.port), '--token', token], { waitFor: token })
    const r = await runCli(lab, 'b', [...ARGS, '--peer', token, '--host', LAB_NAMES.v6])
    t.equal(r.code, 1, 'IPv4 clients still fail', { stderr: r.stderr })
    t.equal(r.json?.verdict.cause, 'no-reflection')
    t.same(r.json?.dns.addresses.sort(), [LAB.ipv6.hostA, LAB.publicIp].sort())
    t.equal(r.json?.ipv6.target, LAB.ipv6.hostA, 'the AAAA record is probed')
    t.equal(r.json?.ipv6.outcome, 'ok', 'serve listens dual-stack: IPv6 reaches it directly')
    t.equal(r.json?.ipv6.observedPeer, LAB.ipv6.hostB)
    t.equal(r.json?.verdict.fixes[0].id, 'ipv6-aaaa-record', 'IPv6 works: the AAAA fix comes first')
    t.match(r.json?.verdict.warnings.join('\n'), /IPv6 needs no NAT/)
  },
  'an AAAA record next to a router without reflection, from another host',
  { ipv6: true, dns: 'public' },
)
