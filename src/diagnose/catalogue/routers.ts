// Fixes for routers by family: the consumer setting, OpenWrt, MikroTik, EdgeRouter, UniFi, VyOS and the FRITZ!Box.

import type { Builder, Values } from './values.js'

// RFC 4787 section 6 (REQ-9) and RFC 5382 REQ-8: a NAT must support hairpinning. Consumer routers' UIs
// differ and their manuals were not checked, so the consumer fix names the setting rather than a menu path.
const RFC4787_HAIRPIN = 'https://datatracker.ietf.org/doc/html/rfc4787#section-6'

// OpenWrt: https://openwrt.org/docs/guide-user/firewall/firewall_configuration (redirect options), behaviour
// checked in firewall4's fw4.uc: `reflection` defaults to 1 and `reflection_src` to 'internal' (the router's
// address in the server's zone; 'external' is its WAN address). Reflection rules are built only for the
// zones in `reflection_zone`, by default the redirect's destination zone: a LAN client reaching a server in
// a DMZ zone needs `reflection_zone` to list `lan`. They are built only when the source (WAN) zone
// masquerades, the redirect has a dest_ip, and the WAN has an address when the rules are loaded.
const OPENWRT_DOC = 'https://openwrt.org/docs/guide-user/firewall/firewall_configuration'
const openwrtFind = (v: Values): string =>
  `uci show firewall | grep -e "dest_ip='${v.server}'" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'`
const OPENWRT_APPLY = ['uci commit firewall', '/etc/init.d/firewall reload']

// MikroTik RouterOS: https://help.mikrotik.com/docs/display/ROS/NAT ("Hairpin NAT"). The vendor page could
// not be read for the notes; the syntax agrees across several published examples: a dst-nat that matches
// dst-address-type=local (every address of the router, so a dynamic WAN address keeps working) rather than
// in-interface=WAN, minus the router's own LAN address, plus a srcnat masquerade from the LAN to the server.
// NAT rules are first-match, top down: place-before=0 (an item number from the last print) puts a rule first.
// RouterOS takes `#` comments on lines of their own only (as in /export output), never after a command.
const MIKROTIK_DOC = 'https://help.mikrotik.com/docs/display/ROS/NAT'
const rosDstnat = (v: Values): string =>
  `/ip firewall nat add chain=dstnat dst-address-type=local dst-address=!${v.gw} protocol=${v.proto} dst-port=${v.port} action=dst-nat to-addresses=${v.server} to-ports=${v.port} comment="hairpin-check: forward"`
const rosSrcnat = (v: Values, action: string): string =>
  `/ip firewall nat add chain=srcnat src-address=${v.lan} dst-address=${v.server} protocol=${v.proto} dst-port=${v.port} action=${action}`

// EdgeOS: https://help.ui.com/hc/en-us/articles/204952134 ("EdgeRouter - NAT Hairpin"; the port forward wizard's
// hairpin is a check box). `hairpin-nat` covers rules under `port-forward` only; hand-written `service nat`
// destination rules need their own LAN-side DNAT (inbound-interface = LAN) and a masquerade. The CLI is
// from published EdgeOS configurations, not quoted from a vendor page; rule numbers 4090/5090 are arbitrary.
const EDGEOS_DOC = 'https://help.ui.com/hc/en-us/articles/204952134'

// UniFi: https://help.ui.com/hc/en-us/articles/16437942532759 (the NAT types). That a Port Forwarding rule
// brings its own hairpin (DNAT on every interface, masquerade within the server's network) while custom NAT
// rules do not rests on non-vendor evidence (an iptables dump from a UniFi OS gateway), and menu paths
// change between Network application versions: the steps name the rule types, not menus. UniFi OS is not EdgeOS.
const UNIFI_DOC = 'https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation'

// VyOS: https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection. The vendor example
// has no destination address, which would send every LAN connection to that port, internet hosts included, to
// the server: this one matches the public address. 1.4+ writes `inbound-interface name`; 1.3 leaves out `name`.
const VYOS_DOC = 'https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection'
const vyos = (v: Values): string[] => [
  'configure',
  "set nat destination rule 4090 description 'hairpin-check: reflection'",
  "set nat destination rule 4090 inbound-interface name '<LAN-interface>'",
  `set nat destination rule 4090 destination address '${v.pub}'`,
  `set nat destination rule 4090 destination port '${v.port}'`,
  `set nat destination rule 4090 protocol '${v.proto}'`,
  `set nat destination rule 4090 translation address '${v.server}'`,
  "set nat source rule 4090 description 'hairpin-check: reflection'",
  "set nat source rule 4090 outbound-interface name '<LAN-interface>'",
  `set nat source rule 4090 source address '${v.lan}'`,
  `set nat source rule 4090 destination address '${v.server}'`,
  `set nat source rule 4090 destination port '${v.port}'`,
  `set nat source rule 4090 protocol '${v.proto}'`,
  "set nat source rule 4090 translation address 'masquerade'",
  'commit ; save',
]

// FRITZ!Box: AVM's Port Sharing help (https://service.avm.de/help/en/FRITZ-Box-7530/019p2/hilfe_portfreigabe) shows
// no loopback setting. DNS rebind protection drops answers that point a name at a private address unless the
// name is an exception; no AVM page on it was found, so this follows the DDEV documentation (non-vendor) and
// names the setting: its place moved between FRITZ!OS versions and the English labels are unverified.
const FRITZ_DOC = 'https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers'

