// The fix catalogue: every fix by stable id, its commands filled in for this network, and the groups causes pick from.

import { ipv4ToInt, networkOf } from '../util/ip.js'

/** Facts about this network that fill in the commands. Any may be unknown (null). */
export interface FixContext {
  /** The LAN the client and server sit in, e.g. `192.168.1.0/24`. */
  lanPrefix: string | null
  /** The LAN server the forward points to (in single-host mode: this host's LAN address). */
  server: string | null
  /** The forwarded port. */
  port: number
  /** The router's public IPv4 address. */
  publicIp: string | null
  /** The router's LAN address. */
  gateway: string | null
  /** The protocol the forward carries (what failed); default 'tcp'. */
  protocol?: 'tcp' | 'udp'
  /** The DNS name clients use (`--host`), when given. */
  name?: string | null
  /** The server's global IPv6 address, when known. */
  serverV6?: string | null
  /** What the name resolved to, when it points somewhere unexpected. */
  nameAddresses?: readonly string[]
  /** The WAN address the gateway reports, when it reports one. */
  gatewayWan?: string | null
}

/** The context as command text: known values, or a named placeholder — never a made-up address. */
export interface Values {
  lan: string
  server: string
  port: string
  pub: string
  gw: string
  /** `tcp` or `udp`, as rule syntax writes it. */
  proto: string
  /** `TCP` or `UDP`, as router UIs write it. */
  PROTO: string
  name: string
  v6: string
  resolved: string
  wan: string
}

const address = (a: string | null, placeholder: string): string =>
  a !== null && ipv4ToInt(a) !== null ? a : placeholder

// Written as its network address: `192.168.1.0/24`, not a host's own address with the length.
function prefix(p: string | null): string {
  const m = p === null ? null : /^([^/]+)\/(\d{1,2})$/.exec(p)
  return (m && networkOf(m[1]!, Number(m[2]))) ?? '<LAN-prefix>'
}

/** The context as command text. */
export function valuesOf(ctx: FixContext): Values {
  const { port } = ctx
  return {
    lan: prefix(ctx.lanPrefix),
    server: address(ctx.server, '<server-LAN-address>'),
    port: Number.isInteger(port) && port >= 1 && port <= 65535 ? String(port) : '<port>',
    pub: address(ctx.publicIp, '<public-IP>'),
    gw: address(ctx.gateway, '<gateway-LAN-address>'),
    proto: ctx.protocol ?? 'tcp',
    PROTO: (ctx.protocol ?? 'tcp').toUpperCase(),
    name: ctx.name ?? '<your-hostname>',
    v6: ctx.serverV6 ?? '<server-IPv6-address>',
    resolved: ctx.nameAddresses?.join(', ') || '<what it resolves to>',
    wan: address(ctx.gatewayWan ?? null, "<this router's WAN address>"),
  }
}

// Command lines shared by several fixes: each tool's DNAT half, SNAT half and reload.

// nftables: https://wiki.nftables.org/wiki-nftables/index.php/Performing_Network_Address_Translation_(NAT) and nft(8)
// (nftables 1.0.6); every line below was loaded into a scratch netns. `fwd` (and in some versions `post`)
// are reserved words, hence the chain names nat_pre / nat_post.
const nftSetup = (hooks: ReadonlyArray<'pre' | 'post'>): string[] => [
  'nft add table ip nat',
  ...hooks.map((h) =>
    h === 'pre'
      ? "nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'"
      : "nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'",
  ),
]
const nftDnat = (v: Values): string => `nft add rule ip nat nat_pre ip daddr ${v.pub} ${v.proto} dport ${v.port} dnat to ${v.server}`
const nftHairpin = (v: Values, verb: 'add' | 'insert', action: string): string =>
  `nft ${verb} rule ip nat nat_post ip saddr ${v.lan} ip daddr ${v.server} ${v.proto} dport ${v.port} ct status dnat ${action}`

