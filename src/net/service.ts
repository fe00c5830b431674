// Tells what answers on host:port (TLS certificate, server-speaks-first banner, HTTP status) so two paths can be compared.

import { connect as netConnect, isIP, type Socket } from 'node:net'
import { checkServerIdentity, connect as tlsConnectDefault, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls'
import { outcomeForError } from './probe.js'
import { printable } from '../util/sanitize.js'
import type { ServiceIdentity, TlsIdentity } from '../report/report.js'

/** How long each step waits; the whole identification is bounded by `timeoutMs` as well. */
export interface ServiceWaits {
  /** Wait for an unprompted banner after the first connect. */
  bannerMs: number
  /** Wait for the TLS connection and handshake together. */
  tlsMs: number
  /** Wait for the answer to the GET request (plain or inside TLS). */
  httpMs: number
}

/** What `identifyService` needs. `connect`, `tlsConnect` and `waits` are injectable for tests. */
export interface IdentifyOptions {
  host: string
  port: number
  /** Name to send as TLS SNI and HTTP `Host` (from `--host`); an IP address is never sent as SNI. */
  servername?: string | null
  /** Bound for the whole identification, every step included. */
  timeoutMs: number
  now(): number
  waits?: Partial<ServiceWaits>
  connect?: (opts: { host: string; port: number; family: 4 }) => Socket
  tlsConnect?: (opts: ConnectionOptions) => TLSSocket
}

/**
 * Wait for a server-speaks-first banner. SSH, SMTP and FTP servers greet within milliseconds
 * on a LAN; this leaves room for a slow embedded box. Every banner-less service (HTTP, TLS) pays
 * it once per path, so it stays short.
 */
export const BANNER_WAIT_MS = 750

/**
 * Wait for the TLS connection and handshake. A LAN handshake takes milliseconds, a router
 * signing with RSA-2048 on a slow CPU a few hundred; past this the service is taken as not TLS.
 */
export const TLS_HANDSHAKE_MS = 2000

/** Wait for the answer to GET /. Embedded web UIs can be slow to build even a small page. */
export const HTTP_ANSWER_MS = 2000

/** The default step waits. */
export const DEFAULT_WAITS: Readonly<ServiceWaits> = { bannerMs: BANNER_WAIT_MS, tlsMs: TLS_HANDSHAKE_MS, httpMs: HTTP_ANSWER_MS }

/**
 * A step with less time than this left is skipped: it could not finish, and opening a connection
 * doomed to time out only adds noise on the path (timers may also fire a millisecond early).
 */
export const MIN_STEP_MS = 20

/** Most bytes read for a banner: an SSH identification line is at most 255 bytes, SMTP/FTP greetings shorter. */
export const MAX_BANNER_BYTES = 1024

/** Most bytes read of an HTTP answer: the status line, a usual header block, and the start of a page, where its `<title>` is. */
export const MAX_HTTP_BYTES = 16384

/** Longest banner, `Server` header or certificate name kept, in characters (SSH allows 255 bytes; the start identifies). */
export const MAX_TEXT_CHARS = 120

/** How many bytes of the SHA-256 fingerprint `describeService` shows: plenty to tell two certificates apart. */
export const FINGERPRINT_SHOWN_BYTES = 8

/** How one connection of a step went. */
interface Conversation {
  /** Whether the socket got to `connect` / `secureConnect`. */
  ready: boolean
  /** What the peer sent, capped. */
  data: Buffer
  error: NodeJS.ErrnoException | null
  /** Whether our timer ended it (before `ready`: the connect or handshake; after: the answer). */
  timedOut: boolean
}

interface ConverseOptions {
  /** The event that means the connection is usable. */
  readyEvent: 'connect' | 'secureConnect'
  /** Time allowed to get `ready`. */
  readyMs: number
  /** Time allowed for the answer, computed when ready (so it can follow the deadline). */
  answerMs(): number
  /** What to send once ready; null sends nothing. */
  send: string | null
  maxBytes: number
  /** Whether what arrived so far is enough to stop reading. */
  enough(text: string): boolean
  onReady?(socket: Socket): void
}

/**
 * Runs one connection: wait to be ready, maybe send, read until enough, capped, or out of time;
 * always destroys the socket. `open` throwing (a bad port, bad TLS options) is an error of the step.
 */
function converse(open: () => Socket, o: ConverseOptions): Promise<Conversation> {
  return new Promise((resolve) => {
    let ready = false
    let error: NodeJS.ErrnoException | null = null
    let socket: Socket
    try {
      socket = open()
    } catch (err) {
      resolve({ ready, data: Buffer.alloc(0), error: err as NodeJS.ErrnoException, timedOut: false })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const finish = (timedOut: boolean): void => {
      clearTimeout(timer)
      socket.removeAllListeners()
      socket.on('error', () => {})
      socket.destroy()
      resolve({ ready, data: Buffer.concat(chunks).subarray(0, o.maxBytes), error, timedOut })
    }
    let timer = setTimeout(() => finish(true), o.readyMs)
    socket.on(o.readyEvent, () => {
      ready = true
      o.onReady?.(socket)
      clearTimeout(timer)
      timer = setTimeout(() => finish(true), o.answerMs())
      if (o.send !== null) socket.write(o.send)
    })
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size >= o.maxBytes || o.enough(Buffer.concat(chunks).toString('utf8'))) finish(false)
    })
    socket.on('end', () => finish(false))
    socket.on('error', (err: NodeJS.ErrnoException) => {
      error = err
      finish(false)
    })
  })
}

