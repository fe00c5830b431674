// The lab's address plan: setups, hosts, addresses, options, DNS names, interface names and the upstream NAT boxes.
//
// Every address is a documentation or lab-private range (see the diagram in test/lab/lab.ts):
// nothing routes out of the lab.

/** The router behaviours the lab can build; each is one nftables ruleset (see rulesetFor in rules.ts). */
export type SetupName =
  | 'reflect-masq'
  | 'wan-only'
  | 'dnat-no-snat'
  | 'snat-public'
  | 'router-service'
  | 'reject-unreachable'

/** Every setup, in a stable order. */
export const SETUPS: readonly SetupName[] = [
  'reflect-masq',
  'wan-only',
  'dnat-no-snat',
  'snat-public',
  'router-service',
  'reject-unreachable',
]

/**
 * Setups with a second NAT between the router and the internet (see the diagram at the top of
 * test/lab/lab.ts): the router's WAN address is not public, the echo services still see the public IP.
 * Kept apart from {@link SetupName} (and {@link SETUPS}), whose every member the probe tests
 * cover one by one.
 */
export type UpstreamSetupName = 'cgnat' | 'double-nat'

/** The upstream setups, in a stable order. */
export const UPSTREAM_SETUPS: readonly UpstreamSetupName[] = ['cgnat', 'double-nat']

/** Every setup buildLab (build.ts) can build. */
export type LabSetupName = SetupName | UpstreamSetupName

/**
 * A host (network namespace) of the lab; `isp` only in `cgnat` labs, `outer` only in `double-nat`
 * labs, `vpn` only in labs built with {@link LabOptions.vpn}.
 */
export type LabHost = 'inet' | 'router' | 'a' | 'b' | 'isp' | 'outer' | 'vpn'

/** The hosts every lab has. */
export type CoreLabHost = 'inet' | 'router' | 'a' | 'b'

/** Namespace name of each host of a lab: the four core hosts always, `isp`/`outer` in the upstream setups, `vpn` with {@link LabOptions.vpn}. */
export type LabNames = Record<CoreLabHost, string> & Partial<Record<'isp' | 'outer' | 'vpn', string>>

/** The lab's IPv6 addressing plan (documentation prefix; routed, never NATed), used with `buildLab(…, { ipv6: true })`. */
export interface LabPlanV6 {
  /** The router's WAN address. */
  routerWan: '2001:db8:113::7'
  gateway: '2001:db8:77::1'
  hostA: '2001:db8:77::10'
  hostB: '2001:db8:77::20'
  lanPrefix: '2001:db8:77::/64'
  /** The same echo services as {@link LabPlan.echoUrls}, over IPv6. */
  echoUrls: string[]
}

/** The lab's fixed addressing plan. */
export interface LabPlan {
  publicIp: '203.0.113.7'
  gateway: '192.168.77.1'
  hostA: '192.168.77.10'
  hostB: '192.168.77.20'
  lanPrefix: '192.168.77.0/24'
  /** Forwarded to host A for TCP and UDP alike. */
  port: 8443
  /** Echo services in the `inet` namespace: one plain-text, one JSON. */
  echoUrls: string[]
  /** Only configured in labs built with `{ ipv6: true }`. */
  ipv6: LabPlanV6
  /** Where `stale.lab` points (see {@link LAB_NAMES}): a public address that is not the router's. */
  staleIp: '198.51.100.77'
  /** The `cgnat` setup: the router's WAN is in the shared address space (RFC 6598) behind the ISP's NAT. */
  cgnat: {
    /** The router's WAN address: its forward and reflection apply to this one. */
    routerWan: '100.64.7.2'
    /** The ISP's end of the customer link (the router's default gateway). */
    ispInside: '100.64.7.1'
    customerPrefix: '100.64.7.0/24'
    /** The ISP masquerades every customer (100.64.0.0/10) to this, its own address towards `inet`. */
    ispPublic: '203.0.113.7'
  }
  /** The `double-nat` setup: the router is a second router on an outer router's LAN. */
  doubleNat: {
    /** The inner (lab) router's WAN address: its forward and reflection apply to this one. */
    innerWan: '192.168.1.2'
    /** The outer router's LAN address (the inner router's default gateway). */
    outerLan: '192.168.1.1'
    outerPrefix: '192.168.1.0/24'
    /** The outer router masquerades its LAN to this, its own address towards `inet`. */
    outerPublic: '203.0.113.7'
  }
  /** miniupnpd on the router (labs built with {@link LabOptions.upnp}): where it answers, what it says it is. */
  upnp: {
    /** NAT-PMP and PCP server port on the LAN address (RFC 6886, RFC 6887). */
    natpmpPort: 5351
    /** Fixed HTTP port for the device description and SOAP control (miniupnpd would pick one). */
    httpPort: 5000
    /** The SSDP LOCATION miniupnpd announces. */
    rootDescUrl: 'http://192.168.77.1:5000/rootDesc.xml'
    /** The WANIPConnection:2 control URL (miniupnpd's fixed path). */
    controlUrl: 'http://192.168.77.1:5000/ctl/IPConn'
    friendlyName: 'Lab Router'
    manufacturer: 'Lab Networks'
    modelName: 'HairpinLab 1'
    modelNumber: '1'
    serialNumber: 'HPL-0001'
    /** Fixed, so the USN and UDN are stable: hex of "lab-hairpin-lab!". */
    uuid: '6c61622d-6861-6972-7069-6e2d6c616221'
    /** The lab STUN server (in `inet`, with {@link LabOptions.upnp} `'stun'`): two addresses, ports 3478 and 3479. */
    stun: { primary: '198.51.100.20'; alternate: '198.51.100.21'; port: 3478 }
  }
}

