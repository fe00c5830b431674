// Reads `nft -j list ruleset` and judges whether the chains on the input path let a new connection to the probed port in.

import type { HostFirewallFinding } from '../../report/report.js'
import { printable } from '../../util/sanitize.js'
import { ChainWalker, describe, evaluateBase, judgeAll, type BaseChain, type Rule, type Verdict } from './chains.js'
import { failure, runTool, type ReadContext } from './exec.js'
import {
  addressMatches,
  allOf,
  anyOf,
  inInterfaceMatches,
  negate,
  probeText,
  tri,
  type Probe,
  type Tri3,
} from './match.js'

/** The `tool` of nftables findings. */
export const NFT_TOOL = 'nftables'

/** Longest rule text quoted in a detail line. */
const RULE_TEXT_CHARS = 60

/** nft's JSON, walked defensively field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

/** A chain as listed: its table, name and, for a base chain, its hook. */
interface NftChain {
  family: string
  table: string
  name: string
  type?: string
  hook?: string
  prio?: number
  policy?: string
  dev?: string
}

/** The parts of a listing the judgement needs. */
export interface NftListing {
  chains: NftChain[]
  /** Rule expressions by chain key (`family table chain`), in order. */
  rules: Map<string, Json[][]>
  /** Named sets' and maps' elements by `family table name`; null when an element is not a plain value. */
  sets: Map<string, Json[]>
  /** `family table` of every table. */
  tables: string[]
  /** Whether any rule rewrites a destination (DNAT, redirect): then `ct status dnat` may hold. */
  nat: boolean
  /** Whether any rule turns conntrack off (notrack): then `ct state` may be untracked. */
  notrack: boolean
}

const keyOf = (family: string, table: string, name: string): string => `${family} ${table} ${name}`

/** Collects everything under `node` that is an object key, to spot NAT and notrack statements anywhere. */
function keysIn(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) for (const n of node) keysIn(n, found)
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      found.add(k === 'xt' && typeof v === 'object' && v !== null ? `xt:${String((v as Json).name)}` : k)
      keysIn(v, found)
    }
  }
}

/** Parses the JSON of `nft -j list ruleset`; null when it is not that. */
export function parseNftRuleset(text: string): NftListing | null {
  let doc: Json
  try {
    doc = JSON.parse(text)
  } catch {
    return null
  }
  if (doc === null || typeof doc !== 'object' || !Array.isArray(doc.nftables)) return null
  const listing: NftListing = { chains: [], rules: new Map(), sets: new Map(), tables: [], nat: false, notrack: false }
  const keys = new Set<string>()
  for (const item of doc.nftables as Json[]) {
    if (item === null || typeof item !== 'object') continue
    if (item.table) listing.tables.push(`${item.table.family} ${item.table.name}`)
    if (item.chain) listing.chains.push(item.chain as NftChain)
    const set = item.set ?? item.map
    if (set) listing.sets.set(keyOf(set.family, set.table, set.name), Array.isArray(set.elem) ? set.elem : [])
    if (item.rule && Array.isArray(item.rule.expr)) {
      const r = item.rule
      const key = keyOf(r.family, r.table, r.chain)
      listing.rules.set(key, [...(listing.rules.get(key) ?? []), r.expr])
      keysIn(r.expr, keys)
    }
  }
  listing.nat = ['dnat', 'redirect', 'xt:DNAT', 'xt:REDIRECT', 'xt:NETMAP'].some((k) => keys.has(k))
  listing.notrack = ['notrack', 'xt:NOTRACK', 'xt:CT'].some((k) => keys.has(k))
  return listing
}

/** What the rule's left-hand side is for the probe. */
type Field =
  | { kind: 'absent' } // a header the probe does not have: the rule cannot match, whatever the operator
  | { kind: 'unknown' }
  | { kind: 'value'; values: Array<string | number>; port?: boolean }
  | { kind: 'iface' }
  | { kind: 'address' }
  | { kind: 'ctstatus' }