/** The first line of `text`, made printable and capped. */
function firstLine(text: string): string {
  return printable(text.split('\n', 1)[0] as string, MAX_TEXT_CHARS) // split always yields one element
}

/** Kind of a server-speaks-first service by its first line: SSH says `SSH-`, SMTP and FTP greet with `220`. */
export function bannerKind(line: string): 'ssh' | 'smtp' | 'ftp' | 'banner' {
  if (line.startsWith('SSH-')) return 'ssh'
  // Both greet with 220. Mail servers mostly say ESMTP; FTP servers mostly name themselves (vsFTPd,
  // ProFTPD, Pure-FTPd, "Microsoft FTP Service", FileZilla). A 220 that says neither is taken as SMTP.
  if (/^220(?:[ -]|$)/.test(line)) return !/\bE?SMTP\b/i.test(line) && /FTP|FileZilla/i.test(line) ? 'ftp' : 'smtp'
  return 'banner'
}

/** The page's `<title>`, made printable, or null when the start of the body has none. */
function titleOf(body: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title\s*>/i.exec(body)
  return m === null ? null : printable(m[1]!.replace(/\s+/g, ' ').trim(), MAX_TEXT_CHARS) || null
}

/** Status, `Server` header and page title of an HTTP answer, or null when `text` is not one. */
export function parseHttp(text: string): { status: number; server: string | null; title: string | null } | null {
  const status = /^HTTP\/\d(?:\.\d)?[ \t]+(\d{3})(?:\s|$)/.exec(text)
  if (status === null) return null
  const end = /\r?\n\r?\n/.exec(text)
  const head = end === null ? text : text.slice(0, end.index)
  const server = /^server[ \t]*:(.*)$/im.exec(head)
  return {
    status: Number(status[1]),
    server: server === null ? null : printable(server[1] as string, MAX_TEXT_CHARS) || null,
    title: end === null ? null : titleOf(text.slice(end.index + end[0].length)),
  }
}

/** Whether an answer to GET is complete enough: the title, or the first line of something not HTTP (else the cap or the close ends it). */
function answerComplete(text: string): boolean {
  if (/<\/title\s*>/i.test(text)) return true
  return text.includes('\n') && !text.startsWith('HTTP/')
}

/** The common name(s) in a parsed certificate name, made printable; Node gives an array when there are several. */
function commonName(name: unknown): string | null {
  const cn = (name as { CN?: unknown } | undefined)?.CN
  if (Array.isArray(cn)) return printable(cn.join(', '), MAX_TEXT_CHARS)
  return typeof cn === 'string' ? printable(cn, MAX_TEXT_CHARS) : null
}

