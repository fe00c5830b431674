// Shared test fixtures: a complete set of observations for a typical LAN, to override per test.
import type { NetworkInterfaceInfo } from 'node:os'
import type { DiscoverResult } from '../../src/discover/echo.js'
import type { HairpinListener, ListenerOptions } from '../../src/net/listener.js'
import type { Lookup } from '../../src/net/dns.js'
import type { ExternalResult } from '../../src/discover/external.js'
import type { GatewayQueryOptions } from '../../src/gateway/index.js'
import type { TcpProbeOptions, TcpProbeResult } from '../../src/net/probe.js'
import type { UdpListener, UdpListenerOptions, UdpProbeOptions, UdpProbeResult } from '../../src/net/udp.js'
import type { GatewayReport, HostFirewallReport, ServiceIdentity, Observations, Report, TcpReport, UdpReport } from '../../src/report/report.js'
import { emptyObservations } from '../../src/report/observations.js'
import { diagnose } from '../../src/diagnose/diagnose.js'
import { runProbe, type RunIO, type RunOptions } from '../../src/run/run.js'

/** A UDP result; override what the test is about. */
export function udpReport(over: Partial<UdpReport> = {}): UdpReport {
  return {
    outcome: 'ok',
    observedPeer: '192.168.77.1',
    peerKind: 'gateway',
    serverAddress: '192.168.77.10',
    replyFrom: '203.0.113.7',
    ms: 4,
    attempts: 1,
    strangers: 0,
    error: null,
    answer: null,
    ...over,
  }
}

/** A TCP result; override what the test is about. */
export function tcpReport(over: Partial<TcpReport> = {}): TcpReport {
  return { outcome: 'ok', observedPeer: '192.168.77.1', peerKind: 'gateway', serverAddress: '192.168.77.10', ms: 3, attempts: 1, strangers: 0, error: null, answer: null, ...over }
}

/** Observations of a host 192.168.77.10 behind gateway 192.168.77.1 with public IP 203.0.113.7. */
export function observations(over: Partial<Observations> = {}): Observations {
  return {
    ...emptyObservations(8443, '2026-11-26T00:00:00.000Z'),
    tool: { name: 'hairpin-check', version: '0.0.0-test' },
    durationMs: 42,
    publicIp: {
      address: '203.0.113.7',
      via: 'echo',
      sources: [
        { url: 'http://198.51.100.10/ip', address: '203.0.113.7', error: null, ms: 5, rejected: null },
        { url: 'http://198.51.100.11/json', address: '203.0.113.7', error: null, ms: 6, rejected: null },
      ],
      onThisHost: false,
      candidates: [{ address: '203.0.113.7', votes: 2, outcome: null }],
      confirmedBy: 'agreement',
    },
    client: { address: '192.168.77.10', gateway: '192.168.77.1', lanPrefix: '192.168.77.0/24', interface: 'eth0', tunnel: false },
    listener: { bind: '0.0.0.0' },
    tcp: tcpReport(),
    ...over,
  }
}

export const IFACES = {
  eth0: [{ address: '192.168.77.10', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '192.168.77.10/24' }],
} as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>

export interface Fake {
  io: RunIO
  log: string[]
  listenOpts: ListenerOptions[]
  probeOpts: TcpProbeOptions[]
  udpListenOpts: UdpListenerOptions[]
  udpProbeOpts: UdpProbeOptions[]
  identified: string[]
  gatewayOpts: GatewayQueryOptions[]
  externalUrls: string[]
  firewallOpts: Array<{ port: number; protocol: 'tcp' | 'udp'; timeoutMs: number }>
  closed: number
}

