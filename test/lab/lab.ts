// Throwaway network-namespace labs (internet, NAT router, two LAN hosts) that prove hairpin-check against real Linux NAT: the lab's one entry point.
//
// Topology (all addresses are documentation or lab-private ranges; nothing routes out of the lab):
//
//   inet ns                      router ns                              a ns / b ns
//   lo: 198.51.100.10/32 ─┐      wan: 203.0.113.7/24 (public IP)
//       198.51.100.11/32  │      br0: 192.168.77.1/24 ─┬─ pa ── eth0 ── a: 192.168.77.10/24
//   up0: 203.0.113.1/24 ──┴──────┘  nftables NAT       └─ pb ── eth0 ── b: 192.168.77.20/24
//   (echo-server.mjs :80)          (tcp-service.mjs for router-service)
//                                  (dnsmasq on 192.168.77.1:53 with opts.dns)
//
// The forward is 203.0.113.7:8443 to a, TCP and UDP alike. With opts.ipv6 every link is dual
// stack (documentation prefix 2001:db8::/32, routed, no NAT, no DAD):
//   inet lo 2001:db8:100::10/128, ::11/128; up0 2001:db8:113::1/64 ── router wan 2001:db8:113::7/64
//   router br0 2001:db8:77::1/64 ── a 2001:db8:77::10/64, b 2001:db8:77::20/64
// With opts.dns, a and b resolve through the router's dnsmasq: /etc/netns/<ns>/resolv.conf (and
// nsswitch.conf), which `ip netns exec` bind-mounts, exist for the lab's lifetime only.
//
// The LAN bridge lives in the router namespace as the router's LAN interface, like the
// built-in switch of a consumer router. That is deliberate: it is the arrangement where
// br_netfilter bites (bridged frames re-entering the IP hooks), so the lab carries the
// real-world fix (bridge-nf-call-*=0) instead of hiding the pitfall in a separate switch.
//
// Upstream setups put one more NAT box between the router and `inet` (the router's port forward
// and reflection then apply to its WAN address, which is not the public one):
//   cgnat:      inet up0 203.0.113.1 ── wan 203.0.113.7 [isp ns: masquerades 100.64.0.0/10, no
//               forward] cust 100.64.7.1/24 ── wan 100.64.7.2/24 [router ns] br0 … (as above)
//   double-nat: inet up0 203.0.113.1 ── wan 203.0.113.7 [outer ns: masquerades 192.168.1.0/24, no
//               forward] lan 192.168.1.1/24 ── wan 192.168.1.2/24 [router ns] br0 … (as above)
// Echo services see 203.0.113.7 in every setup.
//
// With opts.vpn, host A has a VPN (the `vpn` namespace; its A side is named like WireGuard's):
//   a wg0: 10.66.0.2/24 ── tun0 10.66.0.1/24 [vpn ns: masquerades out of wan] wan 198.51.100.50/32
//   ── vpn0 [inet ns, route 198.51.100.50/32 dev vpn0]; A's default route via wg0 (metric 50)
//   beats its LAN default (metric 100), so echo services see 198.51.100.50.
// Other router options: opts.forwardTo 'b' (the forward points at b), opts.forwardPorts N (8443 up
// to 8443+N-1), opts.masqueradeAnySource (reflect-masq's hairpin masquerade without a source
// match), opts.loss P (P% random loss of every packet through the router, each way).
//
// With opts.upnp the router runs miniupnpd (NAT-PMP, PCP, UPnP IGD) on br0 with the WAN as its
// external interface, its own nftables table `miniupnpd`, its files in a per-lab temp dir
// (<tmpdir>/hpc<pid>-<hex>-upnp/). With opts.upnp 'stun' it learns its external address from a
// STUN server in `inet` (198.51.100.20/.21, ports 3478/3479); see {@link LabOptions.upnp}.
// With opts.extraPort P the router also forwards P to the forward's target, from the WAN only (never
// reflected). With opts.webUi 'openwrt' it runs a stand-in for its own web UI on 192.168.77.1
// (daemons/web-ui.mjs: LuCI's pages on ports 80 and 443, each request logged: webUiRequests).
//
// Every interface is created directly inside its namespace (`ip -n NS link add … peer …
// netns NS2`), so interface names never exist in the host namespace and concurrent labs
// cannot collide on them; only namespace names need to be unique, and they carry our pid.
//
// The parts live in test/lab/support/ (this file only re-exports them):
//   plan.ts          the address plan (LAB), setups, hosts, options, DNS names
//   rules.ts         nftables rulesets and kernel settings of the routers and hosts
//   daemons.ts       dnsmasq, miniupnpd, echo, STUN, NAT-PMP and router services (scripts in daemons/)
//   build.ts         buildLab, step by step
//   handle.ts        the Lab handle: exec, spawnBackground, destroy
//   cleanup.ts       the exit/signal safety net, /etc/netns files, sweepStaleLabs
//   availability.ts  labUnavailableReason: why a test skips
//   cli.ts           runCli and the schema problems it collects
//   proc.ts, paths.ts  process plumbing; where the repository, CLI and daemon scripts are
//
// None of these modules may import tap: the benchmark and stress scripts use them too.

export { labUnavailableReason } from './support/availability.js'
export { buildLab } from './support/build.js'
export { sweepStaleLabs } from './support/cleanup.js'
export { runCli, takeSchemaProblems, type CliResult, type RunCliOptions, type SchemaProblem } from './support/cli.js'
export { miniupnpdConfig, webUiRequests } from './support/daemons.js'
export type { ExecOptions, Lab, SpawnOptions } from './support/handle.js'
export { CLI_PATH, DAEMON_DIR, DAEMONS } from './support/paths.js'
export {
  INET_ADDR,
  LAB,
  LAB_NAMES,
  LAB_VPN,
  labDnsRecords,
  routerWanFor,
  SETUPS,
  UPSTREAM_SETUPS,
  type CoreLabHost,
  type LabDnsMode,
  type LabDnsRecord,
  type LabHost,
  type LabNames,
  type LabOptions,
  type LabPlan,
  type LabPlanV6,
  type LabSetupName,
  type SetupName,
  type UpstreamSetupName,
} from './support/plan.js'
export { pidAlive, WITHOUT_RUNNER_HOOKS, type ExecResult } from './support/proc.js'
export { lossRuleset, MINIUPNPD_RULESET, rulesetFor, upstreamRulesetFor, vpnRuleset } from './support/rules.js'