/** Most subject alternative names kept: a certificate for a router or a site names a handful; CDNs list hundreds. */
export const MAX_SANS = 32

/** The DNS names and IP addresses in `subjectaltname` (`DNS:a, IP Address:b`), made printable. */
function altNames(san: string | undefined): string[] {
  if (san === undefined) return []
  const names = san.split(/,\s*/).map((n) => /^(?:DNS|IP Address):(.*)$/.exec(n)?.[1] ?? null)
  return names.filter((n): n is string => n !== null && n !== '').slice(0, MAX_SANS).map((n) => printable(n, MAX_TEXT_CHARS))
}

/** The identity of the certificate on a connected TLS socket; `name`: the SNI sent, to check the certificate against. */
function tlsIdentity(socket: TLSSocket, name: string | undefined): TlsIdentity {
  // Without a certificate Node returns `{}`: only with PSK or anonymous ciphers, which we never offer.
  const cert = socket.getPeerCertificate() as Partial<PeerCertificate>
  const o = (cert.subject as { O?: unknown } | undefined)?.O
  // Identify, never trust: the handshake went through whatever the chain; this says what a browser would think.
  const trusted = socket.authorized === true
  return {
    fingerprint256: cert.fingerprint256 ?? '',
    subject: commonName(cert.subject),
    issuer: commonName(cert.issuer),
    validTo: cert.valid_to ?? null,
    alpn: socket.alpnProtocol || null,
    organization: typeof o === 'string' ? printable(o, MAX_TEXT_CHARS) : null,
    sans: altNames(cert.subjectaltname),
    trusted,
    validForName: name === undefined ? null : trusted && checkServerIdentity(name, cert as PeerCertificate) === undefined,
  }
}

/** One-line reason for a failed step. */
function why(c: Conversation): string {
  if (c.error !== null) return c.error.code ?? printable(c.error.message, MAX_TEXT_CHARS)
  return c.timedOut ? 'timeout' : 'closed'
}

/** What every identification step shares: the options, the clock, the request, and how to build a result. */
interface Ident {
  opts: IdentifyOptions
  waits: ServiceWaits
  connect: NonNullable<IdentifyOptions['connect']>
  tlsConnect: NonNullable<IdentifyOptions['tlsConnect']>
  /** The TLS server name, when there is a DNS name to send. */
  sni: string | undefined
  /** The GET request both HTTP steps send. */
  head: string
  remaining(): number
  result(extra: Partial<ServiceIdentity>): ServiceIdentity
}

function identContext(opts: IdentifyOptions): Ident {
  const started = opts.now()
  const deadline = started + opts.timeoutMs
  // Whatever is not a host name character is dropped, so a name can never inject a header line.
  const clean = (name: string): string => name.replace(/[^\w.:[\]-]/g, '')
  const name = clean(opts.servername ?? '')
  return {
    opts,
    waits: { ...DEFAULT_WAITS, ...opts.waits },
    connect: opts.connect ?? netConnect,
    tlsConnect: opts.tlsConnect ?? tlsConnectDefault,
    // SNI carries a DNS name only: not an IP address (RFC 6066; Node warns about one), nothing with a
    // port or brackets. Without a name no SNI goes out (tls.connect adds none), so both paths ask alike.
    sni: /^[\w.-]+$/.test(name) && isIP(name) === 0 ? name : undefined,
    head: `GET / HTTP/1.0\r\nHost: ${name || clean(opts.host)}\r\nConnection: close\r\n\r\n`,
    remaining: () => deadline - opts.now(),
    result: (extra) => ({ outcome: 'ok', kind: null, banner: null, tls: null, http: null, error: null, ms: Math.round(opts.now() - started), ...extra }),
  }
}

