// Fixes around the NAT: checks on the router, split-horizon DNS and the other workarounds, DNS records, another NAT in front.

import type { Builder } from './values.js'

// Split-horizon DNS, one fix per DNS server or router UI. dnsmasq: dnsmasq(8) --address (checked with
// `dnsmasq --test`). Pi-hole v6: dns.hosts, "IP HOSTNAME" entries (the docs' configfile reference; the
// web UI's Settings > Local DNS Records edits the same key). Unbound: unbound.conf(5) local-zone/local-data,
// typetransparent answers A locally and passes AAAA upstream. BIND: the view statement. OPNsense: Services >
// Unbound DNS > Overrides, Host overrides (its docs' "Overrides"; field names from core dialogHostOverride.xml).
// pfSense: Services > DNS Resolver, Host Overrides. OpenWrt: /etc/config/dhcp `config domain` name/ip, which
// dnsmasq.init turns into --address=/NAME/IP.
const DNSMASQ_DOC = 'https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html'
const PIHOLE_DOC = 'https://docs.pi-hole.net/ftldns/configfile/'
const UNBOUND_DOC = 'https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html'
const BIND_DOC = 'https://bind9.readthedocs.io/en/latest/reference.html'
const OPNSENSE_UNBOUND_DOC = 'https://docs.opnsense.org/manual/unbound.html'
const PFSENSE_OVERRIDES_DOC = 'https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html'
const OPENWRT_DHCP_DOC = 'https://openwrt.org/docs/guide-user/base-system/dhcp'

/** A name's first label and the rest, as router UIs ask for them (Host, Domain); placeholders unless the rest is a domain of two labels or more. */
function hostAndDomain(name: string): [string, string] {
  const dot = name.indexOf('.')
  const domain = name.slice(dot + 1)
  return dot <= 0 || name.startsWith('<') || !domain.includes('.') ? ['<host>', '<domain>'] : [name.slice(0, dot), domain]
}

// pfSense's reflection modes and what the server sees in each: https://docs.netgate.com/pfsense/en/latest/nat/reflection.html
const PFSENSE_REFLECTION = 'https://docs.netgate.com/pfsense/en/latest/nat/reflection.html'

/** Checks on the router, and what to do about the address the server sees. */
const CHECKS = {
  // pfSense's recipe: without reflection, inside clients reach the firewall's own web UI on the WAN address.
  'router-service-port': (v) => ({
    title: `Move the router's own service off port ${v.port}`,
    source: 'https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html',
    commands: [
      `Open http://${v.gw}/ and move the router's web UI, remote management or VPN off ${v.PROTO} port ${v.port}, or stop it listening on the WAN address ${v.pub}`,
      `Then check the port forward for ${v.PROTO} ${v.port} to ${v.server} and run hairpin-check again`,
    ],
  }),
  'route-firewall-check': (v) => ({
    title: "Check the route to the public address and the router's reject rules",
    source: 'https://man7.org/linux/man-pages/man8/ip-route.8.html',
    commands: [
      `ip route get ${v.pub}   # on this host: should leave via ${v.gw}`,
      `traceroute -n ${v.pub}`,
      'nft list ruleset | grep -n reject   # on a Linux router; or: iptables -S | grep REJECT',
    ],
  }),
  // OPNsense: "Firewall Rules won't be automatically generated when using any of the below Reflection options."
  'forward-filter-check': (v) => ({
    title: "Let LAN-to-LAN traffic via the public address through the router's firewall",
    source: 'https://docs.opnsense.org/manual/firewall_settings.html',
    commands: [
      `Allow ${v.PROTO} from ${v.lan} to ${v.server} port ${v.port} after NAT in the router's firewall (pfSense/OPNsense: a pass rule on the LAN interface)`,
      'Turn off anti-spoofing or LAND-attack drops for LAN-to-LAN traffic, if the router has them',
    ],
  }),
  'other-source-advisory': () => ({
    title: 'Hairpinned connections arrive from a third address',
    source: PFSENSE_REFLECTION,
    commands: [
      'Which address the server sees depends on how the router reflects:',
      `pfSense "NAT + Proxy" (TCP only): the firewall's own address on the server's network`,
      'pfSense "Pure NAT" with "Enable automatic outbound NAT for Reflection": the firewall\'s address too; without that outbound NAT, a server in another subnet than the client sees the client itself',
      "Split-horizon DNS: the client's own address, whatever the router does",
      'Otherwise allow-list that address, or exempt it from fail2ban, rather than ban it: every inside client shares it',
    ],
  }),
} satisfies Record<string, Builder>

