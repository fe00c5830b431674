// What the lab's routers load: each setup's nftables ruleset, the upstream box's, miniupnpd's table, and kernel settings.
import { LAB, LAB_VPN, LAN_IF, routerWanFor, UPSTREAM, WAN_IF, type LabOptions, type LabSetupName, type UpstreamSetupName } from './plan.js'

/** miniupnpd's nftables table (family inet), for both its filter and its NAT chains (config upnp_table_name, upnp_nat_table_name). */
export const MINIUPNPD_TABLE = 'miniupnpd'

/**
 * The nftables ruleset the router namespace loads for a setup. Every setup masquerades LAN
 * traffic leaving the WAN (so echo services see the public IP) and forwards its WAN address
 * ({@link routerWanFor}: `203.0.113.7` in the single-router setups) port 8443 to host A, TCP and
 * UDP alike; they differ only in how inside clients are treated. The upstream setups reflect
 * like `reflect-masq`, on the router's non-public WAN address; `cgnat` also forwards whatever
 * arrives on the WAN interface, as routers of CGN customers do. With `opts.ipv6` an `ip6` table
 * is added whose forward chain accepts: IPv6 is routed, never NATed (as on OpenWrt, which has no
 * reflection for IPv6 forwards). With `opts.extraPort` that port is forwarded to host A too, from
 * the WAN only (never reflected). `opts.forwardTo` points every forward at host B instead,
 * `opts.forwardPorts` widens the forwarded port to a range, and `opts.masqueradeAnySource` drops
 * the source match from `reflect-masq`'s hairpin masquerade.
 */
export function rulesetFor(
  setup: LabSetupName,
  opts: Pick<LabOptions, 'ipv6' | 'extraPort' | 'forwardTo' | 'forwardPorts' | 'masqueradeAnySource'> = {},
): string {
  const P = routerWanFor(setup)
  // opts.forwardTo: the forward's target (host A unless told otherwise).
  const S = opts.forwardTo === 'b' ? LAB.hostB : LAB.hostA
  const LAN = LAB.lanPrefix
  // opts.forwardPorts: a range of ports from 8443 up, each forwarded to the same port.
  const PORT = (opts.forwardPorts ?? 1) > 1 ? `${LAB.port}-${LAB.port + opts.forwardPorts! - 1}` : LAB.port
  // Both protocols on the one port: `th` (transport header) reads the port of either.
  const forwarded = `meta l4proto { tcp, udp } th dport ${PORT}`
  const anyIf = `ip daddr ${P} ${forwarded} dnat to ${S}`
  const wanOnly = `iifname "${WAN_IF}" ${anyIf}`
  const hairpinned = `ip saddr ${LAN} ip daddr ${S} ${forwarded} ct status dnat`
  let pre: string[]
  const post = [`oifname "${WAN_IF}" ip saddr ${LAN} masquerade`]
  const fwd: string[] = []
  switch (setup) {
    case 'reflect-masq':
    case 'double-nat':
      pre = [anyIf]
      // opts.masqueradeAnySource: the canonical `-d SERVER --dport P -j MASQUERADE`, no source match.
      post.push(opts.masqueradeAnySource ? `ip daddr ${S} ${forwarded} masquerade` : `${hairpinned} masquerade`)
      break
    case 'cgnat':
      // The forward on the WAN interface (whatever the ISP delivers: it has no forward, so nothing
      // does), and reflection for the router's own WAN address from the LAN.
      pre = [`iifname "${WAN_IF}" ${forwarded} dnat to ${S}`, anyIf]
      post.push(`${hairpinned} masquerade`)
      break
    case 'wan-only':
    case 'router-service':
      pre = [wanOnly]
      break
    case 'dnat-no-snat':
      pre = [anyIf]
      break
    case 'snat-public':
      pre = [anyIf]
      post.push(`${hairpinned} snat to ${P}`)
      break
    case 'reject-unreachable':
      pre = [anyIf]
      // Code 13, "communication administratively prohibited" (RFC 1812: what a router that
      // filters a packet should send). Not code 1 (host-unreachable): seen here, Linux reports code 1
      // to a TCP connect (EHOSTUNREACH) but treats it as a soft error on a connected UDP socket
      // without IP_RECVERR (which node cannot set): the ICMP arrives and the client sees silence.
      // Code 13 is a hard error for both: EHOSTUNREACH over TCP and UDP alike.
      fwd.push(`iifname "${LAN_IF}" oifname "${LAN_IF}" ${hairpinned} reject with icmp type admin-prohibited`)
      break
  }
  // opts.extraPort: a second forward from the WAN only, never reflected (like wan-only), in every setup.
  if (opts.extraPort !== undefined) pre.push(`iifname "${WAN_IF}" ip daddr ${P} meta l4proto { tcp, udp } th dport ${opts.extraPort} dnat to ${S}`)
  // Chain names avoid nft keywords (`fwd`, `post`, … are reserved).
  return [
    'table ip hairpin_lab {',
    '  chain nat_pre {',
    '    type nat hook prerouting priority dstnat; policy accept;',
    ...pre.map((r) => `    ${r}`),
    '  }',
    '  chain nat_post {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    ...post.map((r) => `    ${r}`),
    '  }',
    '  chain filter_fwd {',
    '    type filter hook forward priority filter; policy accept;',
    ...fwd.map((r) => `    ${r}`),
    '  }',
    '}',
    ...(opts.ipv6
      ? ['table ip6 hairpin_lab6 {', '  chain filter_fwd {', '    type filter hook forward priority filter; policy accept;', '  }', '}']
      : []),
    '',
  ].join('\n')
}

