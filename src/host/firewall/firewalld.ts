// Reads firewalld through firewall-cmd (state, zones, services, policies) and judges whether the zones this host's LAN traffic may land in let the probed port in.

import type { HostFirewallFinding } from '../../report/report.js'
import { printable } from '../../util/sanitize.js'
import { ChainWalker, describe, evaluateBase, judgeAll, type BaseChain, type Judgement, type Rule } from './chains.js'
import { failure, firstLine, runTool, type ExecResult, type ReadContext } from './exec.js'
import { addressMatches, allOf, anyOf, negate, portMatches, portSlashProto, tri, type Probe, type Tri3 } from './match.js'

/** The `tool` of firewalld findings. */
export const FIREWALLD_TOOL = 'firewalld'

/** A zone as `firewall-cmd --list-all-zones` prints it. */
export interface FirewalldZone {
  name: string
  /** From the `(default, active)` marks, printed by firewalld 1.0 and later. */
  isDefault: boolean
  active: boolean
  /** Every `key: value` line, split on spaces; forward-ports and rich rules one entry per line. */
  fields: Map<string, string[]>
}

/** A zone that binds interfaces or sources, from `firewall-cmd --get-active-zones`. */
export interface ActiveZone {
  name: string
  isDefault: boolean
  interfaces: string[]
  sources: string[]
}

/** A service from `firewall-cmd --info-service=NAME`. */
export interface ServiceInfo {
  ports: string[]
  protocols: string[]
  includes: string[]
  /** `ipv4:224.0.0.251 ipv6:ff02::fb`: the service only applies to these destinations. */
  destination: string[]
}

/** A policy from `firewall-cmd --get-active-policies`. */
export interface ActivePolicy {
  name: string
  ingress: string[]
  egress: string[]
}

/** Keys whose value is one item per continuation line rather than a space-separated list. */
const LINE_KEYS = new Set(['forward-ports', 'rich rules'])

/** Parses blocks of a header line then indented `key: value` lines (zones, active zones, policies, services). */
function parseBlocks(text: string): Array<{ header: string; fields: Map<string, string[]> }> {
  const blocks: Array<{ header: string; fields: Map<string, string[]> }> = []
  let last: string | null = null
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') continue
    const block = blocks[blocks.length - 1]
    const kv = /^ +([\w -]+?):(?: (.*))?$/.exec(raw)
    if (raw.startsWith('\t') && block !== undefined && last !== null) block.fields.get(last)!.push(raw.trim())
    else if (kv && block !== undefined) {
      last = kv[1]!
      const v = (kv[2] ?? '').trim()
      block.fields.set(last, LINE_KEYS.has(last) ? (v === '' ? [] : [v]) : v.split(/\s+/).filter(Boolean))
    } else if (!raw.startsWith(' ') && !raw.startsWith('\t')) {
      blocks.push({ header: raw.trim(), fields: new Map() })
      last = null
    }
  }
  return blocks
}

/** `public (default, active)` → its name and marks. */
function header(h: string): { name: string; marks: string[] } {
  const m = /^(\S+)(?: \(([^)]*)\))?/.exec(h)!
  return { name: m[1]!, marks: (m[2] ?? '').split(',').map((s) => s.trim()) }
}

/** Parses `firewall-cmd --list-all-zones`. */
export function parseZones(text: string): FirewalldZone[] {
  return parseBlocks(text).map((b) => {
    const { name, marks } = header(b.header)
    return { name, isDefault: marks.includes('default'), active: marks.includes('active'), fields: b.fields }
  })
}

/** Parses `firewall-cmd --get-active-zones`. */
export function parseActiveZones(text: string): ActiveZone[] {
  return parseBlocks(text).map((b) => {
    const { name, marks } = header(b.header)
    return { name, isDefault: marks.includes('default'), interfaces: b.fields.get('interfaces') ?? [], sources: b.fields.get('sources') ?? [] }
  })
}

/** Parses `firewall-cmd --info-service=NAME`; null when it is not that. */
export function parseServiceInfo(text: string): ServiceInfo | null {
  const b = parseBlocks(text)[0]
  if (b === undefined || !b.fields.has('ports')) return null
  const f = (k: string): string[] => b.fields.get(k) ?? []
  return { ports: f('ports'), protocols: f('protocols'), includes: f('includes'), destination: f('destination') }
}

