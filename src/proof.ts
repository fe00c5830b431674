// The wire protocol that proves a hairpinned connection reached our own listener: nonce out, HMAC proof back.

import { createHmac, timingSafeEqual } from 'node:crypto'

/** Protocol tag that starts every line; the version lets a later protocol coexist. */
export const PROTOCOL = 'HAIRPIN-CHECK/1'

/** Nonce length in bytes (hex on the wire): 128 bits cannot be guessed by a scanner. */
export const NONCE_BYTES = 16

/** A hello line is the tag, a space, 32 hex digits and a newline: anything longer is not ours. */
export const MAX_HELLO_BYTES = PROTOCOL.length + 1 + NONCE_BYTES * 2 + 1

/**
 * A proof line carries the tag, "OK", the peer address and port the listener saw, and a
 * 64-hex HMAC: at most 136 bytes with the longest IPv6 text form. Longer is not ours.
 */
export const MAX_PROOF_BYTES = 160

const NONCE_RE = new RegExp(`^[0-9a-f]{${NONCE_BYTES * 2}}$`)

/** The line the client sends right after connecting. */
export function helloLine(nonce: string): string {
  return `${PROTOCOL} ${nonce}\n`
}

/**
 * Parses a hello line (without its newline). Returns the nonce, or null when the bytes are
 * not a well-formed hello.
 */
export function parseHello(line: string): string | null {
  const parts = line.split(' ')
  if (parts.length !== 2 || parts[0] !== PROTOCOL) return null
  return NONCE_RE.test(parts[1]!) ? parts[1]! : null
}

/** HMAC-SHA256 over the nonce and what the listener saw, so neither can be swapped in transit. */
export function proofMac(key: Buffer, nonce: string, peer: string, peerPort: number): string {
  return createHmac('sha256', key).update(`${nonce}|${peer}|${peerPort}`).digest('hex')
}

/** The line the listener answers with: what it saw, and the proof. */
export function proofLine(key: Buffer, nonce: string, peer: string, peerPort: number): string {
  return `${PROTOCOL} OK ${peer} ${peerPort} ${proofMac(key, nonce, peer, peerPort)}\n`
}

/** What a verified proof says the listener saw. */
export interface Proof {
  peer: string
  peerPort: number
}

/**
 * Checks a proof line (without its newline) against our key and nonce. Returns what the
 * listener saw, or null when the line is not a valid proof for this nonce (forged, replayed
 * from another run, or from another service).
 */
export function verifyProof(key: Buffer, nonce: string, line: string): Proof | null {
  const parts = line.split(' ')
  if (parts.length !== 5 || parts[0] !== PROTOCOL || parts[1] !== 'OK') return null
  const [, , peer, portText, mac] = parts as [string, string, string, string, string]
  const peerPort = Number(portText)
  if (!/^\d{1,5}$/.test(portText) || peerPort > 65535 || !/^[0-9a-f]{64}$/.test(mac)) return null
  const expected = Buffer.from(proofMac(key, nonce, peer, peerPort), 'hex')
  return timingSafeEqual(expected, Buffer.from(mac, 'hex')) ? { peer, peerPort } : null
}
