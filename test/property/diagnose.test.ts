// Property tests for classification, diagnosis and redaction: arbitrary Observations over every
// field's domain give exactly one known cause, a hairpin answer, exit code and fix list that agree
// with it, clean text, and a redacted report without a public address. Deterministic:
// PROPERTY_SEED picks the seed (printed on failure), PROPERTY_RUNS may raise the number of runs.

import t from 'tap'
import fc from 'fast-check'
import { isIPv4, isIPv6 } from 'node:net'
import { isDeepStrictEqual } from 'node:util'
import { classifyPeer, type KnownAddresses } from '../../src/run/classify.js'
import { exitCodeFor } from '../../src/diagnose/causes.js'
import { hairpinDecision } from '../../src/diagnose/decide.js'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { fixesFor } from '../../src/diagnose/fixes.js'
import { masquerades } from '../../src/diagnose/warnings.js'
import { NARROW_MASQUERADE } from '../../src/diagnose/catalogue/host.js'
import { rangeOf } from '../../src/util/ip.js'
import { redact } from '../../src/render/redact.js'
import {
  type Cause,
  type DnsReport,
  type AnsweredByReport,
  type ExternalReport,
  type HostFirewallReport,
  type PublicIpReport,
  type VendorReport,
  type Fault,
  type GatewayReport,
  type Ipv6Report,
  type Observations,
  type PeerKind,
  type Report,
  type ServiceReport,
  type TargetReport,
  type TcpOutcome,
  type TcpReport,
  type Tri,
  type UdpOutcome,
  type UdpReport,
} from '../../src/report/report.js'
import { holds } from '../support/property.js'

// --- what each cause means (README "Causes", src/report.ts WORKING/FAILING, src/fixes.ts ORDER) ---

/**
 * `hairpin`: true/false, null, or 'public-ip' for the DNS causes, whose hairpin answer is the one
 * the public IP itself gave (the schema: "Always about the public IP itself").
 * `fixes`: 'some' (never empty), 'none' (always empty).
 */
const CAUSES = {
  'hairpin-ok-public-source': { exit: 0, hairpin: true, fixes: 'none' },
  'hairpin-ok-gateway-source': { exit: 0, hairpin: true, fixes: 'some' },
  'hairpin-ok-client-source': { exit: 0, hairpin: true, fixes: 'none' },
  'hairpin-ok-other-source': { exit: 0, hairpin: true, fixes: 'some' },
  'no-reflection': { exit: 1, hairpin: false, fixes: 'some' },
  'router-answered': { exit: 1, hairpin: false, fixes: 'some' },
  'no-snat-or-filtered': { exit: 1, hairpin: false, fixes: 'some' },
  'dnat-without-snat': { exit: 1, hairpin: false, fixes: 'some' },
  unreachable: { exit: 1, hairpin: false, fixes: 'some' },
  'split-horizon-dns': { exit: 0, hairpin: 'public-ip', fixes: 'none' },
  'dns-elsewhere': { exit: 1, hairpin: 'public-ip', fixes: 'some' },
  'dns-unresolved': { exit: 1, hairpin: 'public-ip', fixes: 'some' },
  'target-same': { exit: 0, hairpin: true, fixes: 'none' },
  'target-different': { exit: 1, hairpin: false, fixes: 'some' },
  cgnat: { exit: 1, hairpin: false, fixes: 'some' },
  'double-nat': { exit: 1, hairpin: false, fixes: 'some' },
  'not-behind-nat': { exit: 0, hairpin: null, fixes: 'none' },
  'no-public-ip': { exit: 2, hairpin: null, fixes: 'none' },
  'listen-failed': { exit: 2, hairpin: null, fixes: 'none' },
  'bad-input': { exit: 2, hairpin: null, fixes: 'none' },
  'probe-error': { exit: 2, hairpin: null, fixes: 'none' },
  'target-unreachable': { exit: 2, hairpin: null, fixes: 'none' },
  interrupted: { exit: 2, hairpin: null, fixes: 'none' },
  // No verdict on the name, but hairpin is still the public IP's answer (README: "per public IP").
  'dns-failed': { exit: 2, hairpin: 'public-ip', fixes: 'none' },
  'hairpin-ok-other-host': { exit: 0, hairpin: true, fixes: 'none' },
  'other-service-answered': { exit: 2, hairpin: null, fixes: 'none' },
  // The router is not to blame: nothing said of the hairpin, and the port to open is the fix.
  'host-firewall': { exit: 1, hairpin: null, fixes: 'some' },
  'other-path': { exit: 2, hairpin: null, fixes: 'none' },
  'public-ip-uncertain': { exit: 2, hairpin: null, fixes: 'none' },
} as const satisfies Record<Cause, { exit: 0 | 1 | 2; hairpin: Tri | 'public-ip'; fixes: 'some' | 'none' }>

