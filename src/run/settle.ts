// The settling phase: once the probes are done, the further checks that tell two explanations apart.

import { externalAddressOf } from '../gateway/wan.js'
import { describeService } from '../net/service.js'
import type { AnsweredByReport, GatewayReport, ServiceIdentity, ServiceReport, VendorReport } from '../report/report.js'
import type { RunState } from './state.js'

function serviceReport(id: ServiceIdentity): ServiceReport {
  return { ...id, description: describeService(id) }
}

/** The gateway vouches for an unconfirmed echo answer when it reports the same external address. */
export function confirmByGateway(s: RunState, gateway: GatewayReport | null): void {
  const p = s.obs.publicIp
  if (p.confirmedBy === null && p.address !== null && externalAddressOf(gateway) === p.address) p.confirmedBy = 'gateway'
}

/** Whether something other than our listener (or the serve's) answered on the public IP. */
export function somethingElseAnswered(s: RunState): boolean {
  const outcome = s.obs.tcp?.outcome
  return s.obs.mode !== 'target' && (outcome === 'wrong-service' || outcome === 'reset')
}

/** Starts identifying what answered on the public IP and what answers at the gateway's LAN address, side by side. */
export function identifyAnswer(s: RunState): Promise<[ServiceIdentity, ServiceIdentity | null]> | null {
  const { io, opts, obs } = s
  const publicIp = obs.publicIp.address
  if (!somethingElseAnswered(s) || publicIp === null) return null
  io.onStep?.(`Something else answered on ${publicIp}:${opts.port}: identifying it`)
  const identify = (host: string): Promise<ServiceIdentity> =>
    io.identifyService({ host, port: opts.port, servername: opts.host, timeoutMs: s.left(), now: io.now })
  const gw = obs.client.gateway
  return Promise.all([identify(publicIp), gw === null ? null : identify(gw)])
}

/**
 * Completes `obs.answeredBy` once the gateway has answered: the forward's internal client from
 * UPnP, when it is another host, is identified too, and `router` is what `fingerprint` makes of
 * what answered (router firmware it looks like).
 */
export async function recordAnswer(
  s: RunState,
  identities: [ServiceIdentity, ServiceIdentity | null],
  fingerprint: (id: ServiceIdentity) => VendorReport | null,
): Promise<void> {
  const { io, opts, obs } = s
  const [pub, gw] = identities
  const mapped = obs.gateway?.upnp?.mapping?.internalClient ?? null
  // The forward points elsewhere (not at this host, not at the gateway): what answers there?
  const elsewhere = mapped !== null && mapped !== obs.client.address && mapped !== obs.client.gateway ? mapped : null
  const target =
    elsewhere === null ? null : await s.step(io.identifyService({ host: elsewhere, port: opts.port, servername: opts.host, timeoutMs: s.left(), now: io.now }))
  const answeredBy: AnsweredByReport = {
    viaPublicIp: serviceReport(pub),
    gateway: gw === null ? null : serviceReport(gw),
    forwardTarget: elsewhere === null || target === null ? null : { address: elsewhere, service: serviceReport(target) },
    router: fingerprint(pub),
  }
  obs.answeredBy = answeredBy
}
