// The diagnosis: a pure function from what a run observed to a verdict, its cause, warnings and fixes.

import { fixesFor, type FixContext } from './fixes.js'
import { rangeOf } from '../util/ip.js'
import type { Cause, Fix, Observations, PeerKind, TcpOutcome, Tri, UdpOutcome, Verdict } from '../report/report.js'

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

/** A cause, and the protocol it is about when it is about one. */
export interface Decision {
  cause: Cause
  protocol: 'tcp' | 'udp' | null
}

/** What the connections to the public IP say, ignoring any DNS name. */
export function hairpinDecision(obs: Observations): Decision {
  if (obs.fault !== null) return { cause: obs.fault.kind, protocol: null } // a fault's kind is its cause
  if (obs.publicIp.address === null) return { cause: 'no-public-ip', protocol: null }
  if (obs.publicIp.onThisHost === true) return { cause: 'not-behind-nat', protocol: null }
  const target = obs.target
  if (target !== null) {
    const { viaPublicIp: pub, direct } = target
    if (direct === null || direct.outcome !== 'ok') return { cause: 'target-unreachable', protocol: null }
    if (pub === null) return { cause: 'probe-error', protocol: null }
    if (pub.outcome !== 'ok') return { cause: FAILED_CAUSE[pub.outcome], protocol: 'tcp' }
    if (target.same === null) return { cause: 'probe-error', protocol: null }
    return { cause: target.same ? 'target-same' : 'target-different', protocol: 'tcp' }
  }
  const tested = [
    ['tcp', obs.tcp],
    ['udp', obs.udp],
  ] as const
  // TCP silence and a UDP answer straight from the server are one failure, and UDP names it.
  if (obs.tcp?.outcome === 'timeout' && obs.udp?.outcome === 'direct-reply') return { cause: 'dnat-without-snat', protocol: 'tcp' }
  let working: Decision | null = null
  for (const [protocol, r] of tested) {
    if (r === null) continue
    if (r.outcome !== 'ok') return { cause: FAILED_CAUSE[r.outcome], protocol }
    working ??= { cause: OK_CAUSE[r.peerKind ?? 'other'], protocol }
  }
  return working ?? { cause: 'probe-error', protocol: null }
}

/** What the gateway reports as its WAN (external) address: NAT-PMP first, then UPnP. */
export function gatewayWan(obs: Observations): string | null {
  const g = obs.gateway
  const natpmp = g?.natpmp?.resultCode === 0 && g.natpmp.externalIp !== '0.0.0.0' ? g.natpmp.externalIp : null
  return natpmp ?? (g?.upnp?.externalIp || null)
}

/**
 * Another NAT in front of the gateway: `cgnat` when its WAN address is in 100.64.0.0/10, else
 * `double-nat` (a private WAN address, a public one other than what the echo services see, or
 * a gateway that says it has no usable WAN address — miniupnpd answers so for reserved ones).
 * Null when nothing says so, or nothing was asked.
 */
export function natInFront(obs: Observations): 'cgnat' | 'double-nat' | null {
  const wan = gatewayWan(obs)
  const pub = obs.publicIp.address
  if (wan !== null) {
    const range = rangeOf(wan)
    if (range === 'shared') return 'cgnat'
    if (range === 'private') return 'double-nat'
    return pub !== null && wan !== pub ? 'double-nat' : null
  }
  // miniupnpd refuses a reserved WAN address: NAT-PMP "network failure", and over UPnP an empty
  // GetExternalIPAddress (its status can still say Connected).
  const g = obs.gateway
  const u = g?.upnp
  const upnpNoWan = u?.found === true && u.error === null && u.externalIp === null
  return g?.natpmp?.resultCode === 3 || upnpNoWan ? 'double-nat' : null
}

/** What the resolver says when the name has no address (getaddrinfo's EAI_NONAME/EAI_NODATA, or an empty answer). */
const NAME_DOES_NOT_EXIST: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA', 'no addresses'])

