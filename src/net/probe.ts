// The inside client: connects to public-IP:port, sends the nonce, and checks the listener's proof.

import { connect as netConnect, isIPv6, type AddressInfo, type Socket } from 'node:net'
import { normalizeAddress } from '../util/ip.js'
import { helloLine, MAX_PROOF_BYTES, verifyProof, type ProbeTarget } from './proof.js'
import type { TcpOutcome } from '../report/report.js'
import { printable } from '../util/sanitize.js'

/** What the hairpinned connection came to. */
export interface TcpProbeResult {
  outcome: TcpOutcome
  /** The address our listener saw, from a verified proof; null otherwise. */
  observedPeer: string | null
  /** Time from the connect call to the outcome, in milliseconds. */
  ms: number
  /** The system error code behind a failure, or null. */
  error: string | null
  /** What a foreign service sent instead of a proof, made printable; null when nothing foreign answered. */
  answer: string | null
  /** The local address the connection used, when it got that far. */
  localAddress: string | null
  /** The address the connection arrived at on the server, from a verified proof; null otherwise. */
  serverAddress: string | null
}

/** What the probe needs. `connect` is injectable for tests; it defaults to `net.connect`. */
export interface TcpProbeOptions extends ProbeTarget {
  connect?: (opts: { host: string; port: number; family: 4 | 6 }) => Socket
  /** Aborted when the attempt is no longer wanted (another proved): it ends at once as an `error`. */
  signal?: AbortSignal
}

// Socket errors that mean no route: ICMP host/net unreachable from the network (or, for
// ENETUNREACH, no local route at all: the run tells the two apart by this host's route).
// ENETDOWN is always this host's own link: an error, not a verdict on the network.
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN'])

/** Maps a socket error code to an outcome; `connected` tells a reset after the handshake apart. */
export function outcomeForError(code: string | undefined, connected: boolean): TcpOutcome {
  if (code === 'ECONNREFUSED' && !connected) return 'refused'
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset'
  if (code !== undefined && UNREACHABLE.has(code)) return 'unreachable'
  if (code === 'ETIMEDOUT') return 'timeout'
  return 'error'
}

/**
 * Connects to `host:port`, sends the hello with `nonce`, and waits for a proof made with `key`.
 * Never rejects: every way it can end is an outcome.
 */
export function probeTcp(opts: TcpProbeOptions): Promise<TcpProbeResult> {
  const started = opts.now()
  const connect = opts.connect ?? netConnect
  return new Promise((resolve) => {
    let connected = false
    let received = ''
    let localAddress: string | null = null
    // The family follows the address: IPv4 for the hairpin, IPv6 for the direct IPv6 path.
    const socket = connect({ host: opts.host, port: opts.port, family: isIPv6(opts.host) ? 6 : 4 })
    socket.setEncoding('latin1')

    const finish = (outcome: TcpOutcome, extra: Partial<TcpProbeResult> = {}): void => {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort) // a signal shared by many attempts keeps no dead listeners
      socket.removeAllListeners()
      socket.on('error', () => {})
      socket.destroy()
      resolve({
        outcome,
        observedPeer: null,
        ms: Math.round(opts.now() - started),
        error: null,
        answer: null,
        localAddress,
        serverAddress: null,
        ...extra,
      })
    }
    // Connected but no proof in time: something accepted the connection and is not our listener.
    // Read as bytes (latin1) to compare; shown as the UTF-8 text it most likely is.
    const foreign = (): void => finish('wrong-service', { answer: printable(Buffer.from(received, 'latin1').toString('utf8')) })

    const timer = setTimeout(() => (connected ? foreign() : finish('timeout')), opts.timeoutMs)
    const onAbort = (): void => finish('error', { error: 'aborted' })
    if (opts.signal?.aborted) onAbort()
    else opts.signal?.addEventListener('abort', onAbort, { once: true })

    socket.on('connect', () => {
      connected = true
      localAddress = normalizeAddress((socket.address() as AddressInfo).address) // a connected socket always has one
      socket.write(helloLine(opts.nonce))
    })
    socket.on('data', (chunk: string) => {
      received += chunk
      const end = received.indexOf('\n')
      if (end === -1) {
        if (received.length > MAX_PROOF_BYTES) foreign()
        return
      }
      const proof = verifyProof(opts.key, opts.nonce, received.slice(0, end).replace(/\r$/, ''))
      if (proof === null) foreign()
      else finish('ok', { observedPeer: normalizeAddress(proof.peer), serverAddress: normalizeAddress(proof.local) })
    })
    socket.on('end', foreign)
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const outcome = outcomeForError(err.code, connected)
      // A reset after the handshake without a proof: something else took the connection.
      if (outcome === 'reset' && connected && received !== '') foreign()
      else finish(outcome, { error: err.code ?? err.message })
    })
  })
}
