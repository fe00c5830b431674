// Reads Windows Defender Firewall through netsh (current profiles, inbound rules) and judges whether it lets a new connection to the probed port in.

import type { HostFirewallFinding } from '../../report/report.js'
import { printable } from '../../util/sanitize.js'
import { failure, runTool, type ReadContext } from './exec.js'
import { allOf, portMatches, portSlashProto, protocolMatches, tri, type Probe, type Tri3 } from './match.js'

/** The `tool` of Windows findings. */
export const WINDOWS_TOOL = 'windows-firewall'

/** A profile in force (`Domain`, `Private`, `Public`): whether it is on and what it does with unmatched inbound traffic. */
export interface WindowsProfile {
  name: string
  on: boolean
  /** `BlockInbound`, `AllowInbound`, `BlockInboundAlways`; null when not shown. */
  inbound: string | null
}

/** An inbound rule: its `Key: value` fields as netsh prints them (English only). */
export type WindowsRule = Map<string, string>

/** Parses `netsh advfirewall show currentprofile` (or `show allprofiles`). */
export function parseProfiles(text: string): WindowsProfile[] {
  const profiles: WindowsProfile[] = []
  for (const line of text.split(/\r?\n/)) {
    const head = /^(\w+) Profile Settings:/.exec(line.trim())
    if (head) profiles.push({ name: head[1]!, on: false, inbound: null })
    const current = profiles[profiles.length - 1]
    const state = /^State\s+(ON|OFF)\s*$/i.exec(line.trim())
    if (state && current) current.on = state[1]!.toUpperCase() === 'ON'
    const policy = /^Firewall Policy\s+(\w+),/i.exec(line.trim())
    if (policy && current) current.inbound = policy[1]!
  }
  return profiles
}

/** Parses `netsh advfirewall firewall show rule name=all dir=in verbose`: one map per `Rule Name:` block. */
export function parseRules(text: string): WindowsRule[] {
  const rules: WindowsRule[] = []
  for (const line of text.split(/\r?\n/)) {
    const kv = /^([A-Za-z][A-Za-z ]*?):\s*(.*?)\s*$/.exec(line)
    if (!kv) continue
    if (kv[1] === 'Rule Name') rules.push(new Map())
    rules[rules.length - 1]?.set(kv[1]!, kv[2]!)
  }
  return rules
}

