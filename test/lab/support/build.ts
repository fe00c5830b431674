// Builds a lab in steps: check the request, reserve names, create namespaces, then wire, load rules and start daemons in parallel.
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { registerLab, sweepOnce, writeEtcNetns, type LiveLab } from './cleanup.js'
import {
  miniupnpdConfig,
  resolverFiles,
  startDnsmasq,
  startEchoServices,
  startMiniupnpd,
  startNatpmpResponder,
  startRouterService,
  startStun,
  startWebUi,
} from './daemons.js'
import { createLab, type Lab } from './handle.js'
import {
  ECHO_ADDRS,
  ECHO_ADDRS6,
  ECHO_PREFIX6,
  INET_ADDR,
  INET_ADDR6,
  INET_IF,
  isUpstream,
  LAB,
  LAB_VPN,
  LAN_IF,
  SETUPS,
  UPSTREAM,
  WAN_IF,
  type LabHost,
  type LabNames,
  type LabOptions,
  type LabSetupName,
  type SetupName,
  type Upstream,
  type UpstreamSetupName,
} from './plan.js'
import { allSettled, ipBatch } from './proc.js'
import { HOST_SYSCTL, lossRuleset, MINIUPNPD_RULESET, ROUTER_SYSCTL, ROUTER_V6_SYSCTL, rulesetFor, upstreamRulesetFor, V6_SYSCTL, vpnRuleset } from './rules.js'

/**
 * Builds a lab for one router setup: four namespaces wired as in the diagram at the top of
 * test/lab/lab.ts (five in the upstream setups: `isp` or `outer` between the router and `inet`),
 * echo services running in `inet`, the setup's nftables ruleset loaded in `router` (plus the
 * router's own service for `router-service`). `opts.dns` adds the router's dnsmasq and points
 * a's and b's system resolver at it; `opts.ipv6` makes every link dual stack; `opts.upnp` runs
 * miniupnpd on the router; `opts.echoServer` picks what serves the echo URLs. Rejects (after
 * cleaning up) when any step fails. Typically well under a second (with `upnp: 'stun'` behind
 * an upstream NAT about 9 s, see {@link LabOptions.upnp}).
 */
export async function buildLab(setup: LabSetupName, opts: LabOptions = {}): Promise<Lab> {
  checkRequest(setup, opts)
  const options: Readonly<LabOptions> = Object.freeze({ ...opts })
  sweepOnce()
  const id = `hpc${process.pid}-${randomBytes(3).toString('hex')}`
  const up = isUpstream(setup) ? UPSTREAM[setup] : null
  const names: LabNames = {
    inet: `${id}-inet`,
    router: `${id}-router`,
    a: `${id}-a`,
    b: `${id}-b`,
    ...(up ? { [up.host]: `${id}-${up.host}` } : {}),
    ...(options.vpn ? { vpn: `${id}-vpn` } : {}),
  }
  const upnpDir = options.upnp ? resolve(tmpdir(), `${id}-upnp`) : null
  // Registered before anything exists, so every cleanup path (destroy, exit, signals) covers all of it.
  const entry: LiveLab = { names: Object.values(names), children: new Set(), dirs: upnpDir ? [upnpDir] : [] }
  registerLab(entry)
  const lab = createLab({ setup, options, names, upnpDir, entry })
  try {
    await createNamespaces(lab, entry)
    await populate(lab, up)
    return lab
  } catch (err) {
    await lab.destroy()
    throw err
  }
}

