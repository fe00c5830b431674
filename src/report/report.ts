// The report: plain data every run produces, the contract that JSON consumers rely on. Imports nothing.


/**
 * Version of the report's shape. Adding fields keeps it; renaming, removing or
 * changing the meaning of a field bumps it.
 */
export const SCHEMA_VERSION = 1 as const

/** A yes/no answer that may not have been checked: `null` means "not checked". */
export type Tri = boolean | null

/** What one echo service answered when asked for our public address. */
export interface EchoSource {
  /** The URL asked. */
  url: string
  /** The IPv4 address it answered, or null when it failed. */
  address: string | null
  /** Why it failed (one line), or null. */
  error: string | null
  /** Time from request to answer or failure, in milliseconds; null if never started. */
  ms: number | null
  /**
   * Why its answer is not used: it is not a public address (private, loopback, link-local, shared
   * 100.64.0.0/10, 0.0.0.0/8, multicast, reserved); null when it is used or there is no answer.
   */
  rejected: string | null
}

/** A public address the echo services answered, and what the hairpin probe through it met. */
export interface PublicIpCandidate {
  address: string
  /** How many echo services answered it. */
  votes: number
  /** The TCP probe through this address, when it was probed on its own (several candidates); else null. */
  outcome: TcpOutcome | null
}

/** How the public address was learned, and what each echo service said. */
export interface PublicIpReport {
  /** The public IPv4 address the probe connects to, or null when none was learned. */
  address: string | null
  /** `echo` when asked of echo services, `flag` when given with `--public-ip`. */
  via: 'echo' | 'flag'
  /** Every echo service asked, in the order configured. Empty with `--public-ip`. */
  sources: EchoSource[]
  /** Whether the public address is assigned to an interface of this host (no NAT at all). */
  onThisHost: Tri
  /** Every distinct public answer, most votes first (ties: the earliest first). Empty with `--public-ip`. */
  candidates: PublicIpCandidate[]
  /**
   * What vouches for `address`: `flag` (given with `--public-ip`), `single-source` (the only echo
   * service asked), `agreement` (two or more echo services answered it), `gateway` (the gateway
   * reports it as its external address); null: unconfirmed (one answer among several asked, or a tie).
   */
  confirmedBy: 'flag' | 'single-source' | 'agreement' | 'gateway' | null
}

/** Where the probe runs from. */
export interface ClientReport {
  /** The local source address used to reach the public IP. */
  address: string | null
  /** The default gateway from the OS routing table, or null when unknown. */
  gateway: string | null
  /** The LAN prefix of the interface holding `address`, e.g. `192.168.1.0/24`. */
  lanPrefix: string | null
  /** The interface holding `address`, e.g. `eth0`. */
  interface: string | null
  /**
   * Whether that interface is a tunnel (WireGuard, tun/tap, utun, ppp, Tailscale, ZeroTier, …): the
   * route to the public IP then leaves by a VPN, and echo services see its exit, not this network.
   */
  tunnel: Tri
}

/** What happened to the hairpinned TCP connection. */
export type TcpOutcome =
  | 'ok'
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'wrong-service'
  | 'unreachable'
  | 'error'

/** Which address the listener saw the hairpinned connection come from. */
export type PeerKind = 'public-ip' | 'gateway' | 'client' | 'other'

/** The TCP hairpin test. */
export interface TcpReport {
  outcome: TcpOutcome
  /** The remote address our listener saw for the proven connection, or null. */
  observedPeer: string | null
  /** How `observedPeer` relates to this network, or null when nothing was observed. */
  peerKind: PeerKind | null
  /** The address the proven connection arrived at on the server (its LAN address), or null. */
  serverAddress: string | null
  /** Time from connect to verdict, in milliseconds. */
  ms: number
  /** Connections tried: a new one every few hundred milliseconds until one proves (a lost SYN cannot decide). */
  attempts: number
  /** Connections to the listener that did not present the nonce in time (closed, nothing sent). */
  strangers: number
  /** The system error code behind a failed outcome (`ECONNREFUSED`, …), or null. */
  error: string | null
  /** When something other than our listener answered: the start of what it sent, made printable. */
  answer: string | null
}

/** What happened to the hairpinned UDP datagrams (`--udp`). */
export type UdpOutcome = 'ok' | 'direct-reply' | 'timeout' | 'refused' | 'unreachable' | 'wrong-service' | 'error'

