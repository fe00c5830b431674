// The gateway phase: asked alongside everything else (its answers do not depend on them), awaited last.

import { findInterface, pickGateway } from '../host/netinfo.js'
import type { GatewayReport } from '../report/report.js'
import { ANY_OUTSIDE_ADDRESS } from './learn.js'
import { going, type RunState } from './state.js'

/**
 * How long the gateway may take to answer NAT-PMP, PCP and UPnP together. A router answers in
 * milliseconds; SSDP waits about a second for answers; two seconds leaves room for the retries.
 */
export const GATEWAY_TIMEOUT_MS = 2000

/**
 * Once the hairpin is proven to work, how much longer the gateway's answers are waited for. They
 * can no longer change the verdict (only add a warning or order the fixes), so only answers
 * already on the wire are taken: a LAN round trip is a millisecond or two, and 20 ms leaves room
 * for a busy event loop. A UPnP device is usually cut: miniupnpd alone takes 50-70 ms to answer
 * an M-SEARCH in the lab, more than the rest of a working run's probing.
 */
export const GATEWAY_GRACE_MS = 20

/** The gateway's query under way, and how to stop waiting for it. */
export interface GatewayQuery {
  answer: Promise<GatewayReport | null>
  cut: AbortController
}

/**
 * Starts asking the default gateway over NAT-PMP, PCP and UPnP (and reading its web UI); null
 * without `--gateway` or after a fault. The caller settles it last (see `settleGateway`).
 */
export function askGateway(s: RunState): GatewayQuery {
  const { opts, io, learned } = s
  const cut = new AbortController()
  if (!going(s) || !opts.gateway) return { answer: Promise.resolve(null), cut }
  const answer = Promise.all([io.sourceAddressFor(ANY_OUTSIDE_ADDRESS), learned.routes]).then(([from, routes]) => {
    const gw = pickGateway(routes, (from === null ? null : findInterface(from, learned.ifaces))?.name ?? null, from)
    const protocol = opts.tcp ? ('TCP' as const) : ('UDP' as const)
    const timeoutMs = Math.min(GATEWAY_TIMEOUT_MS, s.left())
    return io.queryGateway({ gateway: gw, client: from, port: opts.port, protocol, timeoutMs, now: io.now, signal: cut.signal })
  })
  return { answer, cut }
}

/** Whether every protocol tested proved: then nothing the gateway says can change the verdict. */
const proven = (s: RunState): boolean => {
  const tested = [s.obs.tcp, s.obs.udp].filter((r) => r !== null)
  return tested.length > 0 && tested.every((r) => r.outcome === 'ok')
}

/**
 * The gateway's answers: all of them when they can still change the verdict; when the hairpin
 * worked, what has arrived within `GATEWAY_GRACE_MS` (the rest is cut, and says so).
 */
export async function settleGateway(s: RunState, q: GatewayQuery): Promise<GatewayReport | null> {
  if (proven(s)) {
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, GATEWAY_GRACE_MS)))
    await Promise.race([q.answer, grace])
    clearTimeout(timer)
    q.cut.abort()
  }
  return s.step(q.answer)
}
