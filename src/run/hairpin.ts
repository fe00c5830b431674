// The hairpin phase: connect to the public IP from inside (TCP, UDP), to the name's LAN address and over IPv6, all at once.

import type { HairpinListener } from '../net/listener.js'
import type { TcpProbeResult } from '../net/probe.js'
import { NONCE_BYTES } from '../net/proof.js'
import type { UdpProbeResult } from '../net/udp.js'
import type { ExternalReport } from '../report/report.js'
import { classifyPeer, type KnownAddresses } from './classify.js'
import { checkFromOutside } from './external.js'
import { closeListeners, type RunState } from './state.js'

/**
 * One line for a hairpin connection that failed on this host's side, not the network's: the
 * network went away, or the address cannot be used.
 */
export function describeProbeError(code: string | null, publicIp: string, port: number): string {
  switch (code) {
    case 'ENETUNREACH':
      return `connecting to ${publicIp}:${port} failed: this host has no route to it (ENETUNREACH); check the default route (ip route) and the link`
    case 'ENETDOWN':
      return `connecting to ${publicIp}:${port} failed: this host's network is down (ENETDOWN); check the link and try again`
    case 'EADDRNOTAVAIL':
      return `connecting to ${publicIp}:${port} failed: no usable local address (EADDRNOTAVAIL); the network changed while the test ran, try again`
    default:
      return `connecting to ${publicIp}:${port} failed: ${code}`
  }
}

/** What the probes came back with. */
interface Results {
  tcp: TcpProbeResult | null
  udp: UdpProbeResult | null
  /** The direct connection to the name's LAN address. */
  direct: TcpProbeResult | null
  v6: TcpProbeResult | null
  external: ExternalReport | null
}

/** Runs every probe at once, each with a fresh nonce its listener expects. */
async function probeAll(s: RunState, publicIp: string): Promise<Results> {
  const { opts, io, key, listeners, learned, obs } = s
  const tcpProbe = (host: string, listener: HairpinListener | null): Promise<TcpProbeResult> => {
    const nonce = io.randomBytes(NONCE_BYTES).toString('hex')
    listener?.expect(nonce)
    return io.probe({ host, port: opts.port, key, nonce, timeoutMs: s.left(), now: io.now })
  }
  io.onStep?.(`Connecting to ${publicIp}:${opts.port} from inside`)
  const udpNonce = io.randomBytes(NONCE_BYTES).toString('hex')
  listeners.udp?.expect(udpNonce)
  const v6Target = obs.ipv6?.target ?? null
  const [tcp, udp, direct, v6, external] = await s.step(
    Promise.all([
      opts.tcp ? tcpProbe(publicIp, listeners.tcp) : null,
      opts.udp ? io.probeUdp({ host: publicIp, port: opts.port, key, nonce: udpNonce, timeoutMs: s.left(), now: io.now }) : null,
      obs.dns?.pointsTo === 'lan' && learned.dnsLan !== null && opts.tcp ? tcpProbe(learned.dnsLan, listeners.tcp) : null,
      v6Target !== null && opts.tcp ? tcpProbe(v6Target, listeners.tcp6) : null,
      opts.external === null ? null : checkFromOutside(s, opts.external),
    ]),
  )
  return { tcp, udp, direct, v6, external }
}

/** Puts the results in the report, each address the listener saw classified. */
function record(s: RunState, r: Results): void {
  const { obs, listeners, learned } = s
  const known: KnownAddresses = { client: obs.client.address, gateway: obs.client.gateway, publicIp: obs.publicIp.address }
  obs.external = r.external
  const t = r.tcp
  if (t !== null) {
    const { outcome, observedPeer, serverAddress, ms, error, answer } = t
    obs.tcp = { outcome, observedPeer, peerKind: classifyPeer(observedPeer, known), serverAddress, ms, strangers: listeners.tcp?.strangers ?? 0, error, answer }
  }
  if (r.udp !== null) obs.udp = { ...r.udp, peerKind: classifyPeer(r.udp.observedPeer, known), strangers: listeners.udp?.strangers ?? 0 }
  if (r.direct !== null && obs.dns !== null) obs.dns.direct = { address: learned.dnsLan!, outcome: r.direct.outcome, observedPeer: r.direct.observedPeer, ms: r.direct.ms }
  if (r.v6 !== null && obs.ipv6 !== null) Object.assign(obs.ipv6, { outcome: r.v6.outcome, observedPeer: r.v6.observedPeer, ms: r.v6.ms, error: r.v6.error })
}

/** This host's own trouble is a fault, not a verdict: no local route at all, or a route lost while the probes waited. */
async function localFault(s: RunState, r: Results, publicIp: string): Promise<void> {
  const { obs, opts, io } = s
  const t = r.tcp
  // No local route at all (no source address for the public IP) is this host's problem, not a verdict.
  if (t !== null && (t.outcome === 'error' || (t.error === 'ENETUNREACH' && obs.client.address === null))) {
    obs.fault = { kind: 'probe-error', code: t.error, message: describeProbeError(t.error, publicIp, opts.port) }
    return
  }
  // Silence can also mean this host lost its network while it waited: a route that is gone
  // now makes that a fault, not a verdict on the router.
  const silent = [t, r.udp].some((x) => x !== null && (x.outcome === 'timeout' || x.outcome === 'unreachable'))
  if (obs.client.address !== null && silent && (await s.step(io.sourceAddressFor(publicIp))) === null) {
    obs.fault = {
      kind: 'probe-error',
      code: 'ENETUNREACH',
      message: `this host lost its route to ${publicIp} during the test (the link or the default route went away); check the network and run it again`,
    }
  }
}

/**
 * Probes the public IP from inside over TCP and UDP, the name's LAN address and the IPv6 path,
 * with the outside check alongside; closes the listeners the moment they are done. Fills in
 * `obs.tcp`, `obs.udp`, `obs.dns.direct`, `obs.ipv6`'s outcome, `obs.external`, and the
 * `probe-error` fault when this host's own network failed.
 */
export async function probeHairpin(s: RunState, publicIp: string): Promise<void> {
  const results = await probeAll(s, publicIp)
  await closeListeners(s) // the port is open to the internet: close it the moment we know
  record(s, results)
  await localFault(s, results, publicIp)
}