/** Ways around the hairpin, whatever the router can do. */
const WORKAROUNDS = {
  'split-horizon-dns': (v) => ({
    title: "Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside",
    source: DNSMASQ_DOC,
    commands: [
      `echo 'address=/${v.name}/${v.server}' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server`,
      'dnsmasq --test && systemctl restart dnsmasq',
    ],
  }),
  'pihole-local-dns': (v) => ({
    title: "Pi-hole v6: a local DNS record with the server's LAN address",
    source: PIHOLE_DOC,
    commands: [
      'pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it',
      `pihole-FTL --config dns.hosts '[ "${v.server} ${v.name}" ]'`,
      `# or in the web UI: Settings > Local DNS Records, Domain ${v.name}, IP ${v.server}`,
    ],
  }),
  'unbound-local-data': (v) => ({
    title: "Unbound: answer your name with the server's LAN address",
    source: UNBOUND_DOC,
    commands: [
      '# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound',
      `local-zone: "${v.name}." typetransparent`,
      `local-data: "${v.name}. A ${v.server}"`,
    ],
  }),
  'bind-internal-view': (v) => ({
    title: 'BIND: an internal view of the zone for LAN clients',
    source: BIND_DOC,
    commands: [
      '# in named.conf, before the external view; the internal zone file has the A record with the LAN address',
      `view "internal" { match-clients { ${v.lan}; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };`,
      `# in db.<your-zone>.internal: ${v.name}. IN A ${v.server}; then: named-checkconf && rndc reload`,
    ],
  }),
  'opnsense-unbound-override': (v) => {
    const [host, domain] = hostAndDomain(v.name)
    return {
      title: "OPNsense: an Unbound host override with the server's LAN address",
      source: OPNSENSE_UNBOUND_DOC,
      commands: [`Services > Unbound DNS > Overrides, Host overrides, +: Host ${host}, Domain ${domain}, Type A, IP address ${v.server}; Save, then Apply`],
    }
  },
  'pfsense-host-override': (v) => {
    const [host, domain] = hostAndDomain(v.name)
    return {
      title: "pfSense: a DNS Resolver host override with the server's LAN address",
      source: PFSENSE_OVERRIDES_DOC,
      commands: [
        `Services > DNS Resolver, Host Overrides, Add: Host ${host}, Domain ${domain}, IP Address ${v.server}; Save, then Apply Changes`,
        'Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields',
      ],
    }
  },
  'openwrt-dns-hostname': (v) => ({
    title: "OpenWrt: resolve your name to the server in the router's dnsmasq",
    source: OPENWRT_DHCP_DOC,
    commands: ['uci add dhcp domain', `uci set dhcp.@domain[-1].name='${v.name}'`, `uci set dhcp.@domain[-1].ip='${v.server}'`, 'uci commit dhcp', '/etc/init.d/dnsmasq restart'],
  }),
  // RFC 8305: dual-stack clients try the AAAA address first.
  'ipv6-aaaa-record': (v) => ({
    title: 'Publish an AAAA record for the server and reach it over IPv6',
    source: 'https://datatracker.ietf.org/doc/html/rfc8305',
    commands: [
      'ip -6 addr show scope global   # on the server: its global IPv6 address',
      `DNS: ${v.name}. AAAA ${v.v6}`,
      `Router IPv6 firewall: allow ${v.PROTO} ${v.port} in to ${v.v6} (no NAT, no port forward)`,
    ],
  }),
  // RFC 3442: a client given option 121 ignores the router option, so the default route goes in it too.
  'host-route-public-ip': (v) => ({
    title: 'Route the public address to the server and let the server own it',
    source: 'https://datatracker.ietf.org/doc/html/rfc3442',
    commands: [
      `ip addr add ${v.pub}/32 dev lo   # on the server ${v.server}`,
      `ip route add ${v.pub}/32 via ${v.server}   # on each Linux client`,
      `# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,${v.pub}/32,${v.server},0.0.0.0/0,${v.gw}`,
      "# inside, the public address then reaches only this server, not the router's own services",
    ],
  }),
  // OPNsense's how-to: client and server in different subnets need only DNAT, and the server sees the client.
  'dmz-or-second-address': (v) => ({
    title: 'Give the server its own network or its own public address',
    source: 'https://docs.opnsense.org/manual/how-tos/nat_reflection.html',
    commands: [
      `Move ${v.server} to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT`,
      "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \"DMZ host\" setting is not this)",
    ],
  }),
} satisfies Record<string, Builder>