/** 1. Plain connection, send nothing: a server-speaks-first service names itself in its first line. Null: it said nothing. */
async function bannerStep(c: Ident): Promise<ServiceIdentity | null> {
  const { opts } = c
  const plain = await converse(() => c.connect({ host: opts.host, port: opts.port, family: 4 }), {
    readyEvent: 'connect',
    readyMs: opts.timeoutMs,
    answerMs: () => Math.min(c.waits.bannerMs, c.remaining()),
    send: null,
    maxBytes: MAX_BANNER_BYTES,
    enough: (text) => text.includes('\n'),
  })
  if (!plain.ready) {
    if (plain.error === null) return c.result({ outcome: 'timeout' })
    // Before the handshake completes outcomeForError never says 'wrong-service'.
    const outcome = outcomeForError(plain.error.code, false) as ServiceIdentity['outcome']
    return c.result({ outcome, error: why(plain) })
  }
  if (plain.data.length === 0) return null
  const banner = firstLine(plain.data.toString('utf8'))
  return c.result({ kind: bannerKind(banner), banner })
}

/** Why a step was not tried: the time ran out. A `silent` result with a step skipped so is no identity. */
export const OUT_OF_TIME = 'skipped, out of time'

/** 2. TLS: identify by certificate (we identify, we do not trust), then ask GET / inside it. A string: why it was not TLS. */
async function tlsStep(c: Ident): Promise<ServiceIdentity | string> {
  if (c.remaining() < MIN_STEP_MS) return OUT_OF_TIME
  const seen: { tls: TlsIdentity | null } = { tls: null }
  // `family` reaches net.connect at run time; @types/node leaves it out of ConnectionOptions.
  const tlsOptions: ConnectionOptions & { family: 4 } = {
    host: c.opts.host,
    port: c.opts.port,
    family: 4,
    servername: c.sni,
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
  }
  const secure = await converse(() => c.tlsConnect(tlsOptions), {
    readyEvent: 'secureConnect',
    readyMs: Math.min(c.waits.tlsMs, c.remaining()),
    answerMs: () => Math.min(c.waits.httpMs, c.remaining()),
    send: c.head,
    maxBytes: MAX_HTTP_BYTES,
    enough: answerComplete,
    onReady: (socket) => (seen.tls = tlsIdentity(socket as TLSSocket, c.sni)),
  })
  if (seen.tls === null) return why(secure)
  const text = secure.data.toString('utf8')
  const http = parseHttp(text)
  const banner = http === null && text !== '' ? firstLine(text) : null
  return c.result({ kind: 'tls', tls: seen.tls, http, banner })
}

/** 3. Plain GET: an HTTP server answers with a status line; anything else that answers is named by its first line. */
async function httpStep(c: Ident): Promise<ServiceIdentity | string> {
  if (c.remaining() < MIN_STEP_MS) return OUT_OF_TIME
  const asked = await converse(() => c.connect({ host: c.opts.host, port: c.opts.port, family: 4 }), {
    readyEvent: 'connect',
    readyMs: c.remaining(),
    answerMs: () => Math.min(c.waits.httpMs, c.remaining()),
    send: c.head,
    maxBytes: MAX_HTTP_BYTES,
    enough: answerComplete,
  })
  const text = asked.data.toString('utf8')
  const http = parseHttp(text)
  if (http !== null) return c.result({ kind: 'http', http })
  if (text === '') return why(asked)
  // A late greeting (after the banner wait) lands here too, so classify it like a banner.
  const banner = firstLine(text)
  return c.result({ kind: bannerKind(banner), banner })
}

/**
 * Finds out what answers on `host:port`, without trusting or logging in to it:
 * 1. a plain connection, silent for a short wait, catches server-speaks-first banners (SSH, SMTP, FTP);
 * 2. failing that, a TLS handshake yields the certificate, and a GET / inside it the HTTP status and title;
 * 3. failing that, a GET / on a plain connection yields the HTTP status, `Server` and title;
 * 4. failing that, the service is `silent`.
 * Every step's wait is bounded by the overall `timeoutMs`. Never rejects.
 */
