// The UDP hairpin test (RFC 4787 REQ-9): a listener that answers our hello datagrams with a proof, and the probe that sends them.

import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import { isIPv6 } from 'node:net'
import { createNonceGate } from './gate.js'
import { normalizeAddress } from '../util/ip.js'
import { keepSighting, keepStranger, listenerHandle, type HairpinListener, type Sighting } from './listener.js'
import { helloLine, MAX_HELLO_BYTES, parseHello, PROTOCOL, proofLine, verifyProof, type ProbeTarget } from './proof.js'
import type { UdpOutcome } from '../report/report.js'
import { printable } from '../util/sanitize.js'

export type { UdpOutcome } from '../report/report.js'

/**
 * Answers per nonce. Unlike TCP a nonce is answered more than once, because the client resends
 * its hello until an answer gets through; four answers ride out three lost in a row, and are all
 * that a replayed nonce can make us send to a spoofed victim.
 */
export const UDP_ANSWERS_PER_NONCE = 4

/**
 * How often the probe resends its hello. A hairpinned round trip on a LAN takes a few
 * milliseconds, so a quarter second without an answer means a datagram was lost; it still gives
 * about eight tries in a two-second window (a single 100 ms try gave flaky answers in practice)
 * while sending only four small datagrams a second.
 */
export const UDP_RETRY_INTERVAL_MS = 250

/**
 * Where the probe sends one datagram before its first hello, from the same socket: some routers
 * hairpin only for a mapping that has already sent traffic out. A documentation address
 * (RFC 5737) reaches nobody, and port 9 (discard, RFC 863) asks for nothing back.
 */
export const UDP_PRIME: { readonly address: '203.0.113.1'; readonly port: number } = Object.freeze({ address: '203.0.113.1', port: 9 })

/** What the prime datagram carries: no nonce, nothing secret; a capture can tell it is ours. */
export const UDP_PRIME_PAYLOAD = `${PROTOCOL} PRIME\n`

// Errors that mean the network said no route: ICMP unreachable or a local route missing.
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'])

const ignore = (): void => {}

/** One answered hello: which nonce, and what the listener saw (the TCP listener's Sighting). */
export type UdpSighting = Sighting

/** What the UDP listener needs. */
export interface UdpListenerOptions {
  bind: string
  port: number
  /** Per-run secret the proofs are made with. */
  key: Buffer
  /**
   * 'expected': answer only nonces registered with `expect()` (single-host run). 'any': answer
   * every well-formed hello (the long-running `serve` mode, where the client holds the key).
   * Default 'expected'.
   */
  accept?: 'expected' | 'any'
  /** Answers per source address and window (serve mode); none by default. */
  rateLimit?: { max: number; windowMs: number }
  /** Called for each answered (proven) datagram. */
  onSighting?(s: UdpSighting): void
  /** The local address an answer to the peer leaves from, for a wildcard bind; injectable for tests, defaults to `replySource`. */
  replySource?(peer: string, peerPort: number): Promise<string>
}

/**
 * A running UDP listener: the same contract as the TCP one, except that an expected nonce is
 * answered up to `UDP_ANSWERS_PER_NONCE` times (the client retries) and strangers are datagrams.
 */
export type UdpListener = HairpinListener

/**
 * The local address this host sends from to reach `peer`: the route to it picks one. Connecting
 * a UDP socket picks the route and the source address without sending a byte.
 */
export function replySource(peer: string, peerPort: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(peer) ? 'udp6' : 'udp4')
    const done = (err: Error | null): void => {
      if (err === null) resolve(normalizeAddress(socket.address().address))
      else reject(err)
      socket.close()
    }
    socket.on('error', done) // no route, or a broadcast address (EACCES)
    socket.on('connect', () => done(null))
    try {
      socket.connect(peerPort, peer)
    } catch (err) {
      done(err as Error) // a port node refuses outright (0, > 65535)
    }
  })
}

/**
 * Starts listening for hello datagrams. Rejects with the system error (its `code` is `EACCES`,
 * `EADDRINUSE`, `EADDRNOTAVAIL`, …) when the port cannot be opened.
 *
 * No amplification: only a well-formed hello that the gate admits is answered, never a stranger,
 * and an answer goes only to the address the hello came from. The hello is 49 bytes; the answer
 * at most 122 with IPv4 addresses (2.5 times, 182 bytes with the longest IPv6 forms), sent at
 * most `UDP_ANSWERS_PER_NONCE` times per nonce and, in serve mode, within the per-source rate:
 * a poor reflector next to DNS or NTP, whose answers are tens to hundreds of times the question.
 */
