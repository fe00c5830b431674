// The listener on the forwarded port: answers our own nonce with a proof, closes on strangers without a byte.

import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { listenOn } from './bind.js'
import { createNonceGate } from './gate.js'
import { normalizeAddress } from '../util/ip.js'
import { MAX_HELLO_BYTES, parseHello, proofLine, type Proof } from './proof.js'

/**
 * How long a new connection may take to present its hello. Our own client writes it the moment
 * the connection opens, so it arrives a few round trips later even on a slow LAN; a second is
 * generous for us and short for a scanner holding a slot.
 */
export const HELLO_DEADLINE_MS = 1000

/**
 * Connections allowed to wait for their hello at once. Ours is one; the rest are strangers
 * (the port is open to the internet while the test runs), so a flood cannot exhaust descriptors.
 */
export const MAX_PENDING_CONNECTIONS = 64

/**
 * Of those, from one source address. Hairpinned connections from every LAN host can share one
 * source (the gateway's, with masquerade), so this only keeps one flooder from holding every slot.
 */
export const MAX_PENDING_PER_SOURCE = 16

/** One proven hairpinned connection: which nonce, and what the listener saw (see `Proof`). */
export interface Sighting extends Proof {
  nonce: string
}

/** A running listener. */
export interface HairpinListener {
  /** The address it is bound to. */
  readonly address: string
  /** The port it is bound to. */
  readonly port: number
  /** Connections that did not present an expected nonce in time: closed with nothing sent. */
  readonly strangers: number
  /** The source addresses of the newest strangers (at most `MAX_STRANGER_PEERS_KEPT`), oldest first. */
  readonly strangerPeers: readonly string[]
  /** Every proven connection, in order. */
  readonly sightings: readonly Sighting[]
  /** Accept `nonce` once: a nonce is answered a single time, so a replay gets nothing. */
  expect(nonce: string): void
  /** Stops listening and closes every open connection. Safe to call twice. */
  close(): Promise<void>
}

/** Sightings kept in memory; a long-running `serve` reports each through `onSighting` instead. */
export const MAX_SIGHTINGS_KEPT = 256

/** Stranger addresses kept: enough to name who came during an outside check, bounded against floods. */
export const MAX_STRANGER_PEERS_KEPT = 32

/** Counts a stranger from `peer`, keeping the newest `MAX_STRANGER_PEERS_KEPT` addresses: both listeners do this. */
export function keepStranger(peers: string[], peer: string): void {
  peers.push(peer)
  if (peers.length > MAX_STRANGER_PEERS_KEPT) peers.shift()
}

/** Keeps `s` among `sightings` (the newest `MAX_SIGHTINGS_KEPT`) and tells `onSighting`: both listeners, TCP and UDP, do this. */
export function keepSighting(sightings: Sighting[], s: Sighting, onSighting?: (s: Sighting) => void): void {
  sightings.push(s)
  if (sightings.length > MAX_SIGHTINGS_KEPT) sightings.shift()
  onSighting?.(s)
}

/** What a listener's handle is made of (see `listenerHandle`). */
export interface HandleParts {
  address: string
  port: number
  strangers(): number
  strangerPeers: readonly string[]
  sightings: readonly Sighting[]
  expect(nonce: string): void
  /** Stops the listener; run once, however often `close` is called. */
  stop(): Promise<void>
}

/** The handle both listeners, TCP and UDP, return. */
export function listenerHandle(parts: HandleParts): HairpinListener {
  let closing: Promise<void> | null = null
  return {
    address: parts.address,
    port: parts.port,
    get strangers() {
      return parts.strangers()
    },
    strangerPeers: parts.strangerPeers,
    sightings: parts.sightings,
    expect: parts.expect,
    close() {
      closing ??= parts.stop()
      return closing
    },
  }
}

/** What the listener needs. */
export interface ListenerOptions {
  bind: string
  port: number
  /** Per-run secret the proofs are made with. */
  key: Buffer
  helloDeadlineMs?: number
  maxPending?: number
  maxPendingPerSource?: number
  /** Which nonces to answer (see `GateOptions.accept`); default 'expected'. */
  accept?: 'expected' | 'any'
  /** Proofs per source address and window; none by default (`serve` sets one). */
  rateLimit?: { max: number; windowMs: number }
  /** Told of every proven connection. */
  onSighting?(s: Sighting): void
}

/**
 * Starts listening. Rejects with the system error (its `code` is `EACCES`, `EADDRINUSE`,
 * `EADDRNOTAVAIL`, …) when the port cannot be opened.
 */
