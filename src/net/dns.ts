// DNS names (`--host`): resolves a name with the system resolver and says where it points.

import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP, isIPv4 } from 'node:net'
import { inPrefix, normalizeAddress, rangeOf } from '../util/ip.js'
import { printable } from '../util/sanitize.js'

/**
 * How long to wait for the system resolver. glibc's default is 5 s per try; a LAN or ISP
 * resolver answers in milliseconds, so 3 s already means "broken", and the run has a budget.
 */
export const DNS_TIMEOUT_MS = 3000

/** Where a name points, as far as hairpinning is concerned. */
export type PointsTo = 'public-ip' | 'lan' | 'elsewhere' | 'none'

/** What resolving the name gave. */
export interface Resolution {
  /** Every address the resolver returned (IPv4 and IPv6), in its order. */
  addresses: string[]
  /** Why there are none (`ENOTFOUND`, `timeout after 3000 ms`, …), or null. */
  error: string | null
}

/** Resolves like getaddrinfo: the system resolver, hosts file included. Injectable for tests. */
export type Lookup = (name: string) => Promise<Array<{ address: string; family: number }>>

/** The real lookup: every A and AAAA record, in the resolver's order. */
export const systemLookup: Lookup = (name) => dnsLookup(name, { all: true, verbatim: true })

/**
 * Checks a `--host` value: a DNS name (letters, digits, hyphens, dots; labels up to 63
 * characters, 253 in all) or an IP literal. Returns it without a trailing dot.
 * @throws Error with a one-line reason.
 */
export function validateHostName(s: string): string {
  const name = s.trim().replace(/\.$/, '')
  if (isIP(name) !== 0) return name
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i
  if (name.length === 0 || name.length > 253 || !name.split('.').every((l) => label.test(l))) {
    throw new Error(`--host must be a DNS name such as server.example.org, not "${printable(s, 40)}"`)
  }
  return name
}

/** Resolves `name`, never rejecting: errors and timeouts come back as `error`. */
export async function resolveName(name: string, opts: { lookup?: Lookup; timeoutMs?: number } = {}): Promise<Resolution> {
  const lookup = opts.lookup ?? systemLookup
  const timeoutMs = opts.timeoutMs ?? DNS_TIMEOUT_MS
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: `timeout after ${timeoutMs} ms` })), timeoutMs)
  })
  try {
    // getaddrinfo cannot be cancelled; losing the race leaves it to finish on its own thread.
    const records = await Promise.race([lookup(name), timeout]).finally(() => clearTimeout(timer))
    const addresses = [...new Set(records.map((r) => normalizeAddress(r.address)))]
    return { addresses, error: addresses.length === 0 ? 'no addresses' : null }
  } catch (err) {
    return { addresses: [], error: (err as NodeJS.ErrnoException).code ?? printable((err as Error).message) }
  }
}

/** The addresses a name is judged against. */
export interface Landmarks {
  publicIp: string | null
  lanPrefix: string | null
  /** This host's own addresses (a name may point straight at the server). */
  local: readonly string[]
}

// IPv6 unique local (fc00::/7) and link-local (fe80::/10) addresses never leave the site.
const LOCAL_V6 = /^(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):/i

function isLanAddress(address: string, lm: Landmarks): boolean {
  if (lm.local.includes(address)) return true
  if (isIPv4(address)) {
    if (lm.lanPrefix !== null && inPrefix(address, lm.lanPrefix)) return true
    const range = rangeOf(address)
    return range === 'private' || range === 'link-local'
  }
  return LOCAL_V6.test(address)
}

/**
 * Says where a name points: at the public IP (inside clients hairpin), at a LAN address (split-
 * horizon DNS is already in place), somewhere else (stale dynamic DNS, or a proxy or CDN in
 * front), or nowhere.
 */
export function pointsTo(addresses: readonly string[], lm: Landmarks): PointsTo {
  if (addresses.length === 0) return 'none'
  if (lm.publicIp !== null && addresses.includes(lm.publicIp)) return 'public-ip'
  if (addresses.some((a) => isLanAddress(a, lm))) return 'lan'
  return 'elsewhere'
}