/** Parses `firewall-cmd --get-active-policies`. */
export function parsePolicies(text: string): ActivePolicy[] {
  return parseBlocks(text).map((b) => ({ name: header(b.header).name, ingress: b.fields.get('ingress-zones') ?? [], egress: b.fields.get('egress-zones') ?? [] }))
}

/** Whether `8443/tcp` or `9000-9100/tcp` covers the probe. */
function portEntryMatches(entry: string, probe: Probe): Tri3 {
  const [ports = '', proto = ''] = entry.split('/')
  return allOf([portMatches(ports, probe.port), tri(proto === probe.protocol)])
}

/** How deep service includes are followed: firewalld's own services nest one level (samba-client → netbios-ns); four is more than any real set. */
const MAX_INCLUDE_DEPTH = 4

/** Whether a service opens the probe's port for IPv4 (its includes too). */
export function serviceMatches(name: string, services: ReadonlyMap<string, ServiceInfo | null>, probe: Probe, depth = 0): Tri3 {
  const info = services.get(name)
  if (info === undefined || info === null || depth > MAX_INCLUDE_DEPTH) return 'maybe'
  const v4 = info.destination.filter((d) => d.startsWith('ipv4:'))
  // A destination limits the service to those addresses; IPv6 only means never for the IPv4 probe.
  const dest: Tri3 = info.destination.length === 0 ? 'yes' : v4.length === 0 ? 'no' : anyOf(v4.map((d) => addressMatches(d.slice(5))))
  const opens = anyOf([
    ...info.ports.map((p) => portEntryMatches(p, probe)),
    ...info.protocols.map((p) => tri(p === probe.protocol)),
    ...info.includes.map((i) => serviceMatches(i, services, probe, depth + 1)),
  ])
  return allOf([dest, opens])
}

/** A rich rule (firewalld.richlanguage(5)) as a walker rule and the chain part it lands in: -1 pre, 0 deny, 1 allow, 2 post. */
export function richRule(rule: string, services: ReadonlyMap<string, ServiceInfo | null>, probe: Probe): { rule: Rule; part: number } | null {
  if (/\bfamily="ipv6"/.test(rule) || /\b(masquerade|icmp-block|icmp-type)\b/.test(rule)) return null
  const parts: Tri3[] = []
  const port = /(?:^|\s)port port="([^"]+)" protocol="([^"]+)"/.exec(rule)
  if (port) parts.push(portEntryMatches(`${port[1]}/${port[2]}`, probe))
  const service = /\bservice name="([^"]+)"/.exec(rule)
  if (service) parts.push(serviceMatches(service[1]!, services, probe))
  const protocol = /(?:^|\s)protocol value="([^"]+)"/.exec(rule)
  if (protocol) parts.push(tri(protocol[1] === probe.protocol))
  const source = /\bsource (NOT )?address="([^"]+)"/.exec(rule)
  if (source) parts.push(negate(addressMatches(source[2]!), source[1] !== undefined))
  if (/\b(source (NOT )?(mac|ipset)=|destination |source-port |limit value=)/.test(rule)) parts.push('maybe')
  const action = /\b(accept|drop|reject)\b(?!.*\b(accept|drop|reject)\b)/.exec(rule)?.[1]
  const forward = /\bforward-port\b/.test(rule)
  if (action === undefined && !forward) return null // log, audit or mark only
  const priority = Number(/\bpriority="?(-?\d+)/.exec(rule)?.[1] ?? 0)
  const verdict = forward ? ({ kind: 'unknown' } as const) : action === 'accept' ? ({ kind: 'accept' } as const) : ({ kind: 'drop' } as const)
  const part = priority < 0 ? -1 : priority > 0 ? 2 : verdict.kind === 'drop' ? 0 : 1
  return { rule: { match: allOf(parts), verdict, text: printable(rule, 70) }, part }
}

