// Staggered TCP attempts: a new connection every so often until one proves, so a lost SYN or segment cannot decide the verdict.

import type { TcpOutcome } from '../report/report.js'
import type { TcpProbeResult } from './probe.js'

/**
 * How long to wait for an attempt before starting the next. A LAN hairpin proves in
 * milliseconds; a lost SYN waits for the kernel's retransmission (1 s, then 3 s: RFC 6298), so a
 * fresh connection a quarter second later beats the backoff.
 */
export const STAGGER_MS = 250

/** Most attempts in one run: at 20% loss each way, a dozen independent tries all failing is ~1e-5. */
export const MAX_ATTEMPTS = 12

/**
 * After a decisive failure (refused, unreachable), how long attempts still in flight may take to
 * prove otherwise: they started within the last stagger or two.
 */
export const GRACE_MS = 2 * STAGGER_MS

/**
 * Outcomes that say something answered that is not our listener. One such answer can be a lost
 * hello turned away by our own listener (it closes connections whose hello is late), so a second
 * attempt must agree before it counts.
 */
const NEEDS_CONFIRMATION: ReadonlySet<TcpOutcome> = new Set(['wrong-service', 'reset'])

/** Which failure tells most, when no attempt proved: a foreign answer, then a refusal, then silence. */
const RANK: Record<Exclude<TcpOutcome, 'ok'>, number> = { error: 0, 'wrong-service': 1, refused: 2, unreachable: 3, reset: 4, timeout: 5 }

/** A foreign answer with bytes in it outranks one that closed without a word (a proof never gets ranked: it ends the wait). */
const rankOf = (r: TcpProbeResult): number => RANK[r.outcome as Exclude<TcpOutcome, 'ok'>] * 2 + (r.outcome === 'wrong-service' && r.answer === '' ? 1 : 0)

/** The result when the budget ends before any attempt could start: silence, ranked below any real result. */
const SPENT: TcpProbeResult = { outcome: 'timeout', observedPeer: null, ms: 0, error: null, answer: null, localAddress: null, serverAddress: null }

/** What the staggered attempts need. */
export interface StaggerOptions {
  /** Starts one attempt (with a fresh nonce) that gives up after `timeoutMs` or when `signal` aborts. */
  attempt(timeoutMs: number, signal: AbortSignal): Promise<TcpProbeResult>
  /** The whole budget, in milliseconds. */
  timeoutMs: number
  now(): number
  staggerMs?: number
  maxAttempts?: number
}

/**
 * Least budget in which silence means anything, in staggers: room for a second attempt. A lost SYN
 * waits a second for the kernel's retransmission, so with less (start-up and the echo services can
 * leave a run on a busy machine a few milliseconds of its --timeout) one lost packet is silence.
 */
export const MIN_SILENCE_STAGGERS = 1

/**
 * The best result of all attempts, and how many were made. `conclusive` is false when that result
 * is no evidence: silence within less than {@link MIN_SILENCE_STAGGERS} staggers of budget, or a
 * foreign answer (or reset) no second attempt confirmed before the budget ended.
 */
export type StaggeredResult = TcpProbeResult & { attempts: number; conclusive: boolean }

/**
 * Starts an attempt at once and another every `staggerMs` while none has answered, until one
 * proves (then the rest are aborted), the budget ends, or `maxAttempts` have been made. A refusal
 * or an unreachable ends it (after a short grace for attempts in flight); a foreign answer or a
 * reset ends it once a second attempt agrees. Otherwise the most telling failure is the result.
 * Never rejects.
 */
export function probeTcpStaggered(opts: StaggerOptions): Promise<StaggeredResult> {
  const staggerMs = opts.staggerMs ?? STAGGER_MS
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS
  const started = opts.now()
  const deadline = started + opts.timeoutMs
  const abort = new AbortController()
  const results: TcpProbeResult[] = []
  let launched = 0
  let pending = 0
  let closing = false
  let done = false
  return new Promise((resolve) => {
    let next: NodeJS.Timeout | undefined
    let grace: NodeJS.Timeout | undefined
    const finish = (best: TcpProbeResult): void => {
      done = true
      clearTimeout(next)
      clearTimeout(grace)
      abort.abort()
      resolve({ ...best, ms: Math.round(opts.now() - started), attempts: launched, conclusive: conclusive(best) })
    }
    // A foreign answer counts once a second attempt agrees; silence once the budget gave it a fair chance.
    const conclusive = (best: TcpProbeResult): boolean => {
      if (NEEDS_CONFIRMATION.has(best.outcome)) return results.filter((x) => NEEDS_CONFIRMATION.has(x.outcome)).length >= 2
      return best.outcome !== 'timeout' || opts.timeoutMs >= MIN_SILENCE_STAGGERS * staggerMs
    }
    // With no time left for even one attempt, the budget simply ran out.
    const best = (): TcpProbeResult => (results.length === 0 ? SPENT : results.reduce((a, b) => (rankOf(b) < rankOf(a) ? b : a)))
    const settleWhenDone = (): void => {
      if (pending === 0 && (closing || launched >= maxAttempts || opts.now() >= deadline)) finish(best())
    }
    const launch = (): void => {
      clearTimeout(next)
      const left = Math.round(deadline - opts.now())
      if (closing || launched >= maxAttempts || left <= 0) return settleWhenDone()
      launched++
      pending++
      void opts.attempt(left, abort.signal).then((r) => onResult(r))
      next = setTimeout(launch, staggerMs)
    }
    const onResult = (r: TcpProbeResult): void => {
      if (done) return // aborted once another proved or the verdict stood
      pending--
      results.push(r)
      if (r.outcome === 'ok') return finish(r)
      // An attempt that ran out of time means the budget is spent: no new one can do better.
      if (r.outcome === 'timeout' || r.outcome === 'error') closing = true
      else if (NEEDS_CONFIRMATION.has(r.outcome)) {
        if (results.filter((x) => NEEDS_CONFIRMATION.has(x.outcome)).length >= 2) closing = true
        else if (pending === 0) return launch() // confirm at once rather than after the stagger
      } else if (!closing) {
        closing = true // refused or unreachable: decisive, but attempts in flight may still prove
        grace = setTimeout(() => finish(best()), Math.min(GRACE_MS, Math.max(0, deadline - opts.now())))
      }
      settleWhenDone()
    }
    launch()
  })
}