/**
 * The nftables ruleset of the upstream NAT box (`isp` in `cgnat`, `outer` in `double-nat`):
 * masquerade its inside addresses out of its WAN, no forward at all.
 */
export function upstreamRulesetFor(setup: UpstreamSetupName): string {
  return [
    'table ip hairpin_lab {',
    '  chain nat_post {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    `    oifname "${WAN_IF}" ip saddr ${UPSTREAM[setup].masqueradeFrom} masquerade`,
    '  }',
    '}',
    '',
  ].join('\n')
}

/**
 * Random loss at the router (opts.loss): drops `percent`% of the IPv4 packets it handles, each way.
 * One chain per hook, at raw priority (before conntrack and NAT: a lost packet never reached the
 * router): `loss_pre` on prerouting sees every packet that arrives, whether forwarded (hairpinned,
 * or to and from the internet) or for the router itself; `loss_out` on output every packet the
 * router sends itself (its refusals, its own services' answers). A packet crossing the router meets
 * exactly one of them, so both directions of every connection through it lose `percent`%. ARP is
 * not IPv4 and never lost. Chain names avoid nft keywords.
 */
export function lossRuleset(percent: number): string {
  // Counters tell a test how many packets each chain saw and how many it dropped, in that order
  // (`nft list table ip hairpin_loss`).
  const rules = ['counter', `numgen random mod 100 < ${percent} counter drop`]
  return [
    'table ip hairpin_loss {',
    '  chain loss_pre {',
    '    type filter hook prerouting priority raw; policy accept;',
    ...rules.map((r) => `    ${r}`),
    '  }',
    '  chain loss_out {',
    '    type filter hook output priority raw; policy accept;',
    ...rules.map((r) => `    ${r}`),
    '  }',
    '}',
    '',
  ].join('\n')
}

/** The VPN namespace's nftables ruleset (opts.vpn): it masquerades whatever leaves towards `inet`, as a VPN server does for its clients. */
export function vpnRuleset(): string {
  return [
    'table ip hairpin_vpn {',
    '  chain nat_post {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    `    oifname "${LAB_VPN.exitIf}" masquerade`,
    '  }',
    '}',
    '',
  ].join('\n')
}

/**
 * miniupnpd's own nftables table, loaded with the router's ruleset when opts.upnp is set: the
 * chains Debian's /etc/miniupnpd/nft_init.sh creates (that script needs miniupnpd_functions.sh
 * from the separate `miniupnpd` package, so the lab does not run it), in a table of its own
 * (config upnp_table_name and upnp_nat_table_name) so miniupnpd never touches `hairpin_lab`.
 * Unlike nft_init.sh the forward chain's policy is accept: a drop here would drop every
 * forwarded packet the miniupnpd chain does not accept, whatever `hairpin_lab` says.
 */
