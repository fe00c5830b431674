// One probe run, start to verdict: listen, learn the public IP, connect from inside, classify, diagnose.

import { randomBytes } from 'node:crypto'
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import { classifyPeer, type KnownAddresses } from './classify.js'
import { diagnose } from '../diagnose/diagnose.js'
import { pointsTo, resolveName, DNS_TIMEOUT_MS, systemLookup, type Lookup } from '../net/dns.js'
import { describeDiscoveryFailure, discoverPublicIp, ECHO_DEADLINE_MS, type DiscoverResult, type Family } from '../discover/echo.js'
import { describeListenError, startListener, type HairpinListener, type ListenerOptions } from '../net/listener.js'
import { findInterface, globalIpv6Address, pickGateway, readDefaultRoutes, sourceAddressFor, type DefaultRoute } from '../host/netinfo.js'
import { probeTcp, type TcpProbeOptions, type TcpProbeResult } from '../net/probe.js'
import { NONCE_BYTES } from '../net/proof.js'
import type { ServiceIdentity, DnsReport, ExternalReport, Fault, GatewayReport, Ipv6Report, Observations, Report, ServiceReport, TargetReport, TcpReport, UdpReport } from '../report/report.js'
import { SCHEMA_VERSION } from '../report/report.js'
import { describeService, identifyService, sameService, type IdentifyOptions } from '../net/service.js'
import { probeUdp, startUdpListener, type UdpListener, type UdpListenerOptions, type UdpProbeOptions, type UdpProbeResult } from '../net/udp.js'
import type { ExternalResult } from '../discover/external.js'
import { queryGateway, type GatewayQueryOptions } from '../gateway/index.js'
import { TOOL } from '../report/version.js'

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
  /** Told when the run moves to a new step (the CLI shows it in a spinner). */
  onStep?(text: string): void
}

/** The real I/O. The HTTP client (undici) is loaded only when echo services are asked. */
export function systemIO(): RunIO {
  return {
    now: () => performance.now(),
    date: () => new Date(),
    randomBytes,
    async discoverPublicIp(urls, deadlineMs, family) {
      const { createHttpGet } = await import('../net/http.js')
      const http = createHttpGet(family)
      try {
        return await discoverPublicIp({ urls, http: http.get, now: () => performance.now(), deadlineMs, family })
      } finally {
        await http.close()
      }
    },
    interfaces: networkInterfaces,
    defaultRoutes: () => readDefaultRoutes(),
    sourceAddressFor,
    listen: startListener,
    probe: probeTcp,
    listenUdp: startUdpListener,
    probeUdp,
    lookup: systemLookup,
    identifyService,
    queryGateway,
    async checkExternal(url, port, timeoutMs) {
      const [{ createHttpGet }, { checkExternal }] = await Promise.all([import('../net/http.js'), import('../discover/external.js')])
      const http = createHttpGet(4)
      try {
        return await checkExternal({ url, port, http: http.get, timeoutMs, now: () => performance.now() })
      } finally {
        await http.close()
      }
    },
  }
}

/**
 * How long the gateway may take to answer NAT-PMP, PCP and UPnP together. A router answers in
 * milliseconds; SSDP waits about a second for answers; two seconds leaves room for the retries.
 */
export const GATEWAY_TIMEOUT_MS = 2000

/** How long to wait for the listener to notice the outside checker's connection once the checker has answered. */
export const EXTERNAL_SETTLE_MS = 250

/** Resolves when `done()` holds, checking every few milliseconds, or after `maxMs` whatever it says. */
function until(done: () => boolean, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now()
    const check = (): void => (done() || performance.now() - started >= maxMs ? resolve() : void setTimeout(check, 10))
    check()
  })
}

// Any address works for asking the routing table which source address leaves by the default route.
const ANY_OUTSIDE_ADDRESS = '203.0.113.1'

/** The listeners a run opened; each is closed the moment the probes are done. */
interface Listeners {
  tcp: HairpinListener | null
  udp: UdpListener | null
  /** On this host's global IPv6 address, for the direct IPv6 path. */
  tcp6: HairpinListener | null
}

function closeAll(l: Listeners): Promise<unknown> {
  return Promise.all([l.tcp?.close(), l.udp?.close(), l.tcp6?.close()])
}

function allLocalAddresses(ifaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  return Object.values(ifaces).flatMap((infos) => (infos ?? []).map((i) => i.address))
}

function serviceReport(id: ServiceIdentity): ServiceReport {
  return { ...id, description: describeService(id) }
}