const ALL_CAUSES = Object.keys(CAUSES) as Cause[]

/** Failing causes (exit 1) documented to offer no fix: none. Every failing cause names at least one. */
const FAILING_WITHOUT_FIXES: readonly Cause[] = []

/** Strings a fix must never show: an unfilled value. */
const UNFILLED = /undefined|null|NaN|\[object/

// eslint-disable-next-line no-control-regex
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

// --- generators: every field over its domain ---

const octet = fc.integer({ min: 0, max: 255 })
const publicV4 = fc.oneof(
  fc.ipV4().filter((a) => rangeOf(a) === 'public'),
  fc.constantFrom('203.0.113.7', '198.51.100.20', '192.0.2.1', '8.8.8.8', '92.168.1.2'),
)
const privateV4 = fc.oneof(
  fc.tuple(octet, octet, octet).map(([a, b, c]) => `10.${a}.${b}.${c}`),
  fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([a, b, c]) => `172.${a}.${b}.${c}`),
  fc.tuple(octet, octet).map(([a, b]) => `192.168.${a}.${b}`),
  fc.constantFrom('192.168.77.1', '192.168.77.10', '192.168.1.2'),
)
const sharedV4 = fc.tuple(fc.integer({ min: 64, max: 127 }), octet, octet).map(([a, b, c]) => `100.${a}.${b}.${c}`)
const specialV4 = fc.constantFrom('127.0.0.1', '169.254.1.1', '0.0.0.0', '224.0.0.1', '255.255.255.255')
const anyV4 = fc.oneof(publicV4, privateV4, sharedV4, specialV4)
const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16))
const globalV6 = fc.oneof(
  fc.constantFrom('2001:db8:77::10', '2001:DB8:77:0::10', '2a00:1450:4001:81b::200e'),
  fc.tuple(fc.integer({ min: 0x2000, max: 0x3fff }), fc.array(hextet, { minLength: 7, maxLength: 7 })).map(([first, rest]) => [first.toString(16), ...rest].join(':')),
  fc.tuple(fc.integer({ min: 0x2000, max: 0x3fff }), hextet).map(([first, last]) => `${first.toString(16)}:db8::${last}`),
)
const localV6 = fc.constantFrom('fe80::1', 'fd00::5', '::1')
const anyV6 = fc.oneof(globalV6, localV6)

/** Host names without any word that would look like an unfilled value. */
const hostName = fc.oneof(fc.domain(), fc.constantFrom('app.lab', 'nas.example.org', 'App.Example.ORG')).filter((n) => !/undefined|null|nan|object/i.test(n))
const URLS = ['https://api.ipify.org', 'https://icanhazip.com', 'https://ifconfig.co/ip', 'http://echo.lab/ip', 'https://ifconfig.co/port/8443'] as const
const url = fc.constantFrom(...URLS)

/** Free text as the runner records it (already printable), possibly naming addresses. */
const line = fc
  .oneof(
    fc.constantFrom('ECONNREFUSED', 'EHOSTUNREACH', 'ETIMEDOUT', 'SSH-2.0-OpenSSH_9.6', 'HTTP/1.1 400 Bad Request', 'nginx', ''),
    fc
      .tuple(
        fc.constantFrom('connect to ', 'seen ', 'hello from ', 'ip=', '(', 'http://', 'via [', ''),
        fc.oneof(anyV4, anyV6, anyV4.map((a) => `::ffff:${a}`), globalV6.map((a) => a.toUpperCase())),
        fc.constantFrom('', ':8443', '.', ',', ')', ']:443', '/ip', ' failed'),
      )
      .map(([a, b, c]) => `${a}${b}${c}`),
    fc.string({ maxLength: 30 }),
  )
  .filter((s) => !UNFILLED.test(s) && !NOT_ONE_LINE.test(s))
const errorCode = fc.constantFrom('ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EADDRNOTAVAIL')
const ms = fc.nat({ max: 10_000 })
const tri = fc.constantFrom<Tri>(true, false, null)

/** Mostly this, sometimes null. */
const orNull = <T>(arb: fc.Arbitrary<T>, nullWeight = 1, valueWeight = 3): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: valueWeight, arbitrary: arb }, { weight: nullWeight, arbitrary: fc.constant(null) })

const TCP_OUTCOMES: readonly TcpOutcome[] = ['ok', 'refused', 'timeout', 'reset', 'wrong-service', 'unreachable', 'error']
const UDP_OUTCOMES: readonly UdpOutcome[] = ['ok', 'direct-reply', 'timeout', 'refused', 'unreachable', 'wrong-service', 'error']
/** Half of the outcomes ok, so the working causes are reached as often as the failing ones. */
const outcomeOf = <O extends string>(all: readonly O[]): fc.Arbitrary<O> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant('ok' as O) }, { weight: 1, arbitrary: fc.constantFrom(...all) })
const peerKind = orNull(fc.constantFrom<PeerKind>('public-ip', 'gateway', 'client', 'other'))
const peerAddress = fc.oneof(anyV4, anyV6)