/** A zone's settings as a chain in firewalld's order (pre, deny, allow, post), its target as the policy. */
export function zoneChain(zone: FirewalldZone, services: ReadonlyMap<string, ServiceInfo | null>, probe: Probe): { rules: Rule[]; base: BaseChain } {
  const f = (k: string): string[] => zone.fields.get(k) ?? []
  const accept = { kind: 'accept' } as const
  const allow: Rule[] = [
    ...f('ports').map((p) => ({ match: portEntryMatches(p, probe), verdict: accept, text: `port ${p}` })),
    ...f('protocols').map((p) => ({ match: tri(p === probe.protocol), verdict: accept, text: `protocol ${p}` })),
    ...f('services').map((s) => ({ match: serviceMatches(s, services, probe), verdict: accept, text: `service ${s}` })),
    ...f('source-ports').map((p) => ({ match: p.endsWith(`/${probe.protocol}`) ? ('maybe' as const) : ('no' as const), verdict: accept, text: `source-port ${p}` })),
  ]
  const forwards = f('forward-ports').map((p) => ({ match: portMatches(/port=([^:]+)/.exec(p)?.[1] ?? '', probe.port), verdict: { kind: 'unknown' } as const, text: `forward-port ${p}` }))
  const rich = f('rich rules').flatMap((r) => richRule(r, services, probe) ?? [])
  const inPart = (n: number): Rule[] => rich.filter((r) => r.part === n).map((r) => r.rule)
  const rules = [...inPart(-1), ...forwards, ...inPart(0), ...allow, ...inPart(1), ...inPart(2)]
  const target = f('target')[0] ?? 'default'
  const policy = target === 'ACCEPT' ? 'accept' : ['default', 'DROP', 'REJECT', '%%REJECT%%'].includes(target) ? 'drop' : 'unknown'
  return { rules, base: { chain: zone.name, label: `zone ${zone.name}`, policy, policyText: `target ${target}` } }
}

/** Interfaces that are not a LAN port: container bridges, VMs' taps, tunnels, loopback. */
const VIRTUAL_INTERFACE = /^(lo|docker\d+|br-[0-9a-f]{12}|virbr\d+|vnet\d+|veth|cni|flannel|cali|podman|lxcbr|lxdbr|tun\d+|tap\d+|wg\d+|tailscale|zt)/

/** Zones the probe may land in: the default zone (interfaces bound nowhere), zones on a LAN-like interface, zones bound to sources. */
export function relevantZones(defaultZone: string | null, active: readonly ActiveZone[]): string[] {
  const names = active.filter((a) => a.sources.length > 0 || a.interfaces.some((i) => !VIRTUAL_INTERFACE.test(i))).map((a) => a.name)
  const fallback = defaultZone ?? active.find((a) => a.isDefault)?.name
  return fallback === undefined || names.includes(fallback) ? names : [fallback, ...names]
}

/** What firewall-cmd said, parsed. */
export interface FirewalldState {
  defaultZone: string | null
  active: ActiveZone[]
  zones: FirewalldZone[]
  services: Map<string, ServiceInfo | null>
  policies: ActivePolicy[]
}

/** Judges the zones the probe may land in; they must agree for a certain answer. */
export function judgeFirewalld(s: FirewalldState, probe: Probe): HostFirewallFinding {
  const defaultZone = s.defaultZone ?? s.zones.find((z) => z.isDefault)?.name ?? null
  const names = relevantZones(defaultZone, s.active)
  const judged: Array<{ name: string; j: Judgement }> = []
  for (const name of names) {
    const zone = s.zones.find((z) => z.name === name)
    if (zone === undefined) return { tool: FIREWALLD_TOOL, state: 'unclear', detail: `zone ${name} is not in firewall-cmd --list-all-zones`, where: name }
    const { rules, base } = zoneChain(zone, s.services, probe)
    const walker = new ChainWalker(new Map([[zone.name, rules]]), new Set([zone.name]))
    judged.push({ name, j: judgeAll([{ base, outcomes: evaluateBase(walker, base) }]) })
  }
  if (judged.length === 0) return { tool: FIREWALLD_TOOL, state: 'unclear', detail: 'firewalld: no default zone and no active zone', where: null }
  const others = s.policies.filter((p) => p.name !== 'allow-host-ipv6' && p.egress.includes('HOST')).map((p) => p.name)
  const first = judged.find((z) => z.name === defaultZone) ?? judged[0]!
  const text = portSlashProto(probe)
  const agreed = judged.every((z) => z.j.state === first.j.state)
  let detail = agreed ? describe(first.j, `zone ${first.name}`, text) : `zones differ for ${text}: ${judged.map((z) => `${z.name} ${z.j.state}`).join(', ')} (the LAN interface's or the source's zone decides)`
  let state = agreed ? first.j.state : 'unclear'
  if (others.length > 0 && state !== 'unclear') {
    detail += `; policies ${others.join(', ')} into the host may decide first`
    state = 'unclear'
  }
  return { tool: FIREWALLD_TOOL, state, detail, where: first.name }
}

