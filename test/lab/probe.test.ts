// Runs the built CLI in host A of each lab router setup and checks exit code, verdict and what the listener saw.
import t from 'tap'
import { LAB, runCli, SETUPS, type SetupName } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each setup's subtest owns its lab and mostly waits on the CLI's own timers: several at once.
t.jobs = LAB_JOBS

// The CLI's --timeout (its whole-run budget): short, so the silent setup costs 2 s, long enough for real NAT on a busy box.
const PROBE_TIMEOUT_MS = 2000
// Kill a CLI that hangs well past its own timeout, so the failure says so instead of tap's file timeout.
const CLI_KILL_MS = 20_000

/** The CLI's contract per setup, run from host A. */
interface Expect {
  code: 0 | 1
  cause: string
  outcome: string
  peerKind: string | null
  observedPeer: string | null
}
const EXPECT: Record<SetupName, Expect> = {
  'reflect-masq': { code: 0, cause: 'hairpin-ok-gateway-source', outcome: 'ok', peerKind: 'gateway', observedPeer: LAB.gateway },
  'wan-only': { code: 1, cause: 'no-reflection', outcome: 'refused', peerKind: null, observedPeer: null },
  'dnat-no-snat': { code: 1, cause: 'no-snat-or-filtered', outcome: 'timeout', peerKind: null, observedPeer: null },
  'snat-public': { code: 0, cause: 'hairpin-ok-public-source', outcome: 'ok', peerKind: 'public-ip', observedPeer: LAB.publicIp },
  'router-service': { code: 1, cause: 'router-answered', outcome: 'wrong-service', peerKind: null, observedPeer: null },
  'reject-unreachable': { code: 1, cause: 'unreachable', outcome: 'unreachable', peerKind: null, observedPeer: null },
}

const ARGS = [
  String(LAB.port),
  '--json',
  ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]),
  '--timeout',
  String(PROBE_TIMEOUT_MS),
]

for (const setup of SETUPS) {
  labTest(t, setup, async (t, lab) => {
    const exp = EXPECT[setup]
    const r = await runCli(lab, 'a', ARGS, { timeoutMs: CLI_KILL_MS })
    const ctx = { stdout: r.stdout, stderr: r.stderr }
    t.equal(r.code, exp.code, 'exit code', ctx)
    // Without a JSON document every field check below would fail too: one failure says it all.
    if (!t.not(r.json, null, 'stdout is exactly one JSON document', ctx)) return
    t.match(r.stdout, /^\{[\s\S]*\}\n?$/, 'nothing but the JSON document on stdout')
    const j = r.json
    t.equal(j.schemaVersion, 1, 'schemaVersion')
    t.equal(j.publicIp?.address, LAB.publicIp, 'public IP learned from the echo services')
    t.equal(j.verdict?.hairpin, exp.code === 0, 'verdict.hairpin matches the exit code')
    t.equal(j.verdict?.cause, exp.cause, 'verdict.cause', ctx)
    t.equal(j.tcp?.outcome, exp.outcome, 'tcp.outcome')
    t.equal(j.tcp?.peerKind, exp.peerKind, 'tcp.peerKind')
    t.equal(j.tcp?.observedPeer, exp.observedPeer, 'tcp.observedPeer')
    if (setup === 'reflect-masq') {
      t.equal(j.client?.address, LAB.hostA, 'client.address')
      t.equal(j.client?.gateway, LAB.gateway, 'client.gateway')
    }
    if (setup === 'dnat-no-snat') {
      // How long silence takes is for `npm run bench` to measure, not a test to assert (shared, noisy
      // machines); the CLI_KILL_MS cap above catches a run that never ends.
      t.equal(j.tcp?.error, null, 'silence is not an error')
    }
    if (setup === 'router-service') {
      t.type(j.tcp?.answer, 'string', 'tcp.answer holds what the router sent')
      t.match(j.tcp?.answer, /HTTP\/1\.1 400/, "the router's own page")
    }
  })
}
