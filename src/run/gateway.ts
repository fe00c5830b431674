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
 * Starts asking the default gateway over NAT-PMP, PCP and UPnP; null without `--gateway` or after
 * a fault. The caller awaits it last and puts it in `obs.gateway`.
 */
export function askGateway(s: RunState): Promise<GatewayReport | null> {
  const { opts, io, learned } = s
  if (!going(s) || !opts.gateway) return Promise.resolve(null)
  return Promise.all([io.sourceAddressFor(ANY_OUTSIDE_ADDRESS), learned.routes]).then(([from, routes]) => {
    const gw = pickGateway(routes, (from === null ? null : findInterface(from, learned.ifaces))?.name ?? null, from)
    const protocol = opts.tcp ? ('TCP' as const) : ('UDP' as const)
    return io.queryGateway({ gateway: gw, client: from, port: opts.port, protocol, timeoutMs: Math.min(GATEWAY_TIMEOUT_MS, s.left()), now: io.now })
  })
}