/** Throws for a setup or an option the lab does not know, or a combination it cannot build. */
function checkRequest(setup: LabSetupName, opts: LabOptions): void {
  if (!SETUPS.includes(setup as SetupName) && !isUpstream(setup)) throw new Error(`unknown lab setup: ${String(setup)}`)
  if (opts.dns !== undefined && opts.dns !== 'public' && opts.dns !== 'split') throw new Error(`unknown lab dns mode: ${String(opts.dns)}`)
  if (opts.upnp !== undefined && typeof opts.upnp !== 'boolean' && opts.upnp !== 'stun') throw new Error(`unknown lab upnp mode: ${String(opts.upnp)}`)
  if (opts.upnp && opts.natpmpWan !== undefined) throw new Error('natpmpWan replaces miniupnpd: not with upnp')
  if (opts.echoServer !== undefined && opts.echoServer !== 'script' && opts.echoServer !== 'cli') {
    throw new Error(`unknown lab echo server: ${String(opts.echoServer)}`)
  }
  if (opts.extraPort !== undefined && (!Number.isInteger(opts.extraPort) || opts.extraPort < 1 || opts.extraPort > 65535 || opts.extraPort === LAB.port)) {
    throw new Error(`lab extraPort must be a port from 1 to 65535 other than ${LAB.port}: ${String(opts.extraPort)}`)
  }
  if (opts.webUi !== undefined && opts.webUi !== 'openwrt') throw new Error(`unknown lab web UI: ${String(opts.webUi)}`)
  if (opts.forwardTo !== undefined && opts.forwardTo !== 'a' && opts.forwardTo !== 'b') throw new Error(`unknown lab forward target: ${String(opts.forwardTo)}`)
  if (opts.forwardPorts !== undefined && (!Number.isInteger(opts.forwardPorts) || opts.forwardPorts < 1 || LAB.port + opts.forwardPorts - 1 > 65535)) {
    throw new Error(`lab forwardPorts must be a whole number of ports from ${LAB.port} up: ${String(opts.forwardPorts)}`)
  }
  if (opts.forwardPorts !== undefined && opts.extraPort !== undefined && opts.extraPort >= LAB.port && opts.extraPort < LAB.port + opts.forwardPorts) {
    throw new Error(`lab extraPort ${opts.extraPort} lies in the forwarded range ${LAB.port}-${LAB.port + opts.forwardPorts - 1}`)
  }
  if (opts.masqueradeAnySource && setup !== 'reflect-masq') throw new Error(`masqueradeAnySource changes reflect-masq's masquerade: not with ${setup}`)
  if (opts.loss !== undefined && (!Number.isInteger(opts.loss) || opts.loss < 0 || opts.loss > 100)) throw new Error(`lab loss must be a percentage from 0 to 100: ${String(opts.loss)}`)
  // The upstream boxes would need IPv6 plumbing of their own (native IPv6 past a CGN is its own scenario).
  if (opts.ipv6 && isUpstream(setup)) throw new Error(`lab setup ${setup} does not support ipv6`)
}

/** Creates the namespaces, then the files that must exist before anything runs in them (resolver files, miniupnpd's config). */
async function createNamespaces(lab: Lab, entry: LiveLab): Promise<void> {
  await ipBatch(entry.names.map((n) => `netns add ${n}`))
  // Before any process runs in a or b; registered in `entry.names` already, so every cleanup path removes them.
  if (lab.options.dns) for (const h of ['a', 'b'] as const) writeEtcNetns(lab.names[h], resolverFiles(lab.names[h]))
  if (lab.upnpDir) {
    // Registered in `entry.dirs` already; 0700: the config says where its pid and lease files go.
    mkdirSync(lab.upnpDir, { mode: 0o700 })
    writeFileSync(`${lab.upnpDir}/miniupnpd.conf`, miniupnpdConfig(lab.upnpDir, lab.options), { mode: 0o600 })
  }
}

/** The upstream box's namespace; throws rather than ever letting a command fall back to the machine's own namespace. */
function upstreamNs(lab: Lab, up: Upstream): string {
  const ns = lab.names[up.host]
  if (ns === undefined) throw new Error(`lab setup ${lab.setup} has no ${up.host} host`)
  return ns
}

/** Runs a shell script in a host; rejects with its stderr when it fails. */
function sh(lab: Lab, host: LabHost, script: string, what: string): Promise<void> {
  return lab.exec(host, ['sh', '-c', script]).then((r) => {
    if (r.code !== 0) throw new Error(`${what} failed: ${r.stderr.trim()}`)
  })
}

/** Loads an nftables ruleset in a host; rejects with nft's complaint when it fails. */
function nftLoad(lab: Lab, host: LabHost, ruleset: string, what: string): Promise<void> {
  return lab.exec(host, ['nft', '-f', '-'], { input: ruleset }).then((r) => {
    if (r.code !== 0) throw new Error(`nft ruleset for ${what} failed: ${r.stderr.trim()}`)
  })
}

/** Everything after the namespaces exist: independent steps run in parallel, each waiting only for what it needs. */
async function populate(lab: Lab, up: Upstream | null): Promise<void> {
  const echo = startEchoServices(lab, lab.options)
  const routerRules = rulesetFor(lab.setup, lab.options) + (lab.options.upnp ? MINIUPNPD_RULESET : '') + (lab.options.loss !== undefined ? lossRuleset(lab.options.loss) : '')
  const nft = nftLoad(lab, 'router', routerRules, lab.setup)
  const upNft = up ? nftLoad(lab, up.host, upstreamRulesetFor(lab.setup as UpstreamSetupName), `${lab.setup} ${up.host}`) : Promise.resolve()
  await allSettled([echo, nft, upNft, wire(lab, up, nft)])
}

