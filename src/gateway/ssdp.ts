// SSDP discovery (UPnP Device Architecture 1.1 §1.3): finds the Internet Gateway Device and where its description lives.

import { createSocket } from 'node:dgram'
import { rangeOf } from '../util/ip.js'
import { printable } from '../util/sanitize.js'
import { errorText } from './exchange.js'

/** Where M-SEARCH goes: the SSDP multicast group and port (UDA 1.1 §1.3.2). */
export const SSDP_MULTICAST: { readonly address: string; readonly port: number } = Object.freeze({ address: '239.255.255.250', port: 1900 })

/** The device types searched for, both at once: IGD v1 and v2 (an IGD:2 device may not answer a v1 search). */
export const IGD_DEVICE_TYPES: readonly string[] = Object.freeze([
  'urn:schemas-upnp-org:device:InternetGatewayDevice:1',
  'urn:schemas-upnp-org:device:InternetGatewayDevice:2',
])

/** MX, the longest random delay a device may wait before answering (UDA 1.1 §1.3.2: 1 to 5); 1 keeps the wait short. */
export const SSDP_MX = 1

/** How long answers are waited for: MX plus half a second for the trip and a slow device. */
export const SSDP_WINDOW_MS = SSDP_MX * 1000 + 500

/** When the searches are sent again, if nothing acceptable answered yet: UDP over Wi-Fi loses datagrams (UDA 1.1 advises more than one send). */
export const SSDP_RESEND_MS = 500

/** Multicast TTL (UDA 1.1 §1.3.2: should default to 2): the search stays on the LAN. */
export const SSDP_TTL = 2

/** Longest answer read; an SSDP answer is a few hundred bytes. */
export const SSDP_MAX_ANSWER_BYTES = 2048

/** Longest LOCATION URL accepted. */
export const SSDP_MAX_LOCATION_CHARS = 512

/** An accepted answer. */
export interface SsdpAnswer {
  /** The address the answer came from (the device). */
  source: string
  /** The description URL, normalised; its host is `source`. */
  location: string
}

/** How a search ended. */
export interface SsdpSearchResult {
  /** The accepted answer, or null when none came. */
  answer: SsdpAnswer | null
  /** Why the first refused answer was refused (one printable line), or null. */
  refused: string | null
  /** A socket error code, or null. */
  error: string | null
}

/** The M-SEARCH request (UDA 1.1 §1.3.2) for search target `st`, sent to `host:port`. */
export function mSearch(st: string, host: string, port: number): string {
  return ['M-SEARCH * HTTP/1.1', `HOST: ${host}:${port}`, 'MAN: "ssdp:discover"', `MX: ${SSDP_MX}`, `ST: ${st}`, '', ''].join('\r\n')
}

/**
 * Reads an SSDP search answer (UDA 1.1 §1.3.3): `HTTP/1.1 200 OK`, then headers; returns its ST and
 * LOCATION, or null when it is not a 200 answer with both. Header names are case-insensitive.
 */
export function parseSsdpAnswer(text: string): { st: string; location: string } | null {
  const lines = text.split(/\r?\n/)
  if (!/^HTTP\/1\.[01] 200\b/i.test(lines[0]!)) return null // split gives at least one line
  const headers = new Map<string, string>()
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim().toLowerCase()
    if (colon > 0 && !headers.has(name)) headers.set(name, line.slice(colon + 1).trim())
  }
  const st = headers.get('st')
  const location = headers.get('location')
  return st === undefined || location === undefined ? null : { st, location }
}

/**
 * Judges an answer from `source`: null when acceptable, else why not. The source must be the
 * gateway (when known) or else a private (RFC 1918) address; the LOCATION must be an http: URL
 * whose host is that same source address, without credentials: a device names only itself, and
 * this client never fetches a URL pointing elsewhere (SSRF).
 */
export function refusal(gateway: string | null, source: string, location: string): string | null {
  if (gateway !== null ? source !== gateway : rangeOf(source) !== 'private') {
    return `an IGD answered from ${source}, ${gateway !== null ? 'not the gateway' : 'not a private address'}`
  }
  if (location.length > SSDP_MAX_LOCATION_CHARS) return `an IGD at ${source} sent a LOCATION longer than ${SSDP_MAX_LOCATION_CHARS} characters`
  let url: URL | null = null
  try {
    url = new URL(location)
  } catch {
    // not a URL: refused below
  }
  if (url === null || url.protocol !== 'http:' || url.hostname !== source || url.username !== '' || url.password !== '') {
    return `an IGD at ${source} gave a description URL on another host or not http: (${printable(location)})`
  }
  return null
}

