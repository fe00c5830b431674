// Step 1: learns the public IP (IPv4, and IPv6 where the host has it) by asking several echo services at once (pure logic, HTTP injected).

import { isIPv4, isIPv6 } from 'node:net'
import type { HttpGet } from '../net/http.js'
import { normalizeAddress, rangeOf, type Ipv4Range } from '../util/ip.js'
import { hasInvisibles, printable } from '../util/sanitize.js'
import type { EchoSource } from '../report/report.js'

/**
 * Echo services asked by default: independent operators, each answering plain text on exactly
 * this URL (no HTML, no redirect), over HTTPS so nothing on the path can forge the answer.
 */
export const DEFAULT_ECHO_URLS: readonly string[] = Object.freeze([
  'https://api.ipify.org',
  'https://icanhazip.com',
  'https://ifconfig.co/ip',
  'https://checkip.amazonaws.com',
  'https://ipinfo.io/ip',
])

/**
 * Per request, applied to each phase (connect including DNS and TLS, headers, every gap in the
 * body). A healthy service answers in well under a second; 2.5 s still covers the three or four
 * round trips of DNS + TCP + TLS on a ~600 ms satellite link, while a service that silently
 * drops our SYNs is given up on quickly. undici checks these timers on a ~0.5 s tick, so
 * they fire up to about a second late.
 */
export const ECHO_REQUEST_TIMEOUT_MS = 2500

/**
 * Echo services asked over IPv6 by default: the IPv6-only names of independent operators, so an
 * answer can only come over IPv6.
 */
export const DEFAULT_ECHO_URLS_V6: readonly string[] = Object.freeze([
  'https://api6.ipify.org',
  'https://ipv6.icanhazip.com',
  'https://v6.ident.me',
  'https://ifconfig.co/ip',
])

/** The address family an echo request is pinned to. */
export type Family = 4 | 6

/**
 * Overall deadline for the whole step, whatever each request does (a body trickling a byte at a
 * time never trips the per-gap timeout). Above the request timeout plus undici's timer slack, so
 * a slow but working service still gets its full chance; low enough that a run with every
 * service blocked ends in a few seconds.
 */
export const ECHO_DEADLINE_MS = 4000

/** Largest answer read from an echo service: an address is at most a few hundred bytes even as JSON. */
export const ECHO_MAX_BYTES = 4096

/** Longest error message kept from an HTTP layer that does not keep its own short. */
export const MAX_ERROR_CHARS = 200

/** Snippet length in parse errors: enough to recognise the answer, short enough for one line. */
export const SNIPPET_CHARS = 40

/** JSON keys echo services use for the address (ipify/ifconfig.co `ip`, some `address`, ip-api `query`). */
const JSON_ADDRESS_KEYS = ['ip', 'address', 'query'] as const

/**
 * Parses a JSON answer of a web service into its fields: an object's own, none for any other
 * JSON value (so a missing field reads as undefined).
 *
 * @throws Error `not valid JSON: "…"` with a short printable snippet.
 */
export function jsonFields(text: string): Record<string, unknown> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error(`not valid JSON: "${printable(text, SNIPPET_CHARS)}"`)
  }
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
}

function addressFromJson(text: string): string {
  const record = jsonFields(text)
  for (const key of JSON_ADDRESS_KEYS) {
    const value = record[key]
    if (typeof value === 'string') return value
  }
  throw new Error(`JSON answer without an "ip" field: "${printable(text, SNIPPET_CHARS)}"`)
}

/**
 * Parses one echo service's answer: plain text (first non-empty line), JSON with an `ip`
 * (or `address` / `query`) field, or `key=value` lines with `ip=` (Cloudflare `/cdn-cgi/trace`).
 * An IPv4-mapped IPv6 literal (`::ffff:a.b.c.d`) counts as IPv4.
 *
 * @returns the address literal of the family asked for (IPv4 by default).
 * @throws Error with a one-line reason, e.g. `not an IP address: "…"`, `looks like HTML: "…"`,
 *   `answered an IPv6 address, IPv4 was asked`; any quoted snippet is made printable and short.
 */
export function parseEchoAnswer(body: string, contentType: string | null, family: Family = 4): string {
  const text = body.trim() // String#trim also drops a leading BOM
  if (text === '') throw new Error('empty answer')
  const type = (contentType ?? '').toLowerCase()
  let candidate: string
  // Some services label JSON as text/plain, so the shape counts as much as the header.
  if (type.includes('json') || text.startsWith('{')) {
    candidate = addressFromJson(text)
  } else if (type.includes('html') || text.startsWith('<')) {
    throw new Error(`looks like HTML, not an address: "${printable(text, SNIPPET_CHARS)}"`)
  } else {
    const trace = /^ip=(.*)$/m.exec(text)
    candidate = trace ? trace[1]! : text.split(/\r?\n/, 1)[0]!
  }
  const address = normalizeAddress(candidate.trim())
  const is = { 4: isIPv4, 6: isIPv6 }
  if (is[family](address)) return address.toLowerCase()
  const other = family === 4 ? 6 : 4
  if (is[other](address)) throw new Error(`answered an IPv${other} address, IPv${family} was asked`)
  throw new Error(`not an IP address: "${printable(text, SNIPPET_CHARS)}"`)
}