const tcpReport: fc.Arbitrary<TcpReport> = fc
  .record({
    outcome: outcomeOf(TCP_OUTCOMES),
    observedPeer: peerAddress,
    peerKind,
    serverAddress: privateV4,
    ms,
    attempts: fc.integer({ min: 1, max: 12 }),
    strangers: fc.nat({ max: 5 }),
    error: errorCode,
    answer: orNull(line),
    absent: fc.boolean(),
  })
  // A proven connection names its peer and server; a failed one may not.
  .map(({ absent, ...r }) => ({
    ...r,
    observedPeer: r.outcome !== 'ok' && absent ? null : r.observedPeer,
    peerKind: r.outcome !== 'ok' && absent ? null : r.peerKind,
    serverAddress: r.outcome !== 'ok' && absent ? null : r.serverAddress,
    error: r.outcome === 'ok' ? null : r.error,
  }))

const udpReport: fc.Arbitrary<UdpReport> = fc
  .record({
    outcome: outcomeOf(UDP_OUTCOMES),
    observedPeer: peerAddress,
    peerKind,
    serverAddress: privateV4,
    replyFrom: fc.oneof(publicV4, privateV4),
    ms,
    attempts: fc.integer({ min: 1, max: 5 }),
    strangers: fc.nat({ max: 5 }),
    error: errorCode,
    answer: orNull(line),
    absent: fc.boolean(),
  })
  .map(({ absent, ...r }) => {
    const answered = r.outcome === 'ok' || r.outcome === 'direct-reply'
    return {
      ...r,
      observedPeer: !answered && absent ? null : r.observedPeer,
      peerKind: !answered && absent ? null : r.peerKind,
      serverAddress: !answered && absent ? null : r.serverAddress,
      replyFrom: answered ? r.replyFrom : null,
      error: answered ? null : r.error,
    }
  })

const dnsReport: fc.Arbitrary<DnsReport> = fc
  .record({
    name: hostName,
    addresses: fc.array(fc.oneof(anyV4, anyV6), { maxLength: 3 }),
    pointsTo: fc.constantFrom<DnsReport['pointsTo']>('public-ip', 'lan', 'elsewhere', 'none'),
    error: fc.constantFrom('ENOTFOUND', 'ENODATA', 'no addresses', 'EAI_AGAIN', 'ESERVFAIL', 'timeout after 3000 ms', ''),
    direct: orNull(fc.record({ address: privateV4, outcome: outcomeOf(TCP_OUTCOMES), observedPeer: orNull(peerAddress), ms })),
  })
  // resolveName: no address always comes with a reason, an address never does.
  .map((d) => (d.pointsTo === 'none' ? { ...d, addresses: [], direct: null } : { ...d, error: null }))

const ipv6Report: fc.Arbitrary<Ipv6Report> = fc
  .record({
    address: orNull(globalV6),
    publicAddress: orNull(globalV6),
    sources: fc.array(fc.record({ url, address: orNull(anyV6), error: orNull(line), ms: orNull(ms), rejected: fc.constant(null) }), { maxLength: 2 }),
    target: orNull(anyV6),
    outcome: orNull(outcomeOf(TCP_OUTCOMES)),
    observedPeer: orNull(anyV6),
    ms: orNull(ms),
    error: orNull(errorCode),
  })
  // Nothing was probed without a target.
  .map((r) => (r.target === null ? { ...r, outcome: null, observedPeer: null, ms: null, error: null } : r))

const fingerprint = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 32, maxLength: 32 }).map((b) => b.map((x) => x.toString(16).padStart(2, '0').toUpperCase()).join(':'))
const service: fc.Arbitrary<ServiceReport> = fc.record({
  outcome: outcomeOf<ServiceReport['outcome']>(['ok', 'refused', 'timeout', 'reset', 'unreachable', 'error']),
  kind: orNull(fc.constantFrom<NonNullable<ServiceReport['kind']>>('tls', 'ssh', 'smtp', 'ftp', 'banner', 'http', 'silent')),
  banner: orNull(line),
  tls: orNull(
    fc.record({
      fingerprint256: fingerprint,
      subject: orNull(fc.oneof(hostName, fc.constant('Plex Media Server'))),
      issuer: orNull(fc.constantFrom('R3', "Let's Encrypt")),
      validTo: orNull(fc.constant('Nov 26 00:00:00 2027 GMT')),
      alpn: orNull(fc.constantFrom('h2', 'http/1.1')),
      organization: orNull(fc.constantFrom('Fortinet', 'OpenWrt')),
      sans: fc.array(hostName, { maxLength: 3 }),
      trusted: fc.boolean(),
      validForName: tri,
    }),
  ),
  http: orNull(fc.record({ status: fc.integer({ min: 100, max: 599 }), server: orNull(line), title: orNull(line) })),
  error: orNull(errorCode),
  ms,
  description: line.filter((s) => s !== ''),
})