/** Same path, whatever the case and slashes; `%ProgramFiles%`-style variables cannot be compared here. */
function programMatches(program: string, nodePath: string): Tri3 {
  if (program === 'Any' || program === '') return 'yes'
  if (program.includes('%')) return 'maybe'
  const norm = (p: string): string => p.replace(/\//g, '\\').toLowerCase()
  return tri(norm(program) === norm(nodePath))
}

/** Whether a rule's profile list covers the profiles in force (one per network; which one is the LAN's is not known). */
function profileMatches(profiles: string, inForce: readonly WindowsProfile[]): Tri3 {
  const listed = profiles.toLowerCase()
  if (listed === 'any' || listed === '') return 'yes'
  const covered = inForce.filter((p) => listed.includes(p.name.toLowerCase())).length
  return covered === inForce.length ? 'yes' : covered === 0 ? 'no' : 'maybe'
}

/** Whether an enabled inbound rule matches the probe to node's listener. */
export function ruleMatches(rule: WindowsRule, inForce: readonly WindowsProfile[], probe: Probe, nodePath: string): Tri3 {
  const f = (k: string): string => rule.get(k) ?? 'Any'
  if (f('Enabled') !== 'Yes' || f('Direction') !== 'In') return 'no'
  const localPort = f('LocalPort')
  return allOf([
    profileMatches(f('Profiles'), inForce),
    protocolMatches(f('Protocol'), probe),
    localPort === 'Any' ? 'yes' : portMatches(localPort, probe.port),
    programMatches(f('Program'), nodePath),
    f('Service') === 'Any' ? 'yes' : 'maybe',
    f('LocalIP') === 'Any' ? 'yes' : 'maybe',
    f('RemoteIP') === 'Any' ? 'yes' : 'maybe', // LocalSubnet: the hairpinned source may be the router or the public address
    f('InterfaceTypes') === 'Any' ? 'yes' : 'maybe',
    ['NotRequired', 'Any'].includes(f('Security')) ? 'yes' : 'maybe',
  ])
}

/** `where` prefix when a Block rule decides: the command that opens the port disables that rule. */
export const WINDOWS_RULE_PREFIX = 'rule '

const named = (r: WindowsRule): string => printable(r.get('Rule Name') ?? '?', 60)

/**
 * Judges the profiles in force and the inbound rules. Windows applies Block rules before Allow rules,
 * so one matching Block rule blocks; otherwise an Allow rule (or AllowInbound) lets the probe in.
 */
export function judgeWindows(inForce: readonly WindowsProfile[], rules: readonly WindowsRule[], probe: Probe, nodePath: string): HostFirewallFinding {
  const where = inForce.map((p) => p.name).join(',')
  const text = portSlashProto(probe)
  if (inForce.length === 0) return { tool: WINDOWS_TOOL, state: 'unclear', detail: 'netsh: no profile settings understood (a non-English Windows?)', where: null }
  const on = inForce.filter((p) => p.on)
  if (on.length === 0) return { tool: WINDOWS_TOOL, state: 'inactive', detail: `profile ${where}: firewall state OFF`, where }
  const judged = rules.map((r) => ({ r, m: ruleMatches(r, on, probe, nodePath), block: r.get('Action') === 'Block' }))
  const found = (block: boolean, m: Tri3): WindowsRule | undefined => judged.find((x) => x.block === block && x.m === m)?.r
  const decide = (state: HostFirewallFinding['state'], detail: string, at: string = where): HostFirewallFinding => ({ tool: WINDOWS_TOOL, state, detail, where: at })
  const block = found(true, 'yes')
  if (block) return decide('blocks', `rule "${named(block)}" blocks ${text}`, `${WINDOWS_RULE_PREFIX}"${named(block)}"`)
  if (on.some((p) => p.inbound === 'BlockInboundAlways')) return decide('blocks', `profile ${where}: BlockInboundAlways, Allow rules ignored`)
  const allow = found(false, 'yes')
  const allowsAll = on.every((p) => p.inbound === 'AllowInbound')
  const maybeAllow = found(false, 'maybe')
  if (!allow && !allowsAll && !maybeAllow) return decide('blocks', `profile ${where}: BlockInbound, no Allow rule for ${text} or for ${printable(nodePath, 60)}`)
  const maybeBlock = found(true, 'maybe')
  if (maybeBlock) return decide('unclear', `rule "${named(maybeBlock)}" may block ${text} (a condition not known here)`)
  if (allow) return decide('allows', `rule "${named(allow)}" allows ${text}`)
  if (allowsAll) return decide('allows', `profile ${where}: AllowInbound, no Block rule for ${text}`)
  return decide('unclear', `rule "${named(maybeAllow!)}" may allow ${text} (a condition not known here), else BlockInbound`)
}

/** Reads Windows Defender Firewall with netsh (no elevation needed to show); null when netsh is missing. */
export async function readWindowsFirewall(ctx: ReadContext): Promise<HostFirewallFinding | null> {
  const [profiles, rules] = await Promise.all([
    runTool(ctx, 'netsh', ['advfirewall', 'show', 'currentprofile']),
    runTool(ctx, 'netsh', ['advfirewall', 'firewall', 'show', 'rule', 'name=all', 'dir=in', 'verbose']),
  ])
  if (profiles === null || rules === null) return null
  const failed = failure(WINDOWS_TOOL, 'netsh advfirewall show currentprofile', profiles)
  if (failed !== null) return failed
  const inForce = parseProfiles(profiles.stdout)
  // "No rules match the specified criteria." exits 1: an empty rule list, not a failure.
  const none = /No rules match/i.test(rules.stdout)
  const ruleFailure = none ? null : failure(WINDOWS_TOOL, 'netsh advfirewall firewall show rule', rules)
  return ruleFailure ?? judgeWindows(inForce, none ? [] : parseRules(rules.stdout), ctx.probe, ctx.nodePath)
}
