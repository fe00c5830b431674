// NAT-PMP (RFC 6886): asks the default gateway for its external IPv4 address.

import { isIPv4 } from 'node:net'
import { udpExchange } from './exchange.js'
import type { NatPmpResult } from '../report/report.js'

/** The port a NAT-PMP server listens on (RFC 6886 §3). */
export const NATPMP_PORT = 5351

/**
 * First wait before a resend, doubled after each (RFC 6886 §3.1): a LAN round trip takes a few
 * milliseconds, so a quarter second without an answer means the datagram was lost.
 */
export const NATPMP_INITIAL_RESEND_MS = 250

/** Sends in all (RFC 6886 §3.1: nine, about 64 s); the caller's timeout usually ends the wait first. */
export const NATPMP_MAX_SENDS = 9

/** Result codes (RFC 6886 §3.5). */
export const NATPMP_RESULT_TEXT: Record<number, string> = Object.freeze({
  0: 'Success',
  1: 'Unsupported Version',
  2: 'Not Authorized/Refused',
  3: 'Network Failure',
  4: 'Out of resources',
  5: 'Unsupported opcode',
})

/** A decoded external-address response. */
interface Answer {
  resultCode: number
  epoch: number
  address: string
}

/** The request (RFC 6886 §3.2): version 0, opcode 0, nothing else. */
const REQUEST = Uint8Array.of(0, 0)

/**
 * Decodes an external-address response (RFC 6886 §3.2), 12 bytes:
 * version 0 (1 byte), opcode 128 + 0 (1), result code (2, big-endian), seconds since start of
 * epoch (4), external IPv4 address (4). An error response may stop after the epoch (8 bytes, as
 * old miniupnpd sends). Anything else is not an answer to us: null.
 */
export function decodeNatPmpAnswer(msg: Buffer): Answer | null {
  if (msg.length !== 12 && msg.length !== 8) return null
  if (msg[0] !== 0 || msg[1] !== 128) return null
  const resultCode = msg.readUInt16BE(2)
  if (msg.length === 8 && resultCode === 0) return null // a success must carry the address
  const address = msg.length === 12 ? [...msg.subarray(8, 12)].join('.') : '0.0.0.0'
  return { resultCode, epoch: msg.readUInt32BE(4), address }
}

/** Resend schedule (RFC 6886 §3.1): 250 ms after the first send, doubling, nine sends in all. */
export function natPmpResendAfter(sent: number): number | null {
  return sent < NATPMP_MAX_SENDS ? NATPMP_INITIAL_RESEND_MS * 2 ** (sent - 1) : null
}

/**
 * Asks `gateway` for its external address over NAT-PMP, resending per RFC 6886 §3.1 within
 * `timeoutMs`. Answers are accepted only from the gateway's address and port. Never rejects.
 */
export async function natPmpExternalAddress(opts: { gateway: string; timeoutMs: number; now(): number; port?: number; signal?: AbortSignal }): Promise<NatPmpResult> {
  const started = opts.now()
  const none = { resultCode: null, externalIp: null, epoch: null }
  if (!isIPv4(opts.gateway)) return { ...none, error: 'gateway is not an IPv4 address', ms: 0 }
  const r = await udpExchange({
    host: opts.gateway,
    port: opts.port ?? NATPMP_PORT,
    payload: REQUEST,
    timeoutMs: opts.timeoutMs,
    resendAfter: natPmpResendAfter,
    decode: decodeNatPmpAnswer,
    signal: opts.signal,
  })
  const ms = Math.round(opts.now() - started)
  if (r.answer === null) return { ...none, error: r.error, ms }
  const a = r.answer
  // RFC 6886 §3.5: with a non-zero result the address field is to be ignored.
  const externalIp = a.resultCode === 0 && a.address !== '0.0.0.0' ? a.address : null
  return { resultCode: a.resultCode, externalIp, epoch: a.epoch, error: null, ms }
}
