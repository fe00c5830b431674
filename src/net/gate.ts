// Decides which hellos a listener answers: expected or any nonce, each a bounded number of times, within a per-source rate.

import { createRateLimiter } from '../util/ratelimit.js'

/** Nonces remembered in 'any' mode, oldest forgotten first: bounded memory under a flood. */
export const REMEMBERED_NONCES = 4096

/** How a listener admits hellos. */
export interface GateOptions {
  /**
   * 'expected': only nonces registered with `expect` (a single-host run, where probe and
   * listener share a process). 'any': every well-formed nonce (`serve`, where the client on
   * another host holds the key and the listener cannot know its nonces in advance).
   */
  accept: 'expected' | 'any'
  /** Answers per nonce: 1 over TCP (a replay gets nothing); a few over UDP, where clients retry. */
  answersPerNonce: number
  /** Answers per source address and window (serve mode); none when absent. */
  rateLimit?: { max: number; windowMs: number }
}

/** The gate itself. */
export interface NonceGate {
  /** Registers a nonce this process will send ('expected' mode). */
  expect(nonce: string): void
  /** Whether to answer `nonce` from `source` now; counts the answer when it says yes. */
  admit(nonce: string, source: string): boolean
}

/** Creates a gate. */
export function createNonceGate(opts: GateOptions): NonceGate {
  const expected = new Set<string>()
  const answered = new Map<string, number>()
  const limiter = opts.rateLimit === undefined ? null : createRateLimiter(opts.rateLimit)
  return {
    expect(nonce) {
      expected.add(nonce)
    },
    admit(nonce, source) {
      if (opts.accept === 'expected' && !expected.has(nonce)) return false
      const count = answered.get(nonce) ?? 0
      if (count >= opts.answersPerNonce) return false
      if (limiter !== null && !limiter.allow(source)) return false
      answered.delete(nonce) // re-insert: Map order is then the order of last use
      if (answered.size >= REMEMBERED_NONCES) answered.delete(answered.keys().next().value!)
      answered.set(nonce, count + 1)
      return true
    },
  }
}
