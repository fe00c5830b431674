// `--redact`: masks public addresses, DNS names and certificate fingerprints in a report, consistently, for public tickets.

import { isIP, isIPv4, isIPv6 } from 'node:net'
import { rangeOf, type Ipv4Range } from '../util/ip.js'
import type { Report } from '../report/report.js'

/** A report after `redact`: the same shape, marked so a reader knows the masks are deliberate. */
export type RedactedReport = Report & { redacted: true }

/**
 * IPv4 ranges that are masked. `public` identifies the network on the internet; `documentation`
 * (RFC 5737) too, because the lab and the tests stand in for public addresses with it. The rest
 * (private, shared 100.64/10, loopback, link-local, …) is kept: it is needed to fix the router
 * and means nothing outside the LAN.
 */
const MASKED_V4_RANGES: ReadonlySet<Ipv4Range> = new Set<Ipv4Range>(['public', 'documentation'])

/** IPv6 global unicast, 2000::/3 (RFC 4291): the first hextet's top three bits are 001. */
const V6_GLOBAL_MASK = 0xe000
const V6_GLOBAL_BITS = 0x2000

/**
 * Keys whose string values are kept verbatim, wherever they are. Echo and checker URLs (`url`,
 * `external.via`) are the operator's choice, not secret; the rest are fixed vocabulary (enums,
 * fix ids, the start time), which a masked name that happens to equal a word must not garble.
 */
const KEEP_KEYS: ReadonlySet<string> = new Set([
  'url',
  'via',
  'outcome',
  'peerKind',
  'pointsTo',
  'mode',
  'cause',
  'protocol',
  'kind',
  'reason',
  'id',
  'startedAt',
])

/** Top-level fields kept whole: the tool's own name and version say nothing about the network. */
const KEEP_TOP: ReadonlySet<string> = new Set(['tool'])

/** The key holding a certificate's SHA-256: searchable in Certificate Transparency logs, so it names the site. */
const FINGERPRINT_KEY = 'fingerprint256'

/** What a mask looks like; text already masked is left as it is, so redacting twice changes nothing. */
const MASK = /^<(?:public-ip|public-ipv6|name|cert)-\d+>$/

/** A dotted quad, not part of a longer dotted or digit run (`10.203.0.113.70` is not an address). */
const V4_IN_TEXT = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g

/** A run of hex digits, colons and dots with at least two colons, standing alone: an IPv6 candidate. */
const V6_IN_TEXT = /(?<![\w:.])(?=[\w:.]*:[\w.]*:)[0-9A-Fa-f:.]+(?!\w)/g

/** Colon-hex bytes (four or more), optionally cut with `:…` as descriptions shorten fingerprints. */
const HEX_IN_TEXT = /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{2}:){3,}[0-9A-Fa-f]{2}(?::…)?(?![0-9A-Fa-f:])/g

/** A DNS name as certificates carry it (at least one dot); a leading `*.` wildcard is dropped. */
const DNS_NAME = /^(?:\*\.)?([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)\.?$/

/** Characters that continue a DNS label: a name only matches where none of them touches it. */
const LABEL_CHAR = '[A-Za-z0-9_-]'

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The canonical text of an IPv6 address (lower case, zeros compressed), so two spellings share one mask. */
function canonicalV6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1)
}

function isGlobalV6(canonical: string): boolean {
  const first = canonical.startsWith(':') ? 0 : Number.parseInt(canonical.split(':', 1)[0] as string, 16)
  return (first & V6_GLOBAL_MASK) === V6_GLOBAL_BITS
}

/** Hands out masks: the same value always gets the same one, numbered in order of first sight. */
class Masks {
  private readonly seen = new Map<string, string>()
  private readonly counts = new Map<string, number>()

  get(kind: 'public-ip' | 'public-ipv6' | 'name' | 'cert', key: string): string {
    const k = `${kind} ${key}`
    let mask = this.seen.get(k)
    if (mask === undefined) {
      const n = (this.counts.get(kind) ?? 0) + 1
      this.counts.set(kind, n)
      mask = `<${kind}-${n}>`
      this.seen.set(k, mask)
    }
    return mask
  }
}

/** Everything that must be known before any text is masked: the names, fingerprints and kept URLs. */
interface Secrets {
  /** Lower-case names, longest first (so `www.example.com` wins over `example.com`). */
  names: string[]
  /** Upper-case colon-hex fingerprints. */
  fingerprints: string[]
  /** Strings left verbatim wherever they appear in text, longest first. */
  keptUrls: string[]
}

/** A certificate subject's common names (`a.example, b.example`) that look like DNS names. */
function certNames(subject: string | null | undefined): string[] {
  return (subject ?? '')
    .split(', ')
    .map((cn) => DNS_NAME.exec(cn.trim())?.[1])
    .filter((n): n is string => n !== undefined && isIP(n) === 0)
}

/** The parent domain of a name with at least three labels (`app.example.org` → `example.org`): fixes name it on its own (a router's Domain field). */
function parentDomain(name: string): string {
  const rest = name.slice(name.indexOf('.') + 1)
  return isIP(name) === 0 && rest.includes('.') ? rest : ''
}

