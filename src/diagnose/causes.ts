// Everything that varies by cause, in one record the compiler checks: exit class, hairpin answer, headline, summary, picture, fixes.

import type { Cause, Observations, Tri, Verdict } from '../report/report.js'
import { each, FORWARD_FILTER, REAL_CLIENTS, REFLECTION, SNAT_HALF, SNAT_TO_PUBLIC, SPLIT_DNS, WORKAROUNDS, type Entry } from './catalogue.js'
import { gatewayWan } from './nat.js'

/** A cause, and the protocol it is about when it is about one. */
export interface Decision {
  cause: Cause
  protocol: 'tcp' | 'udp' | null
}

/** What a summary sentence is made from: the observations, and phrases every cause shares. */
export interface SummaryFacts {
  obs: Observations
  /** The verdict's cause. */
  d: Decision
  /** What the public IP itself does (the verdict's cause may be about a name or another NAT). */
  hairpin: Decision
  /** `public-IP:port`. */
  target: string
  /** The connection the cause is about: TCP or UDP, or in --target mode the one to the public IP. */
  r: { observedPeer: string | null; answer: string | null; ms: number; error: string | null } | null
  /** ` over UDP`, ` over TCP and UDP`, … or nothing. */
  over: string
  /** `Hairpin NAT works…: P:port reached this host from inside`. */
  works: string
  /** `Hairpin NAT does not work…: `. */
  fails: string
  /** What the public IP itself does, for summaries about a name. */
  viaIp: string
}

/** The path picture through another NAT that holds the public IP. */
export interface FrontPicture {
  /** What the box in front is called. */
  outer: string
  /** The caption, from the public IP and a phrase saying what the gateway's WAN address is. */
  says(pub: string, wanWords: string): string
}

/**
 * How the path picture draws a cause: `hops` the probe's own way by outcome, `front` through
 * another NAT that holds the public IP, `direct` one hop without NAT, `none` nothing worth drawing.
 */
export type Picture = 'hops' | 'direct' | 'none' | { front: FrontPicture }

/** Everything that varies by cause. */
export interface CauseInfo {
  /** The exit code: 0 inside clients get through, 1 they do not, 2 no verdict. */
  exit: 0 | 1 | 2
  /**
   * The verdict's `hairpin`: whether hairpinning works, for a cause about the public IP; null when
   * nothing can be said of it (no verdict, or the failure is not the router's); `public-ip` for
   * causes about the DNS name, which report what the public IP itself does.
   */
  hairpin: Tri | 'public-ip'
  /** Short words after the verdict mark (the `--quiet` line, the Markdown title). */
  headline: string
  /** The verdict's one paragraph for people. */
  summary(f: SummaryFacts): string
  /** How the path picture draws it. */
  picture: Picture
  /** The fixes that fit, most likely first, with the one line saying why. */
  fixes: readonly Entry[]
}

/**
 * How the failed connection to the public IP ended: TCP's, else UDP's, else (`--target`) the public
 * IP's service's. Only failures call it, and a failure is always one of the three.
 */
const outcomeOf = (obs: Observations): string => (obs.tcp?.outcome ?? obs.udp?.outcome ?? obs.target?.viaPublicIp?.outcome)!

/** What a summary says when it names the reason no verdict was reached. */
const noVerdict = (f: SummaryFacts): string => `No verdict: ${f.obs.fault?.message}`