/** The UDP hairpin test (RFC 4787 REQ-9). */
export interface UdpReport {
  /**
   * `ok`: a proof came back from the public IP; `direct-reply`: a proof came back from another
   * address (the server answered straight from its LAN address: DNAT without SNAT).
   */
  outcome: UdpOutcome
  observedPeer: string | null
  peerKind: PeerKind | null
  serverAddress: string | null
  /** The address the answer came from, or null when none came. */
  replyFrom: string | null
  ms: number
  /** Hellos sent (the probe retries: datagrams get lost). */
  attempts: number
  /** Datagrams to the listener that were not an expected hello (never answered). */
  strangers: number
  error: string | null
  answer: string | null
}

/** Where a DNS name points (`--host`). */
export interface DnsReport {
  name: string
  /** Every address the system resolver returned, IPv4 and IPv6. */
  addresses: string[]
  pointsTo: 'public-ip' | 'lan' | 'elsewhere' | 'none'
  /** Why there are no addresses (`ENOTFOUND`, a timeout), or null. */
  error: string | null
  /** When the name points into the LAN: the direct connection to it, or null. */
  direct: { address: string; outcome: TcpOutcome; observedPeer: string | null; ms: number } | null
}

/** The IPv6 path: no NAT, so inside clients that prefer IPv6 never hairpin. */
export interface Ipv6Report {
  /** This host's global IPv6 address, or null. */
  address: string | null
  /** What echo services asked over IPv6 saw, or null. */
  publicAddress: string | null
  sources: EchoSource[]
  /** The address probed: the name's AAAA record, or this host's global address. */
  target: string | null
  outcome: TcpOutcome | null
  observedPeer: string | null
  ms: number | null
  error: string | null
}

/** The kind of service that answered; `silent` accepted the connection and said nothing intelligible. */
export type ServiceKind = 'tls' | 'ssh' | 'smtp' | 'ftp' | 'banner' | 'http' | 'silent'

/** The certificate a TLS service presented. */
export interface TlsIdentity {
  /** SHA-256 of the certificate, colon-separated upper-case hex as Node gives it; empty when the peer sent none. */
  fingerprint256: string
  /** Subject common name (several joined with `, `), made printable; null when the subject has none. */
  subject: string | null
  /** Issuer common name, made printable; null when the issuer has none. */
  issuer: string | null
  /** The certificate's `valid_to`, as Node formats it (`Nov 27 23:48:03 2026 GMT`). */
  validTo: string | null
  /** The ALPN protocol the server chose, or null when it chose none. */
  alpn: string | null
  /** Subject organisation (O), made printable; null when the subject has none. */
  organization: string | null
  /** The subject alternative names (DNS names and IP addresses), made printable, at most a few dozen. */
  sans: string[]
  /** Whether the chain validates against this host's trust store (Node's, plus `NODE_EXTRA_CA_CERTS`). */
  trusted: boolean
  /** With a name sent as SNI: whether the certificate is trusted and valid for that name; null without a name. */
  validForName: Tri
}

/** What answered on one host:port. */
export interface ServiceIdentity {
  /** How the first connection went: `ok` when something accepted it. */
  outcome: 'ok' | 'refused' | 'timeout' | 'reset' | 'unreachable' | 'error'
  /** What kind of service it is; null when nothing accepted the connection. */
  kind: ServiceKind | null
  /**
   * The first line the service sent, made printable: unprompted (SSH, SMTP, FTP, other
   * server-speaks-first services) or, for a service that is not HTTP, in answer to our HEAD
   * request (on the plain connection, or inside TLS).
   */
  banner: string | null
  /** The certificate, when the service speaks TLS. */
  tls: TlsIdentity | null
  /** The HTTP status and `Server` header (made printable), when the service answered HTTP (plain or inside TLS). */
  http: { status: number; server: string | null; title: string | null } | null
  /** The system error code behind a failed connection, or a one-line reason a `silent` service stayed unidentified. */
  error: string | null
  /** Time from the first connect to the verdict, in milliseconds. */
  ms: number
}


/** How one end answered in `--target` mode: what service.ts identified, and one line saying so. */
export type ServiceReport = ServiceIdentity & {
  /** One human line saying what answered. */
  description: string
}

