// The report's own fixes repair the lab router: its nftables and iptables commands, run as printed, make hairpinning work.
//
// Each broken setup is diagnosed from host A; the first `nftables-` fix (in one lab) or the first
// `iptables-` fix (in a fresh lab) is taken from `verdict.fixes`, its command lines are run in the
// router namespace through a shell, exactly as printed, and the CLI runs again. Comment lines are
// skipped. The only words the tool cannot know are the router's own chain names; they are filled in
// with the lab router's (see ROUTER_NAMES). The fixes follow src/diagnose/catalogue/rulesets.ts: a
// table of its own (`ip hairpin_check`) whose chains sit one below the standard NAT priorities,
// rules added there (DNAT, masquerade) or inserted (SNAT to the public address, forward accepts);
// iptables rules always inserted (-I).
//
// reject-unreachable (the router's own forward chain rejects hairpinned connections; it DNATs
// them without a masquerade) is diagnosed `unreachable`, whose first fixes after
// route-firewall-check are the forward-chain accepts. nftables-forward-accept, its one rule
// inserted into the router's own forward chain (the lab's names filled in), lifts the reject; the
// next run then finds the silence of a missing masquerade (`no-snat-or-filtered`), and that
// report's first nftables fix, the reflection, repairs it. iptables-forward-accept cannot: its
// `iptables -I FORWARD … -j ACCEPT` goes into iptables' own FORWARD chain, another base chain, and
// the nftables reject still drops the packet (the fix's title says "with iptables": a router whose
// filter is nftables needs the nftables one).
import t, { type Test } from 'tap'
import { LAB, runCli, type CliResult, type Lab, type SetupName } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab (the fixes change the router) and mostly waits on the CLI: several at once.
t.jobs = LAB_JOBS

// No gateway: the lab router has no NAT-PMP or UPnP, and without a vendor the fixes keep the cause's order.
const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--no-gateway']
// Runs end at once (an answer, a refusal, an ICMP error): the budget is only a cap, roomy for a loaded
// machine. Silence (dnat-no-snat before its fix) waits it out: a shorter one there.
const TIMEOUT_MS = 5000
const SILENT_TIMEOUT_MS = 2500

/**
 * What the fixes leave for the user to fill in, as the lab router names it: the lab's ruleset
 * (test/lab/support/rules.ts, rulesetFor) is `table ip hairpin_lab` and its forward chain `filter_fwd`.
 */
const ROUTER_NAMES: Readonly<Record<string, string>> = { '<family>': 'ip', '<table>': 'hairpin_lab', '<forward-chain>': 'filter_fwd' }

/** Each broken setup where a router fix can help: the cause it is diagnosed with. */
const BROKEN: ReadonlyArray<[SetupName, string]> = [
  ['wan-only', 'no-reflection'],
  ['router-service', 'router-answered'],
  ['dnat-no-snat', 'no-snat-or-filtered'],
  ['reject-unreachable', 'unreachable'],
]

interface Fix {
  id: string
  commands: string[]
}

const ctx = (r: CliResult) => ({ stdout: r.stdout.slice(0, 3000), stderr: r.stderr })

/** A command line with the lab router's names for the placeholders in {@link ROUTER_NAMES}. */
const filled = (line: string): string => line.replace(/<[a-z][a-z-]*>/g, (p) => ROUTER_NAMES[p] ?? p)

/** The first fix whose id matches, from a report. */
function firstFix(report: any, id: RegExp): Fix | undefined {
  return (report?.verdict?.fixes as Fix[] | undefined)?.find((f) => id.test(f.id))
}

/** Runs command lines in the router through a shell (they carry shell quoting and trailing comments), one by one, each checked. */
async function apply(t: Test, lab: Lab, lines: string[]): Promise<void> {
  for (const line of lines) {
    t.notMatch(line, /<[A-Za-z][A-Za-z-]*>/, `no placeholder left: ${line}`)
    const r = await lab.exec('router', ['sh', '-c', line])
    t.equal(r.code, 0, `router: ${line}`, { stderr: r.stderr })
  }
}