/** The lab's addressing plan: public IP, LAN, forwarded port and echo service URLs. */
export const LAB: LabPlan = {
  publicIp: '203.0.113.7',
  gateway: '192.168.77.1',
  hostA: '192.168.77.10',
  hostB: '192.168.77.20',
  lanPrefix: '192.168.77.0/24',
  port: 8443,
  echoUrls: ['http://198.51.100.10/ip', 'http://198.51.100.11/json'],
  ipv6: {
    routerWan: '2001:db8:113::7',
    gateway: '2001:db8:77::1',
    hostA: '2001:db8:77::10',
    hostB: '2001:db8:77::20',
    lanPrefix: '2001:db8:77::/64',
    echoUrls: ['http://[2001:db8:100::10]/ip', 'http://[2001:db8:100::11]/json'],
  },
  staleIp: '198.51.100.77',
  cgnat: { routerWan: '100.64.7.2', ispInside: '100.64.7.1', customerPrefix: '100.64.7.0/24', ispPublic: '203.0.113.7' },
  doubleNat: { innerWan: '192.168.1.2', outerLan: '192.168.1.1', outerPrefix: '192.168.1.0/24', outerPublic: '203.0.113.7' },
  upnp: {
    natpmpPort: 5351,
    httpPort: 5000,
    rootDescUrl: 'http://192.168.77.1:5000/rootDesc.xml',
    controlUrl: 'http://192.168.77.1:5000/ctl/IPConn',
    friendlyName: 'Lab Router',
    manufacturer: 'Lab Networks',
    modelName: 'HairpinLab 1',
    modelNumber: '1',
    serialNumber: 'HPL-0001',
    uuid: '6c61622d-6861-6972-7069-6e2d6c616221',
    stun: { primary: '198.51.100.20', alternate: '198.51.100.21', port: 3478 },
  },
}

/**
 * The router's WAN address in a setup: the public IP in the single-router setups, a shared
 * (`cgnat`) or private (`double-nat`) address behind the upstream NAT. The router's forward and
 * reflection apply to this address; the echo services see {@link LAB.publicIp} in every setup.
 */
export function routerWanFor(setup: LabSetupName): string {
  if (setup === 'cgnat') return LAB.cgnat.routerWan
  if (setup === 'double-nat') return LAB.doubleNat.innerWan
  return LAB.publicIp
}

/** How the lab's DNS (dnsmasq on the router, see {@link LabOptions.dns}) answers `hairpin.lab`. */
export type LabDnsMode = 'public' | 'split'

