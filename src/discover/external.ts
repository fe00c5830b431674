// `--external`: asks an echoip-style service (GET /port/N) whether the forwarded port answers from outside (HTTP injected).

import { isIP } from 'node:net'
import { jsonFields, MAX_ERROR_CHARS, SNIPPET_CHARS, validateEchoUrl } from './echo.js'
import type { HttpGet } from '../net/http.js'
import { normalizeAddress } from '../util/ip.js'
import { printable } from '../util/sanitize.js'

/**
 * The port-check service asked by default: ifconfig.co runs echoip, whose `GET /port/N` dials
 * the caller's own address on port N once (2 s timeout) and answers `{"ip","port","reachable"}`.
 */
export const DEFAULT_EXTERNAL_URL: string = 'https://ifconfig.co/port/{port}'

/** Where the port goes in a URL template. */
export const PORT_PLACEHOLDER = '{port}'

/**
 * Per-phase timeout of the request (connect with DNS and TLS, waiting for the answer, every gap
 * in the body). The service waits up to 2 s for our port before it answers at all, so the wait
 * for headers needs that plus a round trip or two (~600 ms on satellite) plus undici's timer
 * tick (~0.5 s): 4 s, against the 2.5 s that is enough for a plain echo service.
 */
export const EXTERNAL_REQUEST_TIMEOUT_MS = 4000

/** Largest answer read: echoip's pretty-printed JSON is well under 100 bytes. */
export const EXTERNAL_MAX_BYTES = 4096

/** What the port-check service said. */
export interface ExternalResult {
  /** Whether the service could connect to our port; null when it could not be asked or its answer made no sense. */
  reachable: boolean | null
  /** The URL asked. */
  via: string
  /** The address the service connected to (ours, as it saw us), when it said. */
  ip: string | null
  /** Why there is no answer, one printable line; null when there is one. */
  error: string | null
  /** How long the check took, in milliseconds. */
  ms: number
}

/**
 * Builds the port-check URL for `port` from a template: every `{port}` is replaced with the
 * number; a template without one gets `/port/N` appended to its path (query kept). The result
 * is checked like an echo URL (`validateEchoUrl`: http or https, no credentials, no IPv6 literal).
 *
 * @throws Error with a one-line reason for a bad port or a bad URL.
 */
export function externalUrl(template: string, port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`port must be an integer from 1 to 65535, not ${port}`)
  const text = template.trim()
  if (text.includes(PORT_PLACEHOLDER)) return validateEchoUrl(text.replaceAll(PORT_PLACEHOLDER, String(port)))
  const url = new URL(validateEchoUrl(text))
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/port/${port}`
  return url.toString()
}

/**
 * Parses a port-check answer: echoip's JSON `{"ip": "…", "port": N, "reachable": true|false}`
 * (pretty-printed or not; `ip` may be missing).
 *
 * @returns the address the service dialled (null when it did not say) and whether it connected.
 * @throws Error with a one-line reason for anything else: HTML, not JSON, the service's own
 *   `{"error": …}`, a different port echoed back, a `reachable` that is not true or false, an
 *   `ip` that is not an address. Quoted snippets are made printable and short.
 */
export function parsePortCheck(body: string, port: number): { ip: string | null; reachable: boolean } {
  const text = body.trim()
  const snippet = printable(text, SNIPPET_CHARS)
  if (text === '') throw new Error('empty answer')
  if (text.startsWith('<')) throw new Error(`looks like HTML, not a port check: "${snippet}"`)
  const record = jsonFields(text)
  // echoip answers a bad request with {"status": 400, "error": "…"}.
  if (typeof record['error'] === 'string') throw new Error(`the service said: "${printable(record['error'], SNIPPET_CHARS)}"`)
  const answeredPort = record['port']
  if (typeof answeredPort !== 'number') throw new Error(`not a port check answer (no port number): "${snippet}"`)
  if (answeredPort !== port) throw new Error(`answered for port ${answeredPort}, port ${port} was asked`)
  const reachable = record['reachable']
  if (typeof reachable !== 'boolean') throw new Error(`not a port check answer ("reachable" is not true or false): "${snippet}"`)
  const ip = record['ip']
  if (ip === undefined || ip === null) return { ip: null, reachable }
  const address = typeof ip === 'string' ? normalizeAddress(ip.trim()).toLowerCase() : ''
  if (isIP(address) === 0) throw new Error(`answered an "ip" that is not an IP address: "${snippet}"`)
  return { ip: address, reachable }
}

/** How `checkExternal` asks. */
export interface ExternalCheckOptions {
  /** The port-check URL, as `externalUrl` built it. */
  url: string
  /** The port asked about: the answer must echo it back. */
  port: number
  /** The HTTP client (see `createHttpGet` in `http.ts`), pinned to the family of the forward; injected so tests need no network. */
  http: HttpGet
  /**
   * Budget for the whole check, whatever the HTTP layer does; each phase of the request also
   * gets at most `EXTERNAL_REQUEST_TIMEOUT_MS`.
   */
  timeoutMs: number
  /** A monotonic clock in milliseconds, e.g. `performance.now`. */
  now(): number
}

/**
 * Asks the port-check service once whether our port is reachable from outside. Never rejects:
 * a failure (HTTP error, timeout, an answer that makes no sense) gives `reachable: null` and a
 * one-line `error`.
 */
export async function checkExternal(opts: ExternalCheckOptions): Promise<ExternalResult> {
  const started = opts.now()
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error('deadline'))
      reject(new Error(`no answer within ${opts.timeoutMs} ms`))
    }, opts.timeoutMs)
  })
  let outcome: Pick<ExternalResult, 'reachable' | 'ip' | 'error'>
  try {
    const request = opts.http(opts.url, {
      signal: controller.signal,
      timeoutMs: Math.min(opts.timeoutMs, EXTERNAL_REQUEST_TIMEOUT_MS),
      maxBytes: EXTERNAL_MAX_BYTES,
    })
    // The race also ends a fake or broken client that ignores the signal.
    const answer = await Promise.race([request, deadline])
    outcome = { ...parsePortCheck(answer.body, opts.port), error: null }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    outcome = { reachable: null, ip: null, error: printable(message, MAX_ERROR_CHARS) }
  }
  clearTimeout(timer)
  return { ...outcome, via: opts.url, ms: Math.round(opts.now() - started) }
}