/** A working hairpin, by the address the listener saw. */
const WORKING = {
  'hairpin-ok-public-source': {
    exit: 0,
    hairpin: true,
    headline: 'Hairpin NAT works: the server sees the public IP',
    summary: (f) => `${f.works}, and the server sees the public address ${f.r?.observedPeer} as the source, as RFC 4787 REQ-9a and RFC 5382 REQ-8 ask.`,
    picture: 'hops',
    fixes: [],
  },
  'hairpin-ok-gateway-source': {
    exit: 0,
    hairpin: true,
    headline: "Hairpin NAT works: the server sees the gateway's address",
    summary: (f) =>
      `${f.works}; the server sees the gateway's LAN address ${f.r?.observedPeer} (reflection with masquerade), so logs and IP allow-lists see every inside client as the gateway.`,
    picture: 'hops',
    fixes: [
      ...each(SNAT_TO_PUBLIC, "Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address."),
      ['docker-userland-proxy', "When the gateway is a Docker host's bridge, docker-proxy relays connections to published ports and the server sees its address."],
      ...each(SPLIT_DNS, REAL_CLIENTS),
    ],
  },
  'hairpin-ok-client-source': {
    exit: 0,
    hairpin: true,
    headline: "Hairpin NAT works: the server sees the client's own address",
    summary: (f) =>
      `${f.works}, and the server sees the client's own address ${f.r?.observedPeer}: the router rewrote only the destination and the reply still went back through it.`,
    picture: 'hops',
    fixes: [],
  },
  'hairpin-ok-other-source': {
    exit: 0,
    hairpin: true,
    headline: 'Hairpin NAT works: the server sees another address',
    summary: (f) =>
      `${f.works}; the server sees ${f.r?.observedPeer}, which is neither this host, the gateway nor the public IP (a proxy in the router, such as pfSense "NAT + Proxy", or another NAT).`,
    picture: 'hops',
    fixes: [
      ['other-source-advisory', 'Works through a proxy (e.g. pfSense "NAT + Proxy"): logs, fail2ban and allow-lists see its address, not the client.'],
      ...each(SPLIT_DNS, REAL_CLIENTS),
    ],
  },
  'target-same': {
    exit: 0,
    hairpin: true,
    headline: 'Hairpin NAT works: the public IP reaches the same service as the server',
    summary: ({ obs, target }) =>
      `Hairpin NAT works: ${target} from inside reaches the same service as the server ${obs.target?.address}:${obs.port} directly (${obs.target?.direct?.description}). The address the server sees cannot be told in this mode.`,
    picture: 'hops',
    fixes: [],
  },
} satisfies Record<string, CauseInfo>

