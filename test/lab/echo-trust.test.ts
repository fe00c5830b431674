// How far an echo answer is trusted: a failure through an address only one of several services gave is no evidence; a private answer is never a candidate.
import t from 'tap'
import { DAEMONS, LAB, runCli, type Lab } from './lab.js'
import { oneLine } from './background.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's own timers: all at once.
t.jobs = LAB_JOBS

const RUN_TIMEOUT_MS = 3000
const CLI_KILL_MS = 20_000
const [GOOD_TEXT, GOOD_JSON] = LAB.echoUrls as [string, string]
// The second echo service's address, on a port nothing listens on: refused at once.
const CLOSED = 'http://198.51.100.11:81/json'
const echoArgs = (urls: string[]): string[] => urls.flatMap((u) => ['--echo-url', u])
const BASE = [String(LAB.port), '--json', '--timeout', String(RUN_TIMEOUT_MS), '--no-gateway']

labTest(
  t,
  'wan-only',
  async (t, lab) => {
    // Three runs, each on its own listening host where they can be: A and B at once, then A again.
    const cli = (host: 'a' | 'b', args: string[]) => runCli(lab, host, [...BASE, ...args], { timeoutMs: CLI_KILL_MS })
    const [unsure, flagged] = await Promise.all([cli('a', echoArgs([GOOD_TEXT, CLOSED])), cli('b', [...echoArgs([GOOD_TEXT, CLOSED]), '--public-ip', LAB.publicIp])])

    t.equal(unsure.code, 2, 'one of two echo services failed, and the probe through its answer failed: exit 2', { stderr: unsure.stderr })
    t.equal(unsure.json?.verdict?.cause, 'public-ip-uncertain', 'no verdict on an address nothing confirms')
    t.equal(unsure.json?.verdict?.hairpin, null)
    t.equal(unsure.json?.publicIp?.address, LAB.publicIp, 'the one answer is still reported')
    t.equal(unsure.json?.publicIp?.confirmedBy, null, 'nothing confirms it')
    t.equal(unsure.json?.tcp?.outcome, 'refused', 'the probe through it was refused')
    t.match(unsure.json?.publicIp?.sources, [{ url: GOOD_TEXT, address: LAB.publicIp, error: null }, { url: CLOSED, address: null, error: /\S/ }], "each source's answer or error")
    oneLine(t, unsure.stderr)
    t.match(unsure.stderr, /only one of the 2 echo services answered \(203\.0\.113\.7\) and the probe through it failed \(refused\).*--public-ip ADDR/, 'stderr says why and what to do')

    t.equal(flagged.code, 1, '--public-ip: the same run has a verdict, exit 1', { stderr: flagged.stderr })
    t.equal(flagged.json?.verdict?.cause, 'no-reflection')
    t.equal(flagged.json?.publicIp?.confirmedBy, 'flag', 'the address is the one given')
    t.equal(flagged.json?.publicIp?.via, 'flag')

    const single = await cli('a', echoArgs([GOOD_TEXT]))
    t.equal(single.code, 1, 'a single --echo-url: its answer is the only source asked, exit 1', { stderr: single.stderr })
    t.equal(single.json?.verdict?.cause, 'no-reflection')
    t.equal(single.json?.publicIp?.confirmedBy, 'single-source', 'the only source asked vouches for it')
  },
  'wan-only, one of two echo services fails: public-ip-uncertain; --public-ip or a single source: no-reflection',
)

/** The hostile echo daemon in `inet` answering "192.168.1.1" on 198.51.100.10:8085 (see hostile.test.ts). */
const PRIVATE_ECHO = 'http://198.51.100.10:8085/ip'
const PRIVATE_ANSWER = '192.168.1.1'
const startPrivateEcho = (lab: Lab) =>
  lab.spawnBackground('inet', [process.execPath, DAEMONS.hostileEcho, '--host', '198.51.100.10', '--serve', 'private:8085'], { waitFor: 'listening' })

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    await startPrivateEcho(lab)
    const r = await runCli(lab, 'a', [...BASE, ...echoArgs([PRIVATE_ECHO, GOOD_JSON])], { timeoutMs: CLI_KILL_MS })
    const ctx = { stderr: r.stderr, publicIp: r.json?.publicIp }
    t.equal(r.code, 0, 'exit code 0', ctx)
    t.equal(r.json?.verdict?.cause, 'hairpin-ok-gateway-source', 'the verdict is right')
    t.equal(r.json?.publicIp?.address, LAB.publicIp, 'the honest answer is the public IP')
    const priv = (r.json?.publicIp?.sources ?? []).find((s: { url: string }) => s.url === PRIVATE_ECHO)
    t.equal(priv?.address, PRIVATE_ANSWER, 'the private answer is recorded as what the service said')
    t.match(priv?.rejected, /private/, 'and rejected: a private address is not a public one')
    t.same(
      (r.json?.publicIp?.candidates ?? []).map((c: { address: string }) => c.address),
      [LAB.publicIp],
      'the private answer is never a candidate: the honest one is the only one',
    )
    t.ok(
      (r.json?.verdict?.warnings ?? []).some((w: string) => w.startsWith(`${PRIVATE_ECHO} answered ${PRIVATE_ANSWER}, `) && w.includes('not used as the public IP')),
      'a warning says it is not used',
      { warnings: r.json?.verdict?.warnings },
    )
  },
  'reflect-masq, an echo service answering a private address beside an honest one: rejected, never a candidate',
)