/** The fix's command lines for `tool`, exactly as printed (comment lines skipped), placeholders filled. */
const linesOf = (fix: Fix, tool: 'nft' | 'iptables'): string[] => fix.commands.filter((l) => l.startsWith(`${tool} `)).map(filled)

/** `iptables -t nat -S` in the router still works: nothing of ours sits in iptables-nft's own `ip nat` table. */
async function iptablesStillReads(t: Test, lab: Lab): Promise<string> {
  const r = await lab.exec('router', ['iptables', '-t', 'nat', '-S'])
  t.equal(r.code, 0, '`iptables -t nat -S` in the router exits 0', { stderr: r.stderr })
  t.notMatch(`${r.stdout}${r.stderr}`, /incompatible/i, 'and does not call the table incompatible')
  return r.stdout
}

/** nftables-reflection, as printed: a table and chains of its own, one below the standard priorities; its rules added. */
async function applyReflection(t: Test, lab: Lab, fix: Fix): Promise<void> {
  t.equal(fix.id, 'nftables-reflection', 'the first nftables fix: reflection (DNAT from inside, masquerade)')
  const lines = linesOf(fix, 'nft')
  t.same(
    lines.map((l) => l.replace(/ ip saddr .*$/, '')),
    [
      'nft add table ip hairpin_check',
      "nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'",
      "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
      'nft add rule ip hairpin_check hairpin_pre',
      'nft add rule ip hairpin_check hairpin_post',
    ],
    'its lines: table, chains below dstnat and srcnat, DNAT and masquerade added',
  )
  t.notMatch(lines.join('\n'), /<[a-z-]+>/, 'the reflection lines need nothing filled in')
  await apply(t, lab, lines)
}

/** nftables-forward-accept: its listing line, then the accept inserted into the router's own forward chain (names filled in). */
async function applyForwardAccept(t: Test, lab: Lab, fix: Fix): Promise<void> {
  t.equal(fix.id, 'nftables-forward-accept', "the first nftables fix: accept in the router's forward chain")
  const raw = fix.commands.filter((l) => l.startsWith('nft insert rule'))
  t.match(raw, [/^nft insert rule <family> <table> <forward-chain> ip saddr 192\.168\.77\.0\/24 ip daddr 192\.168\.77\.10 tcp dport 8443 ct status dnat accept$/], 'inserted: before the reject')
  await apply(t, lab, linesOf(fix, 'nft'))
}

/** Diagnoses, checks the cause, and returns the report. */
async function diagnose(t: Test, lab: Lab, code: number, cause: string, what: string): Promise<any> {
  const r = await runCli(lab, 'a', [...ARGS, '--timeout', String(cause === 'no-snat-or-filtered' ? SILENT_TIMEOUT_MS : TIMEOUT_MS)])
  t.equal(r.code, code, `${what}: exit ${code}`, ctx(r))
  t.equal(r.json?.verdict.cause, cause, `${what}: ${cause}`)
  return r.json
}