/**
 * Checks a user-given echo service URL: an absolute `http://` or `https://` URL with a host name
 * or an address of the family asked for, and no user name or password (the URL is printed in reports).
 *
 * @returns the URL as given, without surrounding whitespace.
 * @throws Error with a one-line reason.
 */
export function validateEchoUrl(s: string, family: Family = 4): string {
  const text = s.trim()
  const shown = printable(text)
  // The URL is printed in every report: nothing in it may steer a terminal.
  if (hasInvisibles(text)) throw new Error(`echo URL contains control or invisible characters: "${shown}"`)
  if (!/^https?:\/\//i.test(text)) throw new Error(`echo URL must start with http:// or https://: "${shown}"`)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`echo URL is not a valid URL: "${shown}"`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('echo URL must not contain a user name or password')
  }
  // Requests are pinned to one family: a literal of the other could never be reached.
  const v6Literal = url.hostname.startsWith('[')
  if (family === 4 && v6Literal) throw new Error(`echo URL has an IPv6 address, IPv4 is asked: "${shown}"`)
  if (family === 6 && isIPv4(url.hostname)) throw new Error(`echo URL has an IPv4 address, IPv6 is asked: "${shown}"`)
  return text
}

/** How `discoverPublicIp` asks the echo services. */
export interface DiscoverOptions {
  /** Echo service URLs, all asked at once; `sources` keeps this order. */
  urls: readonly string[]
  /** The HTTP client (see `createHttpGet` in `http.ts`); injected so tests need no network. */
  http: HttpGet
  /** A monotonic clock in milliseconds, e.g. `performance.now`. */
  now(): number
  /** Per-request timeout; default `ECHO_REQUEST_TIMEOUT_MS`. */
  requestTimeoutMs?: number
  /** Overall deadline; default `ECHO_DEADLINE_MS`. */
  deadlineMs?: number
  /** The family asked for; the HTTP client must be pinned to the same. Default 4. */
  family?: Family
  /** When a silent service is asked again; default `ECHO_HEDGE_MS`. */
  hedgeMs?: number
}

/** What the echo services said. */
export interface DiscoverResult {
  /** The public IPv4 address accepted (the first candidate), or null when no service answered one. */
  address: string | null
  /** Every configured URL, in the configured order, with its answer or error. */
  sources: EchoSource[]
  /** Every distinct usable answer, most votes first, ties in order of arrival. */
  candidates: Array<{ address: string; votes: number }>
}

/**
 * If an echo service has not answered after this long, the same request is sent again beside
 * it and the first answer wins: a lost SYN or TLS segment costs the kernel's 1 s retransmission
 * (RFC 6298), and a second connection half a second later usually beats it.
 */
export const ECHO_HEDGE_MS = 500

/** Why an echo answer in a special-purpose range is not a public address (documentation ranges are: labs use them). */
const NOT_PUBLIC: Partial<Record<Ipv4Range, string>> = {
  private: 'a private address (RFC 1918)',
  shared: 'in 100.64.0.0/10, the shared space of carrier-grade NAT (RFC 6598)',
  loopback: 'a loopback address',
  'link-local': 'a link-local address',
  unspecified: 'in 0.0.0.0/8, "this network"',
  multicast: 'a multicast address',
  reserved: 'in 240.0.0.0/4, reserved',
}

/** Why `address` cannot be a public address of ours, or null when it can (IPv6 answers are not judged). */
export function notPublic(address: string): string | null {
  const range = rangeOf(address)
  return range === null ? null : (NOT_PUBLIC[range] ?? null)
}

/** Error recorded for requests cancelled because the answer was already settled. */
export const NOT_NEEDED = 'not needed: two sources already agreed'

/**
 * The distinct answers with their votes, most first; among equally frequent answers, the one that
 * arrived first. `arrivals` lists the answered addresses in order of arrival.
 */
export function tally(arrivals: readonly string[]): Array<{ address: string; votes: number }> {
  const counts = new Map<string, number>()
  for (const a of arrivals) counts.set(a, (counts.get(a) ?? 0) + 1)
  // Map keeps first-arrival order; a stable sort by votes keeps it among equals.
  return [...counts].map(([address, votes]) => ({ address, votes })).sort((a, b) => b.votes - a.votes)
}

