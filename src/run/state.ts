// A run's inputs (options and I/O) and the one state its phases share: the observations they fill in, the key, the listeners, the time left.

import type { NetworkInterfaceInfo } from 'node:os'
import type { DiscoverResult, Family } from '../discover/echo.js'
import type { ExternalResult } from '../discover/external.js'
import type { GatewayQueryOptions } from '../gateway/index.js'
import { globalIpv6Address, type DefaultRoute } from '../host/netinfo.js'
import type { Lookup } from '../net/dns.js'
import type { HairpinListener, ListenerOptions } from '../net/listener.js'
import type { TcpProbeOptions, TcpProbeResult } from '../net/probe.js'
import type { IdentifyOptions } from '../net/service.js'
import type { UdpListener, UdpListenerOptions, UdpProbeOptions, UdpProbeResult } from '../net/udp.js'
import { emptyObservations } from '../report/observations.js'
import type { GatewayReport, HostFirewallReport, Observations, ServiceIdentity, TargetReport } from '../report/report.js'

/** What to test. */
export interface RunOptions {
  port: number
  /** Address to listen on; `0.0.0.0` for all IPv4 addresses. */
  bind: string
  /** The public IP when given (`--public-ip`); null to ask the echo services. */
  publicIp: string | null
  echoUrls: readonly string[]
  /** Echo services asked over IPv6 when this host has a global IPv6 address. */
  echoUrlsV6: readonly string[]
  /** When the run must end, on the `io.now()` clock. */
  deadline: number
  /** When the run started, on the `io.now()` clock (the CLI passes process start). */
  started: number
  /** Test TCP (the default) and UDP (`--udp`). */
  tcp: boolean
  udp: boolean
  /** `--peer`: the proof key of a `serve` on another host; this host then does not listen. */
  peerKey: Buffer | null
  /** `--host`: the DNS name clients use. */
  host: string | null
  /** `--target`: the LAN server to compare with; this host then does not listen. */
  target: string | null
  /** Test the IPv6 path when there is one. */
  ipv6: boolean
  /** Ask the default gateway (NAT-PMP, PCP, UPnP); `--no-gateway` turns it off. */
  gateway: boolean
  /** `--external`: the port-check URL (with `{port}` filled in), or null. */
  external: string | null
  /** Aborted to stop the run where it is (SIGINT, SIGTERM): the report then holds what was seen. */
  signal?: AbortSignal
}

/** Every piece of I/O a run does, injectable for tests. */
export interface RunIO {
  /** Monotonic milliseconds. */
  now(): number
  /** Wall-clock time, for `startedAt`. */
  date(): Date
  randomBytes(n: number): Buffer
  discoverPublicIp(urls: readonly string[], deadlineMs: number, family: Family): Promise<DiscoverResult>
  interfaces(): NodeJS.Dict<NetworkInterfaceInfo[]>
  defaultRoutes(): Promise<DefaultRoute[]>
  sourceAddressFor(destination: string): Promise<string | null>
  listen(opts: ListenerOptions): Promise<HairpinListener>
  probe(opts: TcpProbeOptions): Promise<TcpProbeResult>
  listenUdp(opts: UdpListenerOptions): Promise<UdpListener>
  probeUdp(opts: UdpProbeOptions): Promise<UdpProbeResult>
  lookup: Lookup
  identifyService(opts: IdentifyOptions): Promise<ServiceIdentity>
  queryGateway(opts: GatewayQueryOptions): Promise<GatewayReport>
  checkExternal(url: string, port: number, timeoutMs: number): Promise<ExternalResult>
  /** This host's own firewall for the port, read without changing anything (after a probe meets silence). */
  readHostFirewall(opts: { port: number; protocol: 'tcp' | 'udp'; timeoutMs: number }): Promise<HostFirewallReport>
  /** Told when the run moves to a new step (the CLI shows it in a spinner). */
  onStep?(text: string): void
}

/** The listeners a run opened; each is closed the moment the probes are done. */
export interface Listeners {
  tcp: HairpinListener | null
  udp: UdpListener | null
  /** On this host's global IPv6 address, for the direct IPv6 path. */
  tcp6: HairpinListener | null
}

