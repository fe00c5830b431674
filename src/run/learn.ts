// The learn phase: the public IP (echo services, IPv4 and IPv6), the DNS name, and this host's address and gateway.

import { describeDiscoveryFailure, ECHO_DEADLINE_MS, type DiscoverResult } from '../discover/echo.js'
import { findInterface, isTunnelInterface, pickGateway } from '../host/netinfo.js'
import type { PublicIpReport } from '../report/report.js'
import { DNS_TIMEOUT_MS, pointsTo, resolveName, type Resolution } from '../net/dns.js'
import { going, type RunState } from './state.js'

/** Any address works for asking the routing table which source address leaves by the default route. */
export const ANY_OUTSIDE_ADDRESS = '203.0.113.1'

/** What the echo services and the resolver said, all asked at once. */
interface Answers {
  v4: DiscoverResult
  v6: DiscoverResult | null
  name: Resolution | null
}

/** Asks the echo services (IPv4, and IPv6 when this host has a global address) and the resolver, side by side. */
async function ask(s: RunState): Promise<Answers> {
  const { opts, io, learned } = s
  // Half the time left at most, so the probes always keep the other half.
  const budget = Math.max(1, Math.round(Math.min(ECHO_DEADLINE_MS, s.left() / 2)))
  if (opts.publicIp === null) io.onStep?.(`Asking ${opts.echoUrls.length} echo services for the public IP`)
  const [v4, v6, name] = await s.step(
    Promise.all([
      opts.publicIp === null ? io.discoverPublicIp(opts.echoUrls, budget, 4) : { address: opts.publicIp, sources: [], candidates: [] },
      learned.v6Local !== null && opts.echoUrlsV6.length > 0 ? io.discoverPublicIp(opts.echoUrlsV6, budget, 6) : null,
      opts.host === null ? null : resolveName(opts.host, { lookup: io.lookup, timeoutMs: Math.min(DNS_TIMEOUT_MS, budget) }),
    ]),
  )
  return { v4, v6, name }
}

/** Where this host stands: its source address toward the public IP, that address's interface and LAN, the gateway. */
async function placeThisHost(s: RunState): Promise<void> {
  const { io, obs, learned } = s
  const client = await s.step(io.sourceAddressFor(obs.publicIp.address ?? ANY_OUTSIDE_ADDRESS))
  const where = client === null ? null : findInterface(client, learned.ifaces)
  const gateway = pickGateway(await s.step(learned.routes), where?.name ?? null, client)
  obs.client = { address: client, gateway, lanPrefix: where?.lanPrefix ?? null, interface: where?.name ?? null, tunnel: where === null ? null : isTunnelInterface(where.name) }
  if (learned.target !== null && learned.target.address === null) learned.target.address = client // the port's holder is this host
}

/** Where the name points, and the IPv6 path: the name's AAAA record if there is one, else (listening here) our own global address. */
function placeName(s: RunState, a: Answers): void {
  const { opts, obs, learned, listeners } = s
  const lm = { publicIp: obs.publicIp.address, lanPrefix: obs.client.lanPrefix, local: learned.local }
  const resolution = a.name
  if (resolution !== null && opts.host !== null) {
    obs.dns = { name: opts.host, addresses: resolution.addresses, pointsTo: pointsTo(resolution.addresses, lm), error: resolution.error, direct: null }
    learned.dnsLan = resolution.addresses.find((addr) => pointsTo([addr], lm) === 'lan') ?? null
  }
  const aaaa = resolution?.addresses.find((addr) => addr.includes(':')) ?? null
  if (learned.v6Local === null && aaaa === null) return
  obs.ipv6 = {
    address: learned.v6Local,
    publicAddress: a.v6?.address ?? null,
    sources: a.v6?.sources ?? [],
    target: aaaa ?? (listeners.tcp6 !== null ? learned.v6Local : null),
    outcome: null,
    observedPeer: null,
    ms: null,
    error: null,
  }
}

/**
 * What vouches for the echo services' answer: the only service asked, or two or more agreeing on
 * the winner with no other answer as often; null for one answer among several, or a tie.
 */
function confirmation(urls: number, v4: DiscoverResult): PublicIpReport['confirmedBy'] {
  const [top, second] = v4.candidates
  if (top === undefined) return null
  if (urls === 1) return 'single-source'
  return top.votes >= 2 && (second?.votes ?? 0) < top.votes ? 'agreement' : null
}

/**
 * Learns the addresses the probes need, all at once: the public IPv4 address (the `no-public-ip`
 * fault when none), what IPv6 echo services see, the name's addresses; then this host's source
 * address, interface, LAN prefix and gateway. Fills in `obs.publicIp`, `obs.client`, `obs.dns`, `obs.ipv6`.
 */
export async function learnAddresses(s: RunState): Promise<void> {
  const { opts, obs } = s
  let answers: Answers = { v4: { address: opts.publicIp, sources: [], candidates: [] }, v6: null, name: null }
  if (going(s)) {
    answers = await ask(s)
    const { address, sources, candidates } = answers.v4
    if (opts.publicIp === null) {
      obs.publicIp = {
        ...obs.publicIp,
        address,
        sources,
        onThisHost: address === null ? null : s.learned.local.includes(address),
        candidates: candidates.map((c) => ({ ...c, outcome: null })),
        confirmedBy: confirmation(opts.echoUrls.length, answers.v4),
      }
    }
    if (address === null) obs.fault = { kind: 'no-public-ip', code: null, message: describeDiscoveryFailure(sources) }
  }
  await placeThisHost(s)
  placeName(s, answers)
}