const targetReport: fc.Arbitrary<TargetReport> = fc.record({
  address: privateV4,
  reason: fc.constantFrom<TargetReport['reason']>('flag', 'port-in-use'),
  viaPublicIp: orNull(service),
  direct: orNull(service),
  same: tri,
})

/** What a router says its WAN address is: shared (CGNAT), private (double NAT), public, or "none". */
const wanAddress = orNull(fc.oneof(sharedV4, privateV4, publicV4, fc.constant('0.0.0.0')))
const VENDORS = ['MikroTik', 'OpenWrt', 'Netgate', 'OPNsense', 'Ubiquiti', 'AVM', 'TP-Link', 'FRITZ!Box 7590'] as const

const gatewayReport: fc.Arbitrary<GatewayReport> = fc.record({
  address: orNull(privateV4),
  natpmp: orNull(
    fc.record({ resultCode: orNull(fc.constantFrom(0, 0, 1, 2, 3, 4, 5)), externalIp: wanAddress, epoch: orNull(fc.nat()), error: orNull(line), ms }),
  ),
  pcp: orNull(fc.record({ present: tri, version: orNull(fc.constantFrom(0, 1, 2)), resultCode: orNull(fc.nat({ max: 13 })), error: orNull(line), ms })),
  upnp: orNull(
    fc.record({
      found: tri,
      location: orNull(fc.constant('http://192.168.77.1:5000/rootDesc.xml')),
      manufacturer: orNull(fc.constantFrom(...VENDORS)),
      model: orNull(fc.constantFrom('RB5009', 'EdgeRouter X', 'x86')),
      friendlyName: orNull(fc.constantFrom('router', 'pfSense', 'OpenWrt router')),
      serviceType: orNull(fc.constant('urn:schemas-upnp-org:service:WANIPConnection:1')),
      connectionStatus: orNull(fc.constantFrom('Connected', 'Disconnected')),
      externalIp: wanAddress,
      mapping: orNull(
        fc.record({
          internalClient: orNull(privateV4),
          internalPort: orNull(fc.integer({ min: 1, max: 65535 })),
          enabled: tri,
          description: orNull(line),
          leaseDuration: orNull(fc.nat()),
        }),
      ),
      error: orNull(line),
      ms,
    }),
  ),
  webui: fc.constant(null),
  vendor: fc.constant(null),
})

const externalReport: fc.Arbitrary<ExternalReport> = fc
  .record({ reachable: tri, via: url, ip: orNull(publicV4), error: orNull(line.filter((s) => s !== '')), ms, seenByListener: tri, observedPeer: orNull(peerAddress), peerKind })
  // Without an answer there is a reason (ExternalResult.error: null only when there is an answer).
  .map((e) => (e.reachable === null && e.error === null ? { ...e, error: 'ETIMEDOUT' } : e))

const FIREWALL_TOOLS = ['nftables', 'iptables', 'iptables-legacy', 'ufw', 'firewalld', 'macos-application-firewall', 'windows-firewall'] as const
const hostFirewall: fc.Arbitrary<HostFirewallReport> = fc
  .record({
  findings: fc.array(
    fc.record({
      tool: fc.constantFrom(...FIREWALL_TOOLS),
      state: fc.constantFrom<HostFirewallReport['findings'][number]['state']>('blocks', 'allows', 'inactive', 'unclear', 'unreadable'),
      detail: line.filter((s) => s !== ''),
      where: orNull(fc.constantFrom('inet filter input', 'INPUT', 'public', 'Domain,Private,Public')),
    }),
    { maxLength: 3 },
  ),
  failed: fc.boolean(),
})
  // firewall.ts: blocks when any finding blocks, lets in when every one allows or is off, else could not tell;
  // a reader that failed altogether leaves no finding and cannot tell.
  .map(({ findings, failed }): HostFirewallReport => {
    if (failed) return { findings: [], blocks: null }
    const blocks = findings.some((f) => f.state === 'blocks') ? true : findings.every((f) => f.state === 'allows' || f.state === 'inactive') ? false : null
    return { findings, blocks }
  })

const vendor: fc.Arbitrary<VendorReport> = fc.record({
  id: fc.constantFrom('openwrt', 'mikrotik', 'fortigate', 'unifi'),
  name: fc.constantFrom('OpenWrt', 'MikroTik RouterOS', 'FortiGate', 'Ubiquiti UniFi'),
  via: fc.constantFrom('web UI title', 'TLS certificate', 'upnp'),
  evidence: line.filter((s) => s !== ''),
})
const answeredBy: fc.Arbitrary<AnsweredByReport> = fc.record({
  viaPublicIp: service,
  gateway: orNull(service),
  forwardTarget: orNull(fc.record({ address: privateV4, service })),
  router: orNull(vendor, 3, 1),
})