/** One echo service's answer, checked: its address, or the reason it is not usable. */
async function askOne(http: HttpGet, url: string, signal: AbortSignal, timeoutMs: number, family: Family): Promise<string> {
  const answer = await http(url, { signal, timeoutMs, maxBytes: ECHO_MAX_BYTES })
  return parseEchoAnswer(answer.body, answer.contentType, family)
}

/**
 * Asks every echo service at once for our public IPv4 address; a service silent for
 * `ECHO_HEDGE_MS` is asked a second time beside the first, and its first answer counts.
 *
 * Accepts as soon as two services agree (the rest are cancelled and recorded as not needed).
 * Otherwise, once all have finished or the overall deadline has passed (anything still running
 * is aborted and recorded), the most frequent answer wins, ties going to the earliest; a single
 * answer is accepted. An IPv4 answer that cannot be a public address (see `notPublic`) is
 * recorded with the reason and never counts. No answer at all gives `address: null`. Never rejects.
 */
export function discoverPublicIp(opts: DiscoverOptions): Promise<DiscoverResult> {
  const { urls, http, now } = opts
  const family = opts.family ?? 4
  const timeoutMs = opts.requestTimeoutMs ?? ECHO_REQUEST_TIMEOUT_MS
  const deadlineMs = opts.deadlineMs ?? ECHO_DEADLINE_MS
  const hedgeMs = opts.hedgeMs ?? ECHO_HEDGE_MS
  const sources: EchoSource[] = urls.map((url) => ({ url, address: null, error: null, ms: null, rejected: null }))
  if (urls.length === 0) return Promise.resolve({ address: null, sources, candidates: [] })

  return new Promise((resolve) => {
    const controllers = urls.map(() => new AbortController())
    const hedges: Array<NodeJS.Timeout | undefined> = []
    const startedAt: number[] = []
    const settled: boolean[] = urls.map(() => false)
    const inFlight: number[] = urls.map(() => 0)
    const arrivals: string[] = []
    let pending = urls.length

    const finish = (): void => {
      clearTimeout(deadline)
      for (const h of hedges) clearTimeout(h)
      const candidates = tally(arrivals)
      resolve({ address: candidates[0]?.address ?? null, sources, candidates })
    }
    const settle = (i: number, source: Omit<EchoSource, 'url' | 'ms'>): void => {
      settled[i] = true
      clearTimeout(hedges[i])
      pending--
      sources[i] = { url: urls[i]!, ...source, ms: Math.round(now() - startedAt[i]!) }
    }
    const cancelPending = (reason: string): void => {
      urls.forEach((_, i) => {
        if (settled[i]) return
        settle(i, { address: null, error: reason, rejected: null })
        controllers[i]!.abort(new Error(reason))
      })
    }
    const deadline = setTimeout(() => {
      cancelPending(`no answer before the ${deadlineMs} ms deadline`)
      finish()
    }, deadlineMs)

    const answered = (i: number, address: string): void => {
      const rejected = family === 4 ? notPublic(address) : null
      settle(i, { address, error: null, rejected })
      if (rejected === null) arrivals.push(address)
      if (rejected === null && arrivals.filter((a) => a === address).length >= 2) {
        cancelPending(NOT_NEEDED)
        finish()
      } else if (pending === 0) finish()
    }
    const failed = (i: number, err: unknown): void => {
      // A hedged twin may still answer: only the last request out decides the failure.
      if (--inFlight[i]! > 0) return
      const message = err instanceof Error ? err.message : String(err)
      settle(i, { address: null, error: printable(message, MAX_ERROR_CHARS), rejected: null })
      if (pending === 0) finish()
    }
    const ask = (i: number): void => {
      inFlight[i]!++
      // The executor turns a synchronous throw of `http` into a rejection like any other failure.
      new Promise<string>((res) => res(askOne(http, urls[i]!, controllers[i]!.signal, timeoutMs, family))).then(
        (address) => void (settled[i] || answered(i, address)),
        (err: unknown) => void (settled[i] || failed(i, err)),
      )
    }
    urls.forEach((_, i) => {
      startedAt[i] = now()
      ask(i)
      hedges[i] = setTimeout(() => settled[i] || ask(i), hedgeMs)
    })
  })
}

/**
 * One line saying why no public IP was learned and what to do, naming each service's error
 * (by host, so the line stays readable).
 */
export function describeDiscoveryFailure(sources: readonly EchoSource[]): string {
  const why = sources.map((s) => `${hostOf(s.url)}: ${s.error ?? 'no address'}`).join('; ')
  return `could not learn the public IP: none of the ${sources.length} echo services answered with an address (${why}); pass --public-ip ADDR, or --echo-url URL for a service you can reach`
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