/** Options for buildLab (build.ts). Without any, the lab is the plain IPv4 one with no DNS. */
export interface LabOptions {
  /**
   * Run dnsmasq on the router (192.168.77.1:53) and point a's and b's system resolver at it.
   * `hairpin.lab` answers the public IP (`'public'`) or host A's LAN address (`'split'`,
   * split-horizon DNS); the other names are in {@link LAB_NAMES}.
   */
  dns?: LabDnsMode
  /** Dual stack: the IPv6 plan of {@link LAB.ipv6} on every link, routed without NAT. Not with the upstream setups. */
  ipv6?: boolean
  /**
   * Run miniupnpd (Debian's miniupnpd-nftables) on the router: NAT-PMP and PCP on
   * 192.168.77.1:5351, SSDP and UPnP IGD (HTTP {@link LAB.upnp}.httpPort) on br0, the WAN as its
   * external interface. `true`: it takes the WAN interface's address, and refuses every reserved
   * one (all lab addresses are: documentation, shared, private), so NAT-PMP answers result 3
   * and GetExternalIPAddress an empty string. `'stun'`: it also asks the lab STUN server in
   * `inet` (ext_perform_stun), and reports the mapped address when the path allows port
   * forwarding (all four STUN answers back, address and port unchanged): 203.0.113.7 in the
   * single-router setups. Behind the upstream NAT the changed-address answers are dropped, so
   * miniupnpd calls that NAT restrictive (and start-up waits out its 3 × 3 s STUN retries).
   */
  upnp?: boolean | 'stun'
  /** The manufacturer miniupnpd names over UPnP (default {@link LAB.upnp}.manufacturer): to test vendor-specific fixes. */
  upnpManufacturer?: string
  /**
   * Instead of miniupnpd, a NAT-PMP server on the router (test/lab/daemons/natpmp-responder.mjs) that
   * announces this external address, like the many routers that report a reserved WAN address
   * (100.64/10, private) over NAT-PMP. miniupnpd 2.3.1 refuses to, so this is how a lab router
   * tells the tool its CGNAT or double-NAT WAN address. Not with `upnp`.
   */
  natpmpWan?: string
  /**
   * What serves the echo URLs in `inet`: `'script'` (default) test/lab/daemons/echo-server.mjs; `'cli'`
   * the built CLI's `hairpin-check echo-server --port 80 --bind 0.0.0.0` (`::` with ipv6).
   */
  echoServer?: 'script' | 'cli'
  /**
   * A second forwarded port (e.g. 8444) to host A, TCP and UDP alike, from the WAN only: no
   * reflection for it (as in `wan-only`), whatever the setup does for {@link LAB.port}. For
   * several ports in one run: one that hairpins and one that does not. Not {@link LAB.port}.
   */
  extraPort?: number
  /**
   * Run a stand-in for the router's own web UI on its LAN address (test/lab/daemons/web-ui.mjs):
   * HTTP on port 80 and, when openssl is there, HTTPS on 443 with a throwaway self-signed
   * certificate whose names match no fingerprint. `'openwrt'`: OpenWrt's pages, `/` the LuCI
   * redirect shell (meta refresh to `cgi-bin/luci/`), `/cgi-bin/luci/` the login page titled
   * `OpenWrt - LuCI`. Every request it reads is logged: see webUiRequests (daemons.ts).
   */
  webUi?: 'openwrt'
  /**
   * The LAN host the router's forward (and its reflection) points at: `'a'` (default) or `'b'`,
   * for runs on a LAN host that is not the forward's target.
   */
  forwardTo?: 'a' | 'b'
  /**
   * How many consecutive ports, from {@link LAB.port} up, the setup's forward covers (default 1):
   * every rule of the setup then matches `8443-(8443+n-1)`, each port to the same port on the
   * target, so several CLIs can run at once on one host, each on its own port.
   */
  forwardPorts?: number
  /**
   * `reflect-masq` only: the hairpin masquerade without a source match, the canonical Server
   * Fault rule (`ip daddr 192.168.77.10 … dport 8443 masquerade`, iptables' `-d SERVER --dport P
   * -j MASQUERADE`): outside clients reach the server from the router's LAN address too.
   */
  masqueradeAnySource?: boolean
  /**
   * Random loss at the router, in percent (0–100) of every IPv4 packet it handles, each way: an
   * nftables table `hairpin_loss` drops `numgen random mod 100 < N` in one chain per hook,
   * `loss_pre` (prerouting: whatever arrives, forwarded or for the router) and `loss_out`
   * (output: what the router sends itself). Each packet crossing the router meets exactly one of
   * them, so both directions of every connection through it lose N% (lossRuleset in rules.ts).
   */
  loss?: number
  /**
   * A VPN client on host A: a `vpn` namespace linked to A by a veth whose A side is named `wg0`
   * (named like WireGuard's; real WireGuard needs a kernel module), A's default route via wg0 at a
   * lower metric than its LAN default, and the vpn namespace masquerading to `inet` from its own
   * documentation address ({@link LAB_VPN}). Echo services then see the VPN's exit address.
   */
  vpn?: boolean
}

