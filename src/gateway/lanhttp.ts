// A bounded HTTP/1.1 client for talking to a LAN device (UPnP): node:http only, http: URLs only, capped answers, no redirects.

import { request } from 'node:http'
import { isIPv4 } from 'node:net'
import { errorText } from './exchange.js'

/** Longest response header block accepted (node's default is 16 KiB); a UPnP device sends a few hundred bytes. */
export const LAN_HTTP_MAX_HEADER_BYTES = 8 * 1024

/** What the device answered: status and body (decoded as UTF-8), whatever the status. */
export interface LanHttpAnswer {
  status: number
  body: string
}

/** What a request needs. */
export interface LanHttpRequest {
  method: 'GET' | 'POST'
  /** An absolute http: URL whose host is an IPv4 literal (never a name: no DNS, no rebinding). */
  url: string
  headers?: Record<string, string>
  body?: string
  /** Longest body accepted, in bytes; longer ends the request with an error. */
  maxBytes: number
  /** Ends the request (error `timeout`) when aborted: the caller's deadline. */
  signal: AbortSignal
}

/**
 * Sends one request and reads the whole answer, up to `maxBytes`. Rejects with an Error whose
 * message is one line: `timeout` (the signal fired), `response larger than N bytes`, a system
 * error code (`ECONNREFUSED`, …), `not an http: URL with an IPv4 host`. Redirects are answers like
 * any other (status 3xx), never followed. The connection is closed afterwards on every path.
 */
export function lanHttp(req: LanHttpRequest): Promise<LanHttpAnswer> {
  let url: URL
  try {
    url = new URL(req.url)
  } catch {
    return Promise.reject(new Error('not an http: URL with an IPv4 host'))
  }
  if (url.protocol !== 'http:' || !isIPv4(url.hostname) || url.username !== '' || url.password !== '') {
    return Promise.reject(new Error('not an http: URL with an IPv4 host'))
  }
  if (req.signal.aborted) return Promise.reject(new Error('timeout'))
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8')
    const headers: Record<string, string | number> = { ...req.headers, connection: 'close' }
    if (body !== undefined) headers['content-length'] = body.length
    const fail = (err: unknown): void => {
      clientRequest.destroy()
      reject(new Error(req.signal.aborted ? 'timeout' : errorText(err)))
    }
    const clientRequest = request(
      {
        host: url.hostname,
        port: url.port === '' ? 80 : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers,
        agent: false, // a fresh connection, closed after the answer: nothing pooled between devices
        maxHeaderSize: LAN_HTTP_MAX_HEADER_BYTES,
        signal: req.signal,
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        let ended = false
        const tooLarge = (): void => fail(new Error(`response larger than ${req.maxBytes} bytes`))
        if (Number(res.headers['content-length']) > req.maxBytes) return tooLarge() // refused before a byte of it is read
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > req.maxBytes) tooLarge()
          else chunks.push(chunk)
        })
        res.on('end', () => {
          ended = true
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') })
        })
        // A body cut short (reset, abort) may end in 'close' alone: settle then too. After a
        // settled promise a second settle does nothing.
        res.on('error', fail)
        res.on('close', () => {
          if (!ended) fail(new Error('connection closed before the answer was complete'))
        })
      },
    )
    clientRequest.on('error', fail)
    clientRequest.end(body)
  })
}
