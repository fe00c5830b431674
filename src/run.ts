// One probe run, start to verdict: listen, learn the public IP, connect from inside, classify, diagnose.

import { randomBytes } from 'node:crypto'
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import { classifyPeer } from './classify.js'
import { diagnose } from './diagnose.js'
import { describeDiscoveryFailure, discoverPublicIp, ECHO_DEADLINE_MS, type DiscoverResult } from './echo.js'
import { describeListenError, startListener, type HairpinListener, type ListenerOptions } from './listener.js'
import { findInterface, pickGateway, readDefaultRoutes, sourceAddressFor, type DefaultRoute } from './netinfo.js'
import { probeTcp, type TcpProbeOptions, type TcpProbeResult } from './probe.js'
import { NONCE_BYTES } from './proof.js'
import { SCHEMA_VERSION, type Fault, type Observations, type Report, type TcpReport } from './report.js'
import { TOOL } from './version.js'

/** What to test. */
export interface RunOptions {
  port: number
  /** Address to listen on; `0.0.0.0` for all IPv4 addresses. */
  bind: string
  /** The public IP when given (`--public-ip`); null to ask the echo services. */
  publicIp: string | null
  echoUrls: readonly string[]
  /** When the run must end, on the `io.now()` clock. */
  deadline: number
  /** When the run started, on the `io.now()` clock (the CLI passes process start). */
  started: number
}

/** Every piece of I/O a run does, injectable for tests. */
export interface RunIO {
  /** Monotonic milliseconds. */
  now(): number
  /** Wall-clock time, for `startedAt`. */
  date(): Date
  randomBytes(n: number): Buffer
  discoverPublicIp(urls: readonly string[], deadlineMs: number): Promise<DiscoverResult>
  interfaces(): NodeJS.Dict<NetworkInterfaceInfo[]>
  defaultRoutes(): Promise<DefaultRoute[]>
  sourceAddressFor(destination: string): Promise<string | null>
  listen(opts: ListenerOptions): Promise<HairpinListener>
  probe(opts: TcpProbeOptions): Promise<TcpProbeResult>
  /** Told when the run moves to a new step (the CLI shows it in a spinner). */
  onStep?(text: string): void
}

/** The real I/O. The HTTP client (undici) is loaded only when echo services are asked. */
export function systemIO(): RunIO {
  return {
    now: () => performance.now(),
    date: () => new Date(),
    randomBytes,
    async discoverPublicIp(urls, deadlineMs) {
      const { createHttpGet } = await import('./http.js')
      const http = createHttpGet()
      try {
        return await discoverPublicIp({ urls, http: http.get, now: () => performance.now(), deadlineMs })
      } finally {
        await http.close()
      }
    },
    interfaces: networkInterfaces,
    defaultRoutes: () => readDefaultRoutes(),
    sourceAddressFor,
    listen: startListener,
    probe: probeTcp,
  }
}

// Any address works for asking the routing table which source address leaves by the default route.
const ANY_OUTSIDE_ADDRESS = '203.0.113.1'

/** Runs one probe and returns the full report. Never rejects for network trouble: it is reported. */
export async function runProbe(opts: RunOptions, io: RunIO): Promise<Report> {
  const startedAt = new Date(io.date().getTime() - (io.now() - opts.started)).toISOString()
  const key = io.randomBytes(32)
  const routes = io.defaultRoutes()
  let fault: Fault | null = null
  let tcp: TcpReport | null = null
  let listener: HairpinListener | null = null
  let discovered: DiscoverResult = { address: opts.publicIp, sources: [] }

  io.onStep?.(`Listening on ${opts.bind}:${opts.port}`)
  try {
    listener = await io.listen({ bind: opts.bind, port: opts.port, key })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? null
    fault = { kind: 'listen-failed', code, message: describeListenError(err as NodeJS.ErrnoException, opts.bind, opts.port) }
  }

  try {
    if (listener !== null && opts.publicIp === null) {
      io.onStep?.(`Asking ${opts.echoUrls.length} echo services for the public IP`)
      // Half the time left at most, so the hairpin attempt always keeps the other half.
      const echoDeadline = Math.min(ECHO_DEADLINE_MS, (opts.deadline - io.now()) / 2)
      discovered = await io.discoverPublicIp(opts.echoUrls, Math.max(1, echoDeadline))
      if (discovered.address === null) fault = { kind: 'no-public-ip', code: null, message: describeDiscoveryFailure(discovered.sources) }
    }
    const publicIp = discovered.address
    const client = await io.sourceAddressFor(publicIp ?? ANY_OUTSIDE_ADDRESS)
    const where = client === null ? null : findInterface(client, io.interfaces())
    const gateway = pickGateway(await routes, where?.name ?? null, client)

    if (listener !== null && publicIp !== null) {
      io.onStep?.(`Connecting to ${publicIp}:${opts.port} from inside`)
      const nonce = io.randomBytes(NONCE_BYTES).toString('hex')
      listener.expect(nonce)
      const result = await io.probe({
        host: publicIp,
        port: opts.port,
        key,
        nonce,
        timeoutMs: Math.max(1, opts.deadline - io.now()),
        now: io.now,
      })
      await listener.close() // the port is open to the internet: close it the moment we know
      tcp = {
        outcome: result.outcome,
        observedPeer: result.observedPeer,
        peerKind: classifyPeer(result.observedPeer, { client, gateway, publicIp }),
        serverAddress: result.serverAddress,
        ms: result.ms,
        strangers: listener.strangers,
        error: result.error,
        answer: result.answer,
      }
      if (result.outcome === 'error') {
        fault = { kind: 'probe-error', code: result.error, message: `connecting to ${publicIp}:${opts.port} failed: ${result.error}` }
      }
    }

    const obs: Observations = {
      schemaVersion: SCHEMA_VERSION,
      tool: TOOL,
      port: opts.port,
      startedAt,
      durationMs: 0,
      publicIp: {
        address: publicIp,
        via: opts.publicIp === null ? 'echo' : 'flag',
        sources: discovered.sources,
        onThisHost: publicIp === null ? null : findInterface(publicIp, io.interfaces()) !== null,
      },
      client: { address: client, gateway, lanPrefix: where?.lanPrefix ?? null, interface: where?.name ?? null },
      listener: listener === null ? null : { bind: opts.bind },
      tcp,
      fault,
    }
    obs.durationMs = Math.round(io.now() - opts.started)
    return { ...obs, verdict: diagnose(obs) }
  } finally {
    await listener?.close() // also when something above threw
  }
}
