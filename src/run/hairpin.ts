// The hairpin phase: connect to the public IP from inside (TCP, UDP), to the name's LAN address and over IPv6, all at once.

import { probeTcpStaggered, type StaggeredResult } from '../net/attempts.js'
import type { HairpinListener } from '../net/listener.js'
import { NONCE_BYTES } from '../net/proof.js'
import type { UdpProbeResult } from '../net/udp.js'
import type { ExternalReport, HostFirewallReport } from '../report/report.js'
import { classifyPeer, type KnownAddresses } from './classify.js'
import { checkFromOutside } from './external.js'
import { closeListeners, type RunState } from './state.js'

/**
 * Time kept back from the probes for the checks that settle a failure: identifying what answered
 * instead of our listener, or reading this host's firewall after silence (at most a third of
 * what is left). Identification needs a banner wait, a TLS handshake and one HTTP answer.
 */
export const SETTLE_RESERVE_MS = 1500

/** Most echo candidates probed at once when the echo services tie. */
export const MAX_CANDIDATES = 3

/**
 * How long the first hairpin attempt may take before this host's firewall is read too: a LAN
 * hairpin proves in milliseconds, so a run that works never spawns the firewall tools.
 */
export const FIREWALL_AFTER_MS = 300

/**
 * How long reading this host's firewall may take: nft and iptables-save answer in milliseconds, but
 * firewall-cmd takes two or three rounds of Python start-up and D-Bus calls. Never past the run's deadline.
 */
export const FIREWALL_READ_MS = 4000

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

/** What the probes came back with. */
interface Results {
  /** The TCP probe through each public IP candidate probed, in candidate order. */
  tcp: Array<{ address: string; result: StaggeredResult }>
  udp: UdpProbeResult | null
  /** The direct connection to the name's LAN address. */
  direct: StaggeredResult | null
  v6: StaggeredResult | null
  external: ExternalReport | null
  firewall: HostFirewallReport | null
}

/** The addresses to probe: the public IP, or when the echo services tie, each tied answer (three at most). */
function candidatesToProbe(s: RunState, publicIp: string): string[] {
  const [top, ...rest] = s.obs.publicIp.candidates
  if (top === undefined) return [publicIp]
  const tied = rest.filter((c) => c.votes === top.votes)
  return [top, ...tied].slice(0, MAX_CANDIDATES).map((c) => c.address)
}

/** Staggered TCP attempts to `host`, each with a fresh nonce its listener expects, within `budget`. */
function tcpProbe(s: RunState, host: string, listener: HairpinListener | null, budget: number): Promise<StaggeredResult> {
  const { io, opts, key } = s
  return probeTcpStaggered({
    timeoutMs: budget,
    now: io.now,
    attempt: (timeoutMs, signal) => {
      const nonce = io.randomBytes(NONCE_BYTES).toString('hex')
      listener?.expect(nonce)
      return io.probe({ host, port: opts.port, key, nonce, timeoutMs, now: io.now, signal })
    },
  })
}

/**
 * Reads this host's firewall when the probes take longer than `FIREWALL_AFTER_MS` (listening
 * here only): a hairpin that proves, or fails loudly, before then never spawns the firewall tools.
 * Resolves when the probes are done: null when it was not read.
 */
function firewallIfSlow(s: RunState, probes: Promise<unknown>): Promise<HostFirewallReport | null> {
  const { io, opts, obs } = s
  if (obs.mode !== 'listen') return Promise.resolve(null)
  let reading: Promise<HostFirewallReport> | null = null
  const timer = setTimeout(() => {
    reading = io.readHostFirewall({ port: opts.port, protocol: opts.tcp ? 'tcp' : 'udp', timeoutMs: Math.min(FIREWALL_READ_MS, s.left()) })
  }, FIREWALL_AFTER_MS)
  return probes.then(() => {
    clearTimeout(timer)
    return reading
  })
}

/** Runs every probe at once, each with fresh nonces its listener expects. */
async function probeAll(s: RunState, publicIp: string): Promise<Results> {
  const { opts, io, key, listeners, learned, obs } = s
  io.onStep?.(`Connecting to ${publicIp}:${opts.port} from inside`)
  const budget = s.left() - Math.min(SETTLE_RESERVE_MS, Math.floor(s.left() / 3))
  const udpNonce = io.randomBytes(NONCE_BYTES).toString('hex')
  listeners.udp?.expect(udpNonce)
  const v6Target = obs.ipv6?.target ?? null
  const tcp = opts.tcp ? Promise.all(candidatesToProbe(s, publicIp).map(async (address) => ({ address, result: await tcpProbe(s, address, listeners.tcp, budget) }))) : Promise.resolve([])
  const udp = opts.udp ? io.probeUdp({ host: publicIp, port: opts.port, key, nonce: udpNonce, timeoutMs: budget, now: io.now }) : null
  const [tcpResults, udpResult, direct, v6, external, firewall] = await s.step(
    Promise.all([
      tcp,
      udp,
      obs.dns?.pointsTo === 'lan' && learned.dnsLan !== null && opts.tcp ? tcpProbe(s, learned.dnsLan, listeners.tcp, budget) : null,
      v6Target !== null && opts.tcp ? tcpProbe(s, v6Target, listeners.tcp6, budget) : null,
      opts.external === null ? null : checkFromOutside(s, opts.external),
      firewallIfSlow(s, Promise.all([tcp, udp])),
    ]),
  )
  return { tcp: tcpResults, udp: udpResult, direct, v6, external, firewall }
}

