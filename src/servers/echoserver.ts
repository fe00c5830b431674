// `hairpin-check echo-server`: a self-hostable what-is-my-IP service (/, /ip, /json) whose /port/N dials only the caller's own address.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, isIPv4, isIPv6, type Socket } from 'node:net'
import { listenOn } from '../net/bind.js'
import { normalizeAddress } from '../util/ip.js'
import { createRateLimiter } from '../util/ratelimit.js'
import { printable } from '../util/sanitize.js'

/**
 * How long a /port/N check waits for the caller's port to accept. The same 2 s echoip (ifconfig.co)
 * uses, so our answers mean the same as theirs: a forward that works answers within one round
 * trip, and a SYN the router drops costs a check slot no longer than this.
 */
export const PORT_CHECK_TIMEOUT_MS = 2000

/**
 * /port/N checks per caller address and window. A run of the tool asks once; ten a minute lets
 * someone fix the router and retry while stopping anyone from turning us into a port scanner of
 * their own network (or a connection flood against it).
 */
export const PORT_CHECK_RATE_LIMIT: Readonly<{ max: number; windowMs: number }> = Object.freeze({ max: 10, windowMs: 60_000 })

/**
 * Port checks running at once, over all callers. Each holds one outgoing socket for at most
 * `PORT_CHECK_TIMEOUT_MS`; 32 is far beyond what one organisation's admins need at the same
 * moment, while many distinct callers (each under its own rate limit) cannot exhaust descriptors.
 */
export const MAX_CONCURRENT_PORT_CHECKS = 32

/**
 * How long `close()` lets requests in flight finish before cutting them off. Above
 * `PORT_CHECK_TIMEOUT_MS`, so a port check that has started always gets its answer out.
 */
export const CLOSE_GRACE_MS = 3000

/** Time a client gets to send its request headers: ours are one short line each, so a slowloris gets little. */
export const HEADERS_TIMEOUT_MS = 5000

/** Time a whole request may take, answer included: above `PORT_CHECK_TIMEOUT_MS` plus the headers. */
export const REQUEST_TIMEOUT_MS = 10_000

/** Idle keep-alive connections are dropped after this: clients ask once, and idle sockets only cost. */
export const KEEP_ALIVE_TIMEOUT_MS = 2000

/** Request headers accepted (Node's default is 2000; more get 431): a client and a few proxies need a dozen at most. */
export const MAX_HEADERS_COUNT = 32

/** Bytes of request headers accepted (Node's default 16 KiB): an X-Forwarded-For chain fits many times over. */
export const MAX_HEADER_BYTES = 8192

/**
 * How often Node checks the header and request timeouts. Its default is 30 s, which would let a
 * slow client hold a connection six times longer than `HEADERS_TIMEOUT_MS` says.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1000

/** Longest request path shown in an access log line: enough to see what was asked, one line always. */
const LOG_PATH_CHARS = 100

/** Opens the TCP connection of a port check: `net.connect` unless a test injects another. */
export type Dial = (to: { host: string; port: number }) => Socket

/** What the echo server needs. */
export interface EchoServerOptions {
  bind: string
  port: number
  /** Addresses whose X-Forwarded-For is honoured (reverse proxies). Everyone else's header is ignored. */
  trustProxy: readonly string[]
  /** One line per request when set (the CLI prints them); null for no access log. */
  log: ((line: string) => void) | null
  /** How long a port check waits; default `PORT_CHECK_TIMEOUT_MS`. */
  portCheckTimeoutMs?: number
  /** Port checks per caller and window; default `PORT_CHECK_RATE_LIMIT`. */
  rateLimit?: { max: number; windowMs: number }
  /** Port checks at once over all callers; default `MAX_CONCURRENT_PORT_CHECKS`. */
  maxConcurrentChecks?: number
  /** Grace period of `close()`; default `CLOSE_GRACE_MS`. */
  closeGraceMs?: number
  /** Monotonic milliseconds (rate-limit windows, durations in the log); default `performance.now`. */
  now?: () => number
  /** Opens port-check connections; default `net.connect`. For tests. */
  dial?: Dial
}

