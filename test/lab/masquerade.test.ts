// The canonical Server Fault hairpin rule (masquerade `-d SERVER --dport P`, no source match): it works, and outside clients are masqueraded too.
import t from 'tap'
import { INET_ADDR, LAB, runCli } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's own timers: both at once.
t.jobs = LAB_JOBS

// The port-check service is the CLI's own `echo-server` in `inet` (opts.echoServer 'cli'), as in external.test.ts.
const CHECKER = 'http://198.51.100.10/port/{port}'
const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '5000', '--no-gateway', '--external', '--external-url', CHECKER]
const CLI_KILL_MS = 20_000

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    // The router's ruleset holds the canonical rule, and no other hairpin masquerade.
    const rules = await lab.exec('router', ['nft', 'list', 'chain', 'ip', 'hairpin_lab', 'nat_post'])
    t.match(rules.stdout, new RegExp(`ip daddr ${LAB.hostA.replace(/\./g, '\\.')} .*dport ${LAB.port} masquerade`), 'masquerade by destination and port', { rules: rules.stdout })
    t.notMatch(rules.stdout, new RegExp(`ip saddr ${LAB.lanPrefix.replace(/[./]/g, '\\$&')} ip daddr`), 'with no source match')

    const r = await runCli(lab, 'a', ARGS, { timeoutMs: CLI_KILL_MS })
    const ctx = { stderr: r.stderr, external: r.json?.external }
    t.equal(r.code, 0, 'exit code 0: hairpin works', ctx)
    t.equal(r.json?.verdict?.cause, 'hairpin-ok-gateway-source', 'inside clients reach the server from the gateway')
    t.equal(r.json?.external?.reachable, true, 'the forward works from outside', ctx)
    t.equal(r.json?.external?.seenByListener, true, "our listener saw the checker's connection")
    t.equal(r.json?.external?.observedPeer, LAB.gateway, "from the gateway's LAN address, not the checker's own", ctx)
    t.equal(r.json?.external?.peerKind, 'gateway')
    const warnings: string[] = r.json?.verdict?.warnings ?? []
    t.ok(
      warnings.some((w) => w.includes('the router masquerades outside clients too') && w.includes(`Limit the hairpin rule's masquerade to sources in ${LAB.lanPrefix}`)),
      'a warning says outside clients are masqueraded too',
      { warnings },
    )
    const ids: string[] = (r.json?.verdict?.fixes ?? []).map((f: { id: string }) => f.id)
    t.same(ids.slice(0, 3), ['nftables-narrow-masquerade', 'iptables-narrow-masquerade', 'mikrotik-narrow-masquerade'], 'the narrowed masquerade comes first, nftables first', { ids })
    const nft = r.json?.verdict?.fixes?.[0]
    t.ok(
      nft?.commands?.includes(`nft add rule ip hairpin_check hairpin_post ip saddr ${LAB.lanPrefix} ip daddr ${LAB.hostA} tcp dport ${LAB.port} ct status dnat masquerade`),
      'its rule is limited to the LAN prefix, filled in',
      { commands: nft?.commands },
    )
  },
  'canonical masquerade without a source match: outside clients seen as the gateway, narrowed masquerade first',
  { echoServer: 'cli', masqueradeAnySource: true },
)

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    // The lab's own reflect-masq: the hairpin masquerade matches LAN sources only.
    const r = await runCli(lab, 'a', ARGS, { timeoutMs: CLI_KILL_MS })
    const ctx = { stderr: r.stderr, external: r.json?.external }
    t.equal(r.code, 0, 'exit code 0', ctx)
    t.equal(r.json?.verdict?.cause, 'hairpin-ok-gateway-source')
    t.equal(r.json?.external?.observedPeer, INET_ADDR, "the checker's own address reached the listener", ctx)
    t.equal(r.json?.external?.peerKind, 'other')
    t.notOk((r.json?.verdict?.warnings ?? []).some((w: string) => w.includes('masquerades outside clients too')), 'no masquerade warning')
    t.notOk((r.json?.verdict?.fixes ?? []).some((f: { id: string }) => f.id.endsWith('-narrow-masquerade')), 'no narrowed masquerade among the fixes')
  },
  'control: the masquerade limited to the LAN keeps outside clients\' addresses',
  { echoServer: 'cli' },
)