export function startUdpListener(opts: UdpListenerOptions): Promise<UdpListener> {
  const gate = createNonceGate({ accept: opts.accept ?? 'expected', answersPerNonce: UDP_ANSWERS_PER_NONCE, rateLimit: opts.rateLimit })
  const sightings: UdpSighting[] = []
  const socket = createSocket(isIPv6(opts.bind) ? 'udp6' : 'udp4')
  let strangers = 0
  const strangerPeers: string[] = []
  let closed = false
  let localFor!: (peer: string, peerPort: number) => Promise<string> // set once bound, before any datagram

  const answer = async (nonce: string, rinfo: RemoteInfo): Promise<void> => {
    const peer = normalizeAddress(rinfo.address)
    let local: string
    try {
      local = await localFor(peer, rinfo.port)
    } catch {
      return // no route back to the peer: an answer could not reach it either
    }
    if (closed) return // closed while the route was looked up
    const sighting = { nonce, peer, peerPort: rinfo.port, local }
    keepSighting(sightings, sighting, opts.onSighting)
    socket.send(proofLine(opts.key, nonce, sighting), rinfo.port, rinfo.address, ignore) // unconnected: no ICMP errors come back
  }

  socket.on('message', (msg, rinfo) => {
    // Longer than a hello is not ours: not even decoded.
    const text = msg.length <= MAX_HELLO_BYTES ? msg.toString('latin1') : ''
    const nonce = text.endsWith('\n') ? parseHello(text.slice(0, -1)) : null
    // Source port 0 cannot be answered (node refuses to send there): only a forged datagram has it.
    // The gate counts the answer when it admits one.
    if (nonce === null || rinfo.port === 0 || !gate.admit(nonce, normalizeAddress(rinfo.address))) {
      strangers++
      keepStranger(strangerPeers, normalizeAddress(rinfo.address))
      return
    }
    void answer(nonce, rinfo)
  })

  return new Promise((resolve, reject) => {
    const failed = (err: Error): void => {
      socket.close() // node leaves the handle open after a failed bind
      reject(err)
    }
    socket.once('error', failed)
    socket.bind({ address: opts.bind, port: opts.port, exclusive: true }, () => {
      socket.off('error', failed)
      socket.on('error', ignore) // unconnected, so no ICMP errors; nothing else here is ours to act on
      const bound = socket.address()
      const address = normalizeAddress(bound.address)
      // A socket bound to one address hears only datagrams sent to it. A wildcard socket cannot
      // learn where a datagram arrived (node:dgram has no IP_PKTINFO): name instead the address our
      // answer leaves from, which the route back to the peer picks. That is the arrival address
      // whenever the route back uses the way in, and it is always the source the client sees.
      localFor = address === '0.0.0.0' || address === '::' ? (opts.replySource ?? replySource) : () => Promise.resolve(address)
      resolve(
        listenerHandle({
          address: opts.bind,
          port: bound.port, // the real one when 0 asked for any
          strangers: () => strangers,
          strangerPeers,
          sightings,
          expect: gate.expect,
          stop: () => {
            closed = true
            return new Promise<void>((done) => socket.close(() => done()))
          },
        }),
      )
    })
  })
}

/** What the hairpinned datagrams came to. */
export interface UdpProbeResult {
  outcome: UdpOutcome
  /** The address our listener saw, from a verified proof; null otherwise. */
  observedPeer: string | null
  /** The address the listener answered from (see `startUdpListener`), from a verified proof; null otherwise. */
  serverAddress: string | null
  /** The source address of the datagram that decided (`ok`, `direct-reply`, `wrong-service`); null otherwise. */
  replyFrom: string | null
  /** Time from the start to the outcome, in milliseconds. */
  ms: number
  /** Hellos sent. */
  attempts: number
  /** The system error code behind a failure, or null. */
  error: string | null
  /** What a foreign service sent instead of a proof, made printable; null when nothing foreign answered. */
  answer: string | null
}

/** What the UDP probe needs. */
export interface UdpProbeOptions extends ProbeTarget {
  /** Time between hellos; default `UDP_RETRY_INTERVAL_MS`. */
  retryIntervalMs?: number
  /** Where to send the one priming datagram; default `UDP_PRIME`, null for none. */
  prime?: { address: string; port: number } | null
  /**
   * Makes the probe's two sockets, the unconnected one first; injectable for tests. Default:
   * `dgram.createSocket({ type: 'udp4', reuseAddr: true })`.
   */
  socket?: () => Socket
}

type Verdict = Partial<UdpProbeResult> & { outcome: UdpOutcome }