/** What an interrupted run rejects its pending steps with (see `RunOptions.signal`). */
class Interrupted extends Error {}

/** Runs one probe and returns the full report. Never rejects for network trouble: it is reported. */
export async function runProbe(opts: RunOptions, io: RunIO): Promise<Report> {
  const startedAt = new Date(io.date().getTime() - (io.now() - opts.started)).toISOString()
  const key = opts.peerKey ?? io.randomBytes(32)
  const routes = io.defaultRoutes()
  const ifaces = io.interfaces()
  const v6Local = opts.ipv6 ? globalIpv6Address(ifaces) : null
  const left = (): number => Math.max(1, opts.deadline - io.now())
  const listeners: Listeners = { tcp: null, udp: null, tcp6: null }
  // Every step races the stop signal: on SIGINT or SIGTERM the run ends where it is, with what it has.
  const signal = opts.signal
  const interrupted = new Promise<never>((_, reject) => {
    if (signal === undefined) return
    // The CLI aborts with the signal's name; anything else is just "interrupted".
    const stop = (): void => reject(new Interrupted(typeof signal.reason === 'string' ? signal.reason : 'interrupted'))
    if (signal.aborted) stop()
    else signal.addEventListener('abort', stop, { once: true })
  })
  interrupted.catch(() => {}) // observed by the steps below; never an unhandled rejection
  const step = <T>(p: Promise<T>): Promise<T> => Promise.race([p, interrupted])

  let fault: Fault | null = null
  let target: { address: string | null; reason: TargetReport['reason'] } | null = opts.target === null ? null : { address: opts.target, reason: 'flag' }
  let mode: Observations['mode'] = opts.target !== null ? 'target' : opts.peerKey !== null ? 'peer' : 'listen'
  let discovered: DiscoverResult = { address: opts.publicIp, sources: [] }
  let discoveredV6: DiscoverResult | null = null
  let resolution: Awaited<ReturnType<typeof resolveName>> | null = null
  let client: string | null = null
  let where: ReturnType<typeof findInterface> = null
  let gateway: string | null = null
  let dnsPoints: DnsReport['pointsTo'] | null = null
  let aaaa: string | null = null
  let v6Target: string | null = null
  let tcp: TcpReport | null = null
  let udp: UdpReport | null = null
  let direct: DnsReport['direct'] = null
  let v6Result: TcpProbeResult | null = null
  let targetReport: TargetReport | null = null
  let external: ExternalReport | null = null
  let gatewayReport: GatewayReport | null = null
  const local = allLocalAddresses(ifaces)

  try {
    if (mode === 'listen') {
      io.onStep?.(`Listening on ${opts.bind}:${opts.port}`)
      try {
        if (opts.tcp) listeners.tcp = await step(io.listen({ bind: opts.bind, port: opts.port, key }))
        if (opts.udp) listeners.udp = await step(io.listenUdp({ bind: opts.bind, port: opts.port, key }))
      } catch (err) {
        if (err instanceof Interrupted) throw err
        const e = err as NodeJS.ErrnoException
        if (e.code === 'EADDRINUSE' && opts.tcp && listeners.tcp === null && !opts.udp) {
          // A real service holds the port: compare what answers instead of listening (target mode).
          target = { address: null, reason: 'port-in-use' }
          mode = 'target'
        } else {
          fault = { kind: 'listen-failed', code: e.code ?? null, message: describeListenError(e, opts.bind, opts.port) }
        }
      }
      // The direct IPv6 path needs our listener on the global address too; without it, that path is just not tested.
      if (fault === null && target === null && opts.tcp && v6Local !== null) {
        listeners.tcp6 = await step(io.listen({ bind: v6Local, port: opts.port, key }).catch(() => null))
      }
    }

    // The gateway is asked alongside everything else: its answers do not depend on them.
    const gatewayQuery: Promise<GatewayReport | null> =
      fault !== null || !opts.gateway
        ? Promise.resolve(null)
        : Promise.all([io.sourceAddressFor(ANY_OUTSIDE_ADDRESS), routes]).then(([from, r]) => {
            const gw = pickGateway(r, (from === null ? null : findInterface(from, ifaces))?.name ?? null, from)
            const protocol = opts.tcp ? ('TCP' as const) : ('UDP' as const)
            return io.queryGateway({ gateway: gw, client: from, port: opts.port, protocol, timeoutMs: Math.min(GATEWAY_TIMEOUT_MS, left()), now: io.now })
          })

    // Learn what we need, all at once: public IPv4, public IPv6, the name.
    if (fault === null) {
      // Half the time left at most, so the probes always keep the other half.
      const budget = Math.max(1, Math.round(Math.min(ECHO_DEADLINE_MS, left() / 2)))
      if (opts.publicIp === null) io.onStep?.(`Asking ${opts.echoUrls.length} echo services for the public IP`)
      ;[discovered, discoveredV6, resolution] = await step(
        Promise.all([
          opts.publicIp === null ? io.discoverPublicIp(opts.echoUrls, budget, 4) : discovered,
          v6Local !== null && opts.echoUrlsV6.length > 0 ? io.discoverPublicIp(opts.echoUrlsV6, budget, 6) : null,
          opts.host === null ? null : resolveName(opts.host, { lookup: io.lookup, timeoutMs: Math.min(DNS_TIMEOUT_MS, budget) }),
        ]),
      )
      if (discovered.address === null) fault = { kind: 'no-public-ip', code: null, message: describeDiscoveryFailure(discovered.sources) }
    }
    const publicIp = discovered.address
    client = await step(io.sourceAddressFor(publicIp ?? ANY_OUTSIDE_ADDRESS))
    where = client === null ? null : findInterface(client, ifaces)
    gateway = pickGateway(await step(routes), where?.name ?? null, client)
    const known: KnownAddresses = { client, gateway, publicIp }
    if (target !== null && target.address === null) target.address = client // the port's holder is this host

    const lm = { publicIp, lanPrefix: where?.lanPrefix ?? null, local }
    dnsPoints = resolution === null ? null : pointsTo(resolution.addresses, lm)
    const dnsLan = resolution?.addresses.find((a) => pointsTo([a], lm) === 'lan') ?? null
    // The IPv6 path: the name's AAAA record if there is one, else (listening here) our own global address.
    aaaa = resolution?.addresses.find((a) => a.includes(':')) ?? null
    v6Target = aaaa ?? (listeners.tcp6 !== null ? v6Local : null)

    if (fault === null && publicIp !== null) {
      const tcpProbe = (host: string, listener: HairpinListener | null): Promise<TcpProbeResult> => {
        const nonce = io.randomBytes(NONCE_BYTES).toString('hex')
        listener?.expect(nonce)
        return io.probe({ host, port: opts.port, key, nonce, timeoutMs: left(), now: io.now })
      }
      // Outside reachability: while our listener runs, a connection it sees at that moment is the checker's.
      const externalCheck = async (url: string): Promise<ExternalReport> => {
        const l = listeners.tcp
        const before = l?.strangers ?? 0
        const r = await io.checkExternal(url, opts.port, left())
        if (l === null) return { ...r, seenByListener: null }
        // The checker closes its connection before it answers us, but our listener may see that
        // close a moment after the answer arrives: give it that moment.
        if (r.reachable === true) await until(() => l.strangers > before, EXTERNAL_SETTLE_MS)
        return { ...r, seenByListener: l.strangers > before }
      }
      if (target !== null) {
        io.onStep?.(`Comparing what answers at ${publicIp}:${opts.port} and ${target.address}:${opts.port}`)
        const identify = (host: string): Promise<ServiceIdentity> =>
          io.identifyService({ host, port: opts.port, servername: opts.host, timeoutMs: left(), now: io.now })
        const [pub, dir, ext] = await step(
          Promise.all([
            identify(publicIp),
            target.address === null ? null : identify(target.address),
            opts.external === null ? null : externalCheck(opts.external),
          ]),
        )
        external = ext
        targetReport = {
          address: target.address ?? 'unknown',
          reason: target.reason,
          viaPublicIp: serviceReport(pub),
          direct: dir === null ? null : serviceReport(dir),
          same: dir === null ? null : sameService(pub, dir),
        }
      } else {
        io.onStep?.(`Connecting to ${publicIp}:${opts.port} from inside`)
        const udpNonce = io.randomBytes(NONCE_BYTES).toString('hex')
        listeners.udp?.expect(udpNonce)
        const [t, u, d, v6, ext] = await step(
          Promise.all([
            opts.tcp ? tcpProbe(publicIp, listeners.tcp) : null,
            opts.udp ? io.probeUdp({ host: publicIp, port: opts.port, key, nonce: udpNonce, timeoutMs: left(), now: io.now }) : null,
            dnsPoints === 'lan' && dnsLan !== null && opts.tcp ? tcpProbe(dnsLan, listeners.tcp) : null,
            v6Target !== null && opts.tcp ? tcpProbe(v6Target, listeners.tcp6) : null,
            opts.external === null ? null : externalCheck(opts.external),
          ]),
        )
        external = ext
        await closeAll(listeners) // the port is open to the internet: close it the moment we know
        if (t !== null) {
          tcp = {
            outcome: t.outcome,
            observedPeer: t.observedPeer,
            peerKind: classifyPeer(t.observedPeer, known),
            serverAddress: t.serverAddress,
            ms: t.ms,
            strangers: listeners.tcp?.strangers ?? 0,
            error: t.error,
            answer: t.answer,
          }
          // No local route at all (no source address for the public IP) is this host's problem, not a verdict.
          const local = t.outcome === 'error' || (t.error === 'ENETUNREACH' && client === null)
          if (local) fault = { kind: 'probe-error', code: t.error, message: describeProbeError(t.error, publicIp, opts.port) }
        }
        if (u !== null) udp = { ...u, peerKind: classifyPeer(u.observedPeer, known), strangers: listeners.udp?.strangers ?? 0 }
        if (d !== null) direct = { address: dnsLan!, outcome: d.outcome, observedPeer: d.observedPeer, ms: d.ms }
        v6Result = v6
        // Silence can also mean this host lost its network while it waited: a route that is gone
        // now makes that a fault, not a verdict on the router.
        const silent = [t, u].some((r) => r !== null && (r.outcome === 'timeout' || r.outcome === 'unreachable'))
        if (fault === null && client !== null && silent && (await step(io.sourceAddressFor(publicIp))) === null) {
          fault = {
            kind: 'probe-error',
            code: 'ENETUNREACH',
            message: `this host lost its route to ${publicIp} during the test (the link or the default route went away); check the network and run it again`,
          }
        }
      }
    }
    gatewayReport = await step(gatewayQuery)
  } catch (err) {
    if (!(err instanceof Interrupted)) throw err
    fault = { kind: 'interrupted', code: err.message, message: `interrupted by ${err.message} before the verdict; the report holds what was seen so far` }
  } finally {
    await closeAll(listeners) // on every path: the port is open to the internet
  }

  const publicIp = discovered.address
  const ipv6: Ipv6Report | null =
    v6Local === null && aaaa === null
      ? null
      : {
          address: v6Local,
          publicAddress: discoveredV6?.address ?? null,
          sources: discoveredV6?.sources ?? [],
          target: v6Target,
          outcome: v6Result?.outcome ?? null,
          observedPeer: v6Result?.observedPeer ?? null,
          ms: v6Result?.ms ?? null,
          error: v6Result?.error ?? null,
        }
  const obs: Observations = {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    port: opts.port,
    startedAt,
    durationMs: Math.round(io.now() - opts.started),
    publicIp: {
      address: publicIp,
      via: opts.publicIp === null ? 'echo' : 'flag',
      sources: discovered.sources,
      onThisHost: publicIp === null ? null : local.includes(publicIp),
    },
    client: { address: client, gateway, lanPrefix: where?.lanPrefix ?? null, interface: where?.name ?? null },
    mode,
    listener: listeners.tcp !== null || listeners.udp !== null ? { bind: opts.bind } : null,
    tcp,
    udp,
    dns:
      resolution === null || opts.host === null
        ? null
        : { name: opts.host, addresses: resolution.addresses, pointsTo: dnsPoints!, error: resolution.error, direct },
    ipv6,
    target: targetReport,
    gateway: gatewayReport,
    external,
    fault,
  }
  return { ...obs, verdict: diagnose(obs) }
}

/**
 * One line for a hairpin connection that failed on this host's side, not the network's: the
 * network went away, or the address cannot be used.
 */
export function describeProbeError(code: string | null, publicIp: string, port: number): string {
  switch (code) {
    case 'ENETUNREACH':
      return `connecting to ${publicIp}:${port} failed: this host has no route to it (ENETUNREACH); check the default route (ip route) and the link`
    case 'ENETDOWN':
      return `connecting to ${publicIp}:${port} failed: this host's network is down (ENETDOWN); check the link and try again`
    case 'EADDRNOTAVAIL':
      return `connecting to ${publicIp}:${port} failed: no usable local address (EADDRNOTAVAIL); the network changed while the test ran, try again`
    default:
      return `connecting to ${publicIp}:${port} failed: ${code}`
  }
}