for (const [setup, cause] of BROKEN) {
  labTest(
    t,
    setup,
    async (t, lab) => {
      const before = await diagnose(t, lab, 1, cause, 'before')
      const fix = firstFix(before, /^nftables-/)
      if (!t.ok(fix, 'the report offers an nftables fix')) return
      if (setup === 'reject-unreachable') {
        // The reject lifted, the router reflects without a masquerade: the next run names the next fix.
        await applyForwardAccept(t, lab, fix!)
        const next = await diagnose(t, lab, 1, 'no-snat-or-filtered', 'after nftables-forward-accept: reached, but silence')
        await applyReflection(t, lab, firstFix(next, /^nftables-/) ?? { id: 'none', commands: [] })
      } else await applyReflection(t, lab, fix!)
      const after = await diagnose(t, lab, 0, 'hairpin-ok-gateway-source', 'after the fix')
      t.equal(after?.tcp.observedPeer, LAB.gateway, 'the server sees the router (masquerade)')
      await iptablesStillReads(t, lab)
      if (setup !== 'dnat-no-snat') return
      // rulesets.ts inserts the SNAT to the public address: in the chain the reflection fix made, it
      // must come before that chain's masquerade to take effect.
      const snat = firstFix(after, /^nftables-.*snat-to-public$/)
      if (!t.ok(snat, 'the working hairpin offers the nftables SNAT to the public address')) return
      const snatLines = linesOf(snat!, 'nft')
      t.match(snatLines.at(-1), /^nft insert rule ip hairpin_check hairpin_post .* snat to 203\.0\.113\.7$/, 'inserted, not added')
      await apply(t, lab, snatLines)
      const pub = await diagnose(t, lab, 0, 'hairpin-ok-public-source', 'after the SNAT fix too')
      t.equal(pub?.tcp.observedPeer, LAB.publicIp, 'inserted before the masquerade: the server sees the public IP')
    },
    `${setup}: the first nftables fix repairs it`,
  )

  labTest(
    t,
    setup,
    async (t, lab) => {
      const before = await diagnose(t, lab, 1, cause, 'before')
      const fix = firstFix(before, /^iptables-/)
      if (!t.ok(fix, 'the report offers an iptables fix')) return
      if (setup === 'reject-unreachable') {
        t.equal(fix!.id, 'iptables-forward-accept', 'the first iptables fix: accept in FORWARD')
        const lines = linesOf(fix!, 'iptables').filter((l) => !l.startsWith('iptables -L'))
        t.same(lines.length, 1, 'one rule, inserted', { lines })
        await apply(t, lab, lines)
        // iptables' FORWARD is a base chain of its own: its ACCEPT cannot overrule the router's nftables reject.
        const fwd = await lab.exec('router', ['iptables', '-S', 'FORWARD'])
        t.match(fwd.stdout, /-A FORWARD .* --ctstate DNAT -j ACCEPT/, 'the forward accept is in place')
        await diagnose(t, lab, 1, 'unreachable', 'after iptables-forward-accept: still rejected (no iptables rule can accept for an nftables chain)')
        return
      }
      t.equal(fix!.id, 'iptables-reflection', 'the first iptables fix: reflection')
      const lines = linesOf(fix!, 'iptables')
      t.equal(lines.length, 3, 'DNAT, masquerade and the forward accept')
      t.ok(lines.every((l) => / -I (?:PREROUTING|POSTROUTING|FORWARD) /.test(l)), 'every rule inserted (-I), none appended', { lines })
      await apply(t, lab, lines)
      const nat = await iptablesStillReads(t, lab)
      t.match(nat, /^-A PREROUTING -s 192\.168\.77\.0\/24 -d 203\.0\.113\.7\/32 -p tcp -m tcp --dport 8443 -j DNAT --to-destination 192\.168\.77\.10$/m, 'the DNAT is in place')
      const after = await diagnose(t, lab, 0, 'hairpin-ok-gateway-source', 'after the fix')
      t.equal(after?.tcp.observedPeer, LAB.gateway, 'the server sees the router (masquerade)')
    },
    `${setup}: the first iptables fix ${setup === 'reject-unreachable' ? 'cannot repair an nftables reject' : 'repairs it'}`,
  )
}

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    const before = await diagnose(t, lab, 0, 'hairpin-ok-gateway-source', 'before')
    t.equal(before?.tcp.observedPeer, LAB.gateway, 'the server sees the gateway')
    const fix = firstFix(before, /^nftables-.*snat-to-public$/)
    if (!t.ok(fix, 'the report offers the nftables SNAT to the public address')) return
    t.equal(fix!.id, 'nftables-snat-to-public')
    const lines = linesOf(fix!, 'nft')
    t.same(
      lines.map((l) => l.replace(/ ip saddr .*$/, '')),
      [
        'nft add table ip hairpin_check',
        "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
        'nft insert rule ip hairpin_check hairpin_post',
      ],
      'a chain below srcnat (before the router masquerades), the SNAT inserted',
    )
    await apply(t, lab, lines)
    const after = await diagnose(t, lab, 0, 'hairpin-ok-public-source', 'after the fix')
    t.equal(after?.tcp.observedPeer, LAB.publicIp, 'the server sees the public IP')
    await iptablesStillReads(t, lab)
  },
  'reflect-masq: the first nftables SNAT-to-public fix makes the server see the public IP',
)