const FAULT_KINDS: ReadonlyArray<Fault['kind']> = ['bad-input', 'no-public-ip', 'listen-failed', 'probe-error', 'target-unreachable', 'interrupted']
const fault: fc.Arbitrary<Fault> = fc.record({
  kind: fc.constantFrom(...FAULT_KINDS),
  code: orNull(fc.constantFrom('EACCES', 'EADDRINUSE', 'SIGINT', 'SIGTERM', 'ENETUNREACH')),
  message: line.filter((s) => s !== ''),
})

const observationsArb: fc.Arbitrary<Observations> = fc
  .record({
    port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(443, 8443, 1, 65535)),
    durationMs: ms,
    publicIp: fc.record({
      address: orNull(fc.oneof({ weight: 4, arbitrary: publicV4 }, { weight: 1, arbitrary: fc.oneof(privateV4, sharedV4, specialV4) }), 1, 6),
      via: fc.constantFrom<'echo' | 'flag'>('echo', 'flag'),
      sources: fc.array(
        fc
          .record({ url, address: orNull(anyV4), error: orNull(line), ms: orNull(ms), rejected: orNull(fc.constantFrom('a private address (RFC 1918)', 'a loopback address'), 3, 1) })
          // Only an answer can be rejected (echo.ts: an address that is not public).
          .map((s) => (s.address === null ? { ...s, rejected: null } : s)),
        { maxLength: 3 },
      ),
      onThisHost: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(null) }),
      candidates: fc.array(fc.record({ address: publicV4, votes: fc.integer({ min: 1, max: 3 }), outcome: orNull(fc.constantFrom(...TCP_OUTCOMES)) }), { maxLength: 3 }),
      confirmedBy: fc.constantFrom<PublicIpReport['confirmedBy']>('agreement', 'agreement', 'flag', 'single-source', 'gateway', null),
    }),
    client: fc
      .record({
        address: orNull(fc.oneof(privateV4, publicV4)),
        gateway: orNull(privateV4),
        lanPrefix: orNull(fc.tuple(privateV4, fc.integer({ min: 8, max: 30 })).map(([a, n]) => `${a}/${n}`)),
        interface: orNull(fc.constantFrom('eth0', 'wlan0', 'wg0', 'tun0')),
      })
      // learn.ts: a tunnel is told by the interface's name, and not known without an interface.
      .map((c) => ({ ...c, tunnel: c.interface === null ? null : /^(?:wg|tun)/.test(c.interface) })),
    mode: fc.constantFrom<Observations['mode']>('listen', 'peer', 'target'),
    listener: orNull(fc.constantFrom({ bind: '0.0.0.0' }, { bind: '192.168.77.10' })),
    tcp: orNull(tcpReport),
    udp: orNull(udpReport, 1, 1),
    dns: orNull(dnsReport, 1, 1),
    ipv6: orNull(ipv6Report, 1, 1),
    target: orNull(targetReport, 3, 1),
    gateway: orNull(gatewayReport, 1, 2),
    external: orNull(externalReport, 2, 1),
    hostFirewall: orNull(hostFirewall, 2, 1),
    answeredBy: orNull(answeredBy, 2, 1),
    fault: orNull(fault, 4, 1),
    badPort: fc.boolean(),
  })
  .map(({ badPort, ...o }): Observations => {
    const obs: Observations = {
      schemaVersion: 1 as const,
      tool: { name: 'hairpin-check', version: '0.0.0-test' },
      startedAt: '2026-11-26T00:00:00.000Z',
      ...o,
      // The port is null only when the argument was bad.
      port: o.fault?.kind === 'bad-input' && badPort ? null : o.port,
    }
    const nothingRan = { listener: null, tcp: null, udp: null, dns: null, ipv6: null, target: null, gateway: null, external: null, hostFirewall: null, answeredBy: null }
    let ran: Observations = obs
    // Without a port nothing ran (commands.ts faultReport): only the fault is known.
    if (obs.port === null) ran = { ...obs, ...nothingRan, publicIp: { address: null, via: 'echo', sources: [], onThisHost: null, candidates: [], confirmedBy: null } }
    // Without a public IP nothing was probed, and that is a fault (run.ts: no-public-ip unless another came first).
    else if (obs.publicIp.address === null) {
      ran = { ...obs, tcp: null, udp: null, target: null, external: null, fault: obs.fault ?? { kind: 'no-public-ip', code: null, message: 'could not learn the public IP' } }
    }
    // --target compares services instead of probing: no TCP or UDP report, mode target.
    else if (obs.target !== null) ran = { ...obs, mode: 'target', tcp: null, udp: null }
    else if (obs.mode === 'target') ran = { ...obs, mode: 'listen' }
    // A target-unreachable fault only comes with --target (run.ts never makes one; the type allows it).
    if (ran.fault?.kind === 'target-unreachable' && ran.target === null) ran = { ...ran, fault: { ...ran.fault, kind: 'probe-error' } }
    // A certificate is checked against a name only with --host (settle.ts sends it as SNI): no name, no answer.
    if (ran.dns === null && ran.answeredBy !== null) {
      const noName = (x: ServiceReport): ServiceReport => (x.tls === null ? x : { ...x, tls: { ...x.tls, validForName: null } })
      const a = ran.answeredBy
      ran = {
        ...ran,
        answeredBy: {
          ...a,
          viaPublicIp: noName(a.viaPublicIp),
          gateway: a.gateway === null ? null : noName(a.gateway),
          forwardTarget: a.forwardTarget === null ? null : { ...a.forwardTarget, service: noName(a.forwardTarget.service) },
        },
      }
    }
    // Plain objects, as a run builds them (fast-check may hand out null-prototype records).
    return JSON.parse(JSON.stringify(ran)) as Observations
  })

