// Reads the gateway's own web interface (GET / over HTTP and HTTPS, no credentials) for what it says about itself.

import { connect as netConnect, isIPv4, type Socket } from 'node:net'
import { connect as tlsConnect, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls'
import { MAX_SANS, MAX_TEXT_CHARS, MIN_STEP_MS } from '../net/service.js'
import { printable } from '../util/sanitize.js'
import type { WebUiPage, WebUiReport } from '../report/report.js'
import { errorText } from './exchange.js'

/**
 * The longest the web UI is read, both pages and their redirects together. An embedded web server
 * answers GET / on the LAN within a few hundred milliseconds, a slow CPU's RSA handshake adds a few
 * hundred more; the rest of the gateway query (2 s) must not wait on a page that will not come.
 */
export const WEBUI_TIMEOUT_MS = 1500

/**
 * Most bytes read of one answer: the headers and the start of the page, where `<title>` and any
 * redirect are. Login pages with inline scripts and styles run to tens of KiB; what identifies
 * them comes first.
 */
export const WEBUI_MAX_BYTES = 32 * 1024

/** Redirects followed from each starting page: http → https, then / → the login page, is what routers do. */
export const WEBUI_MAX_HOPS = 2

/**
 * How far into the body a meta refresh or script redirect is looked for. Redirect shells are tiny
 * pages (OpenWrt's is 0.5 KiB); deeper in a big page `location =` is an event handler (logout,
 * menus), not where the page sends the browser.
 */
export const WEBUI_HINT_CHARS = 4096

/** Longest URL kept in the report (`url`, `location`). */
export const WEBUI_MAX_URL_CHARS = 200

/** What the read needs. */
export interface WebUiOptions {
  /** The gateway's LAN address (IPv4). Redirects are followed to this address only. */
  gateway: string
  /** Bound for the whole read, both pages and their redirects; at most `WEBUI_TIMEOUT_MS` is used. */
  timeoutMs: number
  now(): number
  /** Port of the HTTP page; default 80. Tests use an ephemeral port. */
  httpPort?: number
  /** Port of the HTTPS page; default 443. Tests use an ephemeral port. */
  httpsPort?: number
  /** Aborted when the pages are no longer wanted: every request ends at once, with what it read. */
  signal?: AbortSignal
}

/** An HTTP answer, as far as it was read: what identifies the page. Text fields are made printable; `target` is raw. */
export interface WebUiAnswer {
  status: number
  server: string | null
  title: string | null
  realm: string | null
  /** Where the page sends the browser (the `Location` header, else a meta refresh or script redirect), raw: to resolve, never to show. */
  target: string | null
}

/** What every request of one read shares. */
interface Ctx {
  gateway: string
  deadline: number
  now(): number
  /** Every URL asked or about to be: http → https lands on the page the other chain reads, and nothing is asked twice. */
  asked: Set<string>
  signal?: AbortSignal
}

/** What one connection brought back. */
interface Raw {
  /** What the server sent, at most `WEBUI_MAX_BYTES`, decoded as UTF-8. */
  text: string
  cert: WebUiPage['cert']
  /** A system error code or `timeout` when the connection failed or was cut; null when it ended or enough was read. */
  error: string | null
}

/** Network text made printable and capped; null when nothing is left. */
function field(text: string | null | undefined, max = MAX_TEXT_CHARS): string | null {
  return printable(text ?? '', max) || null
}

/** A few named entities and every numeric one: titles carry `&nbsp;` (Synology) and `&amp;`. */
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Decodes HTML character references; an unknown name stays as it was, an impossible number becomes U+FFFD. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi, (all, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return ENTITIES[name.toLowerCase()] ?? all
    const cp = dec !== undefined ? Number(dec) : parseInt(hex as string, 16)
    return cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp)
  })
}

/** The page's `<title>`, entities decoded, made printable; a title still open where the read stopped counts up to there. */
function titleOf(body: string): string | null {
  const m = /<title\b[^>]*>([\s\S]*?)(?:<\/title\s*>|$)/i.exec(body)
  return m === null ? null : field(decodeEntities(m[1]!))
}