/** A hairpin that fails, by what the connection to the public IP met. */
const FAILING = {
  'no-reflection': {
    exit: 1,
    hairpin: false,
    headline: 'Hairpin NAT does not work: connection refused, the forward is not reflected',
    summary: ({ fails, target, d, obs }) =>
      `${fails}${target} refused ${d.protocol === 'udp' ? 'the datagrams (ICMP port unreachable)' : 'the connection'} from inside. The router applies the port forward only to traffic arriving from the internet, and nothing on the router itself listens on port ${obs.port}.`,
    picture: 'hops',
    fixes: [
      ...each(REFLECTION, 'Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.'),
      ['docker-published-port', 'Refused also when the forward reaches a Docker host whose container does not publish the port.'],
      ...WORKAROUNDS,
    ],
  },
  'router-answered': {
    exit: 1,
    hairpin: false,
    headline: 'Hairpin NAT does not work: another service answered on the public IP',
    summary: ({ fails, target, d, obs, r }) => {
      if (obs.tcp?.outcome === 'reset' && d.protocol === 'tcp') {
        return `${fails}something other than this host accepted the connection to ${target} from inside and then reset it, typically the router itself: the forward is not applied to inside traffic.`
      }
      const said = r?.answer ? ` It sent: "${r.answer}".` : ''
      return `${fails}something other than this host answered on ${target} from inside, typically the router's own web interface or VPN on that port: the forward is not applied to inside traffic.${said}`
    },
    picture: 'hops',
    fixes: [
      ['router-service-port', "Something other than your server answered, typically the router's own web UI, remote management or VPN on this port."],
      ...each(REFLECTION, 'With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.'),
      ...WORKAROUNDS,
    ],
  },
  'no-snat-or-filtered': {
    exit: 1,
    hairpin: false,
    headline: 'Hairpin NAT does not work: no answer (reflected without source NAT, or filtered)',
    summary: ({ fails, target, d, r }) =>
      `${fails}${d.protocol === 'udp' ? 'datagrams' : 'the connection'} to ${target} from inside got no answer in ${r?.ms} ms. Most likely the router rewrote the destination to this host but not the source, so the reply went straight back to the client instead of through the router and was dropped; or a firewall dropped the packet.`,
    picture: 'hops',
    fixes: [
      ...each(SNAT_HALF, 'Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.'),
      ...each(FORWARD_FILTER, 'Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.'),
      ...WORKAROUNDS,
    ],
  },
  'dnat-without-snat': {
    exit: 1,
    hairpin: false,
    headline: 'Hairpin NAT does not work: the server answers directly (DNAT without SNAT)',
    summary: ({ fails, target, obs }) => {
      const tcpToo = obs.tcp?.outcome === 'timeout' ? ` That is also why the TCP connection got no answer in ${obs.tcp.ms} ms.` : ''
      return `${fails}the answer to a datagram sent to ${target} came back from ${obs.udp?.replyFrom}, not from ${obs.publicIp.address}. The router rewrote the destination but not the source, so the server (which saw ${obs.udp?.observedPeer}) answered the client directly; clients drop such answers, and TCP connections never complete.${tcpToo}`
    },
    picture: 'hops',
    fixes: [
      ...each(
        SNAT_HALF,
        "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
      ),
      ...WORKAROUNDS,
    ],
  },
  unreachable: {
    exit: 1,
    hairpin: false,
    headline: 'Hairpin NAT does not work: the public IP is unreachable from inside',
    summary: ({ fails, obs, r }) =>
      `${fails}the network reported ${obs.publicIp.address} unreachable from inside${r?.error ? ` (${r.error})` : ''}: the router or a firewall rejects traffic from the LAN to the public address.`,
    picture: 'hops',
    fixes: [
      ['route-firewall-check', 'The network reported the public IP unreachable: a missing route or a reject rule stopped the connection first.'],
      ...each(FORWARD_FILTER.slice(1), "A reject rule in the router's forward chain answers the reflected connection with ICMP unreachable: accept hairpinned connections before it."),
      ...each(REFLECTION, 'Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.'),
      ...WORKAROUNDS,
    ],
  },
  'target-different': {
    exit: 1,
    hairpin: false,
    headline: 'Hairpin NAT does not work: another service answers on the public IP',
    summary: ({ fails, target, obs }) =>
      `${fails}${target} from inside is answered by ${obs.target?.viaPublicIp?.description}, not by the server ${obs.target?.address}:${obs.port} (${obs.target?.direct?.description}): typically the router itself.`,
    picture: 'hops',
    fixes: [
      ['router-service-port', 'Something other than your server answers on the public IP from inside, typically the router itself on this port.'],
      ...each(REFLECTION, 'The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.'),
      ...WORKAROUNDS,
    ],
  },
} satisfies Record<string, CauseInfo>

