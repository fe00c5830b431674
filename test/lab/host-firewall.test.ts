// This host's own firewall drops the port behind a router whose hairpin works: host-firewall, and the fix the report names opens it.
import t, { type Test } from 'tap'
import { LAB, runCli, type CliResult, type Lab } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab (it changes host A's firewall) and mostly waits out silence: all at once.
t.jobs = LAB_JOBS

// Silence needs its full wait: short, so each dropped run costs about a second of probing, long
// enough for real NAT on a busy box (the probe tests' budget). The firewall is read 300 ms into it.
const RUN_TIMEOUT_MS = 2000
const CLI_KILL_MS = 20_000
const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', String(RUN_TIMEOUT_MS), '--no-gateway']

/** Runs a shell command in host A; fails the test with its stderr when it fails. */
async function inA(t: Test, lab: Lab, command: string): Promise<void> {
  const r = await lab.exec('a', ['sh', '-c', command])
  t.equal(r.code, 0, `in A: ${command}`, { stderr: r.stderr })
}

/** What a run behind A's own dropping firewall must say; returns the finding that blocks. */
function blockedByHost(t: Test, r: CliResult, tool: string): { fix: any; finding: any } {
  const ctx = { stderr: r.stderr, hostFirewall: r.json?.hostFirewall, tcp: r.json?.tcp }
  t.equal(r.code, 1, 'exit code 1: inside clients cannot connect', ctx)
  t.equal(r.json?.verdict?.cause, 'host-firewall', "this host's own firewall, not the router", ctx)
  t.equal(r.json?.verdict?.hairpin, null, 'nothing is said of the router')
  t.equal(r.json?.tcp?.outcome, 'timeout', 'the probe met silence')
  t.equal(r.json?.hostFirewall?.blocks, true, 'hostFirewall.blocks')
  const finding = (r.json?.hostFirewall?.findings ?? []).find((f: { state: string }) => f.state === 'blocks')
  t.equal(finding?.tool, tool, `the finding that blocks is ${tool}'s`, ctx)
  t.match(r.json?.verdict?.summary, `this host's own firewall drops new connections to port ${LAB.port} (${tool}: `, 'the summary names it')
  const fix = r.json?.verdict?.fixes?.[0]
  t.equal(fix?.id, 'host-firewall-open', 'the first fix opens the port here')
  return { fix, finding }
}

/** Runs the fix's commands that start with `prefix` in host A; returns how many there were. */
async function applyFix(t: Test, lab: Lab, fix: { commands?: string[] }, prefix: string): Promise<number> {
  const commands = (fix.commands ?? []).filter((c) => c.startsWith(prefix))
  for (const c of commands) await inA(t, lab, c)
  return commands.length
}

/** After the fix, the same run: the router's working hairpin shows. */
async function worksNow(t: Test, lab: Lab): Promise<void> {
  const r = await runCli(lab, 'a', ARGS, { timeoutMs: CLI_KILL_MS })
  t.equal(r.code, 0, 'after the fix: exit code 0', { stderr: r.stderr, tcp: r.json?.tcp })
  t.equal(r.json?.verdict?.cause, 'hairpin-ok-gateway-source', 'hairpin works')
  t.equal(r.json?.hostFirewall, null, 'no silence, so the firewall is not in the report')
}

// A host nftables.conf: policy drop on input, loopback and established traffic let in first.
const HOST_NFTABLES = [
  'nft add table inet hostfw',
  "nft 'add chain inet hostfw input { type filter hook input priority 0; policy drop; }'",
  'nft add rule inet hostfw input iif lo accept',
  'nft add rule inet hostfw input ct state established,related accept',
]

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    for (const c of HOST_NFTABLES) await inA(t, lab, c)
    const r = await runCli(lab, 'a', ARGS, { timeoutMs: CLI_KILL_MS })
    const { fix, finding } = blockedByHost(t, r, 'nftables')
    t.equal(finding?.where, 'inet hostfw input', 'the finding names the chain')
    t.match(fix?.commands, [`nft insert rule inet hostfw input tcp dport ${LAB.port} accept`], "the fix's command names that chain")
    t.equal(await applyFix(t, lab, fix, 'nft '), 1, 'one nft command to run')
    await worksNow(t, lab)
  },
  "A's nftables input chain drops the port: host-firewall; its fix opens it",
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    await inA(t, lab, `iptables -A INPUT -p tcp --dport ${LAB.port} -j DROP`)
    const r = await runCli(lab, 'a', ARGS, { timeoutMs: CLI_KILL_MS })
    const { fix } = blockedByHost(t, r, 'iptables')
    t.match(fix?.commands, [`iptables -I INPUT -p tcp --dport ${LAB.port} -j ACCEPT`], 'the fix inserts an accept before the drop')
    t.equal(await applyFix(t, lab, fix, 'iptables '), 1, 'one iptables command to run')
    await worksNow(t, lab)
  },
  "an iptables INPUT rule in A drops the port: host-firewall with an iptables finding",
)
