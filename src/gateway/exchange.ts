// One small UDP request to the gateway and its answer, resent on a schedule: the transport NAT-PMP and PCP share.

import { createSocket, type Socket } from 'node:dgram'

/** What a query reports when the deadline passes without an answer it accepts. */
export const NO_ANSWER = 'no answer'

/** What the exchange needs. */
export interface ExchangeOptions<T> {
  /** The server's IPv4 address. */
  host: string
  port: number
  /** The request datagram. */
  payload: Uint8Array
  /** The whole wait, first send included. */
  timeoutMs: number
  /**
   * Milliseconds from send number `sent` (1 for the first) to the next one, or null for no more
   * sends; the deadline may end the wait sooner.
   */
  resendAfter(sent: number): number | null
  /** Decodes a datagram from the server, or null to ignore it (malformed, not an answer to us). */
  decode(msg: Buffer): T | null
  /** The local address to send from; any when absent. */
  bind?: string
  /** Aborted when the answer is no longer wanted: the exchange ends at once with `NOT_WAITED_FOR`. */
  signal?: AbortSignal
}

/** What an exchange reports when the caller stopped waiting for it (see `ExchangeOptions.signal`). */
export const NOT_WAITED_FOR = 'not waited for'

/** How an exchange ended: an answer, or an error (`NO_ANSWER`, or a system error code such as `ECONNREFUSED`). */
export type ExchangeResult<T> = { answer: T; error: null; sent: number } | { answer: null; error: string; sent: number }

/**
 * Sends `payload` to `host:port` and resends it on the schedule until `decode` accepts an answer,
 * the deadline passes or the socket fails. Never rejects; closes its socket on every path.
 *
 * The socket is connected to `host:port`, so the kernel hands it datagrams from that address and
 * port only (what RFC 6886 §3.1 and RFC 6887 §8.3 ask a client to check), and Linux reports an
 * ICMP port unreachable as `ECONNREFUSED`: a gateway without the service says so at once.
 */
export function udpExchange<T>(opts: ExchangeOptions<T>): Promise<ExchangeResult<T>> {
  if (opts.timeoutMs <= 0) return Promise.resolve({ answer: null, error: NO_ANSWER, sent: 0 })
  const socket: Socket = createSocket('udp4')
  let sent = 0
  let resend: NodeJS.Timeout | undefined
  let decide!: (r: { answer: T; error: null } | { answer: null; error: string }) => void // the first call wins: a promise settles once
  const outcome = new Promise<{ answer: T; error: null } | { answer: null; error: string }>((resolve) => (decide = resolve))
  const fail = (err: unknown): void => decide({ answer: null, error: errorText(err) })
  const deadline = setTimeout(() => decide({ answer: null, error: NO_ANSWER }), opts.timeoutMs)
  const stop = (): void => decide({ answer: null, error: NOT_WAITED_FOR })
  if (opts.signal?.aborted) stop()
  else opts.signal?.addEventListener('abort', stop, { once: true })

  const send = (): void => {
    sent++
    socket.send(opts.payload, (err) => {
      if (err) fail(err)
    })
    const next = opts.resendAfter(sent)
    if (next !== null) resend = setTimeout(send, next)
  }
  socket.on('error', fail) // bind and connect failures, ICMP errors on the connected socket
  socket.on('message', (msg) => {
    const answer = opts.decode(msg)
    if (answer !== null) decide({ answer, error: null })
  })
  socket.bind({ port: 0, address: opts.bind }, () => {
    // No callback: node would hand a connect error to it and nothing else; as an event it ends the wait.
    socket.once('connect', send)
    socket.connect(opts.port, opts.host)
  })

  return outcome.then((r) => {
    clearTimeout(deadline)
    opts.signal?.removeEventListener('abort', stop)
    clearTimeout(resend)
    socket.removeAllListeners()
    socket.on('error', () => {}) // a late ICMP error must not become an uncaught exception
    socket.close()
    return { ...r, sent }
  })
}

/** One line for a socket error: its code (`ECONNREFUSED`, …) when it has one, else its message. */
export function errorText(err: unknown): string {
  const e = Object(err) as { code?: unknown; message?: unknown }
  if (typeof e.code === 'string') return e.code
  return typeof e.message === 'string' ? e.message : String(err)
}