const ABSENT: Field = { kind: 'absent' }
const UNKNOWN: Field = { kind: 'unknown' }
const value = (...values: Array<string | number>): Field => ({ kind: 'value', values })

/** Headers an IPv4 TCP or UDP packet does not carry. */
const ABSENT_HEADERS = new Set(['ip6', 'icmp', 'icmpv6', 'igmp', 'ah', 'esp', 'comp', 'arp', 'gre', 'hbh', 'rt', 'frag', 'dst', 'mh', 'srh'])
const TRANSPORTS = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp'])
const PROTO_NUMBERS = { tcp: 6, udp: 17 } as const

/** Judging context: the probe, the listing (for sets and conntrack facts), and the rule's table. */
export interface NftContext {
  probe: Probe
  listing: NftListing
  family: string
  table: string
}

function payloadField(p: Json, ctx: NftContext): Field {
  const { protocol, field } = p
  const proto = ctx.probe.protocol
  if (typeof protocol !== 'string') return UNKNOWN // a raw payload offset
  if (protocol === 'th' || TRANSPORTS.has(protocol)) {
    if (protocol !== 'th' && protocol !== proto) return ABSENT
    return field === 'dport' ? { kind: 'value', values: [ctx.probe.port], port: true } : UNKNOWN
  }
  if (protocol === 'ip') {
    if (field === 'saddr' || field === 'daddr') return { kind: 'address' }
    if (field === 'protocol') return value(proto, PROTO_NUMBERS[proto])
    if (field === 'version') return value(4)
    return UNKNOWN
  }
  return ABSENT_HEADERS.has(protocol) ? ABSENT : UNKNOWN
}

function metaField(key: string, ctx: NftContext): Field {
  const proto = ctx.probe.protocol
  if (key === 'l4proto') return value(proto, PROTO_NUMBERS[proto])
  if (key === 'nfproto') return value('ipv4', 2)
  if (key === 'protocol') return value('ip', 2048)
  if (key === 'iif' || key === 'iifname') return { kind: 'iface' }
  if (key === 'pkttype') return value('host', 'unicast', 0)
  return UNKNOWN
}

function ctField(ct: Json, ctx: NftContext): Field {
  if (ct.dir !== undefined) return UNKNOWN // original/reply addresses and ports
  if (ct.key === 'state') return ctx.listing.notrack ? UNKNOWN : value('new')
  if (ct.key === 'status') return { kind: 'ctstatus' }
  if (ct.key === 'direction') return value('original', 0)
  if (ct.key === 'l3proto') return value('ipv4', 'ip', 2)
  if (ct.key === 'protocol') return value(ctx.probe.protocol, PROTO_NUMBERS[ctx.probe.protocol])
  return UNKNOWN
}

/** What an expression on the left of a match is for the probe. */
function fieldOf(left: Json, ctx: NftContext): Field {
  if (left === null || typeof left !== 'object') return UNKNOWN
  if (left.payload) return payloadField(left.payload, ctx)
  if (left.meta) return metaField(String(left.meta.key), ctx)
  if (left.ct) return ctField(left.ct, ctx)
  if (left.fib) {
    const f = left.fib
    const daddrType = f.result === 'type' && Array.isArray(f.flags) && f.flags.includes('daddr') && !f.flags.includes('oif')
    return daddrType ? value('local') : UNKNOWN
  }
  // Bitwise operations and concatenations: undecidable here, unless a part is a header the probe lacks.
  const parts = left['&'] ?? left['|'] ?? left['^'] ?? left['<<'] ?? left['>>'] ?? left.concat
  if (Array.isArray(parts)) return parts.some((p: Json) => fieldOf(p, ctx).kind === 'absent') ? ABSENT : UNKNOWN
  return UNKNOWN
}

/** A set's or map's elements, looked up by `@name` in the rule's table. Null when unknown. */
function elementsOf(right: Json, ctx: NftContext): Json[] | null {
  if (typeof right === 'string' && right.startsWith('@')) return ctx.listing.sets.get(keyOf(ctx.family, ctx.table, right.slice(1))) ?? null
  if (Array.isArray(right)) return right
  if (right !== null && typeof right === 'object' && Array.isArray(right.set)) return right.set
  return [right]
}