export async function identifyService(opts: IdentifyOptions): Promise<ServiceIdentity> {
  const c = identContext(opts)
  const banner = await bannerStep(c)
  if (banner !== null) return banner
  const tls = await tlsStep(c)
  if (typeof tls !== 'string') return tls
  const http = await httpStep(c)
  if (typeof http !== 'string') return http
  // 4. Accepted, and nothing intelligible in the time we had.
  return c.result({ kind: 'silent', error: `no banner; TLS: ${tls}; HTTP: ${http}` })
}

/**
 * Whether two identifications show the same service, by the strongest evidence both have:
 * TLS certificate fingerprint, then banner, then HTTP status and `Server`, then kind.
 * Null when either side could not be identified (nothing accepted the connection, or it stayed
 * silent only because the time ran out).
 * Different kinds are different services (a TLS server and a plain web UI are not one service).
 */
export function sameService(a: ServiceIdentity, b: ServiceIdentity): boolean | null {
  if (a.kind === null || b.kind === null) return null
  // Silent only because a step had no time left: nothing is known about it.
  const cut = (x: ServiceIdentity): boolean => x.kind === 'silent' && String(x.error).includes(OUT_OF_TIME)
  if (cut(a) || cut(b)) return null
  if (a.kind !== b.kind) return false
  if (a.tls !== null && b.tls !== null) return a.tls.fingerprint256.toUpperCase() === b.tls.fingerprint256.toUpperCase()
  if (a.banner !== null || b.banner !== null) return a.banner === b.banner
  if (a.http !== null && b.http !== null) return a.http.status === b.http.status && a.http.server === b.http.server
  // Both null: the same kind is all the evidence there is (two silent services). One null: different.
  return a.http === b.http
}

/** The start of a colon-hex fingerprint, for a line a human reads. */
function shortFingerprint(fp: string): string {
  const bytes = fp.split(':')
  return bytes.length > FINGERPRINT_SHOWN_BYTES ? `${bytes.slice(0, FINGERPRINT_SHOWN_BYTES).join(':')}:…` : fp
}

/** `HTTP 400, Server: router-webui` or `HTTP 404, no Server header`. */
function describeHttp(http: NonNullable<ServiceIdentity['http']>): string {
  const title = http.title === null ? '' : `, title "${http.title}"`
  return `HTTP ${http.status}, ${http.server === null ? 'no Server header' : `Server: ${http.server}`}${title}`
}

/** Labels for a service named by its first line. */
const BANNER_LABELS = { ssh: 'SSH banner', smtp: 'SMTP banner', ftp: 'FTP banner', banner: 'unrecognised service, first line' } as const

/**
 * One line for a human, e.g. `TLS certificate CN=server.lab (SHA-256 AB:CD:…), HTTP 200, Server: lab-server`,
 * `SSH banner "SSH-2.0-OpenSSH_9.2"`, `HTTP 400, Server: router-webui`, `nothing accepted the connection (refused)`.
 */
export function describeService(id: ServiceIdentity): string {
  switch (id.kind) {
    case null: {
      const detail = (id.outcome === 'error' || id.outcome === 'unreachable') && id.error !== null ? `, ${id.error}` : ''
      return `nothing accepted the connection (${id.outcome}${detail})`
    }
    case 'tls': {
      const tls = id.tls as TlsIdentity // kind 'tls' always carries its certificate
      const name = tls.subject === null ? 'without a CN' : `CN=${tls.subject}`
      const issuer = tls.issuer !== null && tls.issuer !== tls.subject ? `, issued by CN=${tls.issuer}` : ''
      const cert = tls.fingerprint256 === '' ? 'TLS without a certificate' : `TLS certificate ${name}${issuer} (SHA-256 ${shortFingerprint(tls.fingerprint256)})`
      const inner = id.http !== null ? `, ${describeHttp(id.http)}` : id.banner !== null ? `, then "${id.banner}"` : ''
      return cert + inner
    }
    case 'http':
      return describeHttp(id.http!) // kind 'http' always carries its answer
    case 'silent':
      return 'a service that accepted the connection but sent no banner, TLS or HTTP answer'
    default:
      return `${BANNER_LABELS[id.kind]} "${id.banner}"`
  }
}