export const MINIUPNPD_RULESET = [
  `table inet ${MINIUPNPD_TABLE} {`,
  '  chain forward {',
  '    type filter hook forward priority filter; policy accept;',
  '    jump miniupnpd',
  '  }',
  '  chain miniupnpd {',
  '  }',
  '  chain prerouting {',
  '    type nat hook prerouting priority dstnat; policy accept;',
  '    jump prerouting_miniupnpd',
  '  }',
  '  chain postrouting {',
  '    type nat hook postrouting priority srcnat; policy accept;',
  '    jump postrouting_miniupnpd',
  '  }',
  '  chain prerouting_miniupnpd {',
  '  }',
  '  chain postrouting_miniupnpd {',
  '  }',
  '}',
  '',
].join('\n')

/** Router kernel settings, one shell so it costs one exec. */
export const ROUTER_SYSCTL = [
  'echo 1 > /proc/sys/net/ipv4/ip_forward',
  // br_netfilter (loaded on the host) sends bridged LAN frames through the IP hooks again; seen:
  // same-host hairpin (A to A) then times out even with masquerade, while B to A still works.
  // The knobs are per namespace, and absent when the module is not loaded.
  'for f in /proc/sys/net/bridge/bridge-nf-call-iptables /proc/sys/net/bridge/bridge-nf-call-ip6tables /proc/sys/net/bridge/bridge-nf-call-arptables; do [ -e "$f" ] && echo 0 > "$f"; done',
  // A hairpinned packet leaves br0 the way it came in, so Linux sends ICMP redirects for it
  // (seen: 2 per timed-out connect from B; no effect on the outcome here, but what a client does
  // with a redirect is OS policy). Off, so a run measures the router's NAT and nothing else.
  'echo 0 > /proc/sys/net/ipv4/conf/all/send_redirects',
  'echo 0 > /proc/sys/net/ipv4/conf/default/send_redirects',
  // Strict reverse-path filtering, as most router distributions ship; fixed so the host's value does not leak in.
  'echo 1 > /proc/sys/net/ipv4/conf/all/rp_filter',
  'echo 1 > /proc/sys/net/ipv4/conf/default/rp_filter',
  // Linux lets a host send a peer about six ICMP errors at once and one a second after that
  // (icmp_ratelimit). A real run asks the gateway's closed NAT-PMP, PCP and SSDP ports once (four
  // port unreachables); runs back to back, as tests and the bench make them, would drain that and
  // see silence instead. Off, so every run meets the router a single run meets.
  'echo 0 > /proc/sys/net/ipv4/icmp_ratelimit',
  'true',
].join('\n')

/**
 * LAN host kernel settings: fixed so the host's values (inherited by new namespaces) do not leak in.
 * accept_local=0 is what makes a same-host reflected SYN (source = own address) a martian.
 */
export const HOST_SYSCTL = [
  'echo 0 > /proc/sys/net/ipv4/conf/all/accept_local',
  'echo 0 > /proc/sys/net/ipv4/conf/default/accept_local',
].join('\n')

/**
 * IPv6 kernel settings for every namespace of a dual-stack lab, written before any interface
 * exists there. DAD (duplicate address detection) keeps a new address "tentative" for about a
 * second; the kernel skips it only when both `all` and the interface say accept_dad=0, and an
 * interface takes `default` when it is created. The link-local addresses matter too: a router
 * asks for a neighbour's MAC (to forward to it) only from a non-tentative link-local address.
 */
export const V6_SYSCTL = [
  'echo 0 > /proc/sys/net/ipv6/conf/all/accept_dad',
  'echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad',
  'echo 0 > /proc/sys/net/ipv6/conf/all/disable_ipv6',
  'echo 0 > /proc/sys/net/ipv6/conf/default/disable_ipv6',
].join('\n')
/** The router forwards IPv6 too (all/ and default/: set both, whatever the kernel propagates). */
export const ROUTER_V6_SYSCTL = [
  V6_SYSCTL,
  'echo 1 > /proc/sys/net/ipv6/conf/all/forwarding',
  'echo 1 > /proc/sys/net/ipv6/conf/default/forwarding',
].join('\n')