/** The TCP probe that counts: the one that proved (its address is then the public IP), else the first candidate's. */
function recordTcp(s: RunState, r: Results, known: KnownAddresses): void {
  const { obs, listeners } = s
  if (r.tcp.length === 0) return
  const proven = r.tcp.find((c) => c.result.outcome === 'ok')
  const chosen = proven ?? r.tcp[0]!
  if (r.tcp.length > 1) {
    for (const c of obs.publicIp.candidates) c.outcome = r.tcp.find((x) => x.address === c.address)?.result.outcome ?? null
  }
  if (proven !== undefined) obs.publicIp.address = proven.address
  const { outcome, observedPeer, serverAddress, ms, attempts, error, answer } = chosen.result
  const peerKind = classifyPeer(observedPeer, { ...known, publicIp: obs.publicIp.address })
  obs.tcp = { outcome, observedPeer, peerKind, serverAddress, ms, attempts, strangers: listeners.tcp?.strangers ?? 0, error, answer }
}

/** Puts the results in the report, each address the listener saw classified. */
function record(s: RunState, r: Results): void {
  const { obs, listeners, learned } = s
  const known: KnownAddresses = { client: obs.client.address, gateway: obs.client.gateway, publicIp: obs.publicIp.address }
  obs.external = r.external
  recordTcp(s, r, known)
  if (r.udp !== null) obs.udp = { ...r.udp, peerKind: classifyPeer(r.udp.observedPeer, known), strangers: listeners.udp?.strangers ?? 0 }
  if (r.direct !== null && obs.dns !== null) obs.dns.direct = { address: learned.dnsLan!, outcome: r.direct.outcome, observedPeer: r.direct.observedPeer, ms: r.direct.ms }
  if (r.v6 !== null && obs.ipv6 !== null) Object.assign(obs.ipv6, { outcome: r.v6.outcome, observedPeer: r.v6.observedPeer, ms: r.v6.ms, error: r.v6.error })
  // This host's firewall only matters when the probe met silence.
  const silent = [obs.tcp, obs.udp].some((x) => x?.outcome === 'timeout')
  if (silent) obs.hostFirewall = r.firewall
}

/** This host's own trouble is a fault, not a verdict: no local route at all, or a route lost while the probes waited. */
async function localFault(s: RunState, publicIp: string): Promise<void> {
  const { obs, opts, io } = s
  const t = obs.tcp
  // No local route at all (no source address for the public IP) is this host's problem, not a verdict.
  if (t !== null && (t.outcome === 'error' || (t.error === 'ENETUNREACH' && obs.client.address === null))) {
    obs.fault = { kind: 'probe-error', code: t.error, message: describeProbeError(t.error, publicIp, opts.port) }
    return
  }
  // Silence can also mean this host lost its network while it waited: a route that is gone
  // now makes that a fault, not a verdict on the router.
  const silent = [t, obs.udp].some((x) => x !== null && (x.outcome === 'timeout' || x.outcome === 'unreachable'))
  if (obs.client.address !== null && silent && (await s.step(io.sourceAddressFor(publicIp))) === null) {
    obs.fault = {
      kind: 'probe-error',
      code: 'ENETUNREACH',
      message: `this host lost its route to ${publicIp} during the test (the link or the default route went away); check the network and run it again`,
    }
  }
}

/**
 * The TCP probe that counts ended in something that is no evidence (see `StaggeredResult.conclusive`):
 * silence within a budget too short for it to mean anything, or one foreign answer no other attempt
 * confirmed. Under loss both come from a working hairpin too, so the run has no verdict.
 */
function inconclusiveTcp(s: RunState, r: Results): void {
  const { obs, opts } = s
  const chosen = (r.tcp.find((c) => c.result.outcome === 'ok') ?? r.tcp[0])?.result
  if (obs.fault !== null || chosen === undefined || chosen.conclusive) return
  // TCP silence beside a UDP answer straight from the server: UDP names the failure (see the diagnosis).
  if (chosen.outcome === 'timeout' && obs.udp?.outcome === 'direct-reply') return
  const target = `${obs.publicIp.address}:${opts.port}`
  const message =
    chosen.outcome === 'timeout'
      ? `only ${chosen.ms} ms of the --timeout budget were left to connect to ${target} (start-up and the echo services took the rest), too little for silence to mean anything; run again with a larger --timeout`
      : `one attempt to connect to ${target} met something other than this host's listener, and no other attempt confirmed it in the ${chosen.ms} ms the probe had (under heavy packet loss this host's own listener can look like that); run again with a larger --timeout`
  obs.fault = { kind: 'probe-error', code: null, message }
}

/**
 * Probes the public IP from inside over TCP (each tied echo answer, when the echo services tie)
 * and UDP, the name's LAN address and the IPv6 path, with the outside check alongside, and this
 * host's firewall when the first attempt is slow; closes the listeners the moment they are done.
 * Fills in `obs.tcp`, `obs.udp`, `obs.dns.direct`, `obs.ipv6`'s outcome, `obs.external`,
 * `obs.hostFirewall` (after silence), and the `probe-error` fault when this host's own network failed
 * or the TCP probe's failure is no evidence.
 */
export async function probeHairpin(s: RunState, publicIp: string): Promise<void> {
  const results = await probeAll(s, publicIp)
  await closeListeners(s) // the port is open to the internet: close it the moment we know
  record(s, results)
  await localFault(s, s.obs.publicIp.address ?? publicIp)
  inconclusiveTcp(s, results)
}