/** Fixes for routers by family, and the consumer router's setting. */
export const ROUTERS = {
  'nat-loopback-setting': (v) => ({
    title: 'Router setting: turn on NAT loopback (NAT reflection)',
    source: RFC4787_HAIRPIN,
    commands: [
      `Open the router's admin page (http://${v.gw}/), find the port forward for ${v.PROTO} ${v.port} to ${v.server} and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"`,
      'No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below',
    ],
  }),
  'openwrt-reflection': (v) => ({
    title: 'OpenWrt: NAT loopback on the port forward, for the zone the clients are in',
    source: OPENWRT_DOC,
    commands: [
      openwrtFind(v),
      "uci show firewall | grep -e '\\.name=' -e '\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone",
      "uci set firewall.@redirect[<N>].reflection='1'",
      "uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin",
      ...OPENWRT_APPLY,
    ],
  }),
  'openwrt-snat-to-public': (v) => ({
    title: 'OpenWrt: loopback from the external (WAN) address',
    source: OPENWRT_DOC,
    commands: [openwrtFind(v), "uci set firewall.@redirect[<N>].reflection_src='external'", ...OPENWRT_APPLY],
  }),
  'mikrotik-hairpin-nat': (v) => ({
    title: "MikroTik RouterOS: dst-nat on the router's own addresses plus a hairpin srcnat",
    source: MIKROTIK_DOC,
    commands: [
      '# in place of a dst-nat with in-interface=WAN; dst-address-type=local follows a dynamic WAN address',
      rosDstnat(v),
      rosSrcnat(v, 'masquerade comment="hairpin-check: hairpin"'),
    ],
  }),
  'mikrotik-hairpin-srcnat': (v) => ({
    title: 'MikroTik RouterOS: add the hairpin srcnat rule',
    source: MIKROTIK_DOC,
    commands: [rosSrcnat(v, 'masquerade comment="hairpin-check: hairpin"')],
  }),
  'mikrotik-snat-to-public': (v) => ({
    title: 'MikroTik RouterOS: src-nat hairpinned connections to the public address, first',
    source: MIKROTIK_DOC,
    commands: [
      '# print numbers the rules, and place-before=0 puts the new one above any masquerade',
      '/ip firewall nat print',
      `${rosSrcnat(v, `src-nat to-addresses=${v.pub}`)} place-before=0`,
    ],
  }),
  'edgerouter-hairpin-nat': () => ({
    title: 'Ubiquiti EdgeRouter (EdgeOS): hairpin NAT for port-forward rules',
    source: EDGEOS_DOC,
    commands: [
      'configure',
      'show port-forward   # the forward must be a rule here; a hand-written service nat rule needs the next fix',
      'set port-forward hairpin-nat enable',
      'set port-forward lan-interface <LAN-interface>',
      'commit ; save',
    ],
  }),
  'edgerouter-service-nat-hairpin': (v) => ({
    title: 'Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward',
    source: EDGEOS_DOC,
    commands: [
      'configure',
      'show service nat   # rules 4090 and 5090 must be free: pick others if not',
      "set service nat rule 4090 description 'hairpin-check: DNAT'",
      'set service nat rule 4090 type destination',
      'set service nat rule 4090 inbound-interface <LAN-interface>',
      `set service nat rule 4090 protocol ${v.proto}`,
      `set service nat rule 4090 destination address ${v.pub}`,
      `set service nat rule 4090 destination port ${v.port}`,
      `set service nat rule 4090 inside-address address ${v.server}`,
      `set service nat rule 4090 inside-address port ${v.port}`,
      "set service nat rule 5090 description 'hairpin-check: masquerade'",
      'set service nat rule 5090 type masquerade',
      'set service nat rule 5090 outbound-interface <LAN-interface>',
      `set service nat rule 5090 protocol ${v.proto}`,
      `set service nat rule 5090 source address ${v.lan}`,
      `set service nat rule 5090 destination address ${v.server}`,
      `set service nat rule 5090 destination port ${v.port}`,
      'commit ; save',
    ],
  }),
  'unifi-port-forward': (v) => ({
    title: 'UniFi gateway: a Port Forwarding rule, not a custom NAT rule',
    source: UNIFI_DOC,
    commands: [
      `In the UniFi Network application, make the forward of ${v.PROTO} ${v.port} to ${v.server} a Port Forwarding rule: these apply to inside clients too`,
      `Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination ${v.pub} port ${v.port}, ${v.PROTO}, translated to ${v.server} port ${v.port}`,
      `and, with the clients in the server's network, a Masquerade NAT rule on that network: source ${v.lan}, destination ${v.server} port ${v.port}`,
    ],
  }),
  'vyos-hairpin-nat': (v) => ({
    title: 'VyOS: destination NAT on the LAN interface plus a masquerade',
    source: VYOS_DOC,
    commands: vyos(v),
  }),
  'fritzbox-dns-rebind': (v) => ({
    title: "FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection",
    source: FRITZ_DOC,
    commands: [
      `Port Sharing (Internet > Permit Access) has no NAT loopback option: have ${v.name} resolve to ${v.server} inside instead (split-horizon DNS)`,
      `Its DNS rebind protection drops answers that point ${v.name} at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add ${v.name} to the DNS rebind protection's host name exceptions, then Apply`,
      'Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, "Local DNS server"',
    ],
  }),
} satisfies Record<string, Builder>