// iptables: iptables-extensions(8), https://ipset.netfilter.org/iptables-extensions.man.html
// (DNAT only in PREROUTING/OUTPUT, SNAT and MASQUERADE in POSTROUTING; conntrack --ctstate DNAT).
const iptDnat = (v: Values): string =>
  `iptables -t nat -A PREROUTING -d ${v.pub} -p ${v.proto} --dport ${v.port} -j DNAT --to-destination ${v.server}`
const iptHairpin = (v: Values, op: '-A' | '-I', target: string): string =>
  `iptables -t nat ${op} POSTROUTING -s ${v.lan} -d ${v.server} -p ${v.proto} --dport ${v.port} -j ${target}`

// MikroTik RouterOS: https://help.mikrotik.com/docs/spaces/ROS/pages/3211299/NAT ("Hairpin NAT": a dst-nat
// matching dst-address, not in-interface, plus a srcnat masquerade from the LAN to the server).
const rosDstnat = (v: Values): string =>
  `/ip firewall nat add chain=dstnat dst-address=${v.pub} protocol=${v.proto} dst-port=${v.port} action=dst-nat to-addresses=${v.server} to-ports=${v.port}`
const rosSrcnat = (v: Values, action: string): string =>
  `/ip firewall nat add chain=srcnat src-address=${v.lan} dst-address=${v.server} protocol=${v.proto} dst-port=${v.port} action=${action}`

// pf: https://www.openbsd.org/faq/pf/rdr.html#reflect — OpenBSD ≥ 4.7 writes rdr-to/nat-to on pass rules; the
// FAQ's older rdr/nat/no nat form is the syntax FreeBSD's pf still uses.
const pfWhere = (among: string): string => `# in /etc/pf.conf ${among}, with int_if set to the LAN interface:`
const OBSD_WHERE = pfWhere('with the pass rules')
const FBSD_WHERE = pfWhere('among the nat/rdr rules (they come before filter rules)')
const pfReload = ['pfctl -f /etc/pf.conf', 'sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct']
const obsdRdr = (v: Values): string =>
  `pass in on $int_if proto ${v.proto} from ${v.lan} to ${v.pub} port ${v.port} rdr-to ${v.server}`
const obsdNat = (v: Values): string =>
  `pass out on $int_if proto ${v.proto} to ${v.server} port ${v.port} received-on $int_if nat-to $int_if`
const fbsdRdr = (v: Values): string => `rdr on $int_if proto ${v.proto} from ${v.lan} to ${v.pub} port ${v.port} -> ${v.server}`
const fbsdNat = (v: Values): string[] => [
  `no nat on $int_if proto ${v.proto} from $int_if to ${v.lan}`,
  `nat on $int_if proto ${v.proto} from ${v.lan} to ${v.server} port ${v.port} -> ($int_if)`,
]

// OpenWrt: https://openwrt.org/docs/guide-user/firewall/firewall_configuration (redirect options reflection,
// reflection_src) and firewall4's fw4.uc: reflection defaults to 1, reflection_src to 'internal' (the router's
// LAN address) or 'external' (its WAN address); reflection needs masq on the
// source zone, so it covers IPv4 forwards (IPv6 only where that zone has masq6).
const openwrt = (v: Values, src: 'internal' | 'external'): string[] => [
  `uci show firewall | grep "dest_ip='${v.server}'"   # names the forward: firewall.@redirect[N]`,
  "uci set firewall.@redirect[<N>].reflection='1'",
  `uci set firewall.@redirect[<N>].reflection_src='${src}'`,
  'uci commit firewall',
  '/etc/init.d/firewall reload',
]

// pfSense: https://docs.netgate.com/pfsense/en/latest/nat/accessing-port-forwards-from-local-networks.html and
// .../nat/troubleshooting-nat-reflection.html (an External Address of "any" rules reflection out).
const PFSENSE_ADVANCED = 'System > Advanced > Firewall & NAT (Firewall/NAT on older versions)'
const PFSENSE_OUTBOUND = `${PFSENSE_ADVANCED}: check "Enable automatic outbound NAT for Reflection", then Save`