function secretsOf(report: Report): Secrets {
  const a = report.answeredBy
  // Every service identified: the --target comparison and what answered instead of our listener.
  const sides = [report.target?.viaPublicIp, report.target?.direct, a?.viaPublicIp, a?.gateway, a?.forwardTarget?.service]
  const certs = [...sides.map((s) => s?.tls), ...(report.gateway?.webui?.pages ?? []).map((p) => p.cert)]
  const host = report.dns?.name.replace(/\.$/, '') ?? ''
  const names = [host, parentDomain(host), ...certs.flatMap((c) => [...certNames(c?.subject), ...certNames((c?.sans ?? []).join(', '))])]
    .filter((n) => n !== '' && isIP(n) === 0 && !MASK.test(n))
    .map((n) => n.toLowerCase())
  const fingerprints = sides.map((s) => s?.tls?.fingerprint256.toUpperCase() ?? '').filter((f) => f !== '' && !MASK.test(f))
  const urls = [...report.publicIp.sources, ...(report.ipv6?.sources ?? [])].map((s) => s.url)
  if (report.external !== null) urls.push(report.external.via)
  const byLength = (a: string, b: string): number => b.length - a.length
  return {
    names: [...new Set(names)].sort(byLength),
    fingerprints: [...new Set(fingerprints)],
    keptUrls: [...new Set(urls)].filter((u) => u !== '').sort(byLength),
  }
}

/** Masks one piece of free text that contains no kept URL. */
function maskPlain(text: string, secrets: Secrets, masks: Masks, namePattern: RegExp | null): string {
  let out = text
  // Names first: a name may contain an address (`203.0.113.7.nip.io`) and must go whole.
  if (namePattern !== null) out = out.replace(namePattern, (name) => masks.get('name', name.toLowerCase()))
  out = out.replace(HEX_IN_TEXT, (hex) => {
    const bytes = hex.replace(/:…$/, '').toUpperCase()
    const cut = bytes.length < hex.length
    const fp = secrets.fingerprints.find((f) => (cut ? f.startsWith(`${bytes}:`) : f === bytes))
    return fp === undefined ? hex : masks.get('cert', fp)
  })
  out = out.replace(V6_IN_TEXT, (candidate) => {
    // Sentence punctuation may cling to the end: `… at 2001:db8::1.`
    let address = candidate
    while (!isIPv6(address) && /[:.]$/.test(address)) address = address.slice(0, -1)
    if (!isIPv6(address)) return candidate
    const canonical = canonicalV6(address)
    // Not global (link-local, ULA, IPv4-mapped): kept; an embedded IPv4 part is judged below.
    return isGlobalV6(canonical) ? masks.get('public-ipv6', canonical) + candidate.slice(address.length) : candidate
  })
  return out.replace(V4_IN_TEXT, (candidate) => {
    const range = isIPv4(candidate) ? rangeOf(candidate) : null
    return range !== null && MASKED_V4_RANGES.has(range) ? masks.get('public-ip', candidate) : candidate
  })
}

/** Masks text, leaving any kept URL inside it exactly as it is. */
function maskText(text: string, secrets: Secrets, masks: Masks, namePattern: RegExp | null): string {
  for (const url of secrets.keptUrls) {
    const at = text.indexOf(url)
    if (at >= 0) {
      const before = maskText(text.slice(0, at), secrets, masks, namePattern)
      return before + url + maskText(text.slice(at + url.length), secrets, masks, namePattern)
    }
  }
  return maskPlain(text, secrets, masks, namePattern)
}

/**
 * A deep copy of `report` with every public IPv4 address (public and documentation ranges), every
 * global IPv6 address, the DNS name (`--host`), certificate names and fingerprints (`--target`)
 * replaced by masks such as `<public-ip-1>`, `<public-ipv6-1>`, `<name-1>`, `<cert-1>`, everywhere:
 * in fields and inside free text (summary, warnings, fixes, errors, descriptions). The same value
 * always gets the same mask; numbers follow the order of first appearance in the report. LAN,
 * shared, loopback and link-local addresses, echo and checker URLs, and fixed vocabulary are kept.
 * The copy carries `redacted: true`; the input is never changed, and redacting twice is the same
 * as redacting once.
 */
export function redact(report: Report): RedactedReport {
  const secrets = secretsOf(report)
  const masks = new Masks()
  // Names match case-insensitively, and only as whole labels: `example.com` masks `www.example.com`
  // down to `www.<name-1>` but not `example.com.au` or `myexample.com`.
  const namePattern =
    secrets.names.length === 0
      ? null
      : new RegExp(`(?<!${LABEL_CHAR})(?:${secrets.names.map(escapeRegExp).join('|')})(?!${LABEL_CHAR}|\\.${LABEL_CHAR})`, 'gi')

  const walk = (value: unknown, key: string | null): unknown => {
    if (typeof value === 'string') {
      if (key !== null && KEEP_KEYS.has(key)) return value
      if (key === FINGERPRINT_KEY) return value === '' || MASK.test(value) ? value : masks.get('cert', value.toUpperCase())
      return maskText(value, secrets, masks, namePattern)
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, null))
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]))
    }
    return value
  }

  const copy = Object.fromEntries(
    Object.entries(report).map(([k, v]) => [k, KEEP_TOP.has(k) ? structuredClone(v) : walk(v, k)]),
  ) as unknown as Report
  return { ...copy, redacted: true }
}
