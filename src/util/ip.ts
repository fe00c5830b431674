// IPv4 address helpers: parsing, prefixes and the special-purpose ranges the diagnosis cares about.

import { BlockList, isIPv4 } from 'node:net'

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit number, or null if it is not one. */
export function ipv4ToInt(address: string): number | null {
  if (!isIPv4(address)) return null
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0)
}

/** Formats an unsigned 32-bit number as a dotted-quad IPv4 address. */
export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/**
 * Strips the IPv4-mapped IPv6 prefix (`::ffff:a.b.c.d`) that dual-stack sockets report,
 * so an address can be compared with plain IPv4 ones.
 */
export function normalizeAddress(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return m ? m[1]! : address
}

/** The network prefix `a.b.c.d/len` that `address` belongs to with the given prefix length. */
export function networkOf(address: string, prefixLength: number): string | null {
  const n = ipv4ToInt(address)
  if (n === null || !Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) return null
  const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0
  return `${intToIpv4((n & mask) >>> 0)}/${prefixLength}`
}

/** Whether `address` lies inside `cidr` (`a.b.c.d/len`). */
export function inPrefix(address: string, cidr: string): boolean {
  const [base, len] = cidr.split('/')
  const prefixLength = Number(len)
  if (base === undefined || len === undefined) return false
  const net = networkOf(base, prefixLength)
  return net !== null && networkOf(address, prefixLength) === net
}

/** Special-purpose IPv4 ranges (RFC 6890) that matter when judging an echo answer. */
export type Ipv4Range =
  | 'private' // RFC 1918: 10/8, 172.16/12, 192.168/16
  | 'shared' // RFC 6598: 100.64/10, carrier-grade NAT
  | 'loopback' // 127/8
  | 'link-local' // 169.254/16
  | 'documentation' // RFC 5737: 192.0.2/24, 198.51.100/24, 203.0.113/24
  | 'unspecified' // 0/8
  | 'multicast' // 224/4
  | 'reserved' // 240/4 and broadcast
  | 'public'

/** The ranges as node:net BlockLists, checked in order (the first that holds the address names it). */
const RANGES: ReadonlyArray<[BlockList, Ipv4Range]> = (
  [
    ['0.0.0.0', 8, 'unspecified'],
    ['10.0.0.0', 8, 'private'],
    ['100.64.0.0', 10, 'shared'],
    ['127.0.0.0', 8, 'loopback'],
    ['169.254.0.0', 16, 'link-local'],
    ['172.16.0.0', 12, 'private'],
    ['192.0.2.0', 24, 'documentation'],
    ['192.168.0.0', 16, 'private'],
    ['198.51.100.0', 24, 'documentation'],
    ['203.0.113.0', 24, 'documentation'],
    ['224.0.0.0', 4, 'multicast'],
    ['240.0.0.0', 4, 'reserved'],
  ] as const
).map(([net, prefix, range]) => {
  const list = new BlockList()
  list.addSubnet(net, prefix, 'ipv4')
  return [list, range] as [BlockList, Ipv4Range]
})

/** Classifies an IPv4 address into its special-purpose range, or `public`. Null if not IPv4. */
export function rangeOf(address: string): Ipv4Range | null {
  if (!isIPv4(address)) return null
  return RANGES.find(([list]) => list.check(address, 'ipv4'))?.[1] ?? 'public'
}