// OPNsense: https://docs.opnsense.org/manual/firewall_settings.html and
// https://docs.opnsense.org/manual/how-tos/nat_reflection.html (automatic reflection adds no filter rules).
const OPNSENSE_ADVANCED = 'Firewall > Settings > Advanced'
const OPNSENSE_BY_HAND = "Or by hand (OPNsense's documented best practice):"
const opnOutbound = (v: Values, lead: string): string =>
  `${lead} Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, ${v.PROTO}, source ${v.lan}, destination ${v.server} port ${v.port}, translation "LAN address"`

type Builder = (v: Values) => { title: string; commands: string[] }

/** Every fix the catalogue knows, by stable id: a title and the commands, filled in. */
export const FIXES = {
  // Consumer routers: vendor UIs differ, so this names the setting rather than a menu path.
  'nat-loopback-setting': (v) => ({
    title: 'Router setting: turn on NAT loopback (NAT reflection)',
    commands: [
      `Open the router's admin page (http://${v.gw}/), find the port forward for ${v.PROTO} ${v.port} to ${v.server} and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"`,
      'No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below',
    ],
  }),
  'openwrt-reflection': (v) => ({
    title: 'OpenWrt: enable reflection on the port forward',
    commands: openwrt(v, 'internal'),
  }),
  'pfsense-nat-reflection': (v) => ({
    title: 'pfSense: NAT reflection (Pure NAT) with automatic outbound NAT',
    commands: [
      `${PFSENSE_ADVANCED}: set "NAT Reflection mode for port forwards" to "Pure NAT"`,
      PFSENSE_OUTBOUND,
      `Firewall > NAT > Port Forward: the rule for ${v.PROTO} ${v.port} to ${v.server} needs NAT reflection "Use system default" and a Destination of "WAN address", not "any"`,
      '"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall\'s address',
    ],
  }),
  'opnsense-nat-reflection': (v) => ({
    title: 'OPNsense: reflection for port forwards plus outbound NAT',
    commands: [
      `${OPNSENSE_ADVANCED}: check "Reflection for port forwards" (newer: "Reflection for Destination NAT") and "Automatic outbound NAT for Reflection", then Save`,
      `Firewall > Rules > LAN: pass ${v.PROTO} from LAN net to ${v.server} port ${v.port} (automatic reflection creates no filter rule)`,
      `${OPNSENSE_BY_HAND} Firewall > NAT > Port Forward on interfaces WAN and LAN, ${v.PROTO}, destination ${v.pub} port ${v.port}, redirect target ${v.server} port ${v.port}`,
      opnOutbound(v, 'and'),
    ],
  }),
  'mikrotik-hairpin-nat': (v) => ({
    title: 'MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat',
    commands: [
      `${rosDstnat(v)}   # instead of a dst-nat that matches in-interface=WAN`,
      rosSrcnat(v, 'masquerade'),
    ],
  }),
  // Ubiquiti: https://help.ui.com/hc/en-us/articles/204952134 ("EdgeRouter - NAT Hairpin"); the
  // port-forward commands checked against published EdgeOS configurations.
  'edgerouter-hairpin-nat': () => ({
    title: 'Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards',
    commands: [
      'configure',
      'set port-forward hairpin-nat enable',
      'set port-forward lan-interface <LAN-interface>',
      'commit ; save',
      '# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > "Enable hairpin NAT"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not',
    ],
  }),
  'nftables-reflection': (v) => ({
    title: 'Linux router with nftables: DNAT the public address from inside too, and masquerade',
    commands: [...nftSetup(['pre', 'post']), nftDnat(v), nftHairpin(v, 'add', 'masquerade')],
  }),
  'iptables-reflection': (v) => ({
    title: 'Linux router with iptables: DNAT the public address from inside too, and masquerade',
    commands: [`${iptDnat(v)}   # in place of a DNAT that matches only -i <WAN-interface>`, iptHairpin(v, '-A', 'MASQUERADE')],
  }),
  'openbsd-pf-reflection': (v) => ({
    title: 'OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to',
    commands: [OBSD_WHERE, obsdRdr(v), obsdNat(v), ...pfReload],
  }),
  'freebsd-pf-reflection': (v) => ({
    title: 'FreeBSD pf: rdr on the inside interface plus nat',
    commands: [FBSD_WHERE, fbsdRdr(v), ...fbsdNat(v), ...pfReload],
  }),

  // The SNAT half alone, for a router that already rewrites the destination.
  'nftables-hairpin-masquerade': (v) => ({
    title: 'Linux router with nftables: masquerade hairpinned connections',
    commands: [...nftSetup(['post']), nftHairpin(v, 'add', 'masquerade')],
  }),
  'iptables-hairpin-masquerade': (v) => ({
    title: 'Linux router with iptables: masquerade hairpinned connections',
    commands: [iptHairpin(v, '-A', 'MASQUERADE')],
  }),
  'mikrotik-hairpin-srcnat': (v) => ({
    title: 'MikroTik RouterOS: add the hairpin srcnat rule',
    commands: [rosSrcnat(v, 'masquerade')],
  }),
  'openbsd-pf-hairpin-nat': (v) => ({
    title: 'OpenBSD pf (4.7 and later): nat-to for reflected connections',
    commands: [OBSD_WHERE, obsdNat(v), ...pfReload],
  }),
  'freebsd-pf-hairpin-nat': (v) => ({
    title: 'FreeBSD pf: nat on the inside interface',
    commands: [FBSD_WHERE, ...fbsdNat(v), ...pfReload],
  }),
  'pfsense-outbound-nat-reflection': (v) => ({
    title: 'pfSense: automatic outbound NAT for reflection',
    commands: [
      PFSENSE_OUTBOUND,
      `Or by hand: Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, source ${v.lan}, destination ${v.server} port ${v.port}, translation "Interface Address"`,
    ],
  }),
  'opnsense-outbound-nat-reflection': (v) => ({
    title: 'OPNsense: automatic outbound NAT for reflection',
    commands: [`${OPNSENSE_ADVANCED}: check "Automatic outbound NAT for Reflection", then Save`, opnOutbound(v, OPNSENSE_BY_HAND)],
  }),
  'forward-filter-check': (v) => ({
    title: 'Let LAN-to-LAN traffic via the public address through the router\'s firewall',
    commands: [
      'iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test',
      `iptables -I FORWARD -s ${v.lan} -d ${v.server} -p ${v.proto} --dport ${v.port} -m conntrack --ctstate DNAT -j ACCEPT`,
      "nft list ruleset | grep -n -E 'drop|reject'",
      `nft insert rule inet filter forward ip saddr ${v.lan} ip daddr ${v.server} ${v.proto} dport ${v.port} ct status dnat accept   # use your own filter table and chain`,
      'pfSense/OPNsense: add a LAN pass rule to the server and port; on any router, turn off anti-spoofing or LAND-attack drops for LAN-to-LAN traffic',
    ],
  }),

  'router-service-port': (v) => ({
    title: `Move the router's own service off port ${v.port}`,
    commands: [
      `Open http://${v.gw}/ and move the router's web UI, remote management or VPN off ${v.PROTO} port ${v.port}, or stop it listening on the WAN address ${v.pub}`,
      `Then check the port forward for ${v.PROTO} ${v.port} to ${v.server} and run hairpin-check again`,
    ],
  }),
  'route-firewall-check': (v) => ({
    title: 'Check the route to the public address and the router\'s reject rules',
    commands: [
      `ip route get ${v.pub}   # on this host: should leave via ${v.gw}`,
      `traceroute -n ${v.pub}`,
      "nft list ruleset | grep -n reject   # on a Linux router; or: iptables -S | grep REJECT",
    ],
  }),
  // RFC 4787 REQ-9a / RFC 5382 REQ-8: a hairpinned packet's source should be the client's public mapping.
  'snat-to-public': (v) => ({
    title: 'SNAT hairpinned connections to the public address instead of masquerading',
    commands: [
      nftHairpin(v, 'insert', `snat to ${v.pub}`),
      iptHairpin(v, '-I', `SNAT --to-source ${v.pub}`),
      `${rosSrcnat(v, `src-nat to-addresses=${v.pub}`)} place-before=0`,
      ...openwrt(v, 'external'),
    ],
  }),
  'other-source-advisory': () => ({
    title: 'Hairpinned connections arrive from a third address',
    commands: [
      'Allow-list that address, or exempt it from fail2ban, rather than ban it: every inside client shares it',
      `On pfSense, "Pure NAT" reflection (${PFSENSE_ADVANCED}) shows the firewall's LAN address instead; split-horizon DNS shows the real client`,
    ],
  }),

  // Around the NAT. dnsmasq: dnsmasq(8) --address and --dhcp-option (https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html,
  // checked with `dnsmasq --test`); Unbound: unbound.conf(5) local-zone/local-data
  // (https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html) — typetransparent answers A locally
  // and passes AAAA upstream; BIND: the view statement (https://bind9.readthedocs.io/en/latest/reference.html).
  'split-horizon-dns': (v) => ({
    title: 'Split-horizon DNS: resolve your name to the server\'s LAN address inside',
    commands: [
      '# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it',
      `address=/${v.name}/${v.server}`,
      '# Unbound: in the server: section of unbound.conf',
      `local-zone: "${v.name}." typetransparent`,
      `local-data: "${v.name}. A ${v.server}"`,
      '# BIND: a view for LAN clients with its own copy of the zone, listed before the external view',
      `view "internal" { match-clients { ${v.lan}; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };`,
      `# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: ${v.name} = ${v.server}`,
    ],
  }),
  // RFC 8305 (https://datatracker.ietf.org/doc/rfc8305): dual-stack clients try the AAAA address first.
  'ipv6-aaaa-record': (v) => ({
    title: 'Publish an AAAA record for the server and reach it over IPv6',
    commands: [
      'ip -6 addr show scope global   # on the server: its global IPv6 address',
      `DNS: ${v.name}. AAAA ${v.v6}`,
      `Router IPv6 firewall: allow ${v.PROTO} ${v.port} in to ${v.v6} (no NAT, no port forward)`,
    ],
  }),
  // RFC 3442: a client given option 121 ignores the router option, so the default route goes in it too.
  'host-route-public-ip': (v) => ({
    title: 'Route the public address to the server and let the server own it',
    commands: [
      `ip addr add ${v.pub}/32 dev lo   # on the server ${v.server}`,
      `ip route add ${v.pub}/32 via ${v.server}   # on each Linux client, or by DHCP (dnsmasq):`,
      `dhcp-option=option:classless-static-route,${v.pub}/32,${v.server},0.0.0.0/0,${v.gw}`,
      "# inside, the public address then reaches only this server, not the router's own services",
    ],
  }),
  // A name that does not lead here: its record, and the resolver that answers for it.
  'dns-record-update': (v) => ({
    title: `Point ${v.name} at this network's public IP`,
    commands: [
      `getent hosts ${v.name}   # now: ${v.resolved}`,
      `Set the A record of ${v.name} to ${v.pub}: in your DNS provider's panel, or fix the dynamic DNS client (ddclient, inadyn, the router's DDNS page) that should keep it current`,
    ],
  }),
  'proxy-in-front': (v) => ({
    title: 'If a proxy or CDN is meant to be in front',
    commands: [
      `Inside clients then reach ${v.name} through the proxy over the internet and never hairpin: make sure the proxy forwards to ${v.pub}:${v.port}`,
    ],
  }),
  'dns-record-create': (v) => ({
    title: `Make ${v.name} resolve`,
    commands: [
      `getent hosts ${v.name}   # what this host's resolver says`,
      `dig ${v.name} @${v.gw}   # what the router's DNS says, if it serves the LAN`,
      `Create an A record ${v.name}. A ${v.pub} at your DNS provider, or a local record for it on the LAN's DNS server`,
    ],
  }),
  // Another NAT in front (RFC 6598 shared address space for carrier-grade NAT; a second router).
  'isp-public-address': (v) => ({
    title: 'Ask your ISP for a public IPv4 address, or a forward on their NAT',
    commands: [
      `Your router's WAN address is ${v.wan} (100.64.0.0/10, carrier-grade NAT, RFC 6598) while the internet sees ${v.pub}: the ISP translates again`,
      'Ask to be taken off carrier-grade NAT: a public, often "static" or "dedicated", IPv4 address (some ISPs on request, some for a fee), or a port forward on their NAT',
    ],
  }),
  'bridge-mode': (v) => ({
    title: 'Put the router in front in bridge mode',
    commands: [
      `In the first router (often the ISP's modem-router): bridge mode, modem-only or IP passthrough, so this router gets ${v.pub} on its WAN instead of ${v.wan}`,
      'This router\'s port forward and NAT loopback then face the internet directly',
    ],
  }),
  'forward-on-both': (v) => ({
    title: 'Forward the port on both routers',
    commands: [
      `On the router in front: forward ${v.PROTO} ${v.port} to this router's WAN address ${v.wan} (or make ${v.wan} its "DMZ host")`,
      `On this router: keep the forward of ${v.PROTO} ${v.port} to ${v.server}`,
      'Inside clients then hairpin through the router in front: turn on NAT loopback there too, or use split-horizon DNS',
    ],
  }),
  'tunnel-relay': (v) => ({
    title: 'Publish through a host that has a public address',
    commands: [
      `A small server with a public IPv4 address: a WireGuard tunnel from ${v.server} to it, and a forward (or reverse proxy) there to ${v.server}:${v.port}`,
      'Or a managed tunnel for HTTP(S) services (Cloudflare Tunnel, Tailscale Funnel, ngrok)',
    ],
  }),
  'dmz-or-second-address': (v) => ({
    title: 'Give the server its own network or its own public address',
    commands: [
      `Move ${v.server} to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT`,
      "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \"DMZ host\" setting is not this)",
    ],
  }),
} satisfies Record<string, Builder>