// --- properties ---

const textsOf = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(textsOf) : v !== null && typeof v === 'object' ? Object.values(v).flatMap(textsOf) : []

t.test('diagnose: one known cause, and everything else agrees with it', async (t) => {
  const seen = new Set<Cause>()
  await holds(
    t,
    'cause, hairpin, exit code, fixes, summary',
    fc.property(observationsArb, (obs) => {
      const before = structuredClone(obs)
      const v = diagnose(obs)
      if (!isDeepStrictEqual(obs, before)) throw new Error('diagnose changed its input')
      if (!isDeepStrictEqual(diagnose(structuredClone(obs)), v)) throw new Error('diagnose is not a function of its input')
      const spec = (CAUSES as Record<string, (typeof CAUSES)[Cause]>)[v.cause]
      if (spec === undefined) throw new Error(`unknown cause ${String(v.cause)}`)
      seen.add(v.cause)

      // hairpin agrees with the cause
      if (spec.hairpin === 'public-ip') {
        if (v.hairpin === null) throw new Error(`${v.cause}: hairpin is null, but the name only matters once the public IP has an answer`)
        const alone = diagnose({ ...obs, dns: null })
        if (alone.hairpin !== v.hairpin) throw new Error(`${v.cause}: hairpin ${v.hairpin}, but the public IP alone gives ${alone.hairpin}`)
      } else if (v.hairpin !== spec.hairpin) {
        throw new Error(`${v.cause}: hairpin ${v.hairpin}, expected ${spec.hairpin}`)
      }
      if (v.hairpin !== null && typeof v.hairpin !== 'boolean') throw new Error(`hairpin ${String(v.hairpin)}`)

      // exit code agrees with the cause's class
      const code = exitCodeFor(v)
      if (![0, 1, 2].includes(code)) throw new Error(`exit code ${code}`)
      if (code !== spec.exit) throw new Error(`${v.cause}: exit ${code}, expected ${spec.exit}`)

      // fixes: some for every failing cause, none for no verdict; a bad port has no commands to fill in.
      // When the outside check arrived from the router, the narrowed masquerade comes first, for any verdict.
      const narrow: readonly string[] = obs.port !== null && masquerades(obs) && spec.exit !== 2 ? NARROW_MASQUERADE : []
      const lead = v.fixes.slice(0, narrow.length).map((f) => f.id)
      if (!isDeepStrictEqual(lead, [...narrow])) throw new Error(`the narrowed masquerade should come first: ${lead.join(', ')}`)
      const own = v.fixes.slice(narrow.length)
      if (obs.port === null) {
        if (v.fixes.length !== 0) throw new Error('fixes without a port')
      } else if (spec.fixes === 'some' && own.length === 0 && !FAILING_WITHOUT_FIXES.includes(v.cause)) {
        throw new Error(`${v.cause}: no fixes`)
      } else if (spec.fixes === 'none' && own.length !== 0) {
        throw new Error(`${v.cause}: ${own.length} fixes, expected none`)
      }
      const ids = v.fixes.map((f) => f.id)
      if (new Set(ids).size !== ids.length) throw new Error(`a fix offered twice: ${ids.join(', ')}`)
      for (const fix of v.fixes) {
        for (const text of [fix.id, fix.title, fix.why, ...fix.commands]) {
          if (UNFILLED.test(text)) throw new Error(`fix ${fix.id} shows an unfilled value: ${JSON.stringify(text)}`)
        }
      }

      // protocol, summary, warnings
      if (v.protocol !== null && v.protocol !== 'tcp' && v.protocol !== 'udp') throw new Error(`protocol ${String(v.protocol)}`)
      if (v.cause.startsWith('hairpin-ok-') && v.protocol === null) throw new Error(`${v.cause} without a protocol`)
      if (v.summary.trim() === '' || NOT_ONE_LINE.test(v.summary)) throw new Error(`summary is not one line: ${JSON.stringify(v.summary)}`)
      for (const w of v.warnings) if (w.trim() === '' || NOT_ONE_LINE.test(w)) throw new Error(`warning is not one line: ${JSON.stringify(w)}`)
    }),
    1000,
  )
  const missed = ALL_CAUSES.filter((c) => !seen.has(c))
  t.comment(`causes reached: ${seen.size} of ${ALL_CAUSES.length}${missed.length > 0 ? ` (not: ${missed.join(', ')})` : ''}`)
})

