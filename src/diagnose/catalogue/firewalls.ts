// Fixes for firewall appliances: pfSense, OPNsense, FortiGate, Sophos Firewall, Cisco IOS and Cisco ASA.

import type { Builder, Values } from './values.js'

// pfSense: https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html ("Method 1:
// NAT Reflection": Pure NAT plus "Enable automatic outbound NAT for Reflection") and
// https://docs.netgate.com/pfsense/en/latest/nat/reflection.html (the modes; NAT + Proxy is TCP only, and the
// server sees the firewall's address closest to it). A forward with a Destination of "any" is not reflected.
const PFSENSE_RECIPE = 'https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html'
const PFSENSE_REFLECTION = 'https://docs.netgate.com/pfsense/en/latest/nat/reflection.html'
const PFSENSE_ADVANCED = 'System > Advanced, Firewall & NAT tab, Network Address Translation'
const PFSENSE_OUTBOUND = `${PFSENSE_ADVANCED}: check "Enable automatic outbound NAT for Reflection", then Save`

// OPNsense: https://docs.opnsense.org/manual/how-tos/nat_reflection.html and .../manual/firewall_settings.html.
// Labels as the GUI writes them in 2026: "Reflection for destination NAT" (older: "Reflection for port
// forwards"), "Reflection for 1:1", "Automatic outbound NAT for Reflection"; Firewall > NAT > Destination NAT
// (before 26.1: Port Forward) and Firewall > NAT > Source NAT beside the legacy Outbound page. The how-to's
// three methods exclude one another: rules made by hand need all three automatic options off.
const OPNSENSE_HOWTO = 'https://docs.opnsense.org/manual/how-tos/nat_reflection.html'
const OPNSENSE_SETTINGS = 'https://docs.opnsense.org/manual/firewall_settings.html'
const OPNSENSE_ADVANCED = 'Firewall > Settings > Advanced'
const OPNSENSE_DNAT = 'Firewall > NAT > Destination NAT (before 26.1: Port Forward)'
const opnOutbound = (v: Values): string =>
  `Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, ${v.PROTO}, source ${v.lan}, destination ${v.server} port ${v.port}, translation "LAN address"`

// FortiGate (FortiOS, policy-based NAT): https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045
// (a VIP plus a LAN-to-LAN policy with the VIP as destination; extintf "any" per the hairpin VIP tip). The KB's
// policy has no `set nat enable`; for clients in the server's own subnet the reply must come back through the
// FortiGate, so it is set here (advice, not the vendor's words). Central NAT mode configures this differently.
const FORTIGATE_DOC = 'https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045'
const fortiVip = (v: Values): string[] => [
  'config firewall vip',
  `    edit "hairpin-check-${v.port}"`,
  '        set comment "hairpin-check: or reuse the VIP of this forward, with extintf any"',
  `        set extip ${v.pub}`,
  '        set extintf "any"',
  '        set portforward enable',
  `        set protocol ${v.proto}`,
  `        set mappedip "${v.server}"`,
  `        set extport ${v.port}`,
  `        set mappedport ${v.port}`,
  '    next',
  'end',
]
const fortiPolicy = (v: Values): string[] => [
  'config firewall policy',
  '    edit 0',
  '        set name "hairpin-check LAN to LAN"',
  '        set srcintf "<LAN-interface>"',
  '        set dstintf "<LAN-interface>"',
  '        set srcaddr "all"',
  `        set dstaddr "hairpin-check-${v.port}"`,
  '        set action accept',
  '        set schedule "always"',
  '        set service "ALL"',
  '        set nat enable',
  '        set comments "nat: replies to clients in the server subnet come back through the FortiGate"',
  '    next',
  'end',
]

// Sophos Firewall (SFOS): https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/
// ("loopback and reflexive rules for a destination NAT rule", independent copies; the server access assistant
// creates them with the DNAT rule). The check box captions were not seen verbatim, so the steps name the rules.
const SOPHOS_DOC = 'https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/'

// Cisco IOS NAT Virtual Interface: https://www.cisco.com/en/US/docs/ios/12_3t/12_3t14/feature/guide/gtnatvi.html
// (`ip nat enable` instead of inside/outside; translation after routing, so inside-to-inside works). That the
// overload rule also sources hairpinned connections from the WAN address is the usual NVI hairpin reading, not
// a sentence of the guide; whether IOS-XE platforms support NVI was not verified.
const CISCO_IOS_DOC = 'https://www.cisco.com/en/US/docs/ios/12_3t/12_3t14/feature/guide/gtnatvi.html'

// Cisco ASA 8.3+: https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html
// (hairpin on the ASA); `same-security-traffic permit intra-interface` lets traffic leave by the interface it came
// in on. The twice-NAT line is general ASA NAT syntax: the vendor document's own command block was not read.
const CISCO_ASA_DOC = 'https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html'

