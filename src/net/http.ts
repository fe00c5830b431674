// HTTP GET for the echo services, pinned to one address family with short timeouts and a capped body: the only module importing undici.

// undici's own files for the two parts used: its index also loads fetch, WebSocket, the cache
// stores and the mocks, which doubles what a run spends loading it (about 60 ms).
import Agent from 'undici/lib/dispatcher/agent.js'
import request from 'undici/lib/api/api-request.js'
import { printable } from '../util/sanitize.js'

/** What a server answered to a GET with a 2xx status. */
export interface HttpAnswer {
  status: number
  /** The Content-Type header as sent, or null when there was none. */
  contentType: string | null
  /** The body decoded as UTF-8. */
  body: string
}

/**
 * GET `url`, pinned to the client's address family, body capped at `maxBytes`; `timeoutMs` bounds each phase (connect
 * including DNS and TLS, waiting for headers, every gap in the body). Redirects are not followed.
 * Rejects with an Error whose message is one clear line (`connection refused`, `HTTP 500`,
 * `redirected to …`, `cancelled`, …); the undici or system error is its `cause`.
 */
export type HttpGet = (url: string, opts: { signal: AbortSignal; timeoutMs: number; maxBytes: number }) => Promise<HttpAnswer>

/** Echo services answer HTML to browser-like clients; this asks for the plain address. */
const REQUEST_HEADERS = {
  accept: 'text/plain, application/json;q=0.9',
  'user-agent': 'hairpin-check',
} as const

/** Longest detail kept from an error message or a Location header, so a failure stays one line. */
const MAX_DETAIL_CHARS = 120

/** System and undici error codes whose meaning needs no detail from the message. */
const PLAIN_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'name not found',
  EAI_AGAIN: 'name lookup failed: no answer from DNS',
  UND_ERR_SOCKET: 'connection closed before the answer was complete',
  UND_ERR_DESTROYED: 'HTTP client closed',
  UND_ERR_CLOSED: 'HTTP client closed',
}

/** Codes Node and OpenSSL give TLS handshake and certificate failures. */
const TLS_CODES = /^ERR_(?:TLS|SSL)_|CERT|^UNABLE_TO_|SIGNATURE|^EPROTO$/

/** Turns a failure from undici into one readable line. */
function explain(err: unknown, opts: { signal: AbortSignal; timeoutMs: number; maxBytes: number }): string {
  // Whatever undici says after an abort (the signal's reason, a destroyed socket), it is our doing.
  if (opts.signal.aborted) return 'cancelled'
  const e = Object(err) as { code?: unknown; message?: unknown; reason?: unknown }
  const code = String(e.code)
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connect timed out after ${opts.timeoutMs} ms`
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `no answer within ${opts.timeoutMs} ms`
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return `answer larger than ${opts.maxBytes} bytes`
  }
  if (Object.hasOwn(PLAIN_ERRORS, code)) return PLAIN_ERRORS[code]!
  // OpenSSL errors carry a short `reason` ("wrong version number"); Node's own a short message.
  const detail = printable(String(e.reason ?? e.message), MAX_DETAIL_CHARS)
  return TLS_CODES.test(code) ? `TLS: ${detail}` : detail
}

/**
 * Creates an `HttpGet` backed by its own undici `Agent` (one per distinct timeout and size cap,
 * since undici takes those per agent), plus `close()`, which destroys the agents: their sockets
 * are released at once and requests still running reject with "HTTP client closed".
 * Calling `get` after `close()` rejects the same way.
 */
export function createHttpGet(family: 4 | 6 = 4): { get: HttpGet; close(): Promise<void> } {
  const agents = new Map<string, Agent>()
  let closed = false

  const agentFor = (timeoutMs: number, maxBytes: number): Agent => {
    const key = `${timeoutMs}/${maxBytes}`
    let agent = agents.get(key)
    if (agent === undefined) {
      agent = new Agent({
        // Pinned: the public address we want is of this family, whatever the resolver prefers.
        connect: { family, timeout: timeoutMs },
        // undici's defaults are 300 s for both.
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        maxResponseSize: maxBytes,
      })
      agents.set(key, agent)
    }
    return agent
  }

  const get: HttpGet = async (url, opts) => {
    if (closed) throw new Error('HTTP client closed')
    let response: Awaited<ReturnType<typeof request>>
    try {
      // What undici's request(url, opts) does: origin and path apart, the agent as `this`. It never
      // follows redirects (that needs undici's redirect interceptor).
      const { origin, pathname, search } = new URL(url)
      response = await request.call(agentFor(opts.timeoutMs, opts.maxBytes), {
        origin,
        path: `${pathname}${search}`,
        method: 'GET',
        headers: REQUEST_HEADERS,
        signal: opts.signal,
      })
    } catch (err) {
      throw new Error(explain(err, opts), { cause: err })
    }
    const { statusCode, headers, body } = response
    if (statusCode >= 300) {
      // Read what is left so the socket is not left half-used; never rejects without a signal.
      await body.dump({ limit: opts.maxBytes })
      const location = headers.location
      if (statusCode < 400 && typeof location === 'string') {
        throw new Error(`redirected to ${printable(location, MAX_DETAIL_CHARS)}`)
      }
      throw new Error(`HTTP ${statusCode}`)
    }
    let text: string
    try {
      text = await body.text()
    } catch (err) {
      throw new Error(explain(err, opts), { cause: err })
    }
    const contentType = headers['content-type']
    return { status: statusCode, contentType: typeof contentType === 'string' ? contentType : null, body: text }
  }

  const close = async (): Promise<void> => {
    closed = true
    const all = [...agents.values()]
    agents.clear()
    await Promise.all(all.map((agent) => agent.destroy()))
  }

  return { get, close }
}
