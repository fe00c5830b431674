// DNS names (--host) through the built CLI: a name pointing at the public IP, at the LAN (split horizon), elsewhere, nowhere.
import t from 'tap'
import { LAB, LAB_NAMES, runCli } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits on the CLI's own timers: both at once.
t.jobs = LAB_JOBS

const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '3000']

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    const pub = await runCli(lab, 'a', [...ARGS, '--host', LAB_NAMES.public])
    t.equal(pub.code, 0, 'exit code', { stderr: pub.stderr })
    t.same(pub.json?.dns, { name: 'hairpin.lab', addresses: [LAB.publicIp], pointsTo: 'public-ip', error: null, direct: null })
    t.equal(pub.json?.verdict.cause, 'hairpin-ok-gateway-source', 'the name leads through the hairpin, which works')

    const stale = await runCli(lab, 'a', [...ARGS, '--host', LAB_NAMES.stale])
    t.equal(stale.code, 1)
    t.equal(stale.json?.dns.pointsTo, 'elsewhere')
    t.same(stale.json?.dns.addresses, [LAB.staleIp])
    t.equal(stale.json?.verdict.cause, 'dns-elsewhere')
    t.equal(stale.json?.verdict.hairpin, true, 'the hairpin itself works')
    t.equal(stale.json?.verdict.fixes[0].id, 'dns-record-update')

    const missing = await runCli(lab, 'a', [...ARGS, '--host', LAB_NAMES.missing])
    t.equal(missing.code, 1)
    t.equal(missing.json?.dns.pointsTo, 'none')
    t.equal(missing.json?.dns.error, 'ENOTFOUND')
    t.equal(missing.json?.verdict.cause, 'dns-unresolved')

    const human = await runCli(lab, 'a', [String(LAB.port), '--public-ip', LAB.publicIp, '--host', LAB_NAMES.public])
    t.match(human.stdout, /DNS name\s+hairpin\.lab → 203\.0\.113\.7; points to the public IP: inside clients hairpin/)
  },
  'names: public, elsewhere, missing',
  { dns: 'public' },
)

labTest(
  t,
  'wan-only',
  async (t, lab) => {
    const r = await runCli(lab, 'a', [...ARGS, '--host', LAB_NAMES.public])
    t.equal(r.code, 0, 'split-horizon DNS: inside clients get through by name', { stderr: r.stderr })
    t.equal(r.json?.dns.pointsTo, 'lan')
    t.same(r.json?.dns.addresses, [LAB.hostA])
    t.same(r.json?.dns.direct, { address: LAB.hostA, outcome: 'ok', observedPeer: LAB.hostA, ms: r.json?.dns.direct.ms })
    t.equal(r.json?.verdict.cause, 'split-horizon-dns')
    t.equal(r.json?.verdict.hairpin, false, 'the public IP itself does not hairpin (wan-only)')
    t.equal(r.json?.tcp.outcome, 'refused')
    t.match(r.json?.verdict.warnings.join('\n'), /Clients that use 203\.0\.113\.7 itself .* still fail: no-reflection/)
  },
  'split-horizon DNS in front of a router without reflection',
  { dns: 'split' },
)