/** Kernel settings, links and addresses of every host, then the daemons that bind those addresses. `nft`: the router's ruleset loading. */
async function wire(lab: Lab, up: Upstream | null, nft: Promise<void>): Promise<void> {
  const v6 = lab.options.ipv6 === true
  // Dual stack: a, b and inet need accept_dad=0 as `default` before the router creates their veth ends.
  await allSettled([
    sh(lab, 'router', v6 ? `${ROUTER_SYSCTL}\n${ROUTER_V6_SYSCTL}` : ROUTER_SYSCTL, 'router sysctl'),
    ...(v6 ? (['inet', 'a', 'b'] as const).map((h) => sh(lab, h, V6_SYSCTL, `${h} IPv6 sysctl`)) : []),
    up ? sh(lab, up.host, ROUTER_SYSCTL, `${up.host} sysctl`) : Promise.resolve(),
  ])
  await ipBatch(routerLines(lab, up), lab.names.router)
  // The upstream box: its link to the router exists now (the router's batch made it); it makes its link to `inet`.
  const upstream = up ? ipBatch(upstreamLines(lab, up), upstreamNs(lab, up)) : Promise.resolve()
  const inetSide = upstream.then(() => ipBatch(inetLines(lab.options), lab.names.inet))
  const lanHost = (h: 'a' | 'b', addr: string, addr6: string) =>
    allSettled([sh(lab, h, HOST_SYSCTL, `sysctl in ${h}`), ipBatch(lanHostLines(addr, addr6, v6), lab.names[h])])
  const stun = lab.options.upnp === 'stun' ? inetSide.then(() => startStun(lab)) : Promise.resolve()
  const hostA = lanHost('a', LAB.hostA, LAB.ipv6.hostA)
  const steps: Promise<unknown>[] = [upstream, inetSide, stun, hostA, lanHost('b', LAB.hostB, LAB.ipv6.hostB)]
  // opts.vpn: A's default route moves to the tunnel once A and inet have theirs.
  if (lab.options.vpn) steps.push(allSettled([hostA, inetSide]).then(() => wireVpn(lab)))
  // These bind the router's addresses, which exist now.
  if (lab.setup === 'router-service') steps.push(startRouterService(lab))
  if (lab.options.dns) steps.push(startDnsmasq(lab, lab.options))
  if (lab.options.natpmpWan !== undefined) steps.push(startNatpmpResponder(lab, lab.options.natpmpWan))
  if (lab.options.webUi !== undefined) steps.push(startWebUi(lab, lab.options.webUi))
  const upnpDir = lab.upnpDir
  if (upnpDir) steps.push(allSettled([nft, stun, upstream, inetSide]).then(() => startMiniupnpd(lab, upnpDir)))
  await allSettled(steps)
}

/**
 * opts.vpn: the `vpn` namespace between host A and `inet` (see {@link LAB_VPN}). It makes both its
 * links (A's end named `wg0`, inet's `vpn0`), forwards and masquerades out of its link to `inet`;
 * A's LAN default route gets a higher metric than the new one through the tunnel; inet routes the
 * VPN's exit address back over its link.
 */
async function wireVpn(lab: Lab): Promise<void> {
  const ns = lab.names.vpn
  if (ns === undefined) throw new Error('this lab has no vpn host')
  const v = LAB_VPN
  await ipBatch(
    [
      'link set lo up',
      `link add ${v.serverIf} type veth peer name ${v.clientIf} netns ${lab.names.a}`,
      `link add ${v.exitIf} type veth peer name ${v.inetIf} netns ${lab.names.inet}`,
      `addr add ${v.server}/${v.prefixLen} dev ${v.serverIf}`,
      `addr add ${v.exit}/32 dev ${v.exitIf}`,
      `link set ${v.serverIf} up`,
      `link set ${v.exitIf} up`,
      // inet's echo addresses are on its loopback: reached on the link, as the router's WAN reaches them.
      `route add default dev ${v.exitIf}`,
    ],
    ns,
  )
  await allSettled([
    sh(lab, 'vpn', 'echo 1 > /proc/sys/net/ipv4/ip_forward', 'vpn sysctl'),
    nftLoad(lab, 'vpn', vpnRuleset(), 'vpn'),
    ipBatch([`link set ${v.inetIf} up`, `route add ${v.exit}/32 dev ${v.inetIf}`], lab.names.inet),
    ipBatch(
      [
        `addr add ${v.client}/${v.prefixLen} dev ${v.clientIf}`,
        `link set ${v.clientIf} up`,
        `route del default via ${LAB.gateway}`,
        `route add default via ${LAB.gateway} metric ${v.lanMetric}`,
        `route add default via ${v.server} dev ${v.clientIf} metric ${v.tunnelMetric}`,
      ],
      lab.names.a,
    ),
  ])
}