/** A running echo server. */
export interface EchoServer {
  /** The address it is bound to. */
  readonly address: string
  /** The port it is bound to (the real one when 0 was asked for). */
  readonly port: number
  /**
   * Stops accepting, lets requests in flight finish within the grace period, then destroys
   * whatever is left (connections and port checks). Safe to call twice.
   */
  close(): Promise<void>
}

/**
 * An address literal in one canonical spelling (IPv4-mapped IPv6 as IPv4, IPv6 compressed and
 * lower-case), so a trusted proxy matches however it is written; null if `text` is not an address.
 * IPv6 zone ids (`fe80::1%eth0`) are refused: they mean nothing outside the host that wrote them.
 */
function canonicalAddress(text: string): string | null {
  const address = normalizeAddress(text.trim())
  if (isIPv4(address)) return address
  if (!isIPv6(address)) return null
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1)
  } catch {
    return null
  }
}

/**
 * Who is asking: the socket's remote address, or, only when that is one of the `trusted`
 * proxies (canonical spellings) and it sent `X-Forwarded-For`, the right-most address in the
 * header that is not itself a trusted proxy.
 *
 * @param remote the socket's remote address (undefined once the peer is gone).
 * @param forwardedFor every X-Forwarded-For value, joined with commas; undefined when none was sent.
 * @returns the caller's address in canonical form, or null when it cannot be told (no peer, or
 *   an entry of the header that had to be read is not an IP address).
 */
export function callerAddress(remote: string | undefined, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string | null {
  const peer = remote === undefined ? null : canonicalAddress(remote)
  if (peer === null || forwardedFor === undefined || !trusted.has(peer)) return peer
  // Each proxy appends the address its request came from, so the header reads "client, proxy1,
  // proxy2". Only what our own proxies appended can be believed: the left-most entries are
  // whatever the client sent, and trusting them would let anyone name a third party for /port/N
  // to dial. So walk from the right past our proxies; the first other address is the one our
  // outermost proxy saw connect.
  const hops = forwardedFor.split(',')
  let caller: string | null = null
  for (let i = hops.length - 1; i >= 0; i--) {
    caller = canonicalAddress(hops[i]!)
    if (caller === null || !trusted.has(caller)) return caller
  }
  return caller // every entry is one of our proxies: the request started at the left-most
}

/** The port number in a /port/N path, or null unless N is a plain decimal integer 1-65535. */
function portOf(rest: string): number | null {
  if (!/^[1-9][0-9]{0,4}$/.test(rest)) return null
  const port = Number(rest)
  return port <= 65535 ? port : null
}

/**
 * Connects to `host`:`port` once and reports whether the connection was established, closing it
 * at once without sending a byte. Never rejects.
 */
function checkPort(dial: Dial, host: string, port: number, timeoutMs: number, open: Set<Socket>): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dial({ host, port })
    open.add(socket)
    const done = (reachable: boolean): void => {
      clearTimeout(timer)
      open.delete(socket)
      socket.destroy()
      resolve(reachable) // the first call decides; the 'close' after destroy() changes nothing
    }
    const timer = setTimeout(() => done(false), timeoutMs)
    socket.once('connect', () => done(true))
    socket.on('error', () => done(false))
    socket.once('close', () => done(false)) // destroyed by close() after the grace period
  })
}

/** What the server's handlers share: its settings and its bookkeeping of checks and connections. */
interface EchoState {
  now(): number
  timeoutMs: number
  rate: NonNullable<EchoServerOptions['rateLimit']>
  maxChecks: number
  dial: Dial
  log: EchoServerOptions['log']
  trusted: Set<string>
  limiter: ReturnType<typeof createRateLimiter>
  /** Port checks in flight: destroyed when the server closes. */
  checks: Set<Socket>
  /** Every open connection, and per connection its requests not yet answered (pipelining allows several). */
  connections: Set<Socket>
  unanswered: WeakMap<Socket, number>
  running: number
  stopping: boolean
}