t.test('the fix catalogue: every failing cause has fixes, no-verdict causes none', async (t) => {
  t.same(FAILING_WITHOUT_FIXES, [], 'no failing cause is documented to have no fix')
  const ctx = fc.record({
    lanPrefix: orNull(fc.oneof(fc.tuple(anyV4, fc.integer({ min: 0, max: 32 })).map(([a, n]) => `${a}/${n}`), fc.constantFrom('x/24', '10.0.0.0/99', '/', ''))),
    server: orNull(fc.oneof(anyV4, anyV6, fc.constant('server'))),
    port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(0, -1, 65536, 1.5, Number.NaN)),
    publicIp: orNull(fc.oneof(anyV4, anyV6)),
    gateway: orNull(fc.oneof(anyV4, anyV6)),
    protocol: fc.constantFrom<'tcp' | 'udp' | undefined>('tcp', 'udp', undefined),
    name: fc.option(hostName, { nil: undefined }),
    serverV6: fc.option(orNull(anyV6), { nil: undefined }),
    nameAddresses: fc.option(fc.array(fc.oneof(anyV4, anyV6), { maxLength: 3 }), { nil: undefined }),
    gatewayWan: fc.option(wanAddress, { nil: undefined }),
  })
  await holds(
    t,
    'fixesFor over every cause and any context: non-empty exactly where documented, no unfilled value',
    fc.property(fc.constantFrom(...ALL_CAUSES), ctx, (cause, c) => {
      const fixes = fixesFor(cause, c)
      const spec = CAUSES[cause]
      if (spec.fixes === 'some' && fixes.length === 0) throw new Error(`${cause}: no fixes`)
      if (spec.fixes === 'none' && fixes.length !== 0) throw new Error(`${cause}: fixes, expected none`)
      if (spec.exit === 1 && fixes.length === 0 && !FAILING_WITHOUT_FIXES.includes(cause)) throw new Error(`${cause} fails without a fix`)
      if (spec.exit === 2 && fixes.length !== 0) throw new Error(`${cause} gives no verdict but offers fixes`)
      for (const fix of fixes) {
        for (const text of [fix.title, fix.why, ...fix.commands]) if (UNFILLED.test(text)) throw new Error(`fix ${fix.id} shows ${JSON.stringify(text)}`)
      }
    }),
    1000,
  )
})