/** firewall-cmd, quietly: the output of a query that may fail (an older firewalld, nothing active). */
const said = (r: ExecResult | null): string => (r !== null && r.error === null && r.code === 0 ? r.stdout : '')

/** Fetches `--info-service` for every service named and the services they include. */
async function readServices(ctx: ReadContext, names: Iterable<string>): Promise<Map<string, ServiceInfo | null>> {
  const services = new Map<string, ServiceInfo | null>()
  let wanted = [...new Set(names)]
  for (let round = 0; round <= MAX_INCLUDE_DEPTH && wanted.length > 0; round++) {
    const infos = await Promise.all(wanted.map((n) => runTool(ctx, 'firewall-cmd', [`--info-service=${n}`])))
    wanted.forEach((n, i) => services.set(n, parseServiceInfo(said(infos[i]!))))
    wanted = [...new Set([...services.values()].flatMap((i) => i?.includes ?? []))].filter((n) => !services.has(n))
  }
  return services
}

/**
 * Reads firewalld; null when firewall-cmd is not installed. The state and the zone queries go out
 * together (firewall-cmd is slow to start), then the services the relevant zones name.
 */
export async function readFirewalld(ctx: ReadContext): Promise<HostFirewallFinding | null> {
  const ask = (q: string): Promise<ExecResult | null> => runTool(ctx, 'firewall-cmd', [q])
  const [state, def, active, all, policies] = await Promise.all([
    ask('--state'),
    ask('--get-default-zone'),
    ask('--get-active-zones'),
    ask('--list-all-zones'),
    ask('--get-active-policies'),
  ])
  if (state === null) return null
  const answer = `${state.stdout}\n${state.stderr}`
  if (state.error === null && /^not running/m.test(answer)) return { tool: FIREWALLD_TOOL, state: 'inactive', detail: 'firewalld is not running', where: null }
  if (state.error === null && /^failed/m.test(answer)) return { tool: FIREWALLD_TOOL, state: 'unclear', detail: 'firewalld failed to start: its rules may be partly loaded', where: null }
  if (state.code !== 0 || !/^running/m.test(state.stdout)) {
    return failure(FIREWALLD_TOOL, 'firewall-cmd --state', state) ?? { tool: FIREWALLD_TOOL, state: 'unclear', detail: `firewall-cmd --state: ${firstLine(answer)}`, where: null }
  }
  if (all === null) return { tool: FIREWALLD_TOOL, state: 'unreadable', detail: 'firewall-cmd vanished while being read', where: null }
  const failed = failure(FIREWALLD_TOOL, 'firewall-cmd --list-all-zones', all)
  if (failed !== null) return failed
  const zones = parseZones(all.stdout)
  const defaultZone = said(def).trim() || null
  const activeZones = parseActiveZones(said(active))
  const relevant = relevantZones(defaultZone ?? zones.find((z) => z.isDefault)?.name ?? null, activeZones)
  const named = zones
    .filter((z) => relevant.includes(z.name))
    .flatMap((z) => [...(z.fields.get('services') ?? []), ...(z.fields.get('rich rules') ?? []).flatMap((r) => /\bservice name="([^"]+)"/.exec(r)?.[1] ?? [])])
  const services = await readServices(ctx, named)
  return judgeFirewalld({ defaultZone, active: activeZones, zones, services, policies: parsePolicies(said(policies)) }, ctx.probe)
}
