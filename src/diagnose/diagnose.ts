// The diagnosis: a pure function from what a run observed to a verdict, its cause, warnings and fixes.

import type { Fix, Observations, Verdict } from '../report/report.js'
import { CAUSES, hairpinOf, type Decision, type SummaryFacts } from './causes.js'
import { causeOf, hairpinDecision } from './decide.js'
import { fixesFor, type FixContext } from './fixes.js'
import { gatewayWan } from './nat.js'
import { ordered } from './vendor.js'
import { masquerades, warningsOf } from './warnings.js'
import { NARROW_MASQUERADE } from './catalogue/host.js'

function protocolWords(obs: Observations, d: Decision): string {
  if (d.protocol === 'udp') return ' over UDP'
  if (d.cause === 'dnat-without-snat') return '' // named from UDP evidence, true of TCP as well
  if (obs.tcp !== null && obs.udp !== null) return d.cause.startsWith('hairpin-ok-') ? ' over TCP and UDP' : ' over TCP'
  return ''
}

/** The phrases every summary shares, from the observations and the two decisions. */
export function summaryFacts(d: Decision, hairpin: Decision, obs: Observations): SummaryFacts {
  const target = `${obs.publicIp.address}:${obs.port}`
  const via = obs.target?.viaPublicIp
  const r = d.protocol === 'udp' ? obs.udp : (obs.tcp ?? (via ? { observedPeer: null, answer: via.banner, ms: via.ms, error: via.error } : null))
  const over = protocolWords(obs, d)
  return {
    obs,
    d,
    hairpin,
    target,
    r,
    over,
    works: `Hairpin NAT works${over}: ${target} reached this host from inside`,
    fails: `Hairpin NAT does not work${over}: `,
    viaIp:
      hairpinOf(hairpin.cause) === true ? `through ${target} itself hairpin NAT works` : `through ${target} itself hairpin NAT does not work (${hairpin.cause})`,
  }
}

/** The facts that fill in the fix commands. */
function fixContext(d: Decision, obs: Observations): FixContext {
  const aaaa = obs.dns?.addresses.find((a) => a.includes(':')) ?? null
  return {
    lanPrefix: obs.client.lanPrefix,
    // The proof names the server's own address; without one, the target, else this host.
    server: obs.tcp?.serverAddress ?? obs.udp?.serverAddress ?? obs.target?.address ?? obs.client.address,
    port: obs.port as number,
    publicIp: obs.publicIp.address,
    gateway: obs.client.gateway,
    protocol: d.protocol ?? 'tcp',
    name: obs.dns?.name ?? null,
    serverV6: aaaa ?? obs.ipv6?.address ?? null,
    nameAddresses: obs.dns?.addresses ?? [],
    gatewayWan: gatewayWan(obs),
    hostFirewall: obs.hostFirewall?.findings.find((f) => f.state === 'blocks') ?? null,
  }
}

/** Why the narrowed masquerade fits: the outside check arrived from the router's address. */
const NARROW_WHY = "Outside clients reach the server from the router's address too: the hairpin masquerade has no source match. Limit it to the LAN prefix."

/** The fixes for the cause, with the narrowed masquerade first when outside clients are masqueraded too. */
function fixesOf(d: Decision, obs: Observations): Fix[] {
  const ctx = fixContext(d, obs)
  // No verdict, no fixes: the one-line error says what to do first.
  const narrow = masquerades(obs) && CAUSES[d.cause].exit !== 2 ? fixesFor(d.cause, ctx, NARROW_MASQUERADE.map((id) => [id, NARROW_WHY] as const)) : []
  return [...narrow, ...ordered(fixesFor(d.cause, ctx), obs)]
}

/** The diagnosis: a pure function of the observations. */
export function diagnose(obs: Observations): Verdict {
  const hairpin = hairpinDecision(obs)
  const d = causeOf(obs)
  const h = CAUSES[d.cause].hairpin
  return {
    // A cause about the name reports what the public IP itself does; one that is not the router's says nothing of it.
    hairpin: h === 'public-ip' ? hairpinOf(hairpin.cause) : h,
    cause: d.cause,
    protocol: d.protocol,
    summary: CAUSES[d.cause].summary(summaryFacts(d, hairpin, obs)),
    warnings: warningsOf(d, hairpin, obs),
    fixes: obs.port === null ? [] : fixesOf(d, obs),
  }
}