/** Writes a whole answer; a response whose connection is already gone is left alone. */
function send(st: EchoState, res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  // The connection's own flag: `res.destroyed` turns true only a turn of the event loop after the socket goes.
  if (res.req.socket.destroyed) return
  res.writeHead(status, {
    ...headers,
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // While closing, answer and hang up, so keep-alive connections end with their last answer.
    ...(st.stopping && { connection: 'close' }),
  })
  res.end(body) // Node sends no body for HEAD, and keeps the headers a GET would get
}

const text = (st: EchoState, res: ServerResponse, status: number, body: string, headers?: Record<string, string>): void =>
  send(st, res, status, 'text/plain; charset=utf-8', `${body}\n`, headers)
const json = (st: EchoState, res: ServerResponse, value: object): void => send(st, res, 200, 'application/json', `${JSON.stringify(value)}\n`)

/** Counts the request as unanswered until its response closes, and logs it then when asked to. */
function track(st: EchoState, req: IncomingMessage, res: ServerResponse, caller: string | null): void {
  const started = st.now()
  const { socket } = req
  st.unanswered.set(socket, st.unanswered.get(socket)! + 1)
  res.once('close', () => st.unanswered.set(socket, st.unanswered.get(socket)! - 1))
  const log = st.log
  if (log === null) return
  res.once('close', () => {
    const who = caller ?? printable(String(socket.remoteAddress))
    const status = res.writableFinished ? res.statusCode : '-' // '-': the connection went before the answer
    log(`${new Date().toISOString()} ${who} ${printable(String(req.method))} ${printable(String(req.url), LOG_PATH_CHARS)} ${status} ${Math.round(st.now() - started)}ms`)
  })
}

/** `/port/N`: one check of the caller's own address, within the per-caller rate and the concurrency cap. */
async function portCheck(st: EchoState, res: ServerResponse, caller: string, path: string): Promise<void> {
  const port = portOf(path.slice('/port/'.length))
  if (port === null) return text(st, res, 400, 'port must be an integer from 1 to 65535')
  // Every attempt counts, so hammering while we are busy is not free.
  if (!st.limiter.allow(caller)) {
    return text(st, res, 429, 'too many port checks; try again later', { 'retry-after': String(Math.ceil(st.rate.windowMs / 1000)) })
  }
  // A running check frees its slot within one timeout.
  if (st.running >= st.maxChecks) return text(st, res, 503, 'busy; try again shortly', { 'retry-after': String(Math.ceil(st.timeoutMs / 1000)) })
  st.running++
  const reachable = await checkPort(st.dial, caller, port, st.timeoutMs, st.checks)
  st.running--
  json(st, res, { ip: caller, port, reachable })
}

/** Routes one request: `/`, `/ip`, `/json`, `/port/N`; everything else is refused. */
async function handle(st: EchoState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const caller = callerAddress(req.socket.remoteAddress, req.headersDistinct['x-forwarded-for']?.join(','), st.trusted)
  track(st, req, res, caller)
  // Node drops headers past maxHeadersCount without a word, X-Forwarded-For among them; a request
  // that lost its header would pass for one from the proxy itself. So refuse it instead.
  if (req.rawHeaders.length / 2 > MAX_HEADERS_COUNT) return text(st, res, 431, 'too many headers')
  const method = String(req.method)
  if (method !== 'GET' && method !== 'HEAD') return text(st, res, 405, 'method not allowed', { allow: 'GET, HEAD' })
  // Only the path routes; a query string is ignored, never read.
  const path = String(req.url).split('?', 1)[0]!
  const isPort = path === '/port' || path.startsWith('/port/')
  if (!isPort && path !== '/' && path !== '/ip' && path !== '/json') return text(st, res, 404, 'not found')
  if (caller === null) return text(st, res, 400, 'bad X-Forwarded-For from the proxy')
  if (path === '/json') return json(st, res, { ip: caller })
  if (!isPort) return text(st, res, 200, caller)
  return portCheck(st, res, caller, path)
}