/** `--target` mode: what answers at the public IP compared with what answers at the server. */
export interface TargetReport {
  /** The LAN server's address. */
  address: string
  /** `flag` for `--target`, `port-in-use` when the port was taken and this host was taken as the server. */
  reason: 'flag' | 'port-in-use'
  /** What answered at public-IP:port (the hairpinned path). */
  viaPublicIp: ServiceReport | null
  /** What answered at target:port (the direct path). */
  direct: ServiceReport | null
  /** Whether both are the same service; null when either could not be identified. */
  same: Tri
}

/** What the gateway answered to "what is your external address". */
export interface NatPmpResult {
  /** The result code (see `NATPMP_RESULT_TEXT`), or null when nothing answered. */
  resultCode: number | null
  /**
   * The external IPv4 address, when the result is Success; null otherwise, and for 0.0.0.0 (no
   * address). Result 3 (Network Failure) without an address is what miniupnpd answers when its
   * WAN address is reserved (private, shared 100.64/10, documentation): CGNAT or a second NAT.
   */
  externalIp: string | null
  /** Seconds since the server's port-mapping table was (re)initialised; null when nothing answered. */
  epoch: number | null
  /** Why there is no answer: `no answer`, a system error code (`ECONNREFUSED`: nothing on the port), …; null with an answer. */
  error: string | null
  /** Time from the first send to the outcome, in milliseconds. */
  ms: number
}


/** What the gateway answered to a PCP ANNOUNCE. */
export interface PcpResult {
  /** true: a PCP (version 2) server answered; false: only an older version (0 is NAT-PMP); null: no answer, not known. */
  present: boolean | null
  /** The version the answer carried; null without one. */
  version: number | null
  /** The answer's result code (RFC 6887 §7.4 for version 2, RFC 6886 §3.5 for version 0); null without one. */
  resultCode: number | null
  /** Why there is no answer: `no answer`, a system error code, …; null with an answer. */
  error: string | null
  /** Time from the first send to the outcome, in milliseconds. */
  ms: number
}


/** One existing port mapping, as GetSpecificPortMappingEntry describes it. */
export interface UpnpMapping {
  internalClient: string | null
  internalPort: number | null
  enabled: boolean | null
  description: string | null
  /** Seconds left; 0 means a static (permanent) mapping. */
  leaseDuration: number | null
}

/** What the gateway's IGD said. Every string from the network is made printable and capped. */
export interface UpnpResult {
  /** An IGD answered SSDP: true; none did within the wait: false; not asked or the deadline cut the wait: null. */
  found: boolean | null
  /** The description URL. */
  location: string | null
  manufacturer: string | null
  model: string | null
  friendlyName: string | null
  /** The connection service asked: WANIPConnection:1/2 or WANPPPConnection:1 (full URN). */
  serviceType: string | null
  /** GetStatusInfo's NewConnectionStatus (`Connected`, `Disconnected`, …). */
  connectionStatus: string | null
  /**
   * GetExternalIPAddress; null when empty, 0.0.0.0 (what miniupnpd answers when its WAN address
   * is reserved: CGNAT or a second NAT), not IPv4, or refused.
   */
  externalIp: string | null
  /** GetSpecificPortMappingEntry for the port and protocol; null when there is none (fault 714) or it could not be asked. */
  mapping: UpnpMapping | null
  /** What went wrong, step by step (`; `-separated); null when nothing did. */
  error: string | null
  /** Time from the start to the outcome, in milliseconds. */
  ms: number
}


/** What the default gateway says about itself over NAT-PMP, PCP and UPnP IGD (the answers of src/gateway/). */
export interface GatewayReport {
  /** The gateway asked, or null when none is known. */
  address: string | null
  /** Null when no gateway is known. */
  natpmp: NatPmpResult | null
  /** Null when no gateway or no client address is known. */
  pcp: PcpResult | null
  upnp: UpnpResult | null
  /** The gateway's own web interface, read without credentials over HTTP and HTTPS; null when not asked. */
  webui: WebUiReport | null
  /** The router family, from UPnP or the web interface; null when none is recognised. */
  vendor: VendorReport | null
}

