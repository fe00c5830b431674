// The warnings: what a run saw that the cause alone does not say, each one sentence.

import type { Observations } from '../report/report.js'
import { inPrefix, rangeOf } from '../util/ip.js'
import { hairpinOf, type Decision } from './causes.js'
import { gatewayWan, natInFront } from './nat.js'
import { vendorOf } from './vendor.js'

/** What an echo answer in a special range says about the network. */
const RANGE_WARNINGS: Partial<Record<NonNullable<ReturnType<typeof rangeOf>>, string>> = {
  private:
    'is a private address: another NAT sits in front of this router (double NAT), or the echo service is inside your network. Outside clients cannot reach a forward on this router alone.',
  shared:
    'is in 100.64.0.0/10, the range for carrier-grade NAT: your ISP translates again in front of your router, so outside clients cannot reach the forward even when hairpinning works.',
  loopback: 'is a loopback address: the echo service runs on this host or behind a proxy on it.',
  'link-local': 'is a link-local address: the echo service is on this network segment, not on the internet.',
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many)

/** Echo answers that are not public addresses: recorded, never used. */
function rejectedWarnings(obs: Observations): string[] {
  return obs.publicIp.sources
    .filter((s) => s.rejected !== null && s.address !== null)
    .map((s) => `${s.url} answered ${s.address}, ${s.rejected}: not used as the public IP (another NAT in front of this router, or an echo service inside your network).`)
}

/** Echo services that disagree, or too few that answered, or an answer in a special range. */
function publicIpWarnings(obs: Observations): string[] {
  const warnings: string[] = rejectedWarnings(obs)
  const { address, sources, via, candidates, confirmedBy } = obs.publicIp
  const answered = sources.filter((s) => s.address !== null && s.rejected === null)
  const dissent = answered.filter((s) => s.address !== address)
  if (address !== null && dissent.length > 0) {
    const said = dissent.map((s) => `${s.url} said ${s.address}`).join(', ')
    const tie = candidates.filter((c) => c.votes === candidates[0]?.votes).length > 1
    const probed = candidates.filter((c) => c.outcome !== null).map((c) => c.address)
    warnings.push(
      tie
        ? `Echo services disagree: ${said}; no majority, so ${probed.length > 1 ? `each of ${probed.join(', ')} was probed and ${address} is used` : `${address} (the first answer) is used`}; the public IP is uncertain: ask more echo services or pass --public-ip.`
        : `Echo services disagree: ${said}; using ${address}, the answer most agreed on.`,
    )
  }
  if (via === 'echo' && address !== null && answered.length === 1 && sources.length > 1) {
    const but = confirmedBy === 'gateway' ? ', but the gateway reports the same external address' : ''
    warnings.push(`Only 1 of ${sources.length} echo services answered: the public IP ${address} is unconfirmed${but}.`)
  }
  const range = address === null ? null : rangeOf(address)
  const rangeWarning = range === null ? undefined : RANGE_WARNINGS[range]
  if (rangeWarning !== undefined) warnings.push(`The public IP ${address} ${rangeWarning}`)
  return warnings
}

/** Strangers on the listener, an unknown gateway, a failure where there is no NAT, a name or IPv6 path that helps. */
function pathWarnings(d: Decision, hairpin: Decision, obs: Observations): string[] {
  const warnings: string[] = []
  const address = obs.publicIp.address
  const strangers = (obs.tcp?.strangers ?? 0) + (obs.udp?.strangers ?? 0)
  if (strangers > 0) {
    warnings.push(
      `${strangers} other ${plural(strangers, 'connection or datagram', 'connections or datagrams')} reached the listener during the test and ${plural(strangers, 'was', 'were')} left unanswered: port ${obs.port} is reachable by others (the internet or the LAN).`,
    )
  }
  if (obs.listener !== null && obs.client.gateway === null) {
    warnings.push('The default gateway could not be read from the routing table: a gateway source address would show as "other".')
  }
  const tcp = obs.tcp
  if (d.cause === 'not-behind-nat' && tcp !== null && tcp.outcome !== 'ok') {
    warnings.push(`Yet the connection to ${address}:${obs.port} failed (${tcp.outcome}): a firewall on this host may block the port.`)
  }
  // A name that works (or fails) differently from the public IP itself: those using the IP still fail.
  if (obs.dns !== null && d.cause !== hairpin.cause && hairpinOf(hairpin.cause) === false) {
    warnings.push(`Clients that use ${address} itself (or another resolver) still fail: ${hairpin.cause}.`)
  }
  const direct = obs.dns?.direct
  if (direct && direct.outcome !== 'ok') {
    warnings.push(`${obs.dns?.name} resolves to ${direct.address} here, but ${direct.address}:${obs.port} did not answer (${direct.outcome}).`)
  }
  const v6 = obs.ipv6
  if (v6 !== null) {
    if (v6.outcome === 'ok' && hairpinOf(hairpin.cause) === false) {
      warnings.push(
        `IPv6 needs no NAT: [${v6.target}]:${obs.port} reached the listener directly. Clients that prefer IPv6 (RFC 8305) never hairpin, so an AAAA record for the name is often the simplest fix.`,
      )
    }
    if (v6.publicAddress !== null && v6.address !== null && v6.publicAddress !== v6.address) {
      warnings.push(`IPv6 echo services see ${v6.publicAddress}, not this host's ${v6.address}: a NAT66 or a proxy is in the way.`)
    }
  }
  return warnings
}

