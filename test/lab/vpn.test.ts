// A VPN on the tool's host: the echo services see the tunnel's exit, so a failure through that address says nothing about the router (other-path).
import t from 'tap'
import { LAB, LAB_VPN, runCli } from './lab.js'
import { NAME_RE } from './support/cleanup.js'
import { oneLine } from './background.js'
import { LAB_JOBS, labTest } from './tap-lab.js'

t.jobs = LAB_JOBS

const CLI_KILL_MS = 20_000
const ARGS = [String(LAB.port), '--json', ...LAB.echoUrls.flatMap((u) => ['--echo-url', u]), '--timeout', '2000', '--no-gateway']

labTest(
  t,
  'reflect-masq',
  async (t, lab) => {
    // The lab itself first: the vpn namespace is named so the sweeps (cleanup.ts, .ci/run) find it
    // if this process dies; A's default route leaves by wg0.
    t.match(lab.names.vpn, NAME_RE, 'the vpn namespace follows the lab naming the sweeps look for')
    const route = await lab.exec('a', ['ip', '-4', 'route', 'get', '198.51.100.10'])
    t.match(route.stdout, `via ${LAB_VPN.server} dev ${LAB_VPN.clientIf}`, 'A reaches the internet through wg0', { route: route.stdout })

    const r = await runCli(lab, 'a', ARGS, { timeoutMs: CLI_KILL_MS })
    const ctx = { stderr: r.stderr, client: r.json?.client, publicIp: r.json?.publicIp, tcp: r.json?.tcp }
    t.equal(r.code, 2, 'exit code 2: no verdict', ctx)
    t.equal(r.json?.verdict?.cause, 'other-path', 'the probe went another way than this network', ctx)
    t.equal(r.json?.verdict?.hairpin, null, 'nothing is said of the router')
    t.equal(r.json?.publicIp?.address, LAB_VPN.exit, "the echo services saw the VPN's exit address")
    t.equal(r.json?.publicIp?.confirmedBy, 'agreement', 'both agreed on it: the address is certain, the path is not ours')
    t.equal(r.json?.client?.tunnel, true, 'client.tunnel')
    t.equal(r.json?.client?.interface, LAB_VPN.clientIf, 'client.interface')
    t.equal(r.json?.client?.address, LAB_VPN.client, "the probe's source is A's tunnel address")
    t.equal(r.json?.client?.gateway, LAB_VPN.server, "the gateway is the tunnel's, the lowest-metric default route by wg0")
    t.equal(r.json?.tcp?.outcome, 'refused', "the VPN's exit refused the port")
    t.match(r.json?.verdict?.summary, `leaves this host by the tunnel interface ${LAB_VPN.clientIf} (a VPN)`, 'the summary names wg0')
    t.match(r.json?.verdict?.summary, /Run the tool with the VPN off, or send your network's own public address past the tunnel/, 'and what to do')
    t.same(r.json?.verdict?.fixes, [], 'no verdict, no fixes')
    oneLine(t, r.stderr)
    t.match(r.stderr, /wg0/, 'the stderr line names wg0 too')

    // --public-ip names this network's address, yet the probe still leaves by wg0: still no verdict.
    const named = await runCli(lab, 'a', [...ARGS, '--public-ip', LAB.publicIp], { timeoutMs: CLI_KILL_MS })
    t.equal(named.code, 2, '--public-ip through the tunnel: exit 2', { stderr: named.stderr, tcp: named.json?.tcp })
    t.equal(named.json?.verdict?.cause, 'other-path')
    t.match(named.json?.verdict?.summary, `send ${LAB.publicIp} past the tunnel (on Linux: ip route add ${LAB.publicIp}/32 via YOUR_LAN_GATEWAY)`)

    // Done as the summary says, the route past the tunnel gives the router's own verdict.
    const lanGw = await lab.exec('a', ['ip', 'route', 'add', `${LAB.publicIp}/32`, 'via', LAB.gateway])
    t.equal(lanGw.code, 0, 'a host route past the tunnel', { stderr: lanGw.stderr })
    const past = await runCli(lab, 'a', [...ARGS, '--public-ip', LAB.publicIp], { timeoutMs: CLI_KILL_MS })
    t.equal(past.code, 0, 'the hairpin works through the router', { stderr: past.stderr })
    t.equal(past.json?.verdict?.cause, 'hairpin-ok-gateway-source')
    t.equal(past.json?.client?.tunnel, false)
  },
  'a VPN (wg0) carries the default route: other-path',
  { vpn: true },
)