/** What the gateway's refusal of a unicast search means: nothing listens for SSDP there. */
export const SSDP_UNICAST_REFUSED = 'the gateway refused the SSDP search (ICMP port unreachable): no UPnP there'

/**
 * Sends the searches straight to the gateway too (UDA 1.1 §1.3.2, unicast M-SEARCH): a device
 * answers those at once, without the MX delay, and a gateway without SSDP says so with an ICMP
 * port unreachable, which a connected socket reports as ECONNREFUSED. Returns a closer.
 */
function unicastSearch(gateway: string, port: number, onAnswer: (msg: Buffer) => void, onRefused: () => void): () => void {
  const socket = createSocket('udp4')
  // The refusal comes back on the next call on the socket, a send's callback or the receive: watch both.
  // Anything else (no route) leaves the multicast search to answer.
  const failed = (err: NodeJS.ErrnoException | null): void => (err?.code === 'ECONNREFUSED' ? onRefused() : undefined)
  socket.on('error', failed)
  socket.on('message', onAnswer)
  // No callback: node hands a connect error (no route: the link went down) to it, and the sends
  // that followed on the unconnected socket threw. As an event it lands in `failed`.
  socket.once('connect', () => {
    for (const st of IGD_DEVICE_TYPES) socket.send(mSearch(st, gateway, port), failed)
  })
  socket.connect(port, gateway)
  return () => {
    socket.removeAllListeners()
    socket.on('error', () => {})
    socket.close()
  }
}

/**
 * Sends M-SEARCH for each IGD type (twice, `SSDP_RESEND_MS` apart, unless answered) from an
 * ephemeral UDP socket to `target`, and once straight to the gateway on `unicastPort` when the
 * gateway is known, and waits up to `windowMs` for an acceptable answer (see `refusal`); the
 * first one ends the wait, and so does the gateway refusing the unicast search. Never rejects;
 * the sockets are closed on every path, including when `signal` aborts (the caller's deadline).
 */
export function ssdpSearch(opts: {
  gateway: string | null
  target: { address: string; port: number }
  windowMs: number
  signal: AbortSignal
  /** Where the gateway takes a unicast search; none when null. */
  unicastPort?: number | null
}): Promise<SsdpSearchResult> {
  if (opts.signal.aborted) return Promise.resolve({ answer: null, refused: null, error: null })
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    let refused: string | null = null
    let resend: NodeJS.Timeout | undefined
    let closeUnicast = (): void => {}
    const finish = (answer: SsdpAnswer | null, error: string | null = null): void => {
      clearTimeout(wait)
      clearTimeout(resend)
      opts.signal.removeEventListener('abort', abort)
      socket.removeAllListeners()
      socket.on('error', () => {})
      socket.close()
      closeUnicast()
      resolve({ answer, refused, error })
    }
    const abort = (): void => finish(null)
    const fail = (err: unknown): void => finish(null, errorText(err))
    const wait = setTimeout(abort, opts.windowMs)
    opts.signal.addEventListener('abort', abort)

    const search = (): void => {
      for (const st of IGD_DEVICE_TYPES) {
        // Unconnected: a failed send (no route to the group) says only that this try failed.
        socket.send(mSearch(st, opts.target.address, opts.target.port), opts.target.port, opts.target.address, () => {})
      }
    }
    const onMessage = (msg: Buffer, source: string): void => {
      if (msg.length > SSDP_MAX_ANSWER_BYTES) return
      const parsed = parseSsdpAnswer(msg.toString('latin1'))
      if (parsed === null || !IGD_DEVICE_TYPES.includes(parsed.st)) return // not an answer to our search
      const why = refusal(opts.gateway, source, parsed.location)
      if (why === null) finish({ source, location: new URL(parsed.location).href })
      else refused ??= why
    }
    socket.on('error', fail) // bind failures
    socket.on('message', (msg, rinfo) => onMessage(msg, rinfo.address)) // an udp4 socket: always a dotted quad
    const gateway = opts.gateway
    const unicastPort = opts.unicastPort ?? null
    if (gateway !== null && unicastPort !== null && unicastPort > 0 && unicastPort < 65536) {
      // A connected socket hears only the gateway, so every answer on it is the gateway's.
      closeUnicast = unicastSearch(gateway, unicastPort, (msg) => onMessage(msg, gateway), () => {
        refused ??= SSDP_UNICAST_REFUSED
        finish(null)
      })
    }
    socket.bind(0, () => {
      try {
        socket.setMulticastTTL(SSDP_TTL)
        search()
      } catch (err) {
        return fail(err) // a target node refuses outright (port 0, > 65535)
      }
      resend = setTimeout(search, SSDP_RESEND_MS) // the same sends: cannot throw now
    })
  })
}