/** The target of a `<meta http-equiv="refresh" content="0; URL=…">` in `html`, with its position. */
function metaRefresh(html: string): { at: number; target: string } | null {
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/http-equiv\s*=\s*["']?\s*refresh\b/i.test(m[0])) continue
    const c = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[0])
    const url = c === null ? null : /(?:^|[;,\s])url\s*=\s*(['"]?)([^'"]*)\1/i.exec(c[1] ?? c[2] ?? c[3]!)
    const target = url === null ? '' : url[2]!.trim()
    if (target !== '') return { at: m.index, target }
  }
  return null
}

/**
 * Script redirects routers use on `/`: `top.location="/login"` (FortiGate, nmap-service-probes),
 * `window.location.href = '…'`, `location.replace("…")`. Only string literals: anything computed is not a target.
 */
const SCRIPT_REDIRECTS = [/\blocation(?:\.href)?\s*=\s*(["'])([^"'\\]*)\1/i, /\blocation\.(?:replace|assign)\(\s*(["'])([^"'\\]*)\1\s*\)/i]

/** Where the start of a page sends the browser without an HTTP redirect: the first meta refresh or script redirect, raw. */
export function redirectHint(body: string): string | null {
  const start = body.slice(0, WEBUI_HINT_CHARS)
  const found = [metaRefresh(start)]
  for (const re of SCRIPT_REDIRECTS) {
    const m = re.exec(start)
    if (m !== null && m[2]!.trim() !== '') found.push({ at: m.index, target: m[2]!.trim() })
  }
  const first = found.filter((f) => f !== null).sort((a, b) => a.at - b.at)[0]
  return first === undefined ? null : first.target
}

/** The status, headers (names lower-cased, in order) and body of an HTTP answer; null when `text` is not one. */
function splitAnswer(text: string): { status: number; headers: Array<[string, string]>; body: string; complete: boolean } | null {
  const status = /^HTTP\/\d(?:\.\d)?[ \t]+(\d{3})(?:[ \t\r\n]|$)/.exec(text)
  if (status === null) return null
  const end = /\r?\n\r?\n/.exec(text)
  const head = end === null ? text : text.slice(0, end.index)
  const headers: Array<[string, string]> = []
  for (const line of head.split(/\r?\n/).slice(1)) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*)$/.exec(line)
    if (m !== null) headers.push([m[1]!.toLowerCase(), m[2]!.trim()])
  }
  return { status: Number(status[1]), headers, body: end === null ? '' : text.slice(end.index + end[0].length), complete: end !== null }
}

/** The first value of header `name`, or null; an empty value counts as none. */
const header = (headers: Array<[string, string]>, name: string): string | null => headers.find(([n]) => n === name)?.[1] || null

/** The realm of the first `WWW-Authenticate` challenge that names one (`Basic realm="NETGEAR R7000"`). */
function realmOf(headers: Array<[string, string]>): string | null {
  for (const [name, value] of headers) {
    const m = name === 'www-authenticate' ? /\brealm\s*=\s*(?:"([^"]*)"|([^\s,]*))/i.exec(value) : null
    if (m !== null) return field(m[1] ?? m[2])
  }
  return null
}

/** Reads what identifies a page from an HTTP answer (as far as it was read); null when `text` is not HTTP. */
export function parseAnswer(text: string): WebUiAnswer | null {
  const a = splitAnswer(text)
  if (a === null) return null
  return {
    status: a.status,
    server: field(header(a.headers, 'server')),
    title: titleOf(a.body),
    realm: realmOf(a.headers),
    target: header(a.headers, 'location') ?? redirectHint(a.body),
  }
}

/**
 * Whether enough of an answer has arrived to stop reading before the server closes: something that
 * is not HTTP; the whole body its `Content-Length` announced; or the title and where the page sends
 * the browser. Routers that ignore `Connection: close` would otherwise hold the read to the deadline.
 */
function enough(text: string): boolean {
  if (text.length >= 5 && !text.startsWith('HTTP/')) return true
  const a = splitAnswer(text)
  if (a === null || !a.complete) return false
  const length = Number(header(a.headers, 'content-length') ?? NaN)
  if (Buffer.byteLength(a.body) >= length) return true
  return /<\/title\s*>/i.test(a.body) && (header(a.headers, 'location') !== null || redirectHint(a.body) !== null)
}

/** One name of a parsed certificate name (`CN`, `O`), made printable; Node gives an array when there are several. */
function nameOf(name: unknown, key: 'CN' | 'O'): string | null {
  const v = (name as Record<string, unknown> | undefined)?.[key]
  return field(Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : null)
}

/** The certificate's names (we identify, we do not trust): subject CN and O, issuer CN, DNS and IP subject alternative names. */
function certNames(socket: TLSSocket): NonNullable<WebUiPage['cert']> {
  const cert = socket.getPeerCertificate() as Partial<PeerCertificate>
  const sans = (cert.subjectaltname ?? '').split(/,\s*/).map((n) => /^(?:DNS|IP Address):(.+)$/.exec(n)?.[1] ?? null)
  return {
    subject: nameOf(cert.subject, 'CN'),
    organization: nameOf(cert.subject, 'O'),
    issuer: nameOf(cert.issuer, 'CN'),
    sans: sans.filter((n): n is string => n !== null).slice(0, MAX_SANS).map((n) => printable(n, MAX_TEXT_CHARS)),
  }
}

/**
 * Connects to `url` (IPv4 host; TLS for https:). Certificates are not verified: we identify, we do not
 * trust, and nothing secret is sent. Old protocol versions and weak keys are accepted for the same reason:
 * older router UIs speak TLS 1.0 with 1024-bit keys ("EE certificate key too weak",
 * AlexandrErohin/home-assistant-tplink-router issues), and Node's defaults would refuse them.
 */
function open(url: URL): Socket {
  const https = url.protocol === 'https:'
  const host = url.hostname
  const port = Number(url.port || DEFAULT_PORTS[url.protocol])
  if (!https) return netConnect({ host, port, family: 4 })
  // `family` reaches net.connect at run time; @types/node leaves it out of ConnectionOptions.
  const options: ConnectionOptions & { family: 4 } = {
    host,
    port,
    family: 4,
    rejectUnauthorized: false,
    minVersion: 'TLSv1',
    ciphers: 'DEFAULT:@SECLEVEL=0',
    ALPNProtocols: ['http/1.1'],
  }
  return tlsConnect(options)
}

/** The port a URL without one means (the WHATWG URL parser drops a scheme's default port). */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 }