/** Port numbers for the service names nft may print instead of numbers. */
const SERVICES: Record<string, number> = { ssh: 22, smtp: 25, domain: 53, http: 80, https: 443, 'http-alt': 8080 }

/** Whether one element of a set (or the single value) holds the field's value. */
function elementHas(el: Json, field: Exclude<Field, { kind: 'absent' | 'unknown' | 'ctstatus' }>): Tri3 {
  if (el !== null && typeof el === 'object' && el.elem !== undefined) return elementHas(el.elem.val, field)
  if (field.kind === 'iface') return typeof el === 'string' ? inInterfaceMatches(el) : 'maybe'
  if (field.kind === 'address') {
    if (typeof el === 'string') return addressMatches(el)
    if (el?.prefix) return addressMatches(`${el.prefix.addr}/${el.prefix.len}`)
    return 'maybe'
  }
  const v = field.values[0]!
  if (el?.range && typeof v === 'number') return tri(v >= Number(el.range[0]) && v <= Number(el.range[1]))
  if (typeof el === 'number') return tri(field.values.includes(el))
  if (typeof el !== 'string') return 'maybe'
  if (field.port === true) return el in SERVICES ? tri(SERVICES[el] === v) : 'maybe'
  return tri(field.values.some((x) => String(x) === el.toLowerCase()))
}

/** `ct status` for the first packet of a new connection: no status bit is set, unless this host may DNAT it. */
function ctStatusHas(el: Json, ctx: NftContext): Tri3 {
  return (el === 'dnat' || el === 'snat') && ctx.listing.nat ? 'maybe' : 'no'
}

/** Whether a `match` statement holds for the probe. */
export function evalMatch(m: Json, ctx: NftContext): Tri3 {
  const field = fieldOf(m?.left, ctx)
  if (field.kind === 'absent') return 'no'
  if (field.kind === 'unknown') return 'maybe'
  const elements = elementsOf(m.right, ctx)
  if (elements === null) return 'maybe'
  const has = anyOf(elements.map((el) => (field.kind === 'ctstatus' ? ctStatusHas(el, ctx) : elementHas(el, field))))
  if (m.op === '==' || m.op === 'in') return has
  if (m.op === '!=') return negate(has)
  return 'maybe' // <, >, <=, >= on a value the rule compares in its own ways
}

/** Statements that neither match nor decide: the rule goes on. */
const CARRY_ON = new Set(['counter', 'log', 'mangle', 'ct helper', 'ct timeout', 'ct expectation', 'notrack', 'set', 'map', 'secmark', 'last', 'flow', 'dup'])

/** iptables-nft targets (opaque `xt` in nft's JSON) that let the packet go on. */
const XT_CARRY_ON = new Set(['LOG', 'NFLOG', 'ULOG', 'MARK', 'CONNMARK', 'CT', 'NOTRACK', 'TRACE', 'TCPMSS', 'CHECKSUM', 'AUDIT', 'CLASSIFY', 'DSCP', 'TOS', 'SET'])

/** The verdict a statement gives, or null when it is not a verdict. */
function verdictOf(key: string, val: Json, ctx: NftContext): Verdict | null {
  if (key === 'accept' || key === 'drop' || key === 'return' || key === 'continue') return { kind: key }
  if (key === 'reject') return { kind: 'drop' }
  if (key === 'jump' || key === 'goto') return { kind: key, target: keyOf(ctx.family, ctx.table, String(val?.target)) }
  if (['queue', 'dnat', 'snat', 'masquerade', 'redirect', 'tproxy', 'synproxy', 'fwd'].includes(key)) return { kind: 'unknown' }
  if (key === 'xt' && val?.type === 'target') {
    if (val.name === 'REJECT') return { kind: 'drop' }
    return XT_CARRY_ON.has(String(val.name)) ? { kind: 'continue' } : { kind: 'unknown' }
  }
  return null
}