export async function startListener(opts: ListenerOptions): Promise<HairpinListener> {
  const helloDeadlineMs = opts.helloDeadlineMs ?? HELLO_DEADLINE_MS
  const maxPending = opts.maxPending ?? MAX_PENDING_CONNECTIONS
  const maxPerSource = opts.maxPendingPerSource ?? MAX_PENDING_PER_SOURCE
  // TCP: one answer per nonce, so a replayed hello gets nothing.
  const gate = createNonceGate({ accept: opts.accept ?? 'expected', answersPerNonce: 1, rateLimit: opts.rateLimit })
  const sightings: Sighting[] = []
  const open = new Set<Socket>()
  // Connections waiting for their hello, oldest first (a Map keeps insertion order).
  const waiting = new Map<Socket, { source: string; evict(): void }>()
  let strangers = 0
  const strangerPeers: string[] = []

  const server: Server = createServer((socket) => {
    open.add(socket)
    socket.on('error', () => {}) // a stranger's reset is not our problem
    socket.on('close', () => open.delete(socket))
    // Set on every fresh connection; undefined only when the peer reset before this handler ran,
    // and such a socket closes at once and never sends a hello, so nothing below answers it.
    const source = normalizeAddress(socket.remoteAddress as string)
    const remotePort = socket.remotePort as number
    // Full: the oldest waiting connection gives way, never the newest. Our own probe sends its
    // hello the moment it connects, so a flood cannot crowd it out; a stranger holding a slot can.
    const sameSource = [...waiting.values()].filter((w) => w.source === source)
    if (sameSource.length >= maxPerSource) sameSource[0]!.evict()
    else if (waiting.size >= maxPending) waiting.values().next().value!.evict()
    let settled = false
    let buffered = ''
    const settle = (answer: string | null): void => {
      if (settled) return
      settled = true
      waiting.delete(socket)
      clearTimeout(timer)
      socket.removeAllListeners('data')
      if (answer === null) {
        strangers++
        keepStranger(strangerPeers, source)
        socket.destroy()
      } else {
        socket.end(answer)
      }
    }
    const timer = setTimeout(() => settle(null), helloDeadlineMs)
    waiting.set(socket, { source, evict: () => settle(null) })
    socket.on('close', () => settle(null))
    socket.setEncoding('latin1') // bytes in, bytes compared: no UTF-8 decoding surprises
    socket.on('data', (chunk: string) => {
      buffered += chunk
      const end = buffered.indexOf('\n')
      if (end === -1) {
        if (buffered.length >= MAX_HELLO_BYTES) settle(null)
        return
      }
      const nonce = parseHello(buffered.slice(0, end))
      // Anything after the hello, an unknown or used nonce, or a source over its rate: not ours.
      if (nonce === null || end !== buffered.length - 1 || !gate.admit(nonce, source)) {
        settle(null)
        return
      }
      const sighting = { nonce, peer: source, peerPort: remotePort, local: normalizeAddress((socket.address() as AddressInfo).address) }
      keepSighting(sightings, sighting, opts.onSighting)
      settle(proofLine(opts.key, nonce, sighting))
    })
  })

  return listenerHandle({
    address: opts.bind,
    port: await listenOn(server, opts.bind, opts.port),
    strangers: () => strangers,
    strangerPeers,
    sightings,
    expect: gate.expect,
    stop: () => stopServer(server, open),
  })
}

/**
 * Closes `server` and destroys its `open` connections; done once every connection has closed, not
 * only the server: a stranger still waiting for its hello is counted by its own 'close', which the
 * server's can precede.
 */
async function stopServer(server: Server, open: ReadonlySet<Socket>): Promise<void> {
  const closed = [...open].map((socket) => new Promise((done) => socket.once('close', done)))
  const stopped = new Promise<void>((done) => server.close(() => done()))
  for (const socket of open) socket.destroy()
  await Promise.all([stopped, ...closed])
}

/** One line saying why the port could not be opened and what to do about it. */
export function describeListenError(err: NodeJS.ErrnoException, bind: string, port: number): string {
  const where = `${bind}:${port}`
  switch (err.code) {
    case 'EACCES':
      return port < 1024
        ? `cannot listen on ${where}: ports below 1024 need privileges; run with sudo, or allow it with: sudo sysctl -w net.ipv4.ip_unprivileged_port_start=${port}`
        : `cannot listen on ${where}: permission denied (a security policy blocks it)`
    case 'EADDRINUSE':
      return `cannot listen on ${where}: something already listens on port ${port} (see: ss -ltnp 'sport = :${port}'); stop it while the test runs`
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: ${bind} is not an address of this host (see: ip -4 addr)`
    default:
      return `cannot listen on ${where}: ${err.code ?? err.message}`
  }
}