/** What a value shows when it was never filled in. */
const SHOWS_UNFILLED = /undefined|NaN|\[object|\bnull\b/

/** Throws when the summary or a warning shows an unfilled value. */
function assertFilledIn(obs: Observations): void {
  const v = diagnose(obs)
  for (const text of [v.summary, ...v.warnings]) if (SHOWS_UNFILLED.test(text)) throw new Error(`${v.cause}: ${JSON.stringify(text)}`)
}

// The --target case is a regression property: summaryOf once read obs.tcp, null in --target mode, and
// said "got no answer in undefined ms" or "unreachable from inside (undefined)" (fixed in 77b8748).
t.test('the summary and warnings name only what was observed', async (t) => {
  await holds(
    t,
    'no "undefined", "null", "NaN" or "[object" (probing modes)',
    fc.property(
      observationsArb.filter((o) => o.target === null),
      assertFilledIn,
    ),
    1000,
  )
  await holds(
    t,
    'no "undefined", "null", "NaN" or "[object" (--target mode)',
    fc.property(
      observationsArb.filter((o) => o.target !== null),
      assertFilledIn,
    ),
    300,
  )
})

// --- classifyPeer ---

const known: fc.Arbitrary<KnownAddresses> = fc.record({ client: orNull(anyV4), gateway: orNull(anyV4), publicIp: orNull(anyV4) })
const mapped = (a: string, upper: boolean): string => `${upper ? '::FFFF:' : '::ffff:'}${a}`

t.test('classifyPeer: total and consistent', async (t) => {
  await holds(
    t,
    'total on any strings: null exactly for null, else one of the four kinds',
    fc.property(
      orNull(fc.oneof(anyV4, anyV6, fc.string(), fc.string({ unit: 'binary' }))),
      fc.record({ client: orNull(fc.oneof(anyV4, fc.string())), gateway: orNull(fc.oneof(anyV4, fc.string())), publicIp: orNull(fc.oneof(anyV4, fc.string())) }),
      (observed, k) => {
        const kind = classifyPeer(observed, k)
        if (observed === null) return kind === null
        return kind === 'client' || kind === 'gateway' || kind === 'public-ip' || kind === 'other'
      },
    ),
    1000,
  )
  await holds(
    t,
    'the same address gives the same kind, however it is spelled (IPv4 or IPv4-mapped IPv6) on either side',
    fc.property(fc.oneof(anyV4, fc.constantFrom('192.168.77.1', '192.168.77.10', '203.0.113.7')), known, fc.boolean(), fc.boolean(), (a, k, upper, mapKnown) => {
      const spelled = mapKnown
        ? { client: k.client && mapped(k.client, upper), gateway: k.gateway && mapped(k.gateway, !upper), publicIp: k.publicIp && mapped(k.publicIp, upper) }
        : k
      const kinds = [classifyPeer(a, k), classifyPeer(mapped(a, upper), k), classifyPeer(a, spelled), classifyPeer(mapped(a, !upper), spelled)]
      return kinds.every((x) => x === kinds[0])
    }),
    1000,
  )
  await holds(
    t,
    'known addresses are named, in order client, gateway, public IP; anything else is other',
    fc.property(known, anyV4, (k, stranger) => {
      if (k.client !== null && classifyPeer(k.client, k) !== 'client') return false
      if (k.gateway !== null && k.gateway !== k.client && classifyPeer(k.gateway, k) !== 'gateway') return false
      if (k.publicIp !== null && k.publicIp !== k.client && k.publicIp !== k.gateway && classifyPeer(k.publicIp, k) !== 'public-ip') return false
      if (![k.client, k.gateway, k.publicIp].includes(stranger) && classifyPeer(stranger, k) !== 'other') return false
      return true
    }),
    1000,
  )
})

// --- redact ---

/** Candidate address tokens in a text: runs of hex digits, colons and dots, and their colon-separated pieces. */
function addressesIn(text: string): string[] {
  const found = new Set<string>()
  for (const run of text.match(/[0-9A-Fa-f:.]+/g) ?? []) {
    const trimmed = run.replace(/[:.]+$/, '')
    for (const c of [run, trimmed, ...trimmed.split(':')]) {
      if (isIPv4(c) || isIPv6(c)) found.add(c)
    }
    const v4 = /(?:\d{1,3}\.){3}\d{1,3}$/.exec(trimmed)
    if (v4 !== null && isIPv4(v4[0])) found.add(v4[0])
  }
  return [...found]
}

/** Public IPv4 (and the documentation ranges that stand in for it), and global unicast IPv6 (2000::/3). */
function isPublic(a: string): boolean {
  if (isIPv4(a)) return rangeOf(a) === 'public' || rangeOf(a) === 'documentation'
  if (!isIPv6(a) || /^::ffff:/i.test(a) || a.startsWith(':')) return false
  const first = Number.parseInt(a.split(':', 1)[0]!, 16)
  return (first & 0xe000) === 0x2000
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether `address` stands as a token in `text` (not as part of a longer address). */
function stands(address: string, text: string): boolean {
  const re = isIPv4(address)
    ? new RegExp(`(?<![\\d.])${escapeRegExp(address)}(?!\\d|\\.\\d)`)
    : new RegExp(`(?<![0-9A-Fa-f:.])${escapeRegExp(address)}(?![0-9A-Fa-f:]|\\.\\d)`, 'i')
  return re.test(text)
}

t.test('redact: no public address survives, and redacting twice changes nothing', async (t) => {
  await holds(
    t,
    'every public address in the report is gone from its JSON; redact is idempotent and leaves its input alone',
    fc.property(observationsArb, (obs) => {
      const report: Report = { ...obs, verdict: diagnose(obs) }
      const before = structuredClone(report)
      const once = redact(report)
      if (!isDeepStrictEqual(report, before)) throw new Error('redact changed its input')
      const json = JSON.stringify(once)
      // Echo and checker URLs are kept by design; these carry no address.
      const publics = textsOf(report).flatMap(addressesIn).filter(isPublic)
      for (const a of publics) if (stands(a, json)) throw new Error(`${a} is still in the redacted report`)
      const twice = redact(once)
      if (!isDeepStrictEqual(twice, once)) throw new Error('redacting twice differs from redacting once')
      if (once.redacted !== true) throw new Error('not marked redacted')
    }),
    400,
  )
})
