// Fixes on this host and beside the router's rule: open the port in this host's own firewall; keep outside clients' addresses.

import { openPortCommands } from '../../host/firewall/commands.js'
import type { Builder, Values } from './values.js'

/** The documentation each host firewall's commands follow. */
const FIREWALL_DOCS: Record<string, string> = {
  nftables: 'https://manned.org/nft.8',
  iptables: 'https://manned.org/iptables.8',
  'iptables-legacy': 'https://manned.org/iptables.8',
  ufw: 'https://manpages.ubuntu.com/manpages/noble/man8/ufw.8.html',
  firewalld: 'https://firewalld.org/documentation/howto/open-a-port-or-service.html',
  'macos-application-firewall': 'https://support.apple.com/guide/mac-help/change-firewall-settings-on-mac-mh11783/mac',
  'windows-firewall': 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/netsh-advfirewall-firewall-control-firewall-behavior',
}

/** The port's rule in this host's firewall, for the firewall that was found to block (or may). */
function openHere(v: Values): ReturnType<Builder> {
  const f = v.firewall
  const tool = f?.tool ?? 'firewall'
  // The application firewall's commands name the program to let in; the report cannot name the path of node.
  const commands = f === null || v.portNumber === 0 ? [] : openPortCommands(f, v.portNumber, v.protocol, '<path-to-node>')
  return {
    title: `Open ${v.PROTO} ${v.port} in this host's own firewall (${tool})`,
    source: FIREWALL_DOCS[tool] ?? FIREWALL_DOCS['nftables']!,
    commands: commands.length > 0 ? [...commands, '# then run hairpin-check again: only then is the router tested'] : [`Let ${v.PROTO} ${v.port} in through this host's firewall (${tool}), then run hairpin-check again`],
  }
}

// The canonical answer's `-d SERVER --dport P -j MASQUERADE` has no source match: every client, outside ones
// too, then reaches the server from the router's address. Limiting it to the LAN prefix keeps outside
// clients' own addresses (iptables-extensions(8) MASQUERADE; nft(8); RouterOS NAT, src-address).
const NARROW_WHY = '# outside clients then keep their own addresses; only inside (hairpinned) clients are masqueraded'

/** Fixes that narrow a masquerade to the LAN prefix. */
export const HOST = {
  'host-firewall-open': openHere,
  'iptables-narrow-masquerade': (v) => ({
    title: 'Linux router with iptables: masquerade only hairpinned clients, not outside ones',
    source: 'https://ipset.netfilter.org/iptables-extensions.man.html',
    commands: [
      `iptables -t nat -S POSTROUTING | grep -e '-d ${v.server}' -e 'MASQUERADE'   # find the rule without -s`,
      `iptables -t nat -D POSTROUTING -d ${v.server}/32 -p ${v.proto} -m ${v.proto} --dport ${v.port} -j MASQUERADE   # as listed above`,
      `iptables -t nat -I POSTROUTING -s ${v.lan} -d ${v.server} -p ${v.proto} --dport ${v.port} -m conntrack --ctstate DNAT -j MASQUERADE`,
      NARROW_WHY,
    ],
  }),
  'nftables-narrow-masquerade': (v) => ({
    title: 'Linux router with nftables: masquerade only hairpinned clients, not outside ones',
    source: 'https://manned.org/nft.8',
    commands: [
      `nft -a list ruleset | grep -n 'masquerade'   # the rule for ${v.server} without "ip saddr": its family, table, chain and handle`,
      'nft delete rule <family> <table> <chain> handle <handle>',
      // The narrowed rule in a table of its own, before any other masquerade (as the reflection fix does it).
      'nft add table ip hairpin_check',
      "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
      `nft add rule ip hairpin_check hairpin_post ip saddr ${v.lan} ip daddr ${v.server} ${v.proto} dport ${v.port} ct status dnat masquerade`,
      NARROW_WHY,
    ],
  }),
  'mikrotik-narrow-masquerade': (v) => ({
    title: 'MikroTik RouterOS: masquerade only hairpinned clients, not outside ones',
    source: 'https://help.mikrotik.com/docs/spaces/ROS/pages/3211299/NAT',
    commands: [`/ip firewall nat set [find chain=srcnat action=masquerade dst-address=${v.server}] src-address=${v.lan}`, NARROW_WHY],
  }),
} satisfies Record<string, Builder>

/** The narrowed masquerade in each system's form. */
export const NARROW_MASQUERADE = ['nftables-narrow-masquerade', 'iptables-narrow-masquerade', 'mikrotik-narrow-masquerade'] as const