/** A scripted world: a LAN host 192.168.77.10, gateway .1, public IP 203.0.113.7. */
export function fakeIO(over: {
  listen?: (o: ListenerOptions) => Promise<HairpinListener>
  listenUdp?: (o: UdpListenerOptions) => Promise<UdpListener>
  discover?: (urls: readonly string[], deadline: number, family: 4 | 6) => Promise<DiscoverResult>
  /** The TCP probe's result, or a function of the address probed. */
  probe?: Partial<TcpProbeResult> | ((host: string) => Partial<TcpProbeResult>)
  udp?: Partial<UdpProbeResult>
  lookup?: Lookup
  identify?: (host: string) => Partial<ServiceIdentity>
  gateway?: Partial<GatewayReport>
  external?: Partial<ExternalResult> | ((url: string) => Promise<ExternalResult>)
  source?: string | null
  firewall?: Partial<HostFirewallReport>
  interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>
} = {}): Fake {
  let clock = 1000
  const f: Fake = {
    io: undefined as unknown as RunIO,
    log: [],
    listenOpts: [],
    probeOpts: [],
    udpListenOpts: [],
    udpProbeOpts: [],
    identified: [],
    gatewayOpts: [],
    externalUrls: [],
    firewallOpts: [],
    closed: 0,
  }
  const fakeListener = (o: { bind: string; port: number }) => ({
    address: o.bind,
    port: o.port,
    strangers: 2,
    strangerPeers: ['192.168.77.1', '198.51.100.10'],
    sightings: [],
    expect: () => {},
    close: async () => {
      f.closed++
    },
  })
  f.io = {
    now: () => (clock += 5),
    date: () => new Date('2026-11-26T12:00:10.000Z'),
    randomBytes: (n) => Buffer.alloc(n, 0xab),
    discoverPublicIp:
      over.discover ??
      (async (urls, _deadline, family) => {
        const address = family === 4 ? '203.0.113.7' : '2001:db8:77::10'
        return { address, sources: urls.map((url) => ({ url, address, error: null, ms: 4, rejected: null })), candidates: [{ address, votes: urls.length }] }
      }),
    interfaces: () => over.interfaces ?? IFACES,
    defaultRoutes: async () => [{ iface: 'eth0', gateway: '192.168.77.1', metric: 0 }],
    sourceAddressFor: async () => (over.source === undefined ? '192.168.77.10' : over.source),
    listen:
      over.listen ??
      (async (o) => {
        f.listenOpts.push(o)
        return fakeListener(o)
      }),
    probe: async (o) => {
      f.probeOpts.push(o)
      const extra = typeof over.probe === 'function' ? over.probe(o.host) : over.probe
      return { outcome: 'ok', observedPeer: '192.168.77.1', ms: 3, error: null, answer: null, localAddress: '192.168.77.10', serverAddress: '192.168.77.10', ...extra }
    },
    listenUdp:
      over.listenUdp ??
      (async (o) => {
        f.udpListenOpts.push(o)
        return fakeListener(o)
      }),
    probeUdp: async (o) => {
      f.udpProbeOpts.push(o)
      return { outcome: 'ok', observedPeer: '192.168.77.1', serverAddress: '192.168.77.10', replyFrom: '203.0.113.7', ms: 4, attempts: 1, error: null, answer: null, ...over.udp }
    },
    lookup: over.lookup ?? (async () => [{ address: '203.0.113.7', family: 4 }]),
    identifyService: async (o) => {
      f.identified.push(o.host)
      return { outcome: 'ok', kind: 'http', banner: null, tls: null, http: { status: 200, server: 'app', title: null }, error: null, ms: 5, ...over.identify?.(o.host) }
    },
    queryGateway: async (o) => {
      f.gatewayOpts.push(o)
      return { address: o.gateway, natpmp: null, pcp: null, upnp: null, webui: null, vendor: null, ...over.gateway }
    },
    checkExternal: async (url) => {
      f.externalUrls.push(url)
      if (typeof over.external === 'function') return over.external(url)
      return { reachable: true, via: url, ip: '203.0.113.7', error: null, ms: 30, ...over.external }
    },
    readHostFirewall: async (o) => {
      f.firewallOpts.push(o)
      return { findings: [], blocks: false, ...over.firewall }
    },
    onStep: (text) => f.log.push(text),
  }
  return f
}

/** Run options for the typical LAN above: port 8443, two lab echo services, TCP, IPv6 and the gateway on. */
export function runOptions(over: Partial<RunOptions> = {}): RunOptions {
  return {
    port: 8443,
    bind: '0.0.0.0',
    publicIp: null,
    echoUrls: ['http://198.51.100.10/ip', 'http://198.51.100.11/json'],
    echoUrlsV6: ['http://[2001:db8:100::10]/ip'],
    deadline: 6000,
    started: 0,
    tcp: true,
    udp: false,
    peerKey: null,
    host: null,
    target: null,
    ipv6: true,
    gateway: true,
    external: null,
    ...over,
  }
}

/** A run and its diagnosis, as the CLI puts them together. */
export async function probeReport(opts: RunOptions, io: RunIO): Promise<Report> {
  const obs = await runProbe(opts, io)
  return { ...obs, verdict: diagnose(obs) }
}