/** A verdict object of a verdict map (`{"accept": null}`, `{"jump": {"target": …}}`). */
function mapVerdict(v: Json, ctx: NftContext): Verdict {
  const [key, val] = v !== null && typeof v === 'object' ? (Object.entries(v)[0] ?? ['', null]) : ['', null]
  return verdictOf(key, val, ctx) ?? { kind: 'unknown' }
}

/** A verdict map: one rule per element, each matching when the key equals that element. */
function vmapRules(vmap: Json, match: Tri3, ctx: NftContext, text: string): Rule[] {
  const data = vmap?.data
  const pairs: Json[] | null = typeof data === 'string' ? elementsOf(data, ctx) : Array.isArray(data?.set) ? data.set : null
  if (pairs === null) return [{ match: allOf([match, 'maybe']), verdict: { kind: 'unknown' }, text }]
  return pairs.map((pair: Json) => {
    const [k, v] = Array.isArray(pair) ? pair : [pair, null]
    const elementMatch = evalMatch({ op: '==', left: vmap.key, right: k }, ctx)
    const verdict = mapVerdict(v, ctx)
    return { match: allOf([match, elementMatch]), verdict, text: printable(`${renderExpr(vmap.key)} ${renderValue(k)} ${renderVerdict(verdict)}`, RULE_TEXT_CHARS) }
  })
}

/** Compiles one rule's statements into the rules the walker follows (a verdict map gives several). */
export function compileRule(expr: readonly unknown[], ctx: NftContext): Rule[] {
  let match: Tri3 = 'yes'
  const text = printable(renderRule(expr), RULE_TEXT_CHARS)
  for (const stmt of expr) {
    const [key, val] = stmt !== null && typeof stmt === 'object' ? (Object.entries(stmt)[0] ?? ['', null]) : ['', null]
    if (key === 'match') match = allOf([match, evalMatch(val, ctx)])
    else if (key === 'vmap') return vmapRules(val, match, ctx, text)
    else {
      const verdict = verdictOf(key, val, ctx)
      if (verdict !== null) return [{ match, verdict, text }]
      // A statement that filters on its own (limit, quota, meter, an xt match) or one not known here.
      if (!CARRY_ON.has(key) && !(key === 'xt' && val?.name === 'comment')) match = allOf([match, 'maybe'])
    }
  }
  return [{ match, verdict: { kind: 'continue' }, text }]
}

/** An expression as nft would print it, roughly (for detail lines only). */
function renderExpr(e: Json): string {
  if (e?.payload) return `${e.payload.protocol ?? 'payload'} ${e.payload.field ?? ''}`.trim()
  if (e?.meta) return ['iif', 'iifname', 'oif', 'oifname'].includes(e.meta.key) ? e.meta.key : `meta ${e.meta.key}`
  if (e?.ct) return `ct ${e.ct.key}`
  if (e?.fib) return `fib ${(e.fib.flags ?? []).join(' . ')} ${e.fib.result}`
  return renderValue(e)
}

function renderValue(v: Json): string {
  if (Array.isArray(v)) return v.map(renderValue).join(',')
  if (v === null || typeof v !== 'object') return String(v)
  if (Array.isArray(v.set)) return `{ ${v.set.map(renderValue).join(', ')} }`
  if (Array.isArray(v.range)) return `${v.range[0]}-${v.range[1]}`
  if (v.prefix) return `${v.prefix.addr}/${v.prefix.len}`
  if (v.elem) return renderValue(v.elem.val)
  return '…'
}

function renderVerdict(v: Verdict): string {
  return v.kind === 'jump' || v.kind === 'goto' ? `${v.kind} ${v.target.split(' ').pop()}` : v.kind
}

function renderStatement(stmt: Json): string {
  const [key, val]: [string, Json] = Object.entries(stmt ?? {})[0] ?? ['', null]
  if (key === 'match') return `${renderExpr(val.left)} ${val.op === '==' || val.op === 'in' ? '' : `${val.op} `}${renderValue(val.right)}`
  if (key === 'jump' || key === 'goto') return `${key} ${val?.target}`
  if (key === 'vmap') return `${renderExpr(val.key)} vmap …`
  if (key === 'xt') return `xt ${val?.name}`
  return key
}

