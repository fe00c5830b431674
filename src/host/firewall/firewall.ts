// Reads this host's own firewalls, changing nothing, to tell "this host drops the port" from a router that hairpins without SNAT.

import type { HostFirewallFinding, HostFirewallReport, Tri } from '../../report/report.js'
import { unreadable, type Exec, type ReadContext } from './exec.js'
import { FIREWALLD_TOOL, readFirewalld } from './firewalld.js'
import { readIptables, type IptablesRead } from './iptables.js'
import { MACOS_TOOL, readMacFirewall } from './macos.js'
import { judgeNft, NFT_TOOL, readNft, type NftListing } from './nft.js'
import { readUfw, UFW_TOOL } from './ufw.js'
import { readWindowsFirewall, WINDOWS_TOOL } from './windows.js'

export { openPortCommands } from './commands.js'
export { systemExec, type Exec, type ExecResult } from './exec.js'

/**
 * A budget for reading every firewall of a host, for callers without their own: firewall-cmd is
 * Python over D-Bus (about a second cold, and several calls one after another), and netsh lists a
 * few hundred rules in one to two seconds.
 */
export const HOST_FIREWALL_TIMEOUT_MS = 5000

/** What to read the firewalls for. */
export interface ReadHostFirewallOptions {
  port: number
  protocol: 'tcp' | 'udp'
  platform: NodeJS.Platform
  exec: Exec
  /** The whole read's budget: the commands run in parallel, later steps get what is left. */
  timeoutMs: number
  /** The listener's program, for per-application firewalls (macOS, Windows); process.execPath by default. */
  nodePath?: string
}

/** A finding for a reader that threw (an injected Exec can); the others still count. */
async function guard<T>(tool: string, read: Promise<T>, fallback: (f: HostFirewallFinding) => T): Promise<T> {
  try {
    return await read
  } catch (e) {
    return fallback(unreadable(tool, `reading failed: ${e instanceof Error ? e.message : String(e)}`))
  }
}

/**
 * firewall-cmd can wait many seconds for D-Bus when firewalld is down. When it did not answer but
 * nftables was read and holds no firewalld table, firewalld is not filtering anything.
 */
function settleFirewalld(f: HostFirewallFinding | null, listing: NftListing | null): HostFirewallFinding | null {
  const timedOut = f?.state === 'unreadable' && f.detail.endsWith('no answer in time')
  if (!timedOut || listing === null || listing.tables.some((t) => t.endsWith(' firewalld'))) return f
  return { tool: FIREWALLD_TOOL, state: 'inactive', detail: 'firewall-cmd did not answer in time, and no firewalld table is loaded in nftables', where: null }
}

/** Linux: nftables, both iptables backends, ufw and firewalld, read in parallel. */
async function readLinux(ctx: ReadContext): Promise<HostFirewallFinding[]> {
  const [nft, ipt, ufw, firewalld] = await Promise.all([
    guard(NFT_TOOL, readNft(ctx), (finding) => ({ finding, listing: null })),
    guard('iptables', readIptables(ctx), (f): IptablesRead => ({ findings: [f], covered: new Set() })),
    guard(UFW_TOOL, readUfw(ctx), (f) => f),
    guard(FIREWALLD_TOOL, readFirewalld(ctx), (f) => f),
  ])
  const findings: HostFirewallFinding[] = []
  // iptables-nft's tables are judged from iptables-save, where their matches are readable.
  const nftFinding = nft.finding ?? (nft.listing === null ? null : judgeNft(nft.listing, ctx.probe, ipt.covered))
  if (nftFinding !== null) findings.push(nftFinding)
  findings.push(...ipt.findings)
  for (const f of [ufw, settleFirewalld(firewalld, nft.listing)]) if (f !== null) findings.push(f)
  return findings
}

/** The findings for a platform; null on platforms whose firewalls are not read here (the BSDs, Solaris, AIX). */
async function findingsFor(ctx: ReadContext): Promise<HostFirewallFinding[] | null> {
  const one = async (f: Promise<HostFirewallFinding | null>): Promise<HostFirewallFinding[]> => {
    const finding = await f
    return finding === null ? [] : [finding]
  }
  if (ctx.platform === 'linux' || ctx.platform === 'android') return readLinux(ctx)
  if (ctx.platform === 'darwin') return one(guard(MACOS_TOOL, readMacFirewall(ctx), (f) => f))
  if (ctx.platform === 'win32') return one(guard(WINDOWS_TOOL, readWindowsFirewall(ctx), (f) => f))
  return null
}

/** true when any firewall blocks; false when every one found lets the probe in or is off (or none is installed); null otherwise. */
export function overallBlocks(findings: readonly HostFirewallFinding[]): Tri {
  if (findings.some((f) => f.state === 'blocks')) return true
  return findings.every((f) => f.state === 'allows' || f.state === 'inactive') ? false : null
}

/**
 * Reads this host's firewalls for a NEW connection to `port`/`protocol` arriving on the LAN interface,
 * without changing anything: on Linux nftables, iptables (nf_tables and legacy), ufw and firewalld; on
 * macOS the application firewall; on Windows Defender Firewall. A tool that is not installed gives no
 * finding; one that may not be read (not root) gives an `unreadable` one. Never rejects.
 */
export async function readHostFirewall(opts: ReadHostFirewallOptions): Promise<HostFirewallReport> {
  try {
    const ctx: ReadContext = {
      exec: opts.exec,
      probe: { port: opts.port, protocol: opts.protocol },
      platform: opts.platform,
      deadline: Date.now() + opts.timeoutMs,
      nodePath: opts.nodePath ?? process.execPath,
    }
    const findings = await findingsFor(ctx)
    return findings === null ? { findings: [], blocks: null } : { findings, blocks: overallBlocks(findings) }
  } catch {
    return { findings: [], blocks: null } // a bug here must not end the run: the verdict stays "could not tell"
  }
}