/** What the run learned on the way that the report does not keep as such. */
export interface Learned {
  /** This host's interfaces, read once. */
  ifaces: NodeJS.Dict<NetworkInterfaceInfo[]>
  /** Every address of this host. */
  local: string[]
  /** This host's global IPv6 address, when IPv6 is to be tested. */
  v6Local: string | null
  /** The default routes, read once at the start and awaited when needed. */
  routes: Promise<DefaultRoute[]>
  /** `--target`, or the port's holder when the port was taken; its address is filled in once this host's is known. */
  target: { address: string | null; reason: TargetReport['reason'] } | null
  /** A LAN address the name resolves to (split-horizon DNS), to connect to directly. */
  dnsLan: string | null
}

/** The state every phase reads and fills in. */
export interface RunState {
  opts: RunOptions
  io: RunIO
  /** The observations so far: each phase fills in its own fields. `obs.fault` set means later phases skip. */
  obs: Observations
  /** The proof key: ours, or the serve's (`--peer`). */
  key: Buffer
  listeners: Listeners
  learned: Learned
  /** Whole milliseconds left before the deadline, never below 1. */
  left(): number
  /** Races a step against the stop signal: on SIGINT or SIGTERM the run ends where it is. */
  step<T>(p: Promise<T>): Promise<T>
}

/** What an interrupted run rejects its pending steps with (see `RunOptions.signal`). */
export class Interrupted extends Error {}

/** A promise that rejects with `Interrupted` when `signal` is aborted, and never otherwise. */
function interruption(signal: AbortSignal | undefined): Promise<never> {
  const interrupted = new Promise<never>((_, reject) => {
    if (signal === undefined) return
    // The CLI aborts with the signal's name; anything else is just "interrupted".
    const stop = (): void => reject(new Interrupted(typeof signal.reason === 'string' ? signal.reason : 'interrupted'))
    if (signal.aborted) stop()
    else signal.addEventListener('abort', stop, { once: true })
  })
  interrupted.catch(() => {}) // observed by the steps; never an unhandled rejection
  return interrupted
}

function allLocalAddresses(ifaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  return Object.values(ifaces).flatMap((infos) => (infos ?? []).map((i) => i.address))
}

/** The state at the start of a run: nothing observed but what the options say. */
export function startRun(opts: RunOptions, io: RunIO): RunState {
  const startedAt = new Date(io.date().getTime() - (io.now() - opts.started)).toISOString()
  const ifaces = io.interfaces()
  const local = allLocalAddresses(ifaces)
  const obs = emptyObservations(opts.port, startedAt)
  obs.mode = opts.target !== null ? 'target' : opts.peerKey !== null ? 'peer' : 'listen'
  const pub = opts.publicIp
  obs.publicIp = {
    address: pub,
    via: pub === null ? 'echo' : 'flag',
    sources: [],
    onThisHost: pub === null ? null : local.includes(pub),
    candidates: [],
    confirmedBy: pub === null ? null : 'flag',
  }
  const v6Local = opts.ipv6 ? globalIpv6Address(ifaces) : null
  // This host's global address is known before anything else: the IPv6 path's other facts come later, if at all.
  if (v6Local !== null) obs.ipv6 = { address: v6Local, publicAddress: null, sources: [], target: null, outcome: null, observedPeer: null, ms: null, error: null }
  const interrupted = interruption(opts.signal)
  return {
    opts,
    io,
    obs,
    key: opts.peerKey ?? io.randomBytes(32),
    listeners: { tcp: null, udp: null, tcp6: null },
    learned: {
      ifaces,
      local,
      v6Local,
      routes: io.defaultRoutes(),
      target: opts.target === null ? null : { address: opts.target, reason: 'flag' },
      dnsLan: null,
    },
    // Whole milliseconds: clients such as undici reject fractional timeouts.
    left: () => Math.max(1, Math.floor(opts.deadline - io.now())),
    step: (p) => Promise.race([p, interrupted]),
  }
}

/** Closes every listener the run opened: the port is open to the internet while they listen. */
export function closeListeners(s: RunState): Promise<unknown> {
  const l = s.listeners
  return Promise.all([l.tcp?.close(), l.udp?.close(), l.tcp6?.close()])
}

/** Whether later phases still have work: no fault so far. */
export const going = (s: RunState): boolean => s.obs.fault === null