/** The router's `ip -batch`: its bridge, its WAN link (to `inet` or the upstream box), the LAN hosts' links, addresses and routes. */
function routerLines(lab: Lab, up: Upstream | null): string[] {
  const v6 = lab.options.ipv6 === true
  // The router's WAN: towards `inet` directly, or towards the upstream box.
  const routerWan = up ? up.routerWan : LAB.publicIp
  const routerGw = up ? up.downAddr : INET_ADDR
  const wanPeer = up ? `${up.downIf} netns ${upstreamNs(lab, up)}` : `${INET_IF} netns ${lab.names.inet}`
  return [
    'link set lo up',
    `link add ${LAN_IF} type bridge`,
    `link add ${WAN_IF} type veth peer name ${wanPeer}`,
    `link add pa type veth peer name eth0 netns ${lab.names.a}`,
    `link add pb type veth peer name eth0 netns ${lab.names.b}`,
    `link set pa master ${LAN_IF}`,
    `link set pb master ${LAN_IF}`,
    `addr add ${routerWan}/${up ? up.prefixLen : 24} dev ${WAN_IF}`,
    `addr add ${LAB.gateway}/24 dev ${LAN_IF}`,
    ...(v6 ? [`addr add ${LAB.ipv6.routerWan}/64 dev ${WAN_IF} nodad`, `addr add ${LAB.ipv6.gateway}/64 dev ${LAN_IF} nodad`] : []),
    `link set ${WAN_IF} up`,
    `link set ${LAN_IF} up`,
    'link set pa up',
    'link set pb up',
    `route add default via ${routerGw}`,
    `route add 198.51.100.0/24 via ${routerGw}`,
    ...(v6 ? [`route add default via ${INET_ADDR6}`, `route add ${ECHO_PREFIX6} via ${INET_ADDR6}`] : []),
  ]
}

/** A LAN host's `ip -batch`: its address on eth0 (the router made the link) and the gateway as default route. */
function lanHostLines(addr: string, addr6: string, v6: boolean): string[] {
  return [
    'link set lo up',
    `addr add ${addr}/24 dev eth0`,
    ...(v6 ? [`addr add ${addr6}/64 dev eth0 nodad`] : []),
    'link set eth0 up',
    `route add default via ${LAB.gateway}`,
    ...(v6 ? [`route add default via ${LAB.ipv6.gateway}`] : []),
  ]
}

/** The upstream box's `ip -batch`: its link to `inet` with the public IP, its end of the router's link, its default route. */
function upstreamLines(lab: Lab, up: Upstream): string[] {
  return [
    'link set lo up',
    `link add ${WAN_IF} type veth peer name ${INET_IF} netns ${lab.names.inet}`,
    `addr add ${LAB.publicIp}/24 dev ${WAN_IF}`,
    `addr add ${up.downAddr}/${up.prefixLen} dev ${up.downIf}`,
    `link set ${WAN_IF} up`,
    `link set ${up.downIf} up`,
    `route add default via ${INET_ADDR}`,
  ]
}

/** `inet`'s `ip -batch`: the echo (and STUN) addresses on its loopback, its end of the WAN link, the route back to the LAN's IPv6 prefix. */
function inetLines(options: Readonly<LabOptions>): string[] {
  const v6 = options.ipv6 === true
  return [
    'link set lo up',
    ...ECHO_ADDRS.map((a) => `addr add ${a}/32 dev lo`),
    ...(options.upnp === 'stun' ? [LAB.upnp.stun.primary, LAB.upnp.stun.alternate].map((a) => `addr add ${a}/32 dev lo`) : []),
    `addr add ${INET_ADDR}/24 dev ${INET_IF}`,
    ...(v6 ? [...ECHO_ADDRS6.map((a) => `addr add ${a}/128 dev lo nodad`), `addr add ${INET_ADDR6}/64 dev ${INET_IF} nodad`] : []),
    `link set ${INET_IF} up`,
    // No NAT for IPv6: the internet side needs a route back to the LAN prefix.
    ...(v6 ? [`route add ${LAB.ipv6.lanPrefix} via ${LAB.ipv6.routerWan}`] : []),
  ]
}
