// The wire protocol that proves a hairpinned connection reached our own listener: nonce out, HMAC proof back.

import { createHmac, timingSafeEqual } from 'node:crypto'

/** Protocol tag that starts every line; the version lets a later protocol coexist. */
export const PROTOCOL = 'HAIRPIN-CHECK/1'

/** Nonce length in bytes (hex on the wire): 128 bits cannot be guessed by a scanner. */
export const NONCE_BYTES = 16

/** A hello line is the tag, a space, 32 hex digits and a newline: anything longer is not ours. */
export const MAX_HELLO_BYTES = PROTOCOL.length + 1 + NONCE_BYTES * 2 + 1

/**
 * A proof line carries the tag, "OK", the peer address and port the listener saw, the local
 * address the connection arrived at, and a 64-hex HMAC: at most 182 bytes with the longest IPv6
 * text forms. Longer is not ours.
 */
export const MAX_PROOF_BYTES = 200

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

/** Where a probe goes and what it proves with: the same for TCP and UDP. */
export interface ProbeTarget {
  host: string
  port: number
  /** The key the listener's proofs are made with. */
  key: Buffer
  /** This probe's nonce (hex). */
  nonce: string
  /** How long to try, in all. */
  timeoutMs: number
  /** Monotonic milliseconds. */
  now(): number
}

/** What the listener saw: the remote address and port, and its own (local) address. */
export interface Proof {
  peer: string
  peerPort: number
  /** The address the connection arrived at: the server's LAN address behind a port forward. */
  local: string
}

/** HMAC-SHA256 over the nonce and what the listener saw, so none of it can be swapped in transit. */
export function proofMac(key: Buffer, nonce: string, seen: Proof): string {
  return createHmac('sha256', key).update(`${nonce}|${seen.peer}|${seen.peerPort}|${seen.local}`).digest('hex')
}

/** The line the listener answers with: what it saw, and the proof. */
export function proofLine(key: Buffer, nonce: string, seen: Proof): string {
  return `${PROTOCOL} OK ${seen.peer} ${seen.peerPort} ${seen.local} ${proofMac(key, nonce, seen)}\n`
}

/**
 * Checks a proof line (without its newline) against our key and nonce. Returns what the
 * listener saw, or null when the line is not a valid proof for this nonce (forged, replayed
 * from another run, or from another service).
 */
export function verifyProof(key: Buffer, nonce: string, line: string): Proof | null {
  const parts = line.split(' ')
  if (parts.length !== 6 || parts[0] !== PROTOCOL || parts[1] !== 'OK') return null
  const [, , peer, portText, local, mac] = parts as [string, string, string, string, string, string]
  const peerPort = Number(portText)
  // Exactly as proofLine writes it: no leading zeros, nothing but the canonical number.
  if (portText !== String(peerPort) || peerPort > 65535 || !/^[0-9a-f]{64}$/.test(mac)) return null
  const seen = { peer, peerPort, local }
  const expected = Buffer.from(proofMac(key, nonce, seen), 'hex')
  return timingSafeEqual(expected, Buffer.from(mac, 'hex')) ? seen : null
}
