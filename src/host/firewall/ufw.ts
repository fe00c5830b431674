// Reads `ufw status verbose` and judges whether ufw's default and rules let a new connection to the probed port in.

import type { HostFirewallFinding } from '../../report/report.js'
import { printable } from '../../util/sanitize.js'
import { ChainWalker, describe, evaluateBase, judgeAll, type BaseChain, type Rule } from './chains.js'
import { failure, firstLine, runTool, type ReadContext } from './exec.js'
import { addressMatches, allOf, inInterfaceMatches, portMatches, portSlashProto, tri, type Probe, type Tri3 } from './match.js'

/** The `tool` of ufw findings. */
export const UFW_TOOL = 'ufw'

/** `where` when ufw has rules: an opening rule must go first (`ufw insert 1 …`), before any deny. */
export const UFW_FIRST = 'ufw rule 1'

/** `where` when ufw has no rule yet: `ufw allow …` appends it. */
export const UFW_RULES = 'ufw rules'

/** One line of the rule table. */
export interface UfwRule {
  to: string
  action: 'ALLOW' | 'DENY' | 'REJECT' | 'LIMIT'
  /** `IN`, `OUT`, `FWD`; IN when the listing does not say (plain `ufw status`). */
  direction: string
  from: string
  line: string
}

/** What `ufw status verbose` says. */
export interface UfwStatus {
  status: 'active' | 'inactive' | null
  /** The incoming default: `deny`, `reject`, `allow`; null when not shown (plain `ufw status`). */
  incoming: string | null
  rules: UfwRule[]
}

const RULE = /^(.+?)\s+(ALLOW|DENY|REJECT|LIMIT)(?:\s+(IN|OUT|FWD))?\s+(.+?)$/

/** Parses `ufw status verbose` (or plain `ufw status`). */
export function parseUfwStatus(text: string): UfwStatus {
  const status = /^Status:\s*(active|inactive)\s*$/m.exec(text)?.[1] as UfwStatus['status'] | undefined
  const incoming = /^Default:.*?\b(\w+) \(incoming\)/m.exec(text)?.[1] ?? null
  const rules: UfwRule[] = []
  let inTable = false
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (/^--\s+-+\s+--/.test(line)) {
      inTable = true
      continue
    }
    if (!inTable || line === '') continue
    // A comment (`# …`) and the `(log)`, `(log-all)`, `(out)` flags follow the From column.
    const bare = line
      .replace(/^\[\s*\d+\]\s*/, '') // `ufw status numbered`
      .replace(/\s+#.*$/, '')
      .replace(/(\s+\((log|log-all|out)\))+$/, '')
    const m = RULE.exec(bare)
    if (m) rules.push({ to: m[1]!, action: m[2] as UfwRule['action'], direction: m[3] ?? 'IN', from: m[4]!, line: bare })
  }
  return { status: status ?? null, incoming, rules }
}

/** Whether the To column (`[address] ports[/proto] [(app)] [on iface]`, or `Anywhere`) covers the probe. */
function toMatches(to: string, probe: Probe): Tri3 {
  let rest = to
  const parts: Tri3[] = []
  const on = / on (\S+)$/.exec(rest)
  if (on) {
    parts.push(inInterfaceMatches(on[1]!))
    rest = rest.slice(0, on.index)
  }
  rest = rest.replace(/ \([^()]*\)$/, '') // the application profile behind the ports
  const words = rest.split(' ')
  if (words.length === 2 && /^[\d.]+(\/\d+)?$/.test(words[0]!)) parts.push(addressMatches(words.shift()!))
  const spec = words.join(' ')
  const ports = /^([\d,:]+)(?:\/(tcp|udp))?$/.exec(spec)
  if (ports) parts.push(portMatches(ports[1]!, probe.port), ports[2] === undefined ? 'yes' : tri(ports[2] === probe.protocol))
  else if (/^[\d.]+(\/\d+)?$/.test(spec)) parts.push(addressMatches(spec)) // an address, every port
  else if (spec !== 'Anywhere') parts.push('maybe') // an application profile named alone: its ports are not shown
  return allOf(parts)
}

/** Whether the From column (`Anywhere`, an address, maybe with a port or interface) covers an unknown source. */
function fromMatches(from: string): Tri3 {
  if (from === 'Anywhere') return 'yes'
  return /^[\d.]+(\/\d+)?$/.test(from) ? addressMatches(from) : 'maybe'
}

/** The walker's view of the IPv4 incoming rules: ufw applies the first rule that matches. */
export function ufwRules(status: UfwStatus, probe: Probe): Rule[] {
  return status.rules
    .filter((r) => r.direction === 'IN' && !r.to.includes('(v6)') && !r.from.includes('(v6)'))
    .map((r) => ({
      match: allOf([toMatches(r.to, probe), fromMatches(r.from)]),
      verdict: { kind: r.action === 'ALLOW' || r.action === 'LIMIT' ? 'accept' : 'drop' },
      text: printable(r.line.replace(/\s{2,}/g, ' '), 60),
    }))
}

/** Judges ufw's status for the probe. */
export function judgeUfw(status: UfwStatus, probe: Probe): HostFirewallFinding {
  if (status.status === 'inactive') return { tool: UFW_TOOL, state: 'inactive', detail: 'ufw: Status: inactive', where: null }
  if (status.status === null) return { tool: UFW_TOOL, state: 'unclear', detail: 'ufw status: no "Status:" line', where: null }
  const rules = ufwRules(status, probe)
  const incoming = status.incoming
  const base: BaseChain = {
    chain: 'ufw',
    label: 'ufw',
    policy: incoming === null ? 'unknown' : incoming === 'allow' ? 'accept' : 'drop',
    policyText: incoming === null ? 'the default policy (not shown)' : `default ${incoming} (incoming)`,
  }
  const walker = new ChainWalker(new Map([['ufw', rules]]), new Set(['ufw']))
  const j = judgeAll([{ base, outcomes: evaluateBase(walker, base) }])
  const where = status.rules.length > 0 ? UFW_FIRST : UFW_RULES
  return { tool: UFW_TOOL, state: j.state, detail: describe(j, 'ufw', portSlashProto(probe)), where }
}

/** Reads ufw with `ufw status verbose` (root only); null when ufw is not installed. */
export async function readUfw(ctx: ReadContext): Promise<HostFirewallFinding | null> {
  const r = await runTool(ctx, 'ufw', ['status', 'verbose'])
  if (r === null) return null
  const failed = failure(UFW_TOOL, 'ufw status verbose', r)
  if (failed !== null) return failed
  const status = parseUfwStatus(r.stdout)
  if (status.status === null) return { tool: UFW_TOOL, state: 'unclear', detail: `ufw status verbose: unexpected output: ${firstLine(r.stdout)}`, where: null }
  return judgeUfw(status, ctx.probe)
}