/** The verdict's cause: the hairpin's, unless another NAT or the DNS name tells a different story. */
export function causeOf(obs: Observations): Decision {
  const hairpin = hairpinDecision(obs)
  // Behind another NAT the public IP is not this router's: its reflection settings cannot help.
  const front = hairpinOf(hairpin.cause) === false ? natInFront(obs) : null
  if (front !== null) return { cause: front, protocol: hairpin.protocol }
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

const HAIRPIN_FAILS: ReadonlySet<Cause> = new Set<Cause>([
  'no-reflection',
  'router-answered',
  'no-snat-or-filtered',
  'dnat-without-snat',
  'unreachable',
  'target-different',
  'cgnat',
  'double-nat',
])

/** Whether hairpinning works, for a cause about the public IP. */
export function hairpinOf(cause: Cause): Tri {
  if (cause.startsWith('hairpin-ok-') || cause === 'target-same') return true
  return HAIRPIN_FAILS.has(cause) ? false : null
}

function protocolWords(obs: Observations, d: Decision): string {
  if (d.protocol === 'udp') return ' over UDP'
  if (d.cause === 'dnat-without-snat') return '' // named from UDP evidence, true of TCP as well
  if (obs.tcp !== null && obs.udp !== null) return d.cause.startsWith('hairpin-ok-') ? ' over TCP and UDP' : ' over TCP'
  return ''
}

function summaryOf(d: Decision, hairpin: Decision, obs: Observations): string {
  const target = `${obs.publicIp.address}:${obs.port}`
  // The connection the cause is about: TCP or UDP, or in --target mode the one to the public IP.
  const via = obs.target?.viaPublicIp
  const r = d.protocol === 'udp' ? obs.udp : (obs.tcp ?? (via ? { observedPeer: null, answer: via.banner, ms: via.ms, error: via.error } : null))
  const over = protocolWords(obs, d)
  const works = `Hairpin NAT works${over}: ${target} reached this host from inside`
  const fails = `Hairpin NAT does not work${over}: `
  const name = obs.dns?.name
  // What the public IP itself does, for summaries about a name.
  const viaIp =
    hairpinOf(hairpin.cause) === true ? `through ${target} itself hairpin NAT works` : `through ${target} itself hairpin NAT does not work (${hairpin.cause})`
  switch (d.cause) {
    case 'hairpin-ok-public-source':
      return `${works}, and the server sees the public address ${r?.observedPeer} as the source, as RFC 4787 REQ-9a and RFC 5382 REQ-8 ask.`
    case 'hairpin-ok-gateway-source':
      return `${works}; the server sees the gateway's LAN address ${r?.observedPeer} (reflection with masquerade), so logs and IP allow-lists see every inside client as the gateway.`
    case 'hairpin-ok-client-source':
      return `${works}, and the server sees the client's own address ${r?.observedPeer}: the router rewrote only the destination and the reply still went back through it.`
    case 'hairpin-ok-other-source':
      return `${works}; the server sees ${r?.observedPeer}, which is neither this host, the gateway nor the public IP (a proxy in the router, such as pfSense "NAT + Proxy", or another NAT).`
    case 'no-reflection':
      return `${fails}${target} refused ${d.protocol === 'udp' ? 'the datagrams (ICMP port unreachable)' : 'the connection'} from inside. The router applies the port forward only to traffic arriving from the internet, and nothing on the router itself listens on port ${obs.port}.`
    case 'router-answered': {
      if (obs.tcp?.outcome === 'reset' && d.protocol === 'tcp') {
        return `${fails}something other than this host accepted the connection to ${target} from inside and then reset it, typically the router itself: the forward is not applied to inside traffic.`
      }
      const said = r?.answer ? ` It sent: "${r.answer}".` : ''
      return `${fails}something other than this host answered on ${target} from inside, typically the router's own web interface or VPN on that port: the forward is not applied to inside traffic.${said}`
    }
    case 'no-snat-or-filtered':
      return `${fails}${d.protocol === 'udp' ? 'datagrams' : 'the connection'} to ${target} from inside got no answer in ${r?.ms} ms. Most likely the router rewrote the destination to this host but not the source, so the reply went straight back to the client instead of through the router and was dropped; or a firewall dropped the packet.`
    case 'dnat-without-snat': {
      const tcpToo = obs.tcp?.outcome === 'timeout' ? ` That is also why the TCP connection got no answer in ${obs.tcp.ms} ms.` : ''
      return `${fails}the answer to a datagram sent to ${target} came back from ${obs.udp?.replyFrom}, not from ${obs.publicIp.address}. The router rewrote the destination but not the source, so the server (which saw ${obs.udp?.observedPeer}) answered the client directly; clients drop such answers, and TCP connections never complete.${tcpToo}`
    }
    case 'unreachable':
      return `${fails}the network reported ${obs.publicIp.address} unreachable from inside${r?.error ? ` (${r.error})` : ''}: the router or a firewall rejects traffic from the LAN to the public address.`
    case 'target-same':
      return `Hairpin NAT works: ${target} from inside reaches the same service as the server ${obs.target?.address}:${obs.port} directly (${obs.target?.direct?.description}). The address the server sees cannot be told in this mode.`
    case 'target-different':
      return `${fails}${target} from inside is answered by ${obs.target?.viaPublicIp?.description}, not by the server ${obs.target?.address}:${obs.port} (${obs.target?.direct?.description}): typically the router itself.`
    case 'split-horizon-dns':
      return `${name} resolves to the LAN address ${obs.dns?.direct?.address} here, and ${obs.dns?.direct?.address}:${obs.port} reached the server directly: split-horizon DNS is in place, so inside clients using the name never hairpin (${viaIp}).`
    case 'dns-elsewhere':
      return `${name} resolves to ${obs.dns?.addresses.join(', ')}, not to this network's public IP ${obs.publicIp.address}: a stale dynamic DNS record, or a proxy or CDN in front. Inside clients using the name do not reach this router's forward (${viaIp}).`
    case 'dns-failed':
      return `No verdict: the resolver did not answer for ${name} (${obs.dns?.error}); check this host's DNS settings (/etc/resolv.conf, resolvectl status) and try again.`
    case 'dns-unresolved':
      return `${name} does not resolve from this host (${obs.dns?.error}): no client inside can use it (${viaIp}).`
    case 'cgnat':
      return `${fails}the router's own WAN address is ${gatewayWan(obs)}, in 100.64.0.0/10: your ISP's carrier-grade NAT owns ${obs.publicIp.address}, so no setting on your router can forward or reflect it (${hairpin.cause} from inside).`
    case 'double-nat': {
      const wan = gatewayWan(obs)
      const why =
        wan === null
          ? 'the router reports no usable public WAN address (NAT-PMP "network failure", or a UPnP IGD without an external address), so another NAT sits in front of it'
          : `the router's own WAN address is ${wan}, not ${obs.publicIp.address}, so another router or NAT sits in front of it`
      return `${fails}${why}: a forward on this router alone cannot receive traffic for ${obs.publicIp.address} (${hairpin.cause} from inside).`
    }
    case 'not-behind-nat':
      return `No NAT to hairpin through: ${obs.publicIp.address} is an address of this host, so inside and outside clients reach it the same way.`
    case 'no-public-ip':
      return `No verdict: ${obs.fault?.message ?? 'no public IP was learned; pass --public-ip ADDR'}.`
    case 'listen-failed':
    case 'bad-input':
    case 'interrupted':
      return `No verdict: ${obs.fault?.message}`
    case 'target-unreachable':
      return `No verdict: the server ${obs.target?.address}:${obs.port} itself does not answer (${obs.target?.direct?.description ?? 'not tried'}); check --target and that the service runs.`
    case 'probe-error':
      return `No verdict: the probe failed: ${obs.fault?.message ?? r?.error ?? (obs.target !== null ? 'could not tell the services apart' : 'nothing was tested')}.`
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

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many)

function warningsOf(d: Decision, hairpin: Decision, obs: Observations): string[] {
  const warnings: string[] = []
  const { address, sources, via } = obs.publicIp
  const answered = sources.filter((s) => s.address !== null)
  const dissent = answered.filter((s) => s.address !== address)
  if (address !== null && dissent.length > 0) {
    const said = dissent.map((s) => `${s.url} said ${s.address}`).join(', ')
    const votes = (a: string | null): number => answered.filter((s) => s.address === a).length
    const tie = dissent.some((s) => votes(s.address) >= votes(address))
    warnings.push(
      tie
        ? `Echo services disagree: ${said}; no majority, so ${address} (the first answer) is used and the public IP is uncertain: ask more echo services or pass --public-ip.`
        : `Echo services disagree: ${said}; using ${address}, the answer most agreed on.`,
    )
  }
  if (via === 'echo' && address !== null && answered.length === 1 && sources.length > 1) {
    warnings.push(`Only 1 of ${sources.length} echo services answered: the public IP ${address} is unconfirmed.`)
  }
  const range = address === null ? null : rangeOf(address)
  const rangeWarning = range === null ? undefined : RANGE_WARNINGS[range]
  if (rangeWarning !== undefined) warnings.push(`The public IP ${address} ${rangeWarning}`)
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
  if (d.cause !== hairpin.cause && hairpinOf(hairpin.cause) === false) {
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
  const front = natInFront(obs)
  if (front !== null && d.cause !== front) {
    const what = front === 'cgnat' ? "the ISP's carrier-grade NAT" : 'another router or NAT'
    warnings.push(`The gateway's WAN address (${gatewayWan(obs) ?? 'none usable'}) shows ${what} in front of it: outside clients cannot reach a forward on this router alone.`)
  }
  const vendor = d.cause === front ? null : vendorOf(obs)
  if (vendor !== null && hairpinOf(d.cause) === false) warnings.push(`The gateway names itself ${vendor.name} over UPnP: its fixes come first.`)
  const mapping = obs.gateway?.upnp?.mapping
  const server = obs.tcp?.serverAddress ?? obs.udp?.serverAddress ?? obs.client.address
  if (mapping?.internalClient && server !== null && mapping.internalClient !== server) {
    warnings.push(`UPnP shows port ${obs.port} forwarded to ${mapping.internalClient}, not to ${server}.`)
  }
  const ext = obs.external
  if (ext !== null) {
    if (ext.reachable === false) warnings.push(`From outside, ${ext.via} could not connect to ${ext.ip ?? obs.publicIp.address}:${obs.port}: the forward does not work from the internet either.`)
    else if (ext.reachable === null) warnings.push(`The outside check (${ext.via}) gave no answer: ${ext.error}.`)
    if (ext.reachable === true && ext.seenByListener === false) warnings.push(`${ext.via} reached port ${obs.port} from outside, but our listener saw nothing: something else answers outside connections.`)
  }
  if (obs.mode === 'peer' && d.cause === 'no-reflection') {
    warnings.push(`A refusal also comes from the server itself when nothing listens there: is "hairpin-check serve ${obs.port}" running on it?`)
  }
  if (obs.target?.reason === 'port-in-use') {
    warnings.push(`Something already listens on port ${obs.port} here, so the tool compared what answers instead of listening itself.`)
  }
  return warnings
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
  }
}

/**
 * Router families recognisable from what the gateway tells UPnP (manufacturer, model, friendly
 * name), and the prefix of their fix ids in the catalogue.
 */
const VENDORS: ReadonlyArray<[RegExp, string, string]> = [
  [/mikrotik|routeros/i, 'mikrotik-', 'MikroTik RouterOS'],
  [/openwrt|lede/i, 'openwrt-', 'OpenWrt'],
  [/pfsense|netgate/i, 'pfsense-', 'pfSense'],
  [/opnsense|deciso/i, 'opnsense-', 'OPNsense'],
  [/ubiquiti|ubnt|edgerouter|edgeos|unifi/i, 'edgerouter-', 'Ubiquiti EdgeRouter/UniFi'],
]

/** The router family the gateway named over UPnP, if the catalogue has fixes for it. */
export function vendorOf(obs: Observations): { prefix: string; name: string } | null {
  const u = obs.gateway?.upnp
  const said = [u?.manufacturer, u?.model, u?.friendlyName].filter(Boolean).join(' ')
  const hit = VENDORS.find(([re]) => re.test(said))
  return hit === undefined ? null : { prefix: hit[1], name: hit[2] }
}

/** Moves the fixes `first` picks to the front, keeping the order within both groups. */
const promote = (fixes: Fix[], first: (f: Fix) => boolean): Fix[] => [...fixes.filter(first), ...fixes.filter((f) => !first(f))]

/** The router's own fixes first when it named itself; when IPv6 already works, the AAAA record before all. */
function ordered(fixes: Fix[], obs: Observations): Fix[] {
  const vendor = vendorOf(obs)
  const byVendor = vendor === null ? fixes : promote(fixes, (f) => f.id.startsWith(vendor.prefix))
  return obs.ipv6?.outcome === 'ok' ? promote(byVendor, (f) => f.id === 'ipv6-aaaa-record') : byVendor
}

/** The diagnosis: a pure function of the observations. */
export function diagnose(obs: Observations): Verdict {
  const hairpin = hairpinDecision(obs)
  const d = causeOf(obs)
  return {
    hairpin: hairpinOf(hairpin.cause),
    cause: d.cause,
    protocol: d.protocol,
    summary: summaryOf(d, hairpin, obs),
    warnings: warningsOf(d, hairpin, obs),
    fixes: obs.port === null ? [] : ordered(fixesFor(d.cause, fixContext(d, obs)), obs),
  }
}
