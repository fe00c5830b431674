// What the hairpinned packet looks like to this host's firewall, and the comparisons every firewall reader shares.

/** Whether a rule's condition holds for the probe: surely, surely not, or it depends on what cannot be known here. */
export type Tri3 = 'yes' | 'no' | 'maybe'

/**
 * The connection in question: a NEW IPv4 connection to `port`/`protocol` on this host, arriving on
 * the LAN interface (never `lo`) from an address we cannot know (the router's, the public one, a LAN host's).
 */
export interface Probe {
  port: number
  protocol: 'tcp' | 'udp'
}

/** A boolean as a certain answer. */
export const tri = (b: boolean): Tri3 => (b ? 'yes' : 'no')

/** All of a rule's conditions together: one that fails fails the rule, one that may fail makes it uncertain. */
export function allOf(parts: readonly Tri3[]): Tri3 {
  if (parts.includes('no')) return 'no'
  return parts.includes('maybe') ? 'maybe' : 'yes'
}

/** Any one of several alternatives (the elements of a set). */
export function anyOf(parts: readonly Tri3[]): Tri3 {
  if (parts.includes('yes')) return 'yes'
  return parts.includes('maybe') ? 'maybe' : 'no'
}

/** The opposite condition (`!=`, `!`), when `negated`. */
export function negate(t: Tri3, negated = true): Tri3 {
  if (!negated || t === 'maybe') return t
  return t === 'yes' ? 'no' : 'yes'
}

/** IANA protocol numbers of the two protocols probed. */
const PROTOCOL_NUMBERS = { tcp: 6, udp: 17 } as const

/** Whether a protocol, named or numbered, is the probe's; `all` and `any` cover every protocol. */
export function protocolMatches(name: string | number, probe: Probe): Tri3 {
  const n = String(name).trim().toLowerCase()
  if (n === 'all' || n === 'any') return 'yes'
  if (/^\d+$/.test(n)) return tri(Number(n) === PROTOCOL_NUMBERS[probe.protocol])
  return tri(n === probe.protocol)
}

/**
 * Whether `port` is in a list such as `80,443,8000:8100` (iptables, ufw) or `8000-8100,9443` (nftables,
 * firewalld, Windows). Null when the port is in no numeric item but some item is not a number or range
 * (a service name, a keyword such as `RPC`): it may stand for the port.
 */
export function portInList(list: string, port: number): boolean | null {
  let unknown = false
  for (const item of list.split(',')) {
    const m = /^\s*(\d+)\s*(?:[-:]\s*(\d+)\s*)?$/.exec(item)
    if (m === null) {
      unknown = true
      continue
    }
    const low = Number(m[1])
    const high = m[2] === undefined ? low : Number(m[2])
    if (port >= low && port <= high) return true
  }
  return unknown ? null : false
}

/** `portInList` as a condition: an item that cannot be read may match. */
export function portMatches(list: string, port: number): Tri3 {
  const inList = portInList(list, port)
  return inList === null ? 'maybe' : tri(inList)
}

/** Parses `a.b.c.d`, `a.b.c.d/len` or `a.b.c.d/netmask` into its first octet and prefix length; null when not IPv4. */
function ipv4Prefix(text: string): { first: number; len: number; all: number[] } | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}|\d{1,3}(?:\.\d{1,3}){3}))?$/.exec(text.trim())
  if (m === null) return null
  const all = [m[1], m[2], m[3], m[4]].map(Number)
  if (all.some((o) => o > 255)) return null
  const mask = m[5]
  let len = 32
  if (mask !== undefined) {
    len = mask.includes('.') ? mask.split('.').reduce((bits, o) => bits + (Number(o) >>> 0).toString(2).replace(/0/g, '').length, 0) : Number(mask)
  }
  return len > 32 ? null : { first: all[0]!, len, all }
}

/**
 * Whether an address or prefix in a rule can hold the probe's source or destination address. Loopback
 * (127/8), multicast (224/4) and the broadcast address never do; `0.0.0.0/0` always does; anything
 * else may (we know neither the router's LAN address nor which of this host's addresses is hit).
 */
export function addressMatches(text: string): Tri3 {
  const p = ipv4Prefix(text)
  if (p === null) return 'maybe'
  if (p.len === 0) return 'yes'
  if (p.first === 127 && p.len >= 8) return 'no'
  if (p.first >= 224 && p.first <= 239 && p.len >= 4) return 'no'
  if (p.len === 32 && p.all.every((o) => o === 255)) return 'no'
  return 'maybe'
}

/**
 * Whether an input-interface name can be the interface the probe arrives on: never `lo` (the
 * hairpinned packet comes back from the router on the LAN interface), always for the `+`/`*`
 * wildcard alone, and otherwise it depends on a name we do not know.
 */
export function inInterfaceMatches(name: string): Tri3 {
  if (name === 'lo') return 'no'
  if (name === '+' || name === '*') return 'yes'
  return 'maybe'
}

/** How the probe is named in detail lines: `tcp dport 8443` (nftables, iptables). */
export const probeText = (probe: Probe): string => `${probe.protocol} dport ${probe.port}`

/** How the probe is named by ufw, firewalld and Windows: `8443/tcp`. */
export const portSlashProto = (probe: Probe): string => `${probe.port}/${probe.protocol}`
