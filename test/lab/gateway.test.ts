// The gateway's view through the built CLI: miniupnpd's NAT-PMP/PCP/UPnP, CGNAT and double NAT, the vendor's fixes first.
import t from 'tap'
import { LAB, runCli } from './lab.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

// Each subtest owns its lab and mostly waits: on miniupnpd's start-up, on the CLI's gateway queries. Several at once.
t.jobs = LAB_JOBS

const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '4000']

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.code, 0, 'exit code', { stderr: r.stderr })
    t.equal(r.json?.verdict.cause, 'hairpin-ok-gateway-source', 'no NAT in front')
    t.same(r.json?.verdict.warnings, [])
    // Proven: the gateway's answers can no longer change the verdict, so a slow UPnP device is cut.
    t.ok(r.json?.gateway.upnp.found === true || r.json?.gateway.upnp.error === 'not waited for', 'complete, or cut and said so')
    const off = await runCli(lab, 'a', [...ARGS, '--no-gateway'])
    t.equal(off.json?.gateway, null)
    // An address that refuses the port (the echo service's) keeps the verdict open: then every answer is waited for.
    const open = await runCli(lab, 'a', [String(LAB.port), '--json', '--public-ip', '198.51.100.10', '--timeout', '4000'])
    const g = open.json?.gateway
    t.equal(g?.address, LAB.gateway)
    t.same([g?.natpmp.resultCode, g?.natpmp.externalIp], [0, LAB.publicIp], 'NAT-PMP: the external address (learned by STUN)')
    t.equal(g?.pcp.present, true, 'PCP answers')
    t.equal(g?.upnp.found, true)
    t.equal(g?.upnp.manufacturer, LAB.upnp.manufacturer)
    t.equal(g?.upnp.model, LAB.upnp.modelName)
    t.equal(g?.upnp.friendlyName, LAB.upnp.friendlyName)
    t.equal(g?.upnp.externalIp, LAB.publicIp)
    t.equal(g?.upnp.connectionStatus, 'Connected')
    t.equal(g?.upnp.mapping, null, 'the forward is not a UPnP mapping')
    t.equal(g?.upnp.error, null)
    const human = await runCli(lab, 'a', [String(LAB.port), '--public-ip', '198.51.100.10', '--timeout', '4000'])
    t.match(human.stdout, /UPnP\s+Lab Networks HairpinLab 1, Connected, external 203\.0\.113\.7/)
  },
  'miniupnpd on the router reports the public address',
  { upnp: 'stun' },
)

labTest(
  t,
  'wan-only',
  async (t, lab) => {
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.code, 1)
    t.equal(r.json?.verdict.cause, 'no-reflection')
    t.equal(r.json?.gateway.upnp.manufacturer, 'MikroTik')
    t.equal(r.json?.verdict.fixes[0].id, 'mikrotik-hairpin-nat', "the router's own fix first")
    t.match(r.json?.verdict.warnings.join('\n'), /shows itself as MikroTik RouterOS over UPnP: its fixes come first/)
  },
  'the vendor named over UPnP puts its fix first',
  { upnp: 'stun', upnpManufacturer: 'MikroTik' },
)

labTest(
  t,
  'cgnat',
  async (t, lab) => {
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.code, 1, 'exit code', { stderr: r.stderr })
    t.equal(r.json?.publicIp.address, LAB.publicIp, "the echo services see the ISP's address")
    t.same([r.json?.gateway.natpmp.resultCode, r.json?.gateway.natpmp.externalIp], [0, LAB.cgnat.routerWan])
    t.equal(r.json?.verdict.cause, 'cgnat')
    t.equal(r.json?.verdict.hairpin, false)
    t.equal(r.json?.verdict.fixes[0].id, 'isp-public-address')
    t.match(r.json?.verdict.summary, /WAN address is 100\.64\.7\.2, in 100\.64\.0\.0\/10/)
  },
  'carrier-grade NAT in front: the router reports its 100.64/10 WAN address',
  { natpmpWan: LAB.cgnat.routerWan },
)

labTest(
  t,
  'double-nat',
  async (t, lab) => {
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.code, 1, 'exit code', { stderr: r.stderr })
    t.equal(r.json?.verdict.cause, 'double-nat')
    t.equal(r.json?.gateway.natpmp.externalIp, LAB.doubleNat.innerWan)
    t.equal(r.json?.verdict.fixes[0].id, 'bridge-mode')
    t.match(r.json?.verdict.fixes.find((f: { id: string }) => f.id === 'forward-on-both').commands[0], /this router's WAN address 192\.168\.1\.2/)
  },
  'a second router in front: the router reports its private WAN address',
  { natpmpWan: LAB.doubleNat.innerWan },
)

labTest(
  t,
  'cgnat',
  async (t, lab) => {
    const r = await runCli(lab, 'a', ARGS)
    t.equal(r.code, 1, 'exit code', { stderr: r.stderr })
    t.same([r.json?.gateway.natpmp.resultCode, r.json?.gateway.natpmp.externalIp], [3, null], 'miniupnpd refuses its reserved WAN address')
    t.equal(r.json?.gateway.upnp.externalIp, null)
    t.equal(r.json?.verdict.cause, 'double-nat', 'another NAT in front, kind unknown')
    t.match(r.json?.verdict.summary, /no usable public WAN address \(NAT-PMP "network failure", or a UPnP IGD without an external address\)/)
  },
  'miniupnpd behind carrier-grade NAT: no usable WAN address',
  { upnp: true },
)