/** One page of the gateway's web interface (`GET /`), as read without credentials. */
export interface WebUiPage {
  /** The URL asked (`http://GATEWAY/` or `https://GATEWAY/`). */
  url: string
  /** The HTTP status, or null when nothing answered. */
  status: number | null
  /** The `Server` header, made printable. */
  server: string | null
  /** The page's `<title>`, made printable. */
  title: string | null
  /** Where the page sends the browser (a `Location` header, a meta refresh or script redirect), made printable. */
  location: string | null
  /** The realm of a `WWW-Authenticate` challenge, made printable. */
  realm: string | null
  /** The certificate's names over HTTPS, made printable; null over HTTP. */
  cert: { subject: string | null; organization: string | null; issuer: string | null; sans: string[] } | null
  /** Why the page could not be read, or null. */
  error: string | null
  ms: number
}

/** The gateway's web interface, as far as it was read. */
export interface WebUiReport {
  pages: WebUiPage[]
}

/** A recognised router family. */
export interface VendorReport {
  /** Stable id, the prefix of its fixes in the catalogue: `openwrt`, `mikrotik`, `pfsense`, `opnsense`, … */
  id: string
  /** Its name for people, e.g. `OpenWrt`. */
  name: string
  /** How it was recognised: `upnp`, `web UI title`, `web UI Server header`, `TLS certificate`, … */
  via: string
  /** What matched, made printable. */
  evidence: string
}

/** One firewall on this host, read without changing it. */
export interface HostFirewallFinding {
  /** `nftables`, `iptables`, `iptables-legacy`, `ufw`, `firewalld`, `macos-application-firewall`, `windows-firewall`. */
  tool: string
  /**
   * `blocks`: drops or rejects new connections to the port; `allows`: lets them in; `inactive`: not
   * enabled; `unclear`: rules that depend on what cannot be known here; `unreadable`: could not be read.
   */
  state: 'blocks' | 'allows' | 'inactive' | 'unclear' | 'unreadable'
  /** One line: the rule or policy that decides, or why it could not be read. */
  detail: string
  /**
   * Where a rule that opens the port belongs, when known: an nftables chain (`inet filter input`), an
   * iptables chain (`INPUT`, `mangle PREROUTING`), ufw's (`ufw rules`, `ufw rule 1`), a firewalld zone,
   * a Windows profile or blocking rule (`rule "Name"`), the program the macOS firewall must let in.
   */
  where: string | null
}

/** This host's own firewalls, read when the probe met silence. */
export interface HostFirewallReport {
  findings: HostFirewallFinding[]
  /** true: a firewall here blocks the port; false: every firewall found lets it in (or none is active); null: could not tell. */
  blocks: Tri
}

/** `--external`: whether the forward is reachable from outside, as an outside checker saw it. */
export interface ExternalReport {
  reachable: Tri
  /** The checker asked (its URL). */
  via: string
  /** The address the checker connected to (ours, as it saw us). */
  ip: string | null
  error: string | null
  ms: number
  /** Whether our listener saw a connection while the checker ran; null when nothing of ours listened. */
  seenByListener: Tri
  /** The address our listener saw the checker's connection come from, or null. */
  observedPeer: string | null
  /**
   * How that address relates to this network: `gateway` (or `other` inside the LAN) means the
   * router masquerades outside clients too, so the server sees every client as the router.
   */
  peerKind: PeerKind | null
}

/** Something other than our listener answered on the public IP: what it is, and what answers elsewhere. */
export interface AnsweredByReport {
  /** What answered at public-IP:port, identified on a second connection. */
  viaPublicIp: ServiceReport
  /** What answers on the same port at the gateway's LAN address (a router's own service usually answers there too); null when no gateway is known. */
  gateway: ServiceReport | null
  /** The forward's internal client (UPnP `GetSpecificPortMappingEntry`) when it is another host, and what answers there; else null. */
  forwardTarget: { address: string; service: ServiceReport } | null
  /** The router firmware what answered looks like (web UI title, `Server` header, certificate names), or null. */
  router: VendorReport | null
}

/** Why a run could not reach a verdict, when it could not. */
export interface Fault {
  kind: 'bad-input' | 'no-public-ip' | 'listen-failed' | 'probe-error' | 'target-unreachable' | 'interrupted'
  /** The system error code (`EACCES`, `EADDRINUSE`, …), when there is one. */
  code: string | null
  /** One line saying what went wrong and what to do. */
  message: string
}

