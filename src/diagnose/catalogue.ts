// The fix catalogue: every fix by stable id (built in catalogue/), its commands filled in for this network, and the groups causes pick from.

import { AROUND } from './catalogue/around.js'
import { FIREWALLS } from './catalogue/firewalls.js'
import { HOST } from './catalogue/host.js'
import { ROUTERS } from './catalogue/routers.js'
import { RULESETS } from './catalogue/rulesets.js'

export { valuesOf, type Built, type Builder, type FixContext, type Values } from './catalogue/values.js'

/**
 * Every fix the catalogue knows, by stable id: its title, the documentation it follows and its commands,
 * filled in. A router family's fixes start with its vendor id (`openwrt-`, `fortigate-`, …; see VENDOR_NAMES),
 * so its own fixes can be put first by prefix.
 */
export const FIXES = { ...ROUTERS, ...FIREWALLS, ...RULESETS, ...AROUND, ...HOST }

/** A fix's stable id. */
export type FixId = keyof typeof FIXES
/** A fix that fits a cause, and the one line saying why. */
export type Entry = readonly [FixId, string]

/** The same reason for each of `ids`. */
export const each = (ids: readonly FixId[], why: string): Entry[] => ids.map((id) => [id, why] as const)

/**
 * Router families by the vendor id the gateway's family is named with, and their names for people. A family's
 * fixes start with `<id>-`; asus, tplink, netgear and synology have none of their own (the consumer setting
 * covers them), and cisco and vyos are families the catalogue knows that the detector does not name.
 */
export const VENDOR_NAMES = {
  openwrt: 'OpenWrt',
  mikrotik: 'MikroTik RouterOS',
  pfsense: 'pfSense',
  opnsense: 'OPNsense',
  fritzbox: 'FRITZ!Box',
  asus: 'ASUS',
  tplink: 'TP-Link',
  netgear: 'NETGEAR',
  unifi: 'UniFi',
  edgerouter: 'Ubiquiti EdgeRouter',
  synology: 'Synology',
  sophos: 'Sophos Firewall',
  fortigate: 'FortiGate',
  vyos: 'VyOS',
  cisco: 'Cisco',
} as const satisfies Record<string, string>

/** The whole hairpin, DNAT and SNAT: the consumer setting first, then router families, then hand-written rulesets. */
export const REFLECTION: readonly FixId[] = [
  'nat-loopback-setting',
  'openwrt-reflection',
  'pfsense-nat-reflection',
  'opnsense-nat-reflection',
  'opnsense-manual-reflection',
  'mikrotik-hairpin-nat',
  'edgerouter-hairpin-nat',
  'edgerouter-service-nat-hairpin',
  'unifi-port-forward',
  'fortigate-vip-hairpin',
  'sophos-loopback-rule',
  'vyos-hairpin-nat',
  'cisco-ios-nvi',
  'cisco-asa-hairpin',
  'nftables-reflection',
  'iptables-reflection',
  'openbsd-pf-reflection',
  'freebsd-pf-reflection',
]

/**
 * The SNAT half, for a router that already rewrites the destination, in the same order. The nftables and
 * iptables fixes are the whole reflection all the same: their DNAT only repeats the router's for inside
 * clients, and each stands alone.
 */
export const SNAT_HALF: readonly FixId[] = [
  'nat-loopback-setting',
  'openwrt-reflection',
  'pfsense-outbound-nat-reflection',
  'opnsense-outbound-nat-reflection',
  'mikrotik-hairpin-srcnat',
  'edgerouter-service-nat-hairpin',
  'unifi-port-forward',
  'fortigate-vip-hairpin',
  'sophos-loopback-rule',
  'vyos-hairpin-nat',
  'cisco-asa-hairpin',
  'nftables-reflection',
  'iptables-reflection',
  'openbsd-pf-hairpin-nat',
  'freebsd-pf-hairpin-nat',
]

/** Keeping the client's public mapping as the source (RFC 4787 REQ-9a, RFC 5382 REQ-8), system by system. */
export const SNAT_TO_PUBLIC: readonly FixId[] = ['openwrt-snat-to-public', 'mikrotik-snat-to-public', 'nftables-snat-to-public', 'iptables-snat-to-public']

/** A forward filter that drops the reflected packet: the router's UI, then nftables, then iptables. */
export const FORWARD_FILTER: readonly FixId[] = ['forward-filter-check', 'nftables-forward-accept', 'iptables-forward-accept']

/** Split-horizon DNS, one fix per DNS server or router: dnsmasq first (most routers and Pi-hole run it). */
export const SPLIT_DNS: readonly FixId[] = [
  'split-horizon-dns',
  'pihole-local-dns',
  'unbound-local-data',
  'bind-internal-view',
  'opnsense-unbound-override',
  'pfsense-host-override',
  'openwrt-dns-hostname',
]

/** Ways around the hairpin whatever the router can do, each with why it helps. */
export const WORKAROUNDS: readonly Entry[] = [
  ...each(SPLIT_DNS, "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do."),
  ['fritzbox-dns-rebind', 'A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.'],
  ['ipv6-aaaa-record', 'IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.'],
  ['host-route-public-ip', 'Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.'],
  ['dmz-or-second-address', 'In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.'],
]

/** Why split-horizon DNS helps when the hairpin works but hides the client. */
export const REAL_CLIENTS = 'Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.'
