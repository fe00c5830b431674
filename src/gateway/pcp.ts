// PCP (RFC 6887): asks the default gateway, with an ANNOUNCE request, whether it speaks the Port Control Protocol.

import { isIPv4 } from 'node:net'
import { udpExchange } from './exchange.js'
import type { PcpResult } from '../report/report.js'

/** The port a PCP server listens on (RFC 6887 §19.1), shared with NAT-PMP. */
export const PCP_PORT = 5351

/** The PCP version this client speaks (RFC 6887 §7.1). */
export const PCP_VERSION = 2

/** The ANNOUNCE opcode (RFC 6887 §14.1): asks nothing of the server; any answer proves it is there. */
export const PCP_OPCODE_ANNOUNCE = 0

/** The common request header's length (RFC 6887 §7.1), all an ANNOUNCE request is. */
export const PCP_HEADER_BYTES = 24

/** The longest PCP message (RFC 6887 §7): a longer answer is not PCP. */
export const PCP_MAX_BYTES = 1100

/**
 * Initial retransmission time (RFC 6887 §8.1.1, IRT), doubled after each send up to
 * `PCP_MAX_RESEND_MS` (MRT) and jittered by ±10 % (RAND); a short caller timeout usually ends the
 * wait before the first resend, as the RFC's pacing is meant for long-lived clients.
 */
export const PCP_INITIAL_RESEND_MS = 3000

/** Maximum retransmission time (RFC 6887 §8.1.1, MRT). */
export const PCP_MAX_RESEND_MS = 1_024_000

/** A decoded answer. */
interface Answer {
  version: number
  resultCode: number
}

/**
 * The ANNOUNCE request (RFC 6887 §7.1 common request header, §14.1), 24 bytes: version 2, R bit 0
 * and opcode 0 (1 byte), reserved (2), requested lifetime 0 (4), the client's IP address as an
 * IPv4-mapped IPv6 address ::ffff:a.b.c.d (16, RFC 6887 §5). ANNOUNCE carries no opcode data.
 */
export function pcpAnnounceRequest(client: string): Buffer {
  const msg = Buffer.alloc(PCP_HEADER_BYTES)
  msg[0] = PCP_VERSION
  msg[1] = PCP_OPCODE_ANNOUNCE
  msg.writeUInt16BE(0xffff, 18)
  client.split('.').forEach((octet, i) => (msg[20 + i] = Number(octet)))
  return msg
}

/**
 * Decodes an answer to our ANNOUNCE, or null for anything that is not one.
 *
 * Version 2 (RFC 6887 §7.2 common response header): version (1 byte), R bit 1 and opcode 0 (1),
 * reserved (1), result code (1), lifetime (4), epoch time (4), reserved (12); at least 24 bytes,
 * at most 1100, a multiple of 4 (RFC 6887 §8.3). A server of another PCP version answers
 * UNSUPP_VERSION (1) in the same header with the version it speaks (RFC 6887 §9).
 *
 * Version 0 (RFC 6886 §3.5): a NAT-PMP-only server answers any other version with "Unsupported
 * Version": version 0, opcode 0 (RFC 6886's figure) or 128 (as miniupnpd sends), result code
 * (2 bytes), seconds since start of epoch (4): 8 bytes, 12 from servers that pad to an address.
 */
export function decodePcpAnswer(msg: Buffer): Answer | null {
  const version = msg[0]
  if (version === 0) {
    if ((msg.length !== 8 && msg.length !== 12) || (msg[1] !== 0 && msg[1] !== 128)) return null
    return { version, resultCode: msg.readUInt16BE(2) }
  }
  if (msg.length < PCP_HEADER_BYTES || msg.length > PCP_MAX_BYTES || msg.length % 4 !== 0) return null
  if (msg[1] !== (0x80 | PCP_OPCODE_ANNOUNCE)) return null // R bit set, our opcode
  return { version: version!, resultCode: msg[3]! }
}

/** Resend schedule (RFC 6887 §8.1.1): RT = (1 + RAND) × min(IRT × 2^(n−1), MRT), RAND in [−0.1, +0.1]. */
export function pcpResendAfter(sent: number, random: () => number = Math.random): number {
  const base = Math.min(PCP_INITIAL_RESEND_MS * 2 ** (sent - 1), PCP_MAX_RESEND_MS)
  return Math.round(base * (1 + (random() * 0.2 - 0.1)))
}

/**
 * Sends a PCP ANNOUNCE from `client` to `gateway` and reports whether a PCP server answered.
 * The socket is bound to `client`, so the address in the header is the source the server sees
 * (otherwise it answers ADDRESS_MISMATCH, RFC 6887 §8.2 — still proof of presence). Never rejects.
 */
export async function pcpAnnounce(opts: { gateway: string; client: string; timeoutMs: number; now(): number; port?: number; signal?: AbortSignal }): Promise<PcpResult> {
  const started = opts.now()
  const none = { present: null, version: null, resultCode: null }
  if (!isIPv4(opts.gateway)) return { ...none, error: 'gateway is not an IPv4 address', ms: 0 }
  if (!isIPv4(opts.client)) return { ...none, error: 'client is not an IPv4 address', ms: 0 }
  const r = await udpExchange({
    host: opts.gateway,
    port: opts.port ?? PCP_PORT,
    payload: pcpAnnounceRequest(opts.client),
    timeoutMs: opts.timeoutMs,
    resendAfter: (sent) => pcpResendAfter(sent),
    decode: decodePcpAnswer,
    bind: opts.client,
    signal: opts.signal,
  })
  const ms = Math.round(opts.now() - started)
  if (r.answer === null) return { ...none, error: r.error, ms }
  const { version, resultCode } = r.answer
  return { present: version === PCP_VERSION, version, resultCode, error: null, ms }
}