/** Every cause the diagnosis can name. */
export type Cause =
  | 'hairpin-ok-public-source'
  | 'hairpin-ok-gateway-source'
  | 'hairpin-ok-client-source'
  | 'hairpin-ok-other-source'
  | 'no-reflection'
  | 'router-answered'
  | 'no-snat-or-filtered'
  | 'dnat-without-snat'
  | 'unreachable'
  | 'split-horizon-dns'
  | 'dns-elsewhere'
  | 'dns-unresolved'
  | 'target-same'
  | 'target-different'
  | 'cgnat'
  | 'double-nat'
  | 'not-behind-nat'
  | 'no-public-ip'
  | 'listen-failed'
  | 'bad-input'
  | 'probe-error'
  | 'target-unreachable'
  | 'interrupted'
  | 'dns-failed'
  | 'hairpin-ok-other-host'
  | 'other-service-answered'
  | 'host-firewall'
  | 'other-path'
  | 'public-ip-uncertain'

/** One way to fix (or work around) what was found, with commands for this network. */
export interface Fix {
  /** Stable identifier, e.g. `nftables-reflection`. */
  id: string
  /** Short human title, e.g. "Linux router with nftables". */
  title: string
  /** One line: why this fix fits what was observed. */
  why: string
  /** Commands or settings, filled in for this network; may be empty for advice-only fixes. */
  commands: string[]
  /** The documentation the fix follows (a URL), or null for general advice. */
  source: string | null
}

/** The conclusion: a pure function of the observations (see `diagnose`). */
export interface Verdict {
  /** true: hairpin works; false: it does not; null: not decided (see `cause`). */
  hairpin: Tri
  cause: Cause
  /** The protocol the cause is about, when it is about one. */
  protocol: 'tcp' | 'udp' | null
  /** One sentence for humans. */
  summary: string
  warnings: string[]
  /** Ordered: the most likely fit first. */
  fixes: Fix[]
}

/** Everything a run observed, before diagnosis. */
export interface Observations {
  schemaVersion: typeof SCHEMA_VERSION
  tool: { name: string; version: string }
  /** The port tested, or null when the port argument was bad. */
  port: number | null
  /** When the run started, ISO 8601. */
  startedAt: string
  /** Wall time of the run, in milliseconds. */
  durationMs: number
  publicIp: PublicIpReport
  client: ClientReport
  /**
   * `listen`: this host listens and probes itself; `peer`: a `serve` on another host listens
   * (`--peer`); `target`: a real service holds the port and answers are compared (`--target`).
   */
  mode: 'listen' | 'peer' | 'target'
  /** The address the listener was bound to, or null when it never listened. */
  listener: { bind: string } | null
  /** The TCP test, or null when it did not run. */
  tcp: TcpReport | null
  /** The UDP test (`--udp`), or null when it did not run. */
  udp: UdpReport | null
  /** The DNS name (`--host`), or null when none was given. */
  dns: DnsReport | null
  /** The IPv6 path, or null when this host has no global IPv6 address and no AAAA record was given. */
  ipv6: Ipv6Report | null
  /** `--target` mode, or null. */
  target: TargetReport | null
  /** What the default gateway says (null with `--no-gateway`). */
  gateway: GatewayReport | null
  /** `--external`, or null. */
  external: ExternalReport | null
  /** This host's own firewall, read when the probe met silence; null when not read. */
  hostFirewall: HostFirewallReport | null
  /** What answered on the public IP instead of our listener, when something did; else null. */
  answeredBy: AnsweredByReport | null
  /** Why no verdict could be reached, or null. */
  fault: Fault | null
}

/** One `--expect`, and whether it held for this report. */
export interface ExpectationResult {
  /** As given: `works`, `fails`, `source=public-ip` (`gateway`, `client`, `other`). */
  expect: string
  /** true: it holds; false: it does not (exit 1); null: cannot tell without a verdict (exit 2). */
  holds: Tri
  /** One line: why it holds or not. */
  why: string
}

/** The full report: observations plus verdict. */
export interface Report extends Observations {
  verdict: Verdict
  /** What the run was asked to hold (`--expect`, default `works`) and whether each did; every report the CLI writes has it. */
  expectations?: ExpectationResult[]
}
