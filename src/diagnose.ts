// The diagnosis: a pure function from what a run observed to a verdict, its cause, warnings and fixes.

import { fixesFor } from './fixes.js'
import { rangeOf } from './ip.js'
import type { Cause, Observations, PeerKind, Tri, Verdict } from './report.js'

/** Causes for a working hairpin, by the address the listener saw. */
const OK_CAUSE: Record<PeerKind, Cause> = {
  'public-ip': 'hairpin-ok-public-source',
  gateway: 'hairpin-ok-gateway-source',
  client: 'hairpin-ok-client-source',
  other: 'hairpin-ok-other-source',
}

/** Decides the cause from the observations. */
export function causeOf(obs: Observations): Cause {
  if (obs.fault !== null) return obs.fault.kind // a fault's kind is the inconclusive cause it leads to
  if (obs.publicIp.address === null) return 'no-public-ip'
  if (obs.publicIp.onThisHost === true) return 'not-behind-nat'
  const tcp = obs.tcp
  if (tcp === null) return 'probe-error'
  switch (tcp.outcome) {
    case 'ok':
      return OK_CAUSE[tcp.peerKind ?? 'other']
    case 'refused':
      return 'no-reflection'
    case 'wrong-service':
    case 'reset':
      return 'router-answered'
    case 'timeout':
      return 'no-snat-or-filtered'
    case 'unreachable':
      return 'unreachable'
    case 'error':
      return 'probe-error'
  }
}

/** Whether hairpinning works, for a cause. */
export function hairpinOf(cause: Cause): Tri {
  if (cause.startsWith('hairpin-ok-')) return true
  if (['no-reflection', 'router-answered', 'no-snat-or-filtered', 'unreachable'].includes(cause)) return false
  return null
}

function summaryOf(cause: Cause, obs: Observations): string {
  const target = `${obs.publicIp.address}:${obs.port}`
  const tcp = obs.tcp
  const works = `Hairpin NAT works: ${target} reached this host from inside`
  const fails = `Hairpin NAT does not work: `
  switch (cause) {
    case 'hairpin-ok-public-source':
      return `${works}, and the server sees the public address ${tcp?.observedPeer} as the source, as RFC 4787 REQ-9a and RFC 5382 REQ-8 ask.`
    case 'hairpin-ok-gateway-source':
      return `${works}; the server sees the gateway's LAN address ${tcp?.observedPeer} (reflection with masquerade), so logs and IP allow-lists see every inside client as the gateway.`
    case 'hairpin-ok-client-source':
      return `${works}, and the server sees the client's own address ${tcp?.observedPeer}: the router rewrote only the destination and the reply still went back through it.`
    case 'hairpin-ok-other-source':
      return `${works}; the server sees ${tcp?.observedPeer}, which is neither this host, the gateway nor the public IP (a proxy in the router, such as pfSense "NAT + Proxy", or another NAT).`
    case 'no-reflection':
      return `${fails}${target} refused the connection from inside. The router applies the port forward only to traffic arriving from the internet, and nothing on the router itself listens on port ${obs.port}.`
    case 'router-answered': {
      const what = tcp?.outcome === 'reset' ? 'accepted the connection and then reset it' : 'answered'
      const said = tcp?.answer ? ` It sent: "${tcp.answer}".` : ''
      return `${fails}something other than this host ${what} on ${target} from inside, typically the router's own web interface or VPN on that port: the forward is not applied to inside traffic.${said}`
    }
    case 'no-snat-or-filtered':
      return `${fails}the connection to ${target} from inside got no answer in ${tcp?.ms} ms. Most likely the router rewrote the destination to this host but not the source, so the reply went straight back to the client instead of through the router and was dropped; or a firewall dropped the packet.`
    case 'unreachable':
      return `${fails}the network reported ${obs.publicIp.address} unreachable from inside (${tcp?.error}): the router or a firewall rejects traffic from the LAN to the public address.`
    case 'not-behind-nat':
      return `No NAT to hairpin through: ${obs.publicIp.address} is an address of this host, so inside and outside clients reach it the same way.`
    case 'no-public-ip':
      return `No verdict: ${obs.fault?.message ?? 'no public IP was learned; pass --public-ip ADDR'}.`
    case 'listen-failed':
    case 'bad-input':
      return `No verdict: ${obs.fault?.message}`
    case 'probe-error':
      return `No verdict: the probe failed: ${obs.fault?.message ?? tcp?.error ?? 'unknown error'}.`
  }
}

/** What an echo answer in a special range says about the network. */
const RANGE_WARNINGS: Partial<Record<NonNullable<ReturnType<typeof rangeOf>>, string>> = {
  private:
    'is a private address: another NAT sits in front of this router (double NAT), or the echo service is inside your network. Outside clients cannot reach a forward on this router alone.',
  shared:
    'is in 100.64.0.0/10, the range for carrier-grade NAT: your ISP translates again in front of your router, so outside clients cannot reach the forward even when hairpinning works.',
  loopback: 'is a loopback address: the echo service runs on this host or behind a proxy on it.',
  'link-local': 'is a link-local address: the echo service is on this network segment, not on the internet.',
}

function warningsOf(cause: Cause, obs: Observations): string[] {
  const warnings: string[] = []
  const { address, sources, via } = obs.publicIp
  const answered = sources.filter((s) => s.address !== null)
  const dissent = answered.filter((s) => s.address !== address)
  if (address !== null && dissent.length > 0) {
    const said = dissent.map((s) => `${s.url} said ${s.address}`).join(', ')
    warnings.push(`Echo services disagree: ${said}; using ${address}, the answer most agreed on.`)
  }
  if (via === 'echo' && address !== null && answered.length === 1 && sources.length > 1) {
    warnings.push(`Only 1 of ${sources.length} echo services answered: the public IP ${address} is unconfirmed.`)
  }
  const range = address === null ? null : rangeOf(address)
  const rangeWarning = range === null ? undefined : RANGE_WARNINGS[range]
  if (rangeWarning !== undefined) warnings.push(`The public IP ${address} ${rangeWarning}`)
  if (obs.tcp !== null && obs.tcp.strangers > 0) {
    const n = obs.tcp.strangers
    warnings.push(
      `${n} other connection${n === 1 ? '' : 's'} reached the listener during the test and ${n === 1 ? 'was' : 'were'} closed unanswered: port ${obs.port} is reachable by others (the internet or the LAN).`,
    )
  }
  if (obs.listener !== null && obs.client.gateway === null) {
    warnings.push('The default gateway could not be read from the routing table: a gateway source address would show as "other".')
  }
  if (cause === 'not-behind-nat' && obs.tcp !== null && obs.tcp.outcome !== 'ok') {
    warnings.push(`Yet the connection to ${address}:${obs.port} failed (${obs.tcp.outcome}): a firewall on this host may block the port.`)
  }
  return warnings
}

/** The diagnosis: a pure function of the observations. */
export function diagnose(obs: Observations): Verdict {
  const cause = causeOf(obs)
  return {
    hairpin: hairpinOf(cause),
    cause,
    summary: summaryOf(cause, obs),
    warnings: warningsOf(cause, obs),
    fixes:
      obs.port === null
        ? []
        : fixesFor(cause, {
            lanPrefix: obs.client.lanPrefix,
            // The proof names the server's own address; without one, this host is the server.
            server: obs.tcp?.serverAddress ?? obs.client.address,
            port: obs.port,
            publicIp: obs.publicIp.address,
            gateway: obs.client.gateway,
          }),
  }
}
