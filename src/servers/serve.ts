// `hairpin-check serve <port>`: a long-running listener that proves probes from other LAN hosts (`--peer`).

import type { HairpinListener, ListenerOptions, Sighting } from '../net/listener.js'
import type { UdpListener, UdpListenerOptions } from '../net/udp.js'

/**
 * Proofs per source address and minute. A probe makes one TCP connection and a few UDP tries;
 * thirty a minute lets a CI job probe every few seconds while a flood from one address is cut off.
 */
export const SERVE_RATE_LIMIT = { max: 30, windowMs: 60_000 } as const

/** What `serve` reports as it runs. */
export type ServeEvent =
  | { type: 'listening'; bind: string; port: number; protocols: Array<'tcp' | 'udp'> }
  | { type: 'probe'; at: string; protocol: 'tcp' | 'udp'; peer: string; peerPort: number; local: string; nonce: string }
  | { type: 'stopped'; probes: number; strangers: number }

/** What `serve` needs. */
export interface ServeOptions {
  port: number
  /** The address to listen on; null for all, IPv6 and IPv4 (see `ALL_ADDRESSES`). */
  bind: string | null
  key: Buffer
  protocols: { tcp: boolean; udp: boolean }
  /** Stops serving when aborted (the CLI wires SIGINT and SIGTERM to it). */
  signal: AbortSignal
  onEvent(e: ServeEvent): void
}

/**
 * "All addresses", in the order tried: the dual-stack IPv6 wildcard takes IPv4 too, so probes to
 * an AAAA record reach the same serve; a host with IPv6 turned off gets the IPv4 wildcard.
 */
export const ALL_ADDRESSES = ['::', '0.0.0.0'] as const

// What a host without IPv6 answers to an IPv6 wildcard bind.
const NO_SUCH_FAMILY = new Set(['EAFNOSUPPORT', 'EADDRNOTAVAIL'])

/** Opens on the first address that this host has, in order; any other failure is the answer. */
async function openFirst<T>(binds: readonly string[], open: (bind: string) => Promise<T>): Promise<{ bind: string; listeners: T }> {
  const [bind, ...rest] = binds as [string, ...string[]]
  try {
    return { bind, listeners: await open(bind) }
  } catch (err) {
    if (rest.length === 0 || !NO_SUCH_FAMILY.has(String((err as NodeJS.ErrnoException).code))) throw err
    return openFirst(rest, open)
  }
}

/** The I/O `serve` does, injectable for tests. */
export interface ServeIO {
  listen(opts: ListenerOptions): Promise<HairpinListener>
  listenUdp(opts: UdpListenerOptions): Promise<UdpListener>
  date(): Date
}

/**
 * Serves until `signal` aborts, then closes everything and resolves with the totals. Rejects
 * with the system error when a port cannot be opened (nothing is left open then).
 */
export async function serve(opts: ServeOptions, io: ServeIO): Promise<{ probes: number; strangers: number }> {
  let probes = 0
  const seen =
    (protocol: 'tcp' | 'udp') =>
    (s: Sighting): void => {
      probes++
      opts.onEvent({ type: 'probe', at: io.date().toISOString(), protocol, ...s })
    }
  const open = async (bind: string): Promise<[HairpinListener | null, UdpListener | null]> => {
    const common = { bind, port: opts.port, key: opts.key, accept: 'any' as const, rateLimit: SERVE_RATE_LIMIT }
    const tcp = opts.protocols.tcp ? await io.listen({ ...common, onSighting: seen('tcp') }) : null
    try {
      return [tcp, opts.protocols.udp ? await io.listenUdp({ ...common, onSighting: seen('udp') }) : null]
    } catch (err) {
      await tcp?.close()
      throw err
    }
  }
  const { bind, listeners } = await openFirst(opts.bind === null ? ALL_ADDRESSES : [opts.bind], open)
  const [tcp, udp] = listeners
  const protocols = [...(tcp ? ['tcp' as const] : []), ...(udp ? ['udp' as const] : [])]
  opts.onEvent({ type: 'listening', bind, port: tcp?.port ?? udp!.port, protocols })
  if (!opts.signal.aborted) await new Promise((resolve) => opts.signal.addEventListener('abort', resolve, { once: true }))
  await Promise.all([tcp?.close(), udp?.close()])
  const strangers = (tcp?.strangers ?? 0) + (udp?.strangers ?? 0)
  opts.onEvent({ type: 'stopped', probes, strangers })
  return { probes, strangers }
}