/** Fixes for firewall appliances. */
export const FIREWALLS = {
  'pfsense-nat-reflection': (v) => ({
    title: 'pfSense: NAT reflection (Pure NAT) with automatic outbound NAT',
    source: PFSENSE_RECIPE,
    commands: [
      `${PFSENSE_ADVANCED}: "NAT Reflection mode for port forwards" = "Pure NAT", check "Enable automatic outbound NAT for Reflection", then Save`,
      `Firewall > NAT > Port Forward: the rule for ${v.PROTO} ${v.port} to ${v.server} keeps NAT reflection on "Use system default", with Destination "WAN address", not "any"`,
      '"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall\'s own address',
    ],
  }),
  'pfsense-outbound-nat-reflection': (v) => ({
    title: 'pfSense: automatic outbound NAT for reflection',
    source: PFSENSE_REFLECTION,
    commands: [
      `${PFSENSE_OUTBOUND} (it covers assigned interfaces only)`,
      `Or by hand: Firewall > NAT > Outbound in Hybrid mode, a rule on interface LAN, source ${v.lan}, destination ${v.server} port ${v.port}, translation "Interface Address"`,
    ],
  }),
  'opnsense-nat-reflection': (v) => ({
    title: 'OPNsense: automatic reflection and automatic outbound NAT',
    source: OPNSENSE_SETTINGS,
    commands: [
      `${OPNSENSE_ADVANCED}: check "Reflection for destination NAT" (older versions: "Reflection for port forwards") and "Automatic outbound NAT for Reflection", then Save`,
      `${OPNSENSE_DNAT}: the rule for ${v.PROTO} ${v.port} to ${v.server} must have WAN as its only interface`,
      `Firewall > Rules > LAN: pass ${v.PROTO} from LAN net to ${v.server} port ${v.port} (automatic reflection creates no filter rule)`,
    ],
  }),
  'opnsense-manual-reflection': (v) => ({
    title: "OPNsense: reflection rules by hand (the how-to's recommended method)",
    source: OPNSENSE_HOWTO,
    commands: [
      `${OPNSENSE_ADVANCED}: uncheck "Reflection for destination NAT", "Reflection for 1:1" and "Automatic outbound NAT for Reflection" (the methods exclude one another), then Save`,
      `${OPNSENSE_DNAT}: the rule for ${v.PROTO} ${v.port} on interfaces WAN and LAN, destination ${v.pub} port ${v.port}, redirect target ${v.server} port ${v.port}`,
      opnOutbound(v),
      `A LAN pass rule to ${v.server} port ${v.port}: the forward's "Firewall rule" option Pass (before 26.1: "Add associated filter rule"), or one under Firewall > Rules > LAN`,
    ],
  }),
  'opnsense-outbound-nat-reflection': (v) => ({
    title: 'OPNsense: outbound NAT for reflected connections',
    source: OPNSENSE_HOWTO,
    commands: [
      `With "Reflection for destination NAT" on: ${OPNSENSE_ADVANCED}, check "Automatic outbound NAT for Reflection", then Save`,
      `With the reflection options off (forward made by hand on WAN and LAN): ${opnOutbound(v)}`,
    ],
  }),
  'fortigate-vip-hairpin': (v) => ({
    title: 'FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy',
    source: FORTIGATE_DOC,
    commands: [...fortiVip(v), ...fortiPolicy(v)],
  }),
  'sophos-loopback-rule': (v) => ({
    title: 'Sophos Firewall: a loopback rule for the DNAT rule',
    source: SOPHOS_DOC,
    commands: [
      `Rules and policies > NAT rules: edit the DNAT rule for ${v.pub} ${v.PROTO} ${v.port} (translated destination ${v.server}) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save`,
      `Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server ${v.server}, public IP ${v.pub}, service ${v.PROTO} ${v.port}; it adds the loopback rule itself`,
      'Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them',
      `A firewall rule must still let the LAN zone reach ${v.server} on ${v.PROTO} ${v.port}`,
    ],
  }),
  'cisco-ios-nvi': (v) => ({
    title: 'Cisco IOS: NAT Virtual Interface (ip nat enable) instead of inside/outside',
    source: CISCO_IOS_DOC,
    commands: [
      'show running-config | include ip nat',
      'configure terminal',
      'interface <LAN-interface>',
      ' no ip nat inside',
      ' ip nat enable',
      'interface <WAN-interface>',
      ' no ip nat outside',
      ' ip nat enable',
      ' exit',
      'ip access-list standard HAIRPIN-CHECK-LAN',
      ` permit ${v.lanNet} ${v.lanWild}`,
      ' exit',
      `ip nat source static ${v.proto} ${v.server} ${v.port} ${v.pub} ${v.port}`,
      'ip nat source list HAIRPIN-CHECK-LAN interface <WAN-interface> overload',
      '! then remove the "ip nat inside source" lines shown first: NVI and inside/outside rules should not share traffic',
      '! IOS-XE platforms may not support NVI: use split-horizon DNS there',
      'end',
    ],
  }),
  'cisco-asa-hairpin': (v) => ({
    title: 'Cisco ASA: same-interface hairpin with twice NAT',
    source: CISCO_ASA_DOC,
    commands: [
      'configure terminal',
      '! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA',
      'same-security-traffic permit intra-interface',
      'object network HC-LAN',
      ` subnet ${v.lanNet} ${v.lanMask}`,
      'object network HC-SERVER',
      ` host ${v.server}`,
      'object network HC-PUBLIC',
      ` host ${v.pub}`,
      'object service HC-SVC',
      ` service ${v.proto} destination eq ${v.port}`,
      'nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC',
      'end',
    ],
  }),
} satisfies Record<string, Builder>