/** Another NAT in front of the router holds the public IP: its reflection settings cannot help. */
const IN_FRONT = {
  cgnat: {
    exit: 1,
    hairpin: false,
    headline: "Hairpin NAT does not work: your ISP's carrier-grade NAT is in front of the router",
    summary: ({ fails, obs, hairpin }) =>
      `${fails}the router's own WAN address is ${gatewayWan(obs)}, in 100.64.0.0/10: your ISP's carrier-grade NAT owns ${obs.publicIp.address}, so no setting on your router can forward or reflect it (${hairpin.cause} from inside).`,
    picture: {
      front: {
        outer: 'ISP NAT',
        says: (pub, wanWords) => `${pub} belongs to your ISP's carrier-grade NAT (${wanWords}): no setting on your router can forward or reflect it.`,
      },
    },
    fixes: [
      ['isp-public-address', "The public IP belongs to the ISP's carrier-grade NAT: only the ISP can give you one, or forward to you."],
      ['ipv6-aaaa-record', 'IPv6 has no carrier-grade NAT: with an AAAA record, clients that prefer IPv6 reach the server directly.'],
      ['tunnel-relay', 'A host with its own public address can receive the traffic and carry it to you through a tunnel.'],
      ...each(SPLIT_DNS, 'Inside clients can at least reach the server by name without leaving the LAN.'),
    ],
  },
  'double-nat': {
    exit: 1,
    hairpin: false,
    headline: 'Hairpin NAT does not work: another NAT is in front of the router (double NAT)',
    summary: ({ fails, obs, hairpin }) => {
      const wan = gatewayWan(obs)
      const why =
        wan === null
          ? 'the router reports no usable public WAN address (NAT-PMP "network failure", or a UPnP IGD without an external address), so another NAT sits in front of it'
          : `the router's own WAN address is ${wan}, not ${obs.publicIp.address}, so another router or NAT sits in front of it`
      return `${fails}${why}: a forward on this router alone cannot receive traffic for ${obs.publicIp.address} (${hairpin.cause} from inside).`
    },
    picture: {
      front: {
        outer: 'outer NAT',
        says: (pub, wanWords) => `Another NAT in front of the gateway holds ${pub} (${wanWords}): a forward on your router alone never receives this traffic.`,
      },
    },
    fixes: [
      ['bridge-mode', 'Another router translates in front of this one: in bridge mode it hands this router the public address.'],
      ['forward-on-both', 'Or keep both routers and forward the port through each of them.'],
      ['ipv6-aaaa-record', 'IPv6 needs no NAT: with an AAAA record, clients that prefer IPv6 reach the server directly.'],
      ['tunnel-relay', 'A host with its own public address can receive the traffic and carry it to you through a tunnel.'],
      ...each(SPLIT_DNS, 'Inside clients can at least reach the server by name without leaving the LAN.'),
    ],
  },
} satisfies Record<string, CauseInfo>

/** The DNS name (`--host`) tells the story for clients that use it. */
const BY_NAME = {
  'split-horizon-dns': {
    exit: 0,
    hairpin: 'public-ip',
    headline: 'Inside clients get through: the name resolves to the LAN address (split-horizon DNS)',
    summary: ({ obs, viaIp }) =>
      `${obs.dns?.name} resolves to the LAN address ${obs.dns?.direct?.address} here, and ${obs.dns?.direct?.address}:${obs.port} reached the server directly: split-horizon DNS is in place, so inside clients using the name never hairpin (${viaIp}).`,
    picture: 'hops',
    fixes: [],
  },
  'dns-elsewhere': {
    exit: 1,
    hairpin: 'public-ip',
    headline: 'The name does not point at this network: stale DNS record, or a proxy in front',
    summary: ({ obs, viaIp }) =>
      `${obs.dns?.name} resolves to ${obs.dns?.addresses.join(', ')}, not to this network's public IP ${obs.publicIp.address}: a stale dynamic DNS record, or a proxy or CDN in front. Inside clients using the name do not reach this router's forward (${viaIp}).`,
    picture: 'hops',
    fixes: [
      ['dns-record-update', "The name points at another address than this network's public IP: a stale dynamic DNS record, or a proxy or CDN in front."],
      ['proxy-in-front', 'A proxy or CDN is fine when intended: then hairpinning at your router is not involved for this name.'],
      ...each(SPLIT_DNS, 'Inside clients can get the LAN address for the name whatever its public record says.'),
    ],
  },
  'dns-unresolved': {
    exit: 1,
    hairpin: 'public-ip',
    headline: 'The name does not resolve from here',
    summary: ({ obs, viaIp }) => `${obs.dns?.name} does not resolve from this host (${obs.dns?.error}): no client inside can use it (${viaIp}).`,
    picture: 'hops',
    fixes: [
      ['dns-record-create', 'The name does not resolve from this host (no such name, or no answer), so no client inside can use it.'],
      ...each(SPLIT_DNS, 'For inside clients, a local record with the LAN address also avoids the hairpin.'),
    ],
  },
  'dns-failed': {
    exit: 2,
    hairpin: 'public-ip',
    headline: 'No verdict: the DNS resolver did not answer',
    summary: ({ obs }) =>
      `No verdict: the resolver did not answer for ${obs.dns?.name} (${obs.dns?.error}); check this host's DNS settings (/etc/resolv.conf, resolvectl status) and try again.`,
    picture: 'hops',
    fixes: [],
  },
} satisfies Record<string, CauseInfo>

