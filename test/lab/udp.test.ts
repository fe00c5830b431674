// UDP hairpinning (--udp) through the built CLI in each router setup of the core lab, from host A.
import t from 'tap'
import { LAB, runCli, SETUPS, type SetupName } from './lab.js'
import { LAB_JOBS, SharedLabs, sharedLabTest } from './tap-lab.js'

// Each setup's subtests share its lab (taking turns: the CLI listens on A's port) and mostly wait
// on the CLI's own timers: several setups at once.
t.jobs = LAB_JOBS
/** One lab per setup: no subtest here changes its lab. */
const labs = new SharedLabs(t)

const ARGS = [String(LAB.port), '--json', '--udp', '--no-tcp', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '2000']

interface Expect {
  code: 0 | 1
  cause: string
  outcome: string
  peerKind: string | null
  observedPeer: string | null
  replyFrom: string | null
}
const EXPECT: Record<SetupName, Expect> = {
  'reflect-masq': { code: 0, cause: 'hairpin-ok-gateway-source', outcome: 'ok', peerKind: 'gateway', observedPeer: LAB.gateway, replyFrom: LAB.publicIp },
  'snat-public': { code: 0, cause: 'hairpin-ok-public-source', outcome: 'ok', peerKind: 'public-ip', observedPeer: LAB.publicIp, replyFrom: LAB.publicIp },
  // ICMP port unreachable from the router: the forward is not applied to inside traffic.
  'wan-only': { code: 1, cause: 'no-reflection', outcome: 'refused', peerKind: null, observedPeer: null, replyFrom: null },
  // The router's own service is TCP only: UDP to the public address is refused like wan-only.
  'router-service': { code: 1, cause: 'no-reflection', outcome: 'refused', peerKind: null, observedPeer: null, replyFrom: null },
  // Same host: the reflected datagram arrives with our own source address and is dropped as a martian.
  'dnat-no-snat': { code: 1, cause: 'no-snat-or-filtered', outcome: 'timeout', peerKind: null, observedPeer: null, replyFrom: null },
  'reject-unreachable': { code: 1, cause: 'unreachable', outcome: 'unreachable', peerKind: null, observedPeer: null, replyFrom: null },
}

for (const setup of SETUPS) {
  sharedLabTest(t, labs, setup, async (t, lab) => {
    const exp = EXPECT[setup]
    const r = await runCli(lab, 'a', ARGS, { timeoutMs: 20_000 })
    const ctx = { stdout: r.stdout, stderr: r.stderr }
    t.equal(r.code, exp.code, 'exit code', ctx)
    if (!t.not(r.json, null, 'one JSON document', ctx)) return
    const j = r.json
    t.equal(j.tcp, null, '--no-tcp')
    t.equal(j.verdict.cause, exp.cause, 'verdict.cause', ctx)
    t.equal(j.verdict.protocol, 'udp')
    t.equal(j.udp.outcome, exp.outcome, 'udp.outcome')
    t.equal(j.udp.peerKind, exp.peerKind, 'udp.peerKind')
    t.equal(j.udp.observedPeer, exp.observedPeer, 'udp.observedPeer')
    t.equal(j.udp.replyFrom, exp.replyFrom, 'udp.replyFrom')
    t.ok(j.udp.attempts >= 1, 'hellos sent')
    if (exp.code === 1) t.ok(j.verdict.fixes.some((f: { commands: string[] }) => f.commands.some((c) => /\budp\b/.test(c))), 'UDP syntax in the fixes')
  }, `${setup} (UDP)`)
}

sharedLabTest(t, labs, 'router-service', async (t, lab) => {
  const r = await runCli(lab, 'a', ARGS.filter((a) => a !== '--no-tcp'))
  t.equal(r.code, 1)
  t.equal(r.json?.verdict.cause, 'router-answered', 'TCP: the router answered')
  t.equal(r.json?.verdict.protocol, 'tcp')
  t.equal(r.json?.tcp.outcome, 'wrong-service')
  t.equal(r.json?.udp.outcome, 'refused', 'UDP: refused alongside')
}, 'TCP and UDP together')