/** Stops the server gracefully: answers in flight finish within `graceMs`, idle connections go at once. */
function closeGracefully(st: EchoState, server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((done) => {
    st.stopping = true
    const force = setTimeout(() => server.closeAllConnections(), graceMs)
    server.close(() => {
      clearTimeout(force)
      // Checks still running answer nobody now (their callers hung up or were cut off).
      for (const socket of st.checks) socket.destroy()
      done()
    })
    // Node's closeIdleConnections() spares a connection that has not sent a request yet, and
    // close() stops the header timeouts: so drop every connection not being answered here.
    for (const socket of st.connections) if (st.unanswered.get(socket) === 0) socket.destroy()
  })
}

/** The server's settings and empty bookkeeping; rejects a `trustProxy` entry that is not an IP address. */
function echoState(opts: EchoServerOptions): EchoState {
  const now = opts.now ?? (() => performance.now())
  const rate = opts.rateLimit ?? PORT_CHECK_RATE_LIMIT
  const trusted = new Set<string>()
  for (const entry of opts.trustProxy) {
    const address = canonicalAddress(entry)
    if (address === null) throw new Error(`trusted proxy is not an IP address: "${printable(entry, 40)}"`)
    trusted.add(address)
  }
  return {
    now,
    timeoutMs: opts.portCheckTimeoutMs ?? PORT_CHECK_TIMEOUT_MS,
    rate,
    maxChecks: opts.maxConcurrentChecks ?? MAX_CONCURRENT_PORT_CHECKS,
    dial: opts.dial ?? ((to) => connect(to)),
    log: opts.log,
    trusted,
    limiter: createRateLimiter({ ...rate, now }),
    checks: new Set(),
    connections: new Set(),
    unanswered: new WeakMap(),
    running: 0,
    stopping: false,
  }
}

/**
 * Starts the echo server.
 *
 * Routes (GET and HEAD; other methods 405, other paths 404; every answer `Cache-Control: no-store`):
 * `/` and `/ip` answer the caller's address as a text line, `/json` as `{"ip":"…"}`, and
 * `/port/N` checks once whether the caller's own address accepts a TCP connection on port N,
 * answering `{"ip","port","reachable"}` like echoip; 400 for a bad N, 429 with Retry-After over
 * the per-caller rate, 503 with Retry-After when `maxConcurrentChecks` are running. The caller is
 * the socket's peer, or for a trusted proxy the address it forwarded (see `callerAddress`; a bad
 * X-Forwarded-For from a trusted proxy gets 400). Nothing else of the request is ever used to
 * choose where to connect, and nothing of it is echoed back.
 *
 * Rejects with the system error (`EADDRINUSE`, `EACCES`, …) when the port cannot be opened, or
 * with an Error when a `trustProxy` entry is not an IP address.
 */
export async function startEchoServer(opts: EchoServerOptions): Promise<EchoServer> {
  const st = echoState(opts)
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    (req, res) => void handle(st, req, res),
  )
  server.on('connection', (socket: Socket) => {
    st.connections.add(socket)
    st.unanswered.set(socket, 0)
    socket.once('close', () => st.connections.delete(socket))
  })
  server.maxHeadersCount = MAX_HEADERS_COUNT + 1 // one more, to tell "too many" from "just enough"
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS
  const port = await listenOn(server, opts.bind, opts.port)
  let closing: Promise<void> | null = null
  return {
    address: opts.bind,
    port,
    close() {
      closing ??= closeGracefully(st, server, opts.closeGraceMs ?? CLOSE_GRACE_MS)
      return closing
    },
  }
}