/** The request: no credentials, no cookies, HTTP/1.0 so that the answer is neither chunked nor kept alive. */
function request(url: URL): string {
  return `GET ${url.pathname}${url.search} HTTP/1.0\r\nHost: ${url.host}\r\nUser-Agent: hairpin-check\r\nAccept: text/html, */*\r\nConnection: close\r\n\r\n`
}

/** One GET: connect, send, read until the server closes, enough arrived, the cap, or the deadline. Never rejects. */
function fetchRaw(url: URL, ctx: Ctx): Promise<Raw> {
  return new Promise((resolve) => {
    const socket = open(url) // a validated URL (IPv4 host, port 0-65535): connect errors come as events
    const chunks: Buffer[] = []
    let size = 0
    let cert: WebUiPage['cert'] = null
    const stop = (): void => finish('not waited for')
    const finish = (error: string | null): void => {
      clearTimeout(timer)
      ctx.signal?.removeEventListener('abort', stop)
      socket.removeAllListeners()
      socket.on('error', () => {}) // a late error must not become an uncaught exception
      socket.destroy()
      resolve({ text: Buffer.concat(chunks).subarray(0, WEBUI_MAX_BYTES).toString('utf8'), cert, error })
    }
    const timer = setTimeout(() => finish('timeout'), ctx.deadline - ctx.now())
    if (ctx.signal?.aborted) return stop()
    ctx.signal?.addEventListener('abort', stop, { once: true })
    const tls = url.protocol === 'https:'
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      if (tls) cert = certNames(socket as TLSSocket)
      socket.write(request(url))
    })
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size >= WEBUI_MAX_BYTES || enough(Buffer.concat(chunks).toString('utf8'))) finish(null)
    })
    socket.on('end', () => finish(null))
    socket.on('error', (err) => finish(errorText(err)))
  })
}