/** A name that does not lead here: its record, and the resolver that answers for it (RFC 1035 records). */
const NAMES = {
  'dns-record-update': (v) => ({
    title: `Point ${v.name} at this network's public IP`,
    source: 'https://datatracker.ietf.org/doc/html/rfc1035',
    commands: [
      `getent hosts ${v.name}   # now: ${v.resolved}`,
      `Set the A record of ${v.name} to ${v.pub}: in your DNS provider's panel, or fix the dynamic DNS client (ddclient, inadyn, the router's DDNS page) that should keep it current`,
    ],
  }),
  // RFC 9110 section 3.7: intermediaries — a reverse proxy ("gateway") in front of the origin.
  'proxy-in-front': (v) => ({
    title: 'If a proxy or CDN is meant to be in front',
    source: 'https://datatracker.ietf.org/doc/html/rfc9110#section-3.7',
    commands: [
      `Inside clients then reach ${v.name} through the proxy over the internet and never hairpin: make sure the proxy forwards to ${v.pub}:${v.port}`,
    ],
  }),
  'dns-record-create': (v) => ({
    title: `Make ${v.name} resolve`,
    source: 'https://datatracker.ietf.org/doc/html/rfc1035',
    commands: [
      `getent hosts ${v.name}   # what this host's resolver says`,
      `dig ${v.name} @${v.gw}   # what the router's DNS says, if it serves the LAN`,
      `Create an A record ${v.name}. A ${v.pub} at your DNS provider, or a local record for it on the LAN's DNS server`,
    ],
  }),
} satisfies Record<string, Builder>

// Another NAT in front: RFC 6598 shared address space for carrier-grade NAT; RFC 7021 on what NAT444
// (a NAT behind a NAT) breaks, port forwarding among it.
const RFC7021 = 'https://datatracker.ietf.org/doc/html/rfc7021'

/** Another NAT holds the public address. */
const IN_FRONT = {
  'isp-public-address': (v) => ({
    title: 'Ask your ISP for a public IPv4 address, or a forward on their NAT',
    source: 'https://datatracker.ietf.org/doc/html/rfc6598',
    commands: [
      `Your router's WAN address is ${v.wan} (100.64.0.0/10, carrier-grade NAT, RFC 6598) while the internet sees ${v.pub}: the ISP translates again`,
      'Ask to be taken off carrier-grade NAT: a public, often "static" or "dedicated", IPv4 address (some ISPs on request, some for a fee), or a port forward on their NAT',
    ],
  }),
  'bridge-mode': (v) => ({
    title: 'Put the router in front in bridge mode',
    source: RFC7021,
    commands: [
      `In the first router (often the ISP's modem-router): bridge mode, modem-only or IP passthrough, so this router gets ${v.pub} on its WAN instead of ${v.wan}`,
      "This router's port forward and NAT loopback then face the internet directly",
    ],
  }),
  'forward-on-both': (v) => ({
    title: 'Forward the port on both routers',
    source: RFC7021,
    commands: [
      `On the router in front: forward ${v.PROTO} ${v.port} to this router's WAN address ${v.wan} (or make ${v.wan} its "DMZ host")`,
      `On this router: keep the forward of ${v.PROTO} ${v.port} to ${v.server}`,
      'Inside clients then hairpin through the router in front: turn on NAT loopback there too, or use split-horizon DNS',
    ],
  }),
  'tunnel-relay': (v) => ({
    title: 'Publish through a host that has a public address',
    source: 'https://www.wireguard.com/quickstart/',
    commands: [
      `A small server with a public IPv4 address: a WireGuard tunnel from ${v.server} to it, and a forward (or reverse proxy) there to ${v.server}:${v.port}`,
      'Or a managed tunnel for HTTP(S) services (Cloudflare Tunnel, Tailscale Funnel, ngrok)',
    ],
  }),
} satisfies Record<string, Builder>

/** Fixes around the NAT: checks, workarounds, names and another NAT in front. */
export const AROUND = { ...CHECKS, ...WORKAROUNDS, ...NAMES, ...IN_FRONT }