/** A rule as nft would print it, roughly. */
export function renderRule(expr: readonly unknown[]): string {
  return expr.map(renderStatement).join(' ')
}

/** A base chain's priority; nft always lists one, 0 (filter) if not. */
const priority = (c: NftChain): number => c.prio ?? 0

/** Tables and hooks whose base chains see the probe, and those that see it only sometimes. */
function baseChainOf(c: NftChain): BaseChain | null {
  if (c.type !== 'filter' || typeof c.hook !== 'string') return null
  const label = `${c.family} ${c.table} ${c.name}`
  const policy = c.policy === 'drop' ? 'drop' : 'accept'
  const base: BaseChain = { chain: keyOf(c.family, c.table, c.name), label, policy, policyText: `policy ${policy}` }
  if ((c.family === 'ip' || c.family === 'inet') && (c.hook === 'input' || c.hook === 'prerouting')) return base
  if ((c.family === 'netdev' || c.family === 'inet') && c.hook === 'ingress') return { ...base, onlyIf: `device ${c.dev ?? '?'} is the LAN interface` }
  if (c.family === 'bridge' && (c.hook === 'input' || c.hook === 'prerouting')) return { ...base, onlyIf: 'the LAN interface is a bridge port' }
  return null // ip6 (the probe is IPv4), arp, output, forward, postrouting
}

/**
 * Judges a listing for the probe. `skipTables` (`family table`) are left to another finding:
 * iptables-nft's own tables, which `iptables-save` shows better than nft's opaque `xt` expressions.
 */
export function judgeNft(listing: NftListing, probe: Probe, skipTables: ReadonlySet<string> = new Set()): HostFirewallFinding {
  const chains = new Map<string, Rule[]>()
  for (const c of listing.chains) {
    const ctx: NftContext = { probe, listing, family: c.family, table: c.table }
    const key = keyOf(c.family, c.table, c.name)
    chains.set(key, (listing.rules.get(key) ?? []).flatMap((e) => compileRule(e, ctx)))
  }
  const bases = listing.chains
    .filter((c) => !skipTables.has(`${c.family} ${c.table}`))
    .map((c) => ({ c, base: baseChainOf(c) }))
    .filter((x): x is { c: NftChain; base: BaseChain } => x.base !== null)
    .sort((a, b) => priority(a.c) - priority(b.c))
    .map((x) => x.base)
  if (bases.length === 0) {
    const detail = listing.tables.length === 0 ? 'no nftables ruleset loaded' : 'no filter chain on the input or prerouting hook'
    return { tool: NFT_TOOL, state: 'inactive', detail, where: null }
  }
  const walker = new ChainWalker(chains, new Set(bases.map((b) => b.chain)), (key) => key.split(' ').pop()!)
  const judgement = judgeAll(bases.map((base) => ({ base, outcomes: evaluateBase(walker, base) })))
  return { tool: NFT_TOOL, state: judgement.state, detail: describe(judgement, `chain ${judgement.base!.label}`, probeText(probe)), where: judgement.base!.label }
}

/** Reads nftables with `nft -j list ruleset`: the finding (null when nft is not installed) and the listing when it was read. */
export async function readNft(ctx: ReadContext): Promise<{ finding: HostFirewallFinding | null; listing: NftListing | null }> {
  const r = await runTool(ctx, 'nft', ['-j', 'list', 'ruleset'])
  if (r === null) return { finding: null, listing: null }
  const failed = failure(NFT_TOOL, 'nft -j list ruleset', r)
  if (failed !== null) return { finding: failed, listing: null }
  const listing = parseNftRuleset(r.stdout)
  if (listing === null) return { finding: { tool: NFT_TOOL, state: 'unreadable', detail: 'nft -j list ruleset: not the JSON expected', where: null }, listing: null }
  return { finding: null, listing }
}
