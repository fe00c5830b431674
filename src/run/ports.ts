// Several ports in one run: each port probed at once, one echo lookup and one gateway query serving them all.

import { forPort } from '../gateway/index.js'
import type { Observations } from '../report/report.js'
import { runProbe } from './run.js'
import type { RunIO, RunOptions } from './state.js'

/** What several ports are tested with: the run's options, a list of ports, and the outside check's URL per port. */
export type PortsOptions = Omit<RunOptions, 'port' | 'external'> & {
  ports: readonly number[]
  /** `--external`: the port-check URL for a port, or null without `--external`. */
  externalFor(port: number): string | null
}

/**
 * The run's I/O with the lookups every port shares done once: the echo services are asked once per
 * address family, and the gateway once (the answers do not depend on the port).
 */
export function sharedIO(io: RunIO, ports: readonly number[] = []): RunIO {
  const echo = new Map<string, ReturnType<RunIO['discoverPublicIp']>>()
  let gateway: ReturnType<RunIO['queryGateway']> | null = null
  const together = sharedGatewayControl(ports.length)
  return {
    ...io,
    discoverPublicIp(urls, deadlineMs, family) {
      const key = `${family} ${urls.join(' ')}`
      if (!echo.has(key)) echo.set(key, io.discoverPublicIp(urls, deadlineMs, family))
      return echo.get(key)!
    },
    // One query for all: the first port asks, and the others' UPnP mappings are looked up with it.
    queryGateway(opts) {
      gateway ??= io.queryGateway({ ...opts, ...together.control, otherPorts: ports.filter((p) => p !== opts.port) })
      together.join(opts)
      return gateway.then((r) => forPort(r, opts.port))
    },
  }
}

/**
 * The shared gateway query's cut, UPnP hold and progress, for `ports` runs: it is cut only once every
 * run has stopped waiting (a run without a signal never does), UPnP goes on as soon as one run is
 * in doubt, and every run hears when only UPnP is left.
 */
function sharedGatewayControl(ports: number) {
  const cut = new AbortController()
  let stopped = 0
  let release!: () => void
  const hold = new Promise<void>((resolve) => (release = resolve))
  const listeners: Array<() => void> = []
  let unheldDone = false
  const onUnheldDone = (): void => {
    unheldDone = true
    for (const f of listeners) f()
  }
  const join = (opts: Parameters<RunIO['queryGateway']>[0]): void => {
    if (opts.signal === undefined) stopped = -Infinity
    else opts.signal.addEventListener('abort', () => (++stopped >= ports ? cut.abort() : undefined), { once: true })
    if (opts.hold === undefined) release()
    else void opts.hold.then(release)
    if (opts.onUnheldDone !== undefined) (unheldDone ? opts.onUnheldDone() : listeners.push(opts.onUnheldDone))
  }
  return { control: { signal: cut.signal, hold, onUnheldDone }, join }
}

/** Probes every port at once (listeners, probes), sharing the lookups; the observations in the order of `ports`. */
export function runProbes(opts: PortsOptions, io: RunIO): Promise<Observations[]> {
  const { ports, externalFor, ...rest } = opts
  const shared = ports.length > 1 ? sharedIO(io, ports) : io
  return Promise.all(ports.map((port) => runProbe({ ...rest, port, external: externalFor(port) }, shared)))
}