/** Reads one page; `target` is where it sends the browser (raw), for the caller to follow or not. */
async function readPage(url: URL, ctx: Ctx): Promise<{ page: WebUiPage; target: string | null }> {
  const started = ctx.now()
  const page: WebUiPage = { url: field(url.href, WEBUI_MAX_URL_CHARS)!, status: null, server: null, title: null, location: null, realm: null, cert: null, error: null, ms: 0 }
  if (ctx.deadline - started < MIN_STEP_MS) return { page: { ...page, error: 'timeout' }, target: null }
  const raw = await fetchRaw(url, ctx)
  page.ms = Math.round(ctx.now() - started)
  page.cert = raw.cert
  const answer = parseAnswer(raw.text)
  if (answer === null) {
    page.error = raw.error ?? (raw.text === '' ? 'closed without an answer' : 'not an HTTP answer')
    return { page, target: null }
  }
  // An answer, even one cut short by the cap or the deadline, is read: what arrived identifies the page.
  Object.assign(page, { status: answer.status, server: answer.server, title: answer.title, realm: answer.realm, location: field(answer.target, WEBUI_MAX_URL_CHARS) })
  return { page, target: answer.target }
}

/**
 * The URL a redirect leads to, when it is to be followed: http: or https: on the gateway's own
 * address (any port), without credentials, not asked yet, with time left. Never another host: a
 * name would need DNS, and the gateway's pages say all we ask. Claims it in `asked`.
 */
function followable(target: string | null, base: URL, ctx: Ctx): URL | null {
  if (target === null || ctx.deadline - ctx.now() < MIN_STEP_MS) return null
  let next: URL
  try {
    next = new URL(target, base)
  } catch {
    return null
  }
  if (!/^https?:$/.test(next.protocol) || next.hostname !== ctx.gateway || next.username !== '' || next.password !== '') return null
  next.hash = ''
  if (ctx.asked.has(next.href)) return null
  ctx.asked.add(next.href)
  return next
}

/** Reads `start` and follows its redirects, at most `WEBUI_MAX_HOPS`. */
async function readChain(start: URL, ctx: Ctx): Promise<WebUiPage[]> {
  const pages: WebUiPage[] = []
  let url: URL | null = start
  for (let hop = 0; url !== null; hop++) {
    const { page, target }: { page: WebUiPage; target: string | null } = await readPage(url, ctx)
    pages.push(page)
    url = hop < WEBUI_MAX_HOPS ? followable(target, url, ctx) : null
  }
  return pages
}

/**
 * Reads the gateway's web interface without credentials: GET / over HTTP and over HTTPS in parallel,
 * each following its redirects while they stay on the gateway's address (at most `WEBUI_MAX_HOPS`),
 * every answer capped at `WEBUI_MAX_BYTES`, the whole read bounded by `timeoutMs` and
 * `WEBUI_TIMEOUT_MS`. Pages come in order: the HTTP chain, then the HTTPS chain. No pages when the
 * gateway is not an IPv4 address (or a port is not one). Never rejects.
 */
export async function readWebUi(opts: WebUiOptions): Promise<WebUiReport> {
  if (!isIPv4(opts.gateway)) return { pages: [] }
  const ctx: Ctx = { gateway: opts.gateway, deadline: opts.now() + Math.min(opts.timeoutMs, WEBUI_TIMEOUT_MS), now: opts.now, asked: new Set(), signal: opts.signal }
  let starts: URL[]
  try {
    starts = [new URL(`http://${opts.gateway}:${opts.httpPort ?? 80}/`), new URL(`https://${opts.gateway}:${opts.httpsPort ?? 443}/`)]
  } catch {
    return { pages: [] }
  }
  for (const url of starts) ctx.asked.add(url.href)
  const chains = await Promise.all(starts.map((url) => readChain(url, ctx)))
  return { pages: chains.flat() }
}