/** Runs that reached no verdict on the hairpin, or had nothing to hairpin. */
const OTHER = {
  'not-behind-nat': {
    exit: 0,
    hairpin: null,
    headline: 'No NAT: this host holds the public IP itself',
    summary: ({ obs }) => `No NAT to hairpin through: ${obs.publicIp.address} is an address of this host, so inside and outside clients reach it the same way.`,
    picture: 'direct',
    fixes: [],
  },
  'no-public-ip': {
    exit: 2,
    hairpin: null,
    headline: 'No verdict: the public IP could not be learned',
    summary: ({ obs }) => `No verdict: ${obs.fault?.message ?? 'no public IP was learned; pass --public-ip ADDR'}.`,
    picture: 'none',
    fixes: [],
  },
  'listen-failed': { exit: 2, hairpin: null, headline: 'No verdict: could not listen on the port', summary: noVerdict, picture: 'none', fixes: [] },
  'bad-input': { exit: 2, hairpin: null, headline: 'No verdict: bad arguments', summary: noVerdict, picture: 'none', fixes: [] },
  interrupted: { exit: 2, hairpin: null, headline: 'No verdict: interrupted', summary: noVerdict, picture: 'hops', fixes: [] },
  'target-unreachable': {
    exit: 2,
    hairpin: null,
    headline: 'No verdict: the server itself does not answer',
    summary: ({ obs }) =>
      `No verdict: the server ${obs.target?.address}:${obs.port} itself does not answer (${obs.target?.direct?.description ?? 'not tried'}); check --target and that the service runs.`,
    picture: 'hops',
    fixes: [],
  },
  'probe-error': {
    exit: 2,
    hairpin: null,
    headline: 'No verdict: the probe failed',
    summary: ({ obs, r }) =>
      `No verdict: the probe failed: ${obs.fault?.message ?? r?.error ?? (obs.target !== null ? 'could not tell the services apart' : 'nothing was tested')}.`,
    picture: 'none',
    fixes: [],
  },
} satisfies Record<string, CauseInfo>

