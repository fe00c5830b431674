// The commands that open the probed port in the firewall a finding names: one firewall's commands per list, never mixed.

import type { HostFirewallFinding } from '../../report/report.js'
import { SOCKETFILTERFW } from './macos.js'
import { UFW_FIRST } from './ufw.js'
import { WINDOWS_RULE_PREFIX } from './windows.js'

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

function nftCommands(where: string | null, rule: string): string[] {
  if (where === null) return [`nft insert rule <family> <table> <input chain> ${rule} accept`]
  // firewalld rebuilds its own table on every reload: its finding carries the lasting commands.
  if (where.split(' ')[1] === 'firewalld') return []
  return [`nft insert rule ${where} ${rule} accept`]
}

function iptablesCommand(tool: string, where: string | null, port: number, protocol: string): string {
  const [table, chain] = where !== null && where.includes(' ') ? where.split(' ') : ['filter', where ?? 'INPUT']
  const t = table === 'filter' ? '' : `-t ${table} `
  return `${tool} ${t}-I ${chain} -p ${protocol} --dport ${port} -j ACCEPT`
}

function windowsCommands(where: string | null, port: number, protocol: string): string[] {
  if (where !== null && where.startsWith(WINDOWS_RULE_PREFIX)) {
    // A Block rule wins over any Allow rule: the port only opens when that rule is off.
    return [`netsh advfirewall firewall set rule name=${where.slice(WINDOWS_RULE_PREFIX.length)} dir=in new enable=no`]
  }
  const profile = where !== null && /^(Domain|Private|Public)(,(Domain|Private|Public))*$/.test(where) ? ` profile=${where.toLowerCase()}` : ''
  return [`netsh advfirewall firewall add rule name="hairpin-check ${port}" dir=in action=allow protocol=${protocol.toUpperCase()} localport=${port}${profile}`]
}

function macCommands(finding: HostFirewallFinding, nodePath: string): string[] {
  const app = shellWord(finding.where ?? nodePath)
  const open = [`${SOCKETFILTERFW} --add ${app}`, `${SOCKETFILTERFW} --unblockapp ${app}`]
  // "Block all incoming connections" overrides every per-application permission.
  return finding.state === 'blocks' ? [`${SOCKETFILTERFW} --setblockall off`, ...open] : open
}

/**
 * The commands (run as root or administrator) that open `port`/`protocol` in the firewall of one
 * finding, in order; empty when that firewall already lets the probe in, is off, or is better opened
 * through another finding (firewalld's nftables table: use the firewalld finding). For an unreadable
 * nftables finding the chain is a placeholder. The catalogue shows them for `blocks` and `unclear`.
 */
export function openPortCommands(finding: HostFirewallFinding, port: number, protocol: 'tcp' | 'udp', nodePath: string = process.execPath): string[] {
  if (finding.state === 'allows' || finding.state === 'inactive') return []
  const p = `${port}/${protocol}`
  switch (finding.tool) {
    case 'nftables':
      return nftCommands(finding.where, `${protocol} dport ${port}`)
    case 'iptables':
    case 'iptables-legacy':
      return [iptablesCommand(finding.tool, finding.where, port, protocol)]
    case 'ufw':
      return [finding.where === UFW_FIRST ? `ufw insert 1 allow ${p}` : `ufw allow ${p}`]
    case 'firewalld': {
      const zone = finding.where === null ? '' : ` --zone=${shellWord(finding.where)}`
      return [`firewall-cmd${zone} --add-port=${p}`, `firewall-cmd --permanent${zone} --add-port=${p}`]
    }
    case 'macos-application-firewall':
      return macCommands(finding, nodePath)
    case 'windows-firewall':
      return windowsCommands(finding.where, port, protocol)
    default:
      return []
  }
}