/** A fix's stable id. */
export type FixId = keyof typeof FIXES
/** A fix that fits a cause, and the one line saying why. */
export type Entry = readonly [FixId, string]

/** The same reason for each of `ids`. */
export const each = (ids: readonly FixId[], why: string): Entry[] => ids.map((id) => [id, why] as const)

// The whole hairpin, router by router: the commonest routers first, hand-written rulesets last.
export const REFLECTION: readonly FixId[] = [
  'nat-loopback-setting',
  'openwrt-reflection',
  'pfsense-nat-reflection',
  'opnsense-nat-reflection',
  'mikrotik-hairpin-nat',
  'edgerouter-hairpin-nat',
  'nftables-reflection',
  'iptables-reflection',
  'openbsd-pf-reflection',
  'freebsd-pf-reflection',
]

// Only the SNAT half, for a router that already rewrites the destination.
export const SNAT_HALF: readonly FixId[] = [
  'nftables-hairpin-masquerade',
  'iptables-hairpin-masquerade',
  'mikrotik-hairpin-srcnat',
  'openbsd-pf-hairpin-nat',
  'freebsd-pf-hairpin-nat',
  'pfsense-outbound-nat-reflection',
  'opnsense-outbound-nat-reflection',
  'openwrt-reflection',
]

export const WORKAROUNDS: readonly Entry[] = [
  ['split-horizon-dns', "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do."],
  ['ipv6-aaaa-record', 'IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.'],
  ['host-route-public-ip', 'Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.'],
  ['dmz-or-second-address', 'In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.'],
]

export const REAL_CLIENTS = 'Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.'