/** What the further checks settled (or could not): another host's service, this host's firewall, another path, an unsure address. */
const SETTLED = {
  'hairpin-ok-other-host': {
    exit: 0,
    hairpin: true,
    headline: 'Hairpin NAT works: the server on another host answered through the public IP',
    summary: ({ target, obs }) => {
      const a = obs.answeredBy
      const cert = a?.viaPublicIp.tls
      const how =
        cert?.validForName === true
          ? `its TLS certificate is valid for ${obs.dns?.name} (${a?.viaPublicIp.description})`
          : `it is the same service that answers at ${a?.forwardTarget?.address}:${obs.port}, where the router's UPnP forward points (${a?.forwardTarget?.service.description})`
      return `Hairpin NAT works: ${target} from inside reached your server on another host, not this one: ${how}. This host's own listener was not reached because the forward points elsewhere. The address the server sees cannot be told from here: run the tool on the server, or "hairpin-check serve" there and --peer here.`
    },
    picture: 'hops',
    fixes: [],
  },
  'other-service-answered': {
    exit: 2,
    hairpin: null,
    headline: 'No verdict: something else answered on the public IP',
    summary: ({ target, obs }) => {
      const what = obs.answeredBy?.viaPublicIp.description ?? (obs.tcp?.answer ? `it sent "${obs.tcp.answer}"` : 'it could not be identified')
      return `No verdict: ${target} from inside did not reach this host's listener; something else answered (${what}). Either the port forward points at your server on another host and hairpin NAT works, or the router's own service answered and the forward is not applied to inside traffic. To tell: run the tool on the server itself, pass --target SERVER_ADDRESS, or run "hairpin-check serve ${obs.port}" there and --peer TOKEN here; with --host NAME a certificate valid for the name also settles it.`
    },
    picture: 'hops',
    fixes: [],
  },
  'host-firewall': {
    exit: 1,
    hairpin: null,
    headline: "Inside clients cannot connect: this host's own firewall drops the port",
    summary: ({ target, obs, r }) => {
      const by = obs.hostFirewall?.findings.find((f) => f.state === 'blocks')
      return `The connection to ${target} from inside got no answer in ${r?.ms} ms, and this host's own firewall drops new connections to port ${obs.port} (${by?.tool}: ${by?.detail}): no client, inside or outside, can reach the service here, whatever the router does. Open the port in the firewall first, then run hairpin-check again to test the router.`
    },
    picture: 'hops',
    fixes: [['host-firewall-open', "This host's own firewall drops new connections to the port: nothing reaches the service until it lets them in."]],
  },
  'other-path': {
    exit: 2,
    hairpin: null,
    headline: 'No verdict: the test went another way than through your router',
    summary: ({ target, obs }) => {
      const wan = gatewayWan(obs)
      const addr = obs.publicIp.address
      if (obs.client.tunnel === true) {
        // The route leaves by the tunnel whoever named the address: --public-ip alone does not help.
        const byEcho = obs.publicIp.via === 'echo'
        const seen = byEcho ? ", so the echo services saw the tunnel's exit address and" : ', so'
        const route = `on Linux: ip route add ${byEcho ? 'ADDRESS' : addr}/32 via YOUR_LAN_GATEWAY`
        const next = byEcho ? `send your network's own public address past the tunnel (${route}) and pass it with --public-ip` : `send ${addr} past the tunnel (${route}) and run again`
        return `No verdict: ${target} failed from inside (${outcomeOf(obs)}), but the route to it leaves this host by the tunnel interface ${obs.client.interface} (a VPN)${seen} the probe never reached your router from inside. Run the tool with the VPN off, or ${next}.`
      }
      // Otherwise the gateway's external address is public and not the echo services' (see `otherPath`).
      return `No verdict: ${target} failed from inside (${outcomeOf(obs)}), but the gateway reports its external address as ${wan}, not ${addr}, so the echo services saw another path (a VPN or proxy on the way, or another uplink). A failure through that address says nothing about your router: run again with --public-ip ${wan}, or run the tool with the VPN off.`
    },
    picture: 'none',
    fixes: [],
  },
  'public-ip-uncertain': {
    exit: 2,
    hairpin: null,
    headline: 'No verdict: the public IP is uncertain',
    summary: ({ obs }) => {
      const c = obs.publicIp.candidates
      const said =
        c.length > 1
          ? `the echo services disagree (${c.map((x) => `${x.address}: ${x.votes} vote${x.votes === 1 ? '' : 's'}, ${x.outcome ?? 'not probed'}`).join('; ')}) and no address reached this host`
          : `only one of the ${obs.publicIp.sources.length} echo services answered (${obs.publicIp.address}) and the probe through it failed (${outcomeOf(obs)})`
      return `No verdict: ${said}. A failure through an address nothing confirms says nothing about the router: pass the public IP with --public-ip ADDR (your router's status page shows it), or ask echo services you can reach with --echo-url.`
    },
    picture: 'none',
    fixes: [],
  },
} satisfies Record<string, CauseInfo>

/** Every cause the diagnosis can name, and everything that varies by it. */
export const CAUSES: Readonly<Record<Cause, CauseInfo>> = { ...WORKING, ...FAILING, ...IN_FRONT, ...BY_NAME, ...OTHER, ...SETTLED }

/** Whether hairpinning works, for a cause about the public IP (null: not decided, or not about it). */
export function hairpinOf(cause: Cause): Tri {
  const h = CAUSES[cause].hairpin
  return h === 'public-ip' ? null : h
}

/**
 * Exit code for a verdict: 0 inside clients get through, 1 they do not, 2 no verdict. A cause
 * this version does not know (a report from a newer one) is no verdict.
 */
export const exitCodeFor = (verdict: Pick<Verdict, 'cause'>): 0 | 1 | 2 => (CAUSES as Partial<Record<string, CauseInfo>>)[verdict.cause]?.exit ?? 2
