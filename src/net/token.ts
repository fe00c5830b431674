// Tokens that pair `serve` on the server with `--peer` on another host: the shared proof key, printable.

import { randomBytes } from 'node:crypto'
import { printable } from '../util/sanitize.js'

/** Version tag: a later token format can be told apart. */
export const TOKEN_PREFIX = 'hc1.'

/** Key bytes: 256 bits, the HMAC-SHA256 key size. */
export const TOKEN_KEY_BYTES = 32

/** A new random token. */
export function newToken(random: (n: number) => Buffer = randomBytes): string {
  return `${TOKEN_PREFIX}${random(TOKEN_KEY_BYTES).toString('base64url')}`
}

/**
 * The proof key inside a token.
 * @throws Error with a one-line reason when it is not a token `serve` printed.
 */
export function keyFromToken(token: string): Buffer {
  const body = token.trim()
  const key = body.startsWith(TOKEN_PREFIX) ? Buffer.from(body.slice(TOKEN_PREFIX.length), 'base64url') : Buffer.alloc(0)
  // base64url decoding skips junk silently: re-encoding must give the same text back.
  if (key.length !== TOKEN_KEY_BYTES || `${TOKEN_PREFIX}${key.toString('base64url')}` !== body) {
    throw new Error(`not a token from "hairpin-check serve" (${TOKEN_PREFIX}<43 characters>): "${printable(token, 20)}"`)
  }
  return key
}