/** Maps a socket error to an outcome. */
function failure(err: NodeJS.ErrnoException): Verdict {
  const code = err.code
  const outcome = code === 'ECONNREFUSED' ? 'refused' : UNREACHABLE.has(code ?? '') ? 'unreachable' : 'error'
  return { outcome, error: code ?? err.message }
}

// reuseAddr on both, so the second can join the first's port. Linux may hand an ephemeral port
// to two SO_REUSEADDR sockets of different programs; a clash would cost a timeout, never a false ok.
const makeSocket = (): Socket => createSocket({ type: 'udp4', reuseAddr: true })

/**
 * Sends hellos with `nonce` to `host:port` every `retryIntervalMs` until a verdict or
 * `timeoutMs`, and checks answers against `key`. Never rejects: every way it can end is an
 * outcome.
 *
 * Two sockets share one local port (`reuseAddr`). `main` is connected to host:port: it sends the
 * hellos, gets the answer from there, and gets the ICMP errors (refused, unreachable) that Linux
 * reports only to connected sockets. `spare` is not connected: the kernel gives a datagram to
 * the socket that matches it best, so `spare` gets everything from other addresses, such as a
 * server answering straight from its LAN address (`direct-reply`), which a connected socket
 * would drop. `spare` also sends the prime, so it leaves from the port the hellos use.
 */
export function probeUdp(opts: UdpProbeOptions): Promise<UdpProbeResult> {
  const started = opts.now()
  const make = opts.socket ?? makeSocket
  const prime = opts.prime === undefined ? UDP_PRIME : opts.prime
  const spare = make()
  const main = make()
  let attempts = 0
  let retry: NodeJS.Timeout | undefined
  let decide!: (v: Verdict) => void // first call wins: a promise settles once
  const verdict = new Promise<Verdict>((resolve) => (decide = resolve))
  const fail = (err: Error): void => decide(failure(err))
  const timer = setTimeout(() => decide({ outcome: 'timeout' }), opts.timeoutMs)

  // Every error of either socket ends the run: bind and connect failures, and ICMP errors, which
  // node reports on the next receive of the connected socket.
  spare.on('error', fail)
  main.on('error', fail)

  const setup = async (): Promise<void> => {
    await new Promise((r) => spare.bind(0, () => r(null)))
    const port = spare.address().port
    // Waiting for the send to complete puts the prime on the wire before the first hello. Its
    // failure does not matter: the prime is a courtesy to picky routers.
    if (prime !== null) await new Promise((r) => spare.send(UDP_PRIME_PAYLOAD, prime.port, prime.address, r))
    await new Promise((r) => main.bind(port, () => r(null)))
    // No callback: node would hand a connect error to it and nothing else; as an event it ends the run.
    await new Promise((r) => {
      main.once('connect', r)
      main.connect(opts.port, opts.host)
    })
    const target = normalizeAddress(main.remoteAddress().address)
    const onMessage = (msg: Buffer, rinfo: RemoteInfo): void => {
      const from = normalizeAddress(rinfo.address)
      const text = msg.toString('latin1')
      const proof = verifyProof(opts.key, opts.nonce, text.replace(/\r?\n$/, ''))
      const seen = proof && { observedPeer: normalizeAddress(proof.peer), serverAddress: normalizeAddress(proof.local), replyFrom: from }
      // By address only: a NAT may translate the source port too.
      if (from === target) decide(seen ? { outcome: 'ok', ...seen } : { outcome: 'wrong-service', replyFrom: from, answer: printable(text) })
      else if (seen) decide({ outcome: 'direct-reply', ...seen })
      // Anything else from elsewhere (a scanner, a stray datagram) says nothing about the hairpin.
    }
    main.on('message', onMessage)
    spare.on('message', onMessage)
    const hello = (): void => {
      attempts++
      // A pending ICMP error can surface on a send instead of a receive; without a callback node drops it.
      main.send(helloLine(opts.nonce), (err) => {
        if (err) fail(err)
      })
    }
    hello()
    retry = setInterval(hello, opts.retryIntervalMs ?? UDP_RETRY_INTERVAL_MS)
  }
  // Once the verdict is in, both sockets are closed: a step still pending then never completes
  // (its event listener is gone) or throws (the socket is closed) and lands here, too late to count.
  setup().catch(fail)

  return verdict.then((v) => {
    clearTimeout(timer)
    clearInterval(retry)
    for (const socket of [spare, main]) {
      socket.removeAllListeners()
      socket.close()
    }
    return {
      observedPeer: null,
      serverAddress: null,
      replyFrom: null,
      ms: Math.round(opts.now() - started),
      attempts,
      error: null,
      answer: null,
      ...v,
    }
  })
}
