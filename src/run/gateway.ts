// The gateway phase: asked alongside everything else (UPnP once the hairpin is in doubt), awaited last, cut when it can no longer matter.

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

/**
 * How long UPnP waits before it searches, unless the hairpin is in doubt sooner: its answers cannot
 * change a proven verdict, and a working hairpin proves itself within a LAN round trip or two
 * (10-30 ms in the lab under load). In the lab every M-SEARCH delayed the hairpinned probe by
 * about 50 ms (miniupnpd takes that long to answer, and the namespaces share one kernel), so that
 * searching at once made asking the gateway cost a third of a working run. 100 ms is several
 * proofs long and small beside what a failing run waits anyway.
 */
export const UPNP_HOLD_MS = 100

/** The gateway's query under way, how to stop waiting for it, and how to let UPnP go on at once. */
export interface GatewayQuery {
  answer: Promise<GatewayReport | null>
  cut: AbortController
  /** Starts the UPnP hold's clock: the probes have started. */
  probing(): void
  /** Ends the UPnP hold now (the hairpin is in doubt), and its timer. */
  release(): void
  /** Resolves when every client but UPnP has answered while UPnP is still held: nothing is on the wire. Never otherwise. */
  quiet(): Promise<void>
}

const never = (): Promise<void> => new Promise(() => {})

/**
 * UPnP's hold: shut until the probes have run `UPNP_HOLD_MS` (`probing` starts the clock) or the
 * hairpin is in doubt (`release`); `quiet` tells when the other clients are done while it is shut.
 */
function upnpHold() {
  let timer: NodeJS.Timeout | undefined
  let shut = true
  let open!: () => void
  const hold = new Promise<void>((resolve) => (open = resolve))
  const release = (): void => {
    clearTimeout(timer)
    shut = false
    open()
  }
  let othersDone = false
  let notify = (): void => {}
  const onUnheldDone = (): void => {
    othersDone = true
    notify()
  }
  const quiet = (): Promise<void> =>
    shut ? new Promise<void>((resolve) => (othersDone ? resolve() : (notify = () => (shut ? resolve() : undefined)))) : never()
  const probing = (): void => {
    timer ??= setTimeout(release, UPNP_HOLD_MS)
  }
  return { hold, onUnheldDone, probing, release, quiet }
}

/**
 * Starts asking the default gateway over NAT-PMP, PCP and UPnP (and reading its web UI; UPnP held,
 * see `UPNP_HOLD_MS`); null without `--gateway` or after a fault. The caller settles it last (see `settleGateway`).
 */
export function askGateway(s: RunState): GatewayQuery {
  const { opts, io, learned } = s
  const cut = new AbortController()
  if (!going(s) || !opts.gateway) return { answer: Promise.resolve(null), cut, probing: () => {}, release: () => {}, quiet: never }
  const { hold, onUnheldDone, ...control } = upnpHold()
  const answer = Promise.all([io.sourceAddressFor(ANY_OUTSIDE_ADDRESS), learned.routes]).then(([from, routes]) => {
    const gw = pickGateway(routes, (from === null ? null : findInterface(from, learned.ifaces))?.name ?? null, from)
    const protocol = opts.tcp ? ('TCP' as const) : ('UDP' as const)
    const timeoutMs = Math.min(GATEWAY_TIMEOUT_MS, s.left())
    return io.queryGateway({ gateway: gw, client: from, port: opts.port, protocol, timeoutMs, now: io.now, signal: cut.signal, hold, onUnheldDone })
  })
  return { answer, cut, ...control }
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
    // When only a held UPnP is left, nothing is on the wire: cut at once.
    await Promise.race([q.answer, grace, q.quiet()])
    clearTimeout(timer)
    q.cut.abort()
  }
  q.release() // in doubt: UPnP goes on at once; proven: the cut has ended it, and this clears the timer
  return s.step(q.answer)
}