/** The VPN of {@link LabOptions.vpn}: the tunnel link between host A and the `vpn` namespace, and the VPN's exit. */
export const LAB_VPN = {
  /** A's end of the tunnel link, on {@link LAB_VPN}.clientIf. */
  client: '10.66.0.2',
  /** The vpn namespace's end: A's default gateway through the tunnel. */
  server: '10.66.0.1',
  prefixLen: 24,
  /** A's interface: named like WireGuard's. */
  clientIf: 'wg0',
  /** The vpn namespace's tunnel-side interface. */
  serverIf: 'tun0',
  /** The VPN's exit address, what echo services see: its own address on its link to `inet` (inet routes it back over that link). */
  exit: '198.51.100.50',
  /** The vpn namespace's interface towards `inet`, and inet's end of that link. */
  exitIf: 'wan',
  inetIf: 'vpn0',
  /** Metrics of A's two default routes: the tunnel's wins. */
  tunnelMetric: 50,
  lanMetric: 100,
} as const

/**
 * Names the lab's DNS knows (with {@link LabOptions.dns}); answers in {@link labDnsRecords}.
 * `stale` points at another public address (stale dynamic DNS, a CDN); `missing` is NXDOMAIN.
 */
export const LAB_NAMES = { public: 'hairpin.lab', stale: 'stale.lab', v6: 'v6.lab', missing: 'missing.lab' } as const

/** One name's records in the lab DNS; an empty list is NODATA for that type. */
export interface LabDnsRecord {
  a: string[]
  aaaa: string[]
}

/**
 * What the lab's dnsmasq answers for each name of {@link LAB_NAMES} in a lab built with these
 * options; null means NXDOMAIN (as does every other name under `.lab`).
 */
export function labDnsRecords(opts: LabOptions): Record<string, LabDnsRecord | null> {
  return {
    [LAB_NAMES.public]: { a: [opts.dns === 'split' ? LAB.hostA : LAB.publicIp], aaaa: [] },
    [LAB_NAMES.stale]: { a: [LAB.staleIp], aaaa: [] },
    [LAB_NAMES.v6]: { a: [LAB.publicIp], aaaa: opts.ipv6 ? [LAB.ipv6.hostA] : [] },
    [LAB_NAMES.missing]: null,
  }
}

/** The `inet` side of the router's WAN link (the router's default gateway). */
export const INET_ADDR = '203.0.113.1'
/** Addresses of the echo services, on `inet`'s loopback. */
export const ECHO_ADDRS = ['198.51.100.10', '198.51.100.11'] as const
/** IPv6 (opts.ipv6): `inet`'s end of the WAN link. */
export const INET_ADDR6 = '2001:db8:113::1'
/** IPv6 (opts.ipv6): the echo services' addresses on `inet`'s loopback. */
export const ECHO_ADDRS6 = ['2001:db8:100::10', '2001:db8:100::11'] as const
/** IPv6 (opts.ipv6): the echo services' routed prefix. */
export const ECHO_PREFIX6 = '2001:db8:100::/64'

// Interface names: fixed, because each lives only inside its own namespace.
/** The router's (and each upstream box's) WAN interface. */
export const WAN_IF = 'wan'
/** The router's LAN bridge. */
export const LAN_IF = 'br0'
/** `inet`'s end of the link to whatever holds the public IP (router, ISP or outer router). */
export const INET_IF = 'up0'

/** The upstream NAT box of a setup. */
export interface Upstream {
  /** Its namespace. */
  host: 'isp' | 'outer'
  /** Its interface towards the router, and its address (the router's gateway) and prefix length there. */
  downIf: string
  downAddr: string
  prefixLen: number
  /** The router's WAN address on that link. */
  routerWan: string
  /** The sources it masquerades out of its WAN. */
  masqueradeFrom: string
}
/** The upstream NAT box of each upstream setup. */
export const UPSTREAM: Record<UpstreamSetupName, Upstream> = {
  // RFC 6598 shared address space: the ISP masquerades all of it, as a CGN does for its pool of customers.
  cgnat: {
    host: 'isp',
    downIf: 'cust',
    downAddr: LAB.cgnat.ispInside,
    prefixLen: 24,
    routerWan: LAB.cgnat.routerWan,
    masqueradeFrom: '100.64.0.0/10',
  },
  'double-nat': {
    host: 'outer',
    downIf: 'lan',
    downAddr: LAB.doubleNat.outerLan,
    prefixLen: 24,
    routerWan: LAB.doubleNat.innerWan,
    masqueradeFrom: LAB.doubleNat.outerPrefix,
  },
}
/** Whether a setup has an upstream NAT box between the router and `inet`. */
export const isUpstream = (setup: LabSetupName): setup is UpstreamSetupName => (UPSTREAM_SETUPS as readonly string[]).includes(setup)
