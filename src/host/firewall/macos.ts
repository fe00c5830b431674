// Reads the macOS application firewall's state (socketfilterfw) and says whether it blocks the probe, lets it in, or filters per application.

import type { HostFirewallFinding } from '../../report/report.js'
import { failure, runTool, type ReadContext } from './exec.js'

/** The `tool` of macOS findings. */
export const MACOS_TOOL = 'macos-application-firewall'

/** The application firewall's command-line tool (not on PATH). */
export const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw'

/** What socketfilterfw says: each null when its line is missing or worded in a way not known here. */
export interface MacFirewallState {
  enabled: boolean | null
  blockAll: boolean | null
}

/**
 * Parses `socketfilterfw --getglobalstate --getblockall`, in the wordings of several macOS versions:
 * `Firewall is enabled. (State = 1)`, `… blocking all non-essential incoming connections. (State = 2)`,
 * `Firewall is disabled. (State = 0)`; `Block all DISABLED!` / `ENABLED!` (older) and
 * `Firewall has block all state set to disabled.` / `enabled.` (newer).
 */
export function parseSocketFilterFw(text: string): MacFirewallState {
  let enabled: boolean | null = null
  let blockAll: boolean | null = null
  if (/Firewall is disabled|\(State = 0\)/i.test(text)) enabled = false
  else if (/Firewall is (enabled|blocking)|\(State = [12]\)/i.test(text)) enabled = true
  if (/Block all DISABLED|block all state set to disabled/i.test(text)) blockAll = false
  else if (/Block all ENABLED|block all state set to enabled|blocking all non-essential|set to block all non-essential/i.test(text)) blockAll = true
  // State 2 once meant "essential services only" (block all), but recent macOS reports 2 with
  // block-all off (stealth mode on): only the block-all line is trusted.
  return { enabled, blockAll }
}

/** Judges the application firewall for the node binary `nodePath` (the listener). */
export function judgeMacFirewall(s: MacFirewallState, nodePath: string): HostFirewallFinding {
  const where = nodePath
  if (s.enabled === false) return { tool: MACOS_TOOL, state: 'inactive', detail: 'application firewall is off', where }
  if (s.enabled === null) return { tool: MACOS_TOOL, state: 'unclear', detail: 'socketfilterfw: state not understood', where }
  if (s.blockAll === true) return { tool: MACOS_TOOL, state: 'blocks', detail: 'application firewall: "Block all incoming connections" is on', where }
  const per = s.blockAll === false ? 'filters per application' : 'is on (block-all state not understood)'
  return { tool: MACOS_TOOL, state: 'unclear', detail: `application firewall ${per}: ${nodePath} must be allowed to accept incoming connections`, where }
}

/** Reads the application firewall (no root needed); null when socketfilterfw is missing. */
export async function readMacFirewall(ctx: ReadContext): Promise<HostFirewallFinding | null> {
  const r = await runTool(ctx, SOCKETFILTERFW, ['--getglobalstate', '--getblockall'])
  if (r === null) return null
  return failure(MACOS_TOOL, 'socketfilterfw --getglobalstate --getblockall', r) ?? judgeMacFirewall(parseSocketFilterFw(r.stdout), ctx.nodePath)
}