/** What the gateway and the outside check say beside the cause. */
function gatewayWarnings(d: Decision, obs: Observations): string[] {
  const warnings: string[] = []
  const front = natInFront(obs)
  if (front !== null && d.cause !== front) {
    const what = front === 'cgnat' ? "the ISP's carrier-grade NAT" : 'another router or NAT'
    warnings.push(`The gateway's WAN address (${gatewayWan(obs) ?? 'none usable'}) shows ${what} in front of it: outside clients cannot reach a forward on this router alone.`)
  }
  const vendor = d.cause === front ? null : vendorOf(obs)
  if (vendor !== null && hairpinOf(d.cause) === false) warnings.push(`The gateway shows itself as ${vendor.name} ${vendor.via}: its fixes come first.`)
  const mapping = obs.gateway?.upnp?.mapping
  const server = obs.tcp?.serverAddress ?? obs.udp?.serverAddress ?? obs.client.address
  if (mapping?.internalClient && server !== null && mapping.internalClient !== server) {
    warnings.push(`UPnP shows port ${obs.port} forwarded to ${mapping.internalClient}, not to ${server}.`)
  }
  const ext = obs.external
  if (ext !== null && masquerades(obs)) {
    warnings.push(
      `From outside, ${ext.via}'s connection reached our listener from ${ext.observedPeer} (${ext.peerKind === 'gateway' ? "the gateway's LAN address" : 'an address inside the LAN'}), not from the checker's own address: the router masquerades outside clients too, so the server's logs, fail2ban and allow-lists see every client as the router. Limit the hairpin rule's masquerade to sources in ${obs.client.lanPrefix ?? 'the LAN prefix'}.`,
    )
  }
  if (ext !== null) {
    if (ext.reachable === false) warnings.push(`From outside, ${ext.via} could not connect to ${ext.ip ?? obs.publicIp.address}:${obs.port}: the forward does not work from the internet either.`)
    else if (ext.reachable === null) warnings.push(`The outside check (${ext.via}) gave no answer: ${ext.error}.`)
    if (ext.reachable === true && ext.seenByListener === false) warnings.push(`${ext.via} reached port ${obs.port} from outside, but our listener saw nothing: something else answers outside connections.`)
  }
  return warnings
}

/** Whether the outside check arrived from the gateway or another LAN address: outside clients are masqueraded too. */
export function masquerades(obs: Observations): boolean {
  const ext = obs.external
  if (ext === null || ext.observedPeer === null) return false
  if (ext.peerKind === 'gateway') return true
  const lan = obs.client.lanPrefix
  return ext.peerKind === 'other' && lan !== null && inPrefix(ext.observedPeer, lan)
}

/** This host's firewall when it could not be read, or when it is the reason for silence. */
function firewallWarnings(d: Decision, obs: Observations): string[] {
  const fw = obs.hostFirewall
  if (fw === null || d.cause === 'host-firewall') return []
  const unread = fw.findings.filter((f) => f.state === 'unreadable' || f.state === 'unclear')
  if (fw.blocks !== null || unread.length === 0) return []
  const which = unread.map((f) => `${f.tool}: ${f.detail}`).join('; ')
  return [`This host's firewall could not be read in full (${which}): it may drop port ${obs.port} too; run as root (or check it by hand) to rule it out.`]
}

/** What the mode of the run adds: a serve that may not run, a port already taken. */
function modeWarnings(d: Decision, obs: Observations): string[] {
  const warnings: string[] = []
  if (obs.mode === 'peer' && d.cause === 'no-reflection') {
    warnings.push(`A refusal also comes from the server itself when nothing listens there: is "hairpin-check serve ${obs.port}" running on it?`)
  }
  if (obs.target?.reason === 'port-in-use') {
    warnings.push(`Something already listens on port ${obs.port} here, so the tool compared what answers instead of listening itself.`)
  }
  return warnings
}

/** Every warning for a run whose verdict's cause is `d` (and the public IP's own, `hairpin`), in a stable order. */
export function warningsOf(d: Decision, hairpin: Decision, obs: Observations): string[] {
  return [...publicIpWarnings(obs), ...pathWarnings(d, hairpin, obs), ...firewallWarnings(d, obs), ...gatewayWarnings(d, obs), ...modeWarnings(d, obs)]
}
