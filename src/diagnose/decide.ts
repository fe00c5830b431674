// The cause: what the connections to the public IP say, unless another NAT or the DNS name tells a different story.

import type { Cause, Observations, PeerKind, TcpOutcome, UdpOutcome } from '../report/report.js'
import { hairpinOf, type Decision } from './causes.js'
import { sameService } from '../net/service.js'
import { rangeOf } from '../util/ip.js'
import { gatewayWan, natInFront } from './nat.js'

/** Causes for a working hairpin, by the address the listener saw. */
const OK_CAUSE: Record<PeerKind, Cause> = {
  'public-ip': 'hairpin-ok-public-source',
  gateway: 'hairpin-ok-gateway-source',
  client: 'hairpin-ok-client-source',
  other: 'hairpin-ok-other-source',
}

/** Causes for a failed connection to the public IP, by outcome, whatever the protocol. */
const FAILED_CAUSE: Record<Exclude<TcpOutcome | UdpOutcome, 'ok'>, Cause> = {
  refused: 'no-reflection',
  'wrong-service': 'router-answered',
  reset: 'router-answered',
  timeout: 'no-snat-or-filtered',
  'direct-reply': 'dnat-without-snat',
  unreachable: 'unreachable',
  error: 'probe-error',
}

/**
 * Something other than our listener answered: what it was decides. The router's own (it matches
 * router firmware, or the same service answers at the gateway's LAN address), or the real server
 * reached through a working hairpin (a certificate valid for `--host`, or the same service as at
 * the forward's UPnP target), or, when nothing settles it, no verdict.
 */
function answeredDecision(obs: Observations, protocol: 'tcp' | 'udp'): Decision {
  const a = obs.answeredBy
  if (a === null) return { cause: 'other-service-answered', protocol }
  const { viaPublicIp: pub, gateway, forwardTarget } = a
  if (a.router !== null || (gateway !== null && sameService(pub, gateway) === true)) return { cause: 'router-answered', protocol }
  if (pub.tls?.validForName === true) return { cause: 'hairpin-ok-other-host', protocol }
  if (forwardTarget !== null && sameService(pub, forwardTarget.service) === true) return { cause: 'hairpin-ok-other-host', protocol }
  return { cause: 'other-service-answered', protocol }
}

/** `--target` mode: the public IP's service against the server's. */
function targetDecision(target: NonNullable<Observations['target']>): Decision {
  const { viaPublicIp: pub, direct } = target
  if (direct === null || direct.outcome !== 'ok') return { cause: 'target-unreachable', protocol: null }
  if (pub === null) return { cause: 'probe-error', protocol: null }
  if (pub.outcome !== 'ok') return { cause: FAILED_CAUSE[pub.outcome], protocol: 'tcp' }
  if (target.same === null) return { cause: 'probe-error', protocol: null }
  return { cause: target.same ? 'target-same' : 'target-different', protocol: 'tcp' }
}

/** What the connections to the public IP say, ignoring any DNS name. */
export function hairpinDecision(obs: Observations): Decision {
  if (obs.fault !== null) return { cause: obs.fault.kind, protocol: null } // a fault's kind is its cause
  if (obs.publicIp.address === null) return { cause: 'no-public-ip', protocol: null }
  if (obs.publicIp.onThisHost === true) return { cause: 'not-behind-nat', protocol: null }
  if (obs.target !== null) return targetDecision(obs.target)
  const tested = [
    ['tcp', obs.tcp],
    ['udp', obs.udp],
  ] as const
  // TCP silence and a UDP answer straight from the server are one failure, and UDP names it.
  if (obs.tcp?.outcome === 'timeout' && obs.udp?.outcome === 'direct-reply') return { cause: 'dnat-without-snat', protocol: 'tcp' }
  let working: Decision | null = null
  for (const [protocol, r] of tested) {
    if (r === null) continue
    if (r.outcome === 'wrong-service' || r.outcome === 'reset') return answeredDecision(obs, protocol)
    if (r.outcome !== 'ok') return { cause: FAILED_CAUSE[r.outcome], protocol }
    working ??= { cause: OK_CAUSE[r.peerKind ?? 'other'], protocol }
  }
  return working ?? { cause: 'probe-error', protocol: null }
}

/** What the resolver says when the name has no address (getaddrinfo's EAI_NONAME/EAI_NODATA, or an empty answer). */
const NAME_DOES_NOT_EXIST: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA', 'no addresses'])

/**
 * The test went another way than through this network's router: the route to the public IP leaves
 * by a tunnel (a VPN; also with `--public-ip`, since the probe still leaves by it), or the gateway
 * reports a public external address other than the one the echo services saw.
 */
export function otherPath(obs: Observations): boolean {
  // A probe that leaves by a tunnel never reaches the router's LAN side, whoever named the address.
  if (obs.client.tunnel === true) return true
  if (obs.publicIp.via === 'flag') return false
  const wan = gatewayWan(obs)
  // Documentation ranges count as public, as for echo answers: labs use them.
  const publicWan = wan !== null && (rangeOf(wan) === 'public' || rangeOf(wan) === 'documentation')
  return publicWan && wan !== obs.publicIp.address
}

/** Why a failure on the public IP is not yet the router's: this host's firewall, another path, another NAT, an unsure address. */
function beforeTheRouter(obs: Observations, hairpin: Decision): Decision | null {
  const protocol = hairpin.protocol
  // This host's own firewall drops the port: nobody reaches the service, whatever the router does.
  if (hairpin.cause === 'no-snat-or-filtered' && obs.hostFirewall?.blocks === true) return { cause: 'host-firewall', protocol }
  if (hairpinOf(hairpin.cause) !== false) return null
  if (otherPath(obs)) return { cause: 'other-path', protocol }
  // Behind another NAT the public IP is not this router's: its reflection settings cannot help.
  const front = natInFront(obs)
  if (front !== null) return { cause: front, protocol }
  // A failure through an address only one echo service gave (or a tie nobody proved) is no evidence.
  if (obs.publicIp.confirmedBy === null) return { cause: 'public-ip-uncertain', protocol }
  return null
}

/** The verdict's cause: the hairpin's, unless this host, another path, another NAT or the DNS name tells a different story. */
export function causeOf(obs: Observations): Decision {
  const hairpin = hairpinDecision(obs)
  const before = beforeTheRouter(obs, hairpin)
  if (before !== null) return before
  const dns = obs.dns
  // A name only matters once the run got as far as a verdict on the public IP.
  if (dns === null || hairpinOf(hairpin.cause) === null) return hairpin
  if (dns.pointsTo === 'none') {
    // No such name is an answer; a resolver that did not answer is not one.
    return { cause: NAME_DOES_NOT_EXIST.has(dns.error ?? '') ? 'dns-unresolved' : 'dns-failed', protocol: null }
  }
  if (dns.pointsTo === 'elsewhere') return { cause: 'dns-elsewhere', protocol: null }
  if (dns.pointsTo === 'lan' && dns.direct?.outcome === 'ok') return { cause: 'split-horizon-dns', protocol: null }
  return hairpin
}
